"""The archive as the office lives with it: the journal they print and write on, documents
changed by hand, an undone change, files other accounts can open."""

from __future__ import annotations

import datetime as dt
import os
import re
import stat
import sys

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from generator.archive import journal, register
from generator.archive.store import State
from generator.build import build
from generator.cli.main import main

from .helpers import BASE, SAMPLE, soffice, without_warnings, workbook

JOURNAL = "Реестр документов.xlsx"
PROTOCOL = "Протокол № 2 от 22.04.2026.docx"
LISTED = "Протокол № 2 от 22.04.2026"  # the journal names documents without «.docx»


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def changed_decision(tmp_path, name="v2.xlsx"):
    agenda = [dict(row) for row in BASE["Повестка"]]
    agenda[2]["Решили"] = "Опыт рекомендовать коллегам."  # a decision of meeting 2
    return workbook(tmp_path, name=name, Повестка=agenda)


def journal_rows(folder):
    book = openpyxl.load_workbook(folder / JOURNAL)
    rows = [list(row) for row in book.active.iter_rows(values_only=True)]
    book.close()
    return rows


@pytest.mark.slow
def test_a_column_the_staff_add_survives_every_build(tmp_path):
    out = tmp_path / "out"
    book = workbook(tmp_path)
    build(book, out)
    folder = out / "2025-2026"
    # The secretary adds «Подписан» in Excel and fills it for the minutes of meeting 2.
    sheet_book = openpyxl.load_workbook(folder / JOURNAL)
    sheet = sheet_book.active
    sheet.cell(1, 10, "Подписан")
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == LISTED)
    sheet.cell(row, 10, "да, 25.04.2026")
    sheet.column_dimensions["J"].width = 18
    sheet_book.save(folder / JOURNAL)

    build(changed_decision(tmp_path), out)  # new versions: rows are added
    build(book, out)  # and the change undone
    rows = journal_rows(folder)
    assert rows[0][9] == "Подписан"
    by_file = {r[1]: r for r in rows[1:]}
    assert by_file[LISTED][9] == "да, 25.04.2026"
    assert by_file["Протокол № 2 от 22.04.2026 (версия 2)"][9] is None
    assert sum(1 for r in rows[1:] if r[9]) == 1
    assert openpyxl.load_workbook(folder / JOURNAL).active.column_dimensions["J"].width == 18


@pytest.mark.slow
def test_a_column_of_a_journal_that_named_files_with_docx_is_kept(tmp_path):
    """A journal of an earlier rmo: file names with «.docx», the staff's column after them."""
    out = tmp_path / "out"
    book = workbook(tmp_path)
    build(book, out)
    folder = out / "2025-2026"
    sheet_book = openpyxl.load_workbook(folder / JOURNAL)
    sheet = sheet_book.active
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, 2).value = sheet.cell(row, 2).value + ".docx"
    sheet.cell(1, 10, "Передан")
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == PROTOCOL)
    sheet.cell(row, 10, "в архив центра")
    sheet_book.save(folder / JOURNAL)

    build(changed_decision(tmp_path), out)
    by_file = {r[1]: r for r in journal_rows(folder)[1:]}
    assert by_file[LISTED][9] == "в архив центра"


@pytest.mark.slow
def test_the_journal_prints_on_a4_landscape_one_page_wide_with_the_header_repeated(tmp_path):
    build(workbook(tmp_path), tmp_path / "out")
    sheet = openpyxl.load_workbook(tmp_path / "out" / "2025-2026" / JOURNAL).active
    assert sheet.page_setup.orientation == "landscape"
    assert int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.print_title_rows == "$1:$1"
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["№", "Документ", "Вид", "Заседание", "Кому", "Рег. № и дата выдачи",
                       "Версия", "Действующая", "Дата записи"]
    today = dt.date.today().strftime("%d.%m.%Y")
    extract = next(r for r in rows if r[2] == "Выписка")
    assert extract[1:8] == ["Выписка из протокола № 1, п. 2 (Петрова В.Г.)", "Выписка",
                            "№ 1 от 15.10.2025", "Петрова В.Г.", today, 1, "да"]
    certificate = next(r for r in rows if r[2] == "Справка")
    assert certificate[1:6] == ["Справка о выступлении (Петрова В.Г., протокол № 1, п. 2)",
                                "Справка", "№ 1 от 15.10.2025", "Петрова В.Г.",
                                f"№ 1 от {today}"]
    plan = rows[1]
    assert plan[:8] == [1, "План работы на 2025-2026 учебный год", "План", None, None, None,
                        1, "да"]
    assert len(plan[8]) == len("20.05.2026 14:03")
    # The association's name heads every printed page.
    assert sheet.oddHeader.center.text == (
        "Реестр документов РМО школьных библиотекарей, 2025/2026 учебный год")
    # Every row one line high: the longest name fits its column.
    assert {sheet.row_dimensions[r].height for r in range(2, sheet.max_row + 1)} == {15}


