"""The archive as the office lives with it: the journal they print and write on, documents
changed by hand, an undone change, files other accounts can open."""

from __future__ import annotations

import os
import re
import stat
import sys

import openpyxl
import pytest
from click.testing import CliRunner
from docx import Document

from generator import journal, register
from generator.archive import State
from generator.build import build
from generator.cli import main

from .helpers import BASE, SAMPLE, soffice, without_warnings, workbook

JOURNAL = "Реестр документов.xlsx"
PROTOCOL = "Протокол № 2 от 22.04.2026.docx"


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
    sheet.cell(1, 9, "Подписан")
    row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == PROTOCOL)
    sheet.cell(row, 9, "да, 25.04.2026")
    sheet.column_dimensions["I"].width = 18
    sheet_book.save(folder / JOURNAL)

    build(changed_decision(tmp_path), out)  # new versions: rows are added
    build(book, out)  # and the change undone
    rows = journal_rows(folder)
    assert rows[0][8] == "Подписан"
    by_file = {r[1]: r for r in rows[1:]}
    assert by_file[PROTOCOL][8] == "да, 25.04.2026"
    assert by_file["Протокол № 2 от 22.04.2026 (версия 2).docx"][8] is None
    assert sum(1 for r in rows[1:] if r[8]) == 1
    assert openpyxl.load_workbook(folder / JOURNAL).active.column_dimensions["I"].width == 18


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
    extract = next(r for r in rows if r[2] == "Выписка")
    assert extract[3:7] == ["№ 1 от 15.10.2025", "Петрова В.Г.", 1, "да"]
    certificate = next(r for r in rows if r[2] == "Справка")
    assert certificate[4] == "Петрова В.Г."
    plan = rows[1]
    assert plan[:7] == [1, "План работы на 2025-2026 учебный год.docx", "План", None, None, 1,
                        "да"]
    assert len(plan[7]) == len("20.05.2026 14:03")


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
    assert "Реестр документов, 2025/2026 учебный год" in text


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
    assert version not in [r[1] for r in journal_rows(folder)]

    monkeypatch.setattr(journal, "write_atomic", real)  # the journal is closed
    again = run("build", changed_decision(tmp_path), "-o", out)
    assert without_warnings(again.output) == \
        f"Итого: ничего нового — {total} документов без изменений.\n"
    assert version in [r[1] for r in journal_rows(folder)]


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
    current = {r[1]: r[6] for r in journal_rows(folder)[1:] if r[1].startswith("Протокол № 2")}
    assert current == {PROTOCOL: "да", "Протокол № 2 от 22.04.2026 (версия 2).docx": None}


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
