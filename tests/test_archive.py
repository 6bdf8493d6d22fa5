"""The archive: same input, same bytes; nothing overwritten; a register in two forms; PDFs."""

from __future__ import annotations

import copy
import hashlib
import json
import subprocess

import openpyxl
import pytest
from click.testing import CliRunner

from generator.archive import register
from generator.archive import store as archive
from generator.archive.store import State
from generator.build import build
from generator.cli.main import main
from generator.render import pdf

from .helpers import BASE, SAMPLE, set_param, soffice, without_warnings, workbook


def hashes(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in folder.rglob("*") if p.suffix in (".docx", ".pdf")}


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.slow
def test_building_twice_writes_nothing_new(tmp_path):
    out = tmp_path / "out"
    report = build(SAMPLE, out)
    first = report.written
    before = hashes(out)
    second = build(SAMPLE, out).written
    assert report.folder == out / "2025-2026"
    assert report.workbook.association.year.label == "2025/2026"
    assert len(first) == 33
    assert [r.status for r in first] == [State.NEW] * 33
    assert [r.status for r in second] == [State.UNCHANGED] * 33
    assert hashes(out) == before


@pytest.mark.slow
def test_two_builds_into_two_empty_folders_give_the_same_bytes(tmp_path):
    build(SAMPLE, tmp_path / "a")
    build(SAMPLE, tmp_path / "b")
    assert hashes(tmp_path / "a") == hashes(tmp_path / "b")


def test_document_properties_come_from_the_data(sample_build):
    from docx import Document

    results = sample_build.written
    (path,) = [r.path for r in results if r.path.name.startswith("Протокол № 2 ")]
    protocol = Document(str(path)).core_properties
    assert protocol.created.date().isoformat() == "2026-02-18"
    assert protocol.title == "Протокол № 2 заседания РМО школьных библиотекарей от 18.02.2026"
    assert protocol.author == "Леонтьева Н.А."


@pytest.mark.slow
def test_a_changed_decision_gives_a_new_version_of_that_minutes_only(tmp_path):
    out = tmp_path / "out"
    build(workbook(tmp_path), out)
    before = hashes(out)
    agenda = copy.deepcopy(BASE["Повестка"])
    agenda[2]["Решили"] = "Опыт рекомендовать коллегам."  # a decision of meeting 2
    results = build(workbook(tmp_path, name="v2.xlsx", Повестка=agenda), out).written
    changed = [(r.path.name, r.status, r.version) for r in results
               if r.status != State.UNCHANGED]
    # The minutes of meeting 2 and the extract of that item: nothing else reads a decision.
    assert changed == [
        ("Протокол № 2 от 22.04.2026 (версия 2).docx", State.VERSION, 2),
        ("Выписка из протокола № 2, п. 1 (Сидорова Д.Е.) (версия 2).docx", State.VERSION, 2),
    ]
    after = hashes(out)
    assert {name: after[name] for name in before} == before  # every old file kept its bytes
    assert set(after) - set(before) == {name for name, _, _ in changed}
    # And a third build of the same changed book changes nothing more.
    again = build(workbook(tmp_path, name="v3.xlsx", Повестка=agenda), out).written
    assert all(r.status == State.UNCHANGED for r in again)