@pytest.mark.slow
def test_an_archive_of_an_earlier_rmo_gets_its_numbers_and_name_in_the_journal(tmp_path):
    """A register written before it kept the association and the numbers of issue: the next
    build of the same workbook fills them in, writing no document."""
    import json

    out = tmp_path / "out"
    book = workbook(tmp_path)
    build(book, out)
    folder = out / "2025-2026"
    kept = register.path(folder)
    data = json.loads(kept.read_text(encoding="utf-8"))
    del data["association"]
    for entry in data["documents"]:
        del entry["issued"]
    kept.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    (folder / JOURNAL).unlink()

    report = build(book, out)
    assert {w.status for w in report.written} == {State.UNCHANGED}
    sheet = openpyxl.load_workbook(folder / JOURNAL).active
    assert sheet.oddHeader.center.text.startswith("Реестр документов РМО школьных библиотекарей")
    today = dt.date.today().strftime("%d.%m.%Y")
    rows = {r[1]: r for r in sheet.iter_rows(values_only=True)}
    assert rows["Справка о выступлении (Петрова В.Г., протокол № 1, п. 2)"][5] == \
        f"№ 1 от {today}"


@pytest.mark.libreoffice
def test_the_printed_journal_of_the_sample_is_one_landscape_a4_page(tmp_path):
    """Printed as LibreOffice prints it: every column on the page, nothing cut."""
    import subprocess

    program = soffice()
    build(SAMPLE, tmp_path / "out")
    source = tmp_path / "journal.xlsx"
    source.write_bytes((tmp_path / "out" / "2025-2026" / JOURNAL).read_bytes())
    subprocess.run([program, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(source)],
                   capture_output=True, timeout=180, check=False,
                   env={**os.environ, "HOME": str(tmp_path)})
    pdf = tmp_path / "journal.pdf"
    assert pdf.is_file(), "LibreOffice Calc did not print the journal"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    # 33 documents since the passport and the programmes: one page wide, the rows run on.
    assert int(re.search(r"^Pages:\s+(\d+)$", info, re.M)[1]) <= 2, info
    size = next(line for line in info.splitlines() if line.startswith("Page size"))
    assert "841.89 x 595.3" in size  # A4, landscape
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode()
    for header in ("Документ", "Заседание", "Кому", "Действующая", "Дата записи"):
        assert header in text
    assert "Справка о выступлении (Мазеева Р.В., протокол № 3, п." in text
    assert "Реестр документов РМО школьных библиотекарей, 2025/2026 учебный год" in text
    assert "Рег. № и дата" in text


@pytest.mark.slow
def test_a_journal_open_in_excel_does_not_stop_the_build_and_catches_up_next_time(
        tmp_path, monkeypatch):
    out = tmp_path / "out"
    total = len(build(workbook(tmp_path), out).written)
    folder = out / "2025-2026"
    real = journal.write_atomic

    def excel_holds_it(path, data):
        if path.name == JOURNAL:
            raise PermissionError(13, "Permission denied")
        real(path, data)
    monkeypatch.setattr(journal, "write_atomic", excel_holds_it)
    result = run("build", changed_decision(tmp_path), "-o", out)
    assert result.exit_code == 0, result.output
    # The workbook's own warnings (no secretary, an item with no decision) come with it.
    assert f"Итого: 2 новые версии, {total - 2} без изменений." in result.output.splitlines()
    assert (f"• Журнал «{JOURNAL}» не обновлён: он открыт в другой программе (Excel). "
            "Документы записаны и внесены в реестр. Закройте журнал и запустите сборку ещё раз — "
            "журнал будет дополнен.") in result.output.splitlines()
    version = "Протокол № 2 от 22.04.2026 (версия 2).docx"
    assert (folder / version).is_file()
    assert version in register.path(folder).read_text(encoding="utf-8")
    assert version.removesuffix(".docx") not in [r[1] for r in journal_rows(folder)]

    monkeypatch.setattr(journal, "write_atomic", real)  # the journal is closed
    again = run("build", changed_decision(tmp_path), "-o", out)
    assert without_warnings(again.output) == \
        f"Итого: ничего нового — {total} документов без изменений.\n"
    assert version.removesuffix(".docx") in [r[1] for r in journal_rows(folder)]