@pytest.mark.slow
def test_the_register_lists_every_document_in_both_forms(tmp_path):
    out = tmp_path / "out"
    first_book = workbook(tmp_path)
    build(first_book, out)
    agenda = copy.deepcopy(BASE["Повестка"])
    agenda[0]["Решили"] = "Утвердить план работы с дополнениями."
    second = workbook(tmp_path, name="v2.xlsx", Повестка=agenda)
    build(second, out)
    folder = out / "2025-2026"
    data = json.loads(register.path(folder).read_text(encoding="utf-8"))["documents"]
    # Every document, and both workbooks the builds used, kept beside them.
    files = {**hashes(folder), "rmo.xlsx": hashlib.sha256(first_book.read_bytes()).hexdigest(),
             "v2.xlsx": hashlib.sha256(second.read_bytes()).hexdigest()}
    assert sorted(e["file"] for e in data) == sorted(files)
    for entry in data:
        assert entry["sha256"] == files[entry["file"]]
        assert hashlib.sha256((folder / entry["file"]).read_bytes()).hexdigest() == \
            entry["sha256"]
    latest = next(e for e in data if e["file"] == "Протокол № 1 от 15.10.2025 (версия 2).docx")
    assert latest["kind"] == "Протокол" and latest["meeting"] == 1 and latest["version"] == 2
    assert latest["workbook_sha256"] == hashlib.sha256(second.read_bytes()).hexdigest()
    assert latest["workbook"] == "v2.xlsx"
    kept = next(e for e in data if e["file"] == "v2.xlsx")
    assert kept["kind"] == "Книга" and kept["sha256"] == latest["workbook_sha256"]
    book = openpyxl.load_workbook(folder / "Реестр документов.xlsx", read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    book.close()
    assert rows[0] == ("№", "Документ", "Вид", "Заседание", "Кому", "Рег. № и дата выдачи",
                       "Версия", "Действующая", "Дата записи")
    assert sorted(r[1] for r in rows[1:]) == sorted(e["file"].removesuffix(".docx")
                                                    for e in data)
    # A new version stands under the first, and only it is current.
    first = next(i for i, r in enumerate(rows) if r[1] == "Протокол № 1 от 15.10.2025")
    assert rows[first][2:8] == ("Протокол", "№ 1 от 15.10.2025", None, None, 1, None)
    assert rows[first + 1][1:8] == ("Протокол № 1 от 15.10.2025 (версия 2)", "Протокол",
                                    "№ 1 от 15.10.2025", None, None, 2, "да")
    assert not any("sha" in str(cell).lower() or len(str(cell)) == 64
                   for row in rows for cell in row)


@pytest.mark.slow
def test_rmo_archive_lists_the_register(tmp_path):
    out = tmp_path / "out"
    build(SAMPLE, out)
    result = run("archive", out)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == (f"2025/2026 учебный год — 34 файла, реестр: "
                        f"{out / '2025-2026' / 'Реестр документов.xlsx'}")
    protocol = next(line for line in lines if line.endswith("Протокол № 1 от 15.10.2025.docx"))
    assert protocol.split()[2:4] == ["Протокол", "№"]
    assert lines[-1].split()[2] == "Книга" and lines[-1].endswith("rmo-2025-2026.xlsx")
    empty = run("archive", tmp_path / "нет")
    assert empty.exit_code == 1
    assert "нет архива rmo" in empty.output


@pytest.mark.slow
def test_dry_run_writes_nothing_and_says_what_would_be(tmp_path):
    out = tmp_path / "out"
    result = run("build", SAMPLE, "-o", out, "--dry-run")
    assert result.exit_code == 0
    assert not out.exists()
    assert f"  будет: новый   {out / '2025-2026' / 'Протокол № 1 от 15.10.2025.docx'}" \
        in result.output
    assert without_warnings(result.output).splitlines()[-1] == (
        "Будет записано: 33 новых документа; ничего не записано.")


@pytest.mark.slow
def test_an_interrupted_build_leaves_no_partial_file_and_a_consistent_register(tmp_path,
                                                                              monkeypatch):
    out = tmp_path / "out"
    build(workbook(tmp_path), out)
    folder = out / "2025-2026"
    register_before = register.path(folder).read_bytes()
    before = hashes(out)
    real = archive.replace
    calls = []

    def crash(path, data):
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the user pressed Ctrl+C mid-way
        real(path, data)
    monkeypatch.setattr(archive, "replace", crash)
    params = set_param(BASE["Объединение"], "Название", "РМО библиотекарей школ")
    with pytest.raises(KeyboardInterrupt):
        build(workbook(tmp_path, name="v2.xlsx", Объединение=params), out)
    assert hashes(out) == before
    assert register.path(folder).read_bytes() == register_before
    assert not list(folder.glob(".~rmo-*"))


@pytest.mark.slow
def test_pdf_without_libreoffice_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "windows_places", lambda: iter(()))
    monkeypatch.setattr(pdf, "MAC_PATH", tmp_path / "нет")
    result = run("build", SAMPLE, "-o", tmp_path / "out", "--pdf")
    assert result.exit_code == 1
    assert "Для PDF нужен LibreOffice, а он не найден." in result.output
    assert "sudo apt-get install libreoffice-writer-nogui" in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.libreoffice
def test_pdf_of_every_document_with_its_text(tmp_path):
    soffice()
    out = tmp_path / "out"
    book = workbook(tmp_path)
    result = run("build", book, "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    assert without_warnings(result.output).splitlines()[-1] == \
        "Итого: 14 новых документов, 14 PDF."
    folder = out / "2025-2026"
    # Progress per document while LibreOffice works: a counter and the file it is on.
    steps = [line for line in result.output.splitlines() if line.startswith("  PDF ")]
    assert steps[0] == "  PDF 1 из 14: План работы на 2025-2026 учебный год.docx"
    assert [line.split(":")[0] for line in steps] == [f"  PDF {i} из 14" for i in range(1, 15)]
    docs = sorted(p.stem for p in folder.glob("*.docx"))
    assert sorted(p.stem for p in folder.glob("*.pdf")) == docs
    text = subprocess.run(["pdftotext", str(folder / "Протокол № 2 от 22.04.2026.pdf"), "-"],
                          capture_output=True, check=True).stdout.decode()
    assert "ПРОТОКОЛ" in text and "22.04.2026" in text
    data = json.loads(register.path(folder).read_text(encoding="utf-8"))["documents"]
    assert sum(e["kind"].endswith("(PDF)") for e in data) == 14
    # Unchanged documents already have their PDF: a second run converts nothing.
    again = run("build", book, "-o", out, "--pdf")
    assert without_warnings(again.output).splitlines()[-1] == \
        "Итого: ничего нового — 14 документов без изменений."


def test_two_builds_at_once_take_turns_and_lose_nothing(tmp_path):
    """Two browser tabs or a tab and a terminal: the archive lock makes them take turns, so the
    second sees the first's files and both changed books get their own version."""
    import threading

    out = tmp_path / "out"
    build(workbook(tmp_path), out)
    books = []
    for number in (2, 3):
        agenda = copy.deepcopy(BASE["Повестка"])
        agenda[2]["Решили"] = f"Решение номер {number}."
        books.append(workbook(tmp_path, name=f"v{number}.xlsx", Повестка=agenda))
    reports = []
    threads = [threading.Thread(target=lambda b=b: reports.append(build(b, out)))
               for b in books]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = sorted(r.path.name for report in reports for r in report.written
                   if r.path.name.startswith("Протокол № 2") and r.status != State.UNCHANGED)
    assert names == ["Протокол № 2 от 22.04.2026 (версия 2).docx",
                     "Протокол № 2 от 22.04.2026 (версия 3).docx"]
    data = json.loads(register.path(out / "2025-2026").read_text(encoding="utf-8"))
    assert {e["file"] for e in data["documents"]} >= set(names) | {"v2.xlsx", "v3.xlsx"}