@pytest.mark.slow
def test_a_document_changed_by_hand_is_left_as_it_is_and_named(tmp_path):
    out = tmp_path / "out"
    book = workbook(tmp_path)
    total = len(build(book, out).written)
    path = out / "2025-2026" / PROTOCOL
    edited = Document(str(path))
    edited.add_paragraph("Подпись секретаря заверена.")
    edited.save(str(path))
    by_hand = path.read_bytes()

    result = run("build", book, "-o", out)
    assert result.exit_code == 0
    assert without_warnings(result.output) == (
        f"  {path}: изменён вручную после записи — оставлен как есть\n"
        f"Итого: 1 изменён вручную, {total - 1} без изменений.\n")
    assert path.read_bytes() == by_hand
    assert not (out / "2025-2026" / "Протокол № 2 от 22.04.2026 (версия 2).docx").exists()

    # A real change of the workbook still gives a new version; the edited file stays.
    results = build(changed_decision(tmp_path), out).written
    protocol = next(r for r in results if r.path.name.startswith("Протокол № 2"))
    assert (protocol.status, protocol.version) == (State.VERSION, 2)
    assert path.read_bytes() == by_hand


@pytest.mark.slow
def test_undoing_a_change_names_the_version_it_matches_and_writes_no_copy(tmp_path):
    out = tmp_path / "out"
    book = workbook(tmp_path)
    total = len(build(book, out).written)
    build(changed_decision(tmp_path), out)
    folder = out / "2025-2026"
    before = sorted(p.name for p in folder.iterdir())

    result = run("build", book, "-o", out)
    assert result.exit_code == 0
    assert without_warnings(result.output) == (
        f"  {folder / PROTOCOL}: совпадает с версией 1, новый файл не нужен\n"
        f"  {folder / 'Выписка из протокола № 2, п. 1 (Сидорова Д.Е.).docx'}: "
        "совпадает с версией 1, новый файл не нужен\n"
        f"Итого: 2 совпадают с прежними версиями, {total - 2} без изменений.\n")
    assert sorted(p.name for p in folder.iterdir()) == before
    # The journal marks as current the version the workbook now gives.
    current = {r[1]: r[7] for r in journal_rows(folder)[1:] if r[1].startswith("Протокол № 2")}
    assert current == {LISTED: "да", "Протокол № 2 от 22.04.2026 (версия 2)": None}


@pytest.mark.slow
def test_an_older_version_changed_by_hand_is_named_so_and_left_as_it_is(tmp_path):
    out = tmp_path / "out"
    book = workbook(tmp_path)
    total = len(build(book, out).written)
    build(changed_decision(tmp_path), out)
    folder = out / "2025-2026"
    first = folder / PROTOCOL  # version 1, which the first workbook gives again
    edited = Document(str(first))
    edited.add_paragraph("Подпись секретаря заверена.")
    edited.save(str(first))
    by_hand = first.read_bytes()
    before = sorted(p.name for p in folder.iterdir())

    result = run("build", book, "-o", out)
    assert result.exit_code == 0
    assert without_warnings(result.output) == (
        f"  {first}: совпадает с версией 1, а её изменили вручную после записи — "
        "оставлена как есть\n"
        f"  {folder / 'Выписка из протокола № 2, п. 1 (Сидорова Д.Е.).docx'}: "
        "совпадает с версией 1, новый файл не нужен\n"
        f"Итого: 1 изменён вручную, 1 совпадает с прежней версией, {total - 2} без "
        "изменений.\n")
    assert first.read_bytes() == by_hand
    assert sorted(p.name for p in folder.iterdir()) == before


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_files_get_the_permissions_the_umask_gives(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        build(workbook(tmp_path), tmp_path / "out")
    finally:
        os.umask(old)
    files = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    # The documents, the journal and the workbook; the register, the numbers and the lock,
    # in the service folder, which only its owner opens.
    assert {p.suffix for p in files} == {".docx", ".json", ".xlsx", ".lock"}
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {mode}
    assert stat.S_IMODE((tmp_path / "out" / ".rmo").stat().st_mode) == 0o700
