"""A build killed outright (SIGKILL: the OOM killer, a power cut) is finished by the next one.

A real `rmo build` process kills itself at a chosen step of writing, through the test-only
environment variable RMO_TEST_KILL_AT (generator/archive/store.py: each file written under its
temporary name is one step, its rename the next). Then rmo runs again, and the archive must
be what one uninterrupted build makes: every document there, registered with its kind, the
same bytes and numbers, no temporary file, no journal, the year listed by `rmo archive` and
on the page.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from generator.archive import issued, register
from generator.archive.service import JOURNAL
from generator.documents.kinds import DocumentKind

from .helpers import SAMPLE, workbook
from .test_web import text
from .web_client import client

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")

KINDS = {kind.label for kind in DocumentKind} | {register.WORKBOOK_KIND}
YEAR = "2025-2026"


def rmo(*args, kill_at: int | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RMO_TEST_KILL_AT"}
    if kill_at is not None:
        env["RMO_TEST_KILL_AT"] = str(kill_at)
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)


def files(out: Path) -> dict[str, str]:
    """Every file of the year folder but the office's journal, with its checksum."""
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (out / YEAR).iterdir() if p.name != register.XLSX_NAME}


def steps(documents: int) -> int:
    """Steps of writing in a build into an empty archive: two per file (temporary, rename):
    the journal, the workbook's copy, the documents, the numbers, the register, the journal
    for the office."""
    return 2 * (documents + 5)


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    """The sample built once without a crash: what every repaired archive must equal."""
    out = tmp_path_factory.mktemp("reference") / "archive"
    assert rmo("build", SAMPLE, "-o", out).returncode == 0
    return out


def assert_whole(out: Path, reference: Path) -> None:
    """The archive is what an uninterrupted build makes, and nothing is left of the crash."""
    assert files(out) == files(reference)
    entries = register.load(out / YEAR)
    assert sorted(e.file for e in entries) == sorted(files(out))
    assert all(e.kind in KINDS for e in entries), [(e.file, e.kind) for e in entries]
    assert issued.read(out / YEAR) == issued.read(reference / YEAR)
    assert not list(out.rglob(".~rmo-*.tmp"))
    assert not list(out.rglob(JOURNAL))
    listing = rmo("archive", out)
    assert listing.returncode == 0, listing.stdout + listing.stderr
    assert listing.stdout.splitlines()[0].startswith("2025/2026 учебный год — 34 файла")
    browser = client(out)  # the page «Архив»
    try:
        assert "2025/2026 учебный год — документов: 33" in text(browser.get("/archive/"))
    finally:
        browser.override.disable()


@pytest.mark.slow
@pytest.mark.parametrize("point", ["journal half-written", "journal written", "workbook kept",
                                   "first document half-written", "half the documents",
                                   "all documents", "numbers saved", "register saved",
                                   "everything but the end of the journal"])
def test_a_killed_build_is_finished_by_the_next(tmp_path, reference, point):
    total = steps(len(list((reference / YEAR).glob("*.docx"))))
    kill_at = {"journal half-written": 1, "journal written": 2, "workbook kept": 4,
               "first document half-written": 5, "half the documents": total // 2,
               "all documents": total - 6, "numbers saved": total - 4,
               "register saved": total - 2, "everything but the end of the journal": total}
    out = tmp_path / "archive"
    killed = rmo("build", SAMPLE, "-o", out, kill_at=kill_at[point])
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr

    again = rmo("build", SAMPLE, "-o", out)
    assert again.returncode == 0, again.stdout + again.stderr
    said = {"journal written": "не записав ни одного документа; архив остался прежним.",
            "workbook kept": "не записав ни одного документа; копия книги внесена в реестр."}
    if point in said:
        assert f"Прошлая сборка в папку «2025-2026» была прервана, {said[point]}" in \
            " ".join(again.stderr.split())
    assert_whole(out, reference)
    # Nothing was written twice: a document the killed build wrote is «без изменений» now.
    assert not list((out / YEAR).glob("*(версия 2)*"))
    # And the build after that has nothing to do.
    assert rmo("build", SAMPLE, "-o", out).stdout.splitlines()[-1] == \
        "Итого: ничего нового — 33 документа без изменений."


@pytest.mark.slow
def test_opening_the_archive_registers_what_a_killed_build_wrote(tmp_path, reference):
    out = tmp_path / "archive"
    killed = rmo("build", SAMPLE, "-o", out, kill_at=25)  # the journal, the workbook, 10 docs
    assert killed.returncode == -signal.SIGKILL
    year = out / YEAR
    written = sorted(p.name for p in year.glob("*.docx"))
    assert len(written) == 10
    assert list(year.glob(".~rmo-*.tmp"))  # the 11th document, cut short
    assert not register.exists(year)

    listing = rmo("archive", out)
    assert listing.returncode == 0, listing.stdout + listing.stderr
    assert ("Прошлая сборка в папку «2025-2026» была прервана. Записанные ею документы (10 из "
            "33) внесены в реестр; остальные запишет эта или следующая сборка.") in \
        " ".join(listing.stderr.split())
    entries = {e.file: e.kind for e in register.load(year)}
    assert sorted(e for e in entries if e.endswith(".docx")) == written
    assert set(entries.values()) <= KINDS and "" not in entries.values()
    assert not list(year.glob(".~rmo-*.tmp"))
    assert not (out / ".rmo" / YEAR / JOURNAL).exists()

    assert rmo("build", SAMPLE, "-o", out).returncode == 0
    assert_whole(out, reference)


@pytest.mark.slow
def test_a_build_of_new_versions_killed_midway_leaves_every_version_registered(tmp_path):
    import copy

    from .helpers import BASE

    out = tmp_path / "archive"
    first = workbook(tmp_path)
    assert rmo("build", first, "-o", out).returncode == 0
    agenda = copy.deepcopy(BASE["Повестка"])
    agenda[2]["Решили"] = "Опыт рекомендовать коллегам."  # the minutes of meeting 2, an extract
    second = workbook(tmp_path, name="v2.xlsx", Повестка=agenda)
    # The journal (2 steps), the workbook's copy (2), the new minutes (2): killed before the
    # extract's new version.
    killed = rmo("build", second, "-o", out, kill_at=6)
    assert killed.returncode == -signal.SIGKILL

    again = rmo("build", second, "-o", out)
    assert again.returncode == 0, again.stdout + again.stderr
    year = out / YEAR
    entries = {e.file: e for e in register.load(year)}
    on_disk = {p.name for p in year.iterdir() if p.name != register.XLSX_NAME}
    assert set(entries) == on_disk
    assert all(e.kind in KINDS for e in entries.values())
    minutes = "Протокол № 2 от 22.04.2026 (версия 2).docx"
    extract = "Выписка из протокола № 2, п. 1 (Сидорова Д.Е.) (версия 2).docx"
    assert entries[minutes].kind == "Протокол" and entries[minutes].current
    assert entries[extract].kind == "Выписка" and entries[extract].current
    assert not entries["Протокол № 2 от 22.04.2026.docx"].current
    assert entries["v2.xlsx"].kind == register.WORKBOOK_KIND
    assert not list(out.rglob(".~rmo-*.tmp"))


@pytest.mark.slow
def test_an_archive_a_killed_rmo_0_build_left_is_registered_with_kinds(tmp_path, reference):
    """rmo 0.x had no journal: its killed build left documents the register did not list,
    which the next build then listed with no kind. The next build now names each."""
    out = tmp_path / "archive"
    assert rmo("build", SAMPLE, "-o", out).returncode == 0
    path = register.path(out / YEAR)
    data = json.loads(path.read_text(encoding="utf-8"))
    documents = data["documents"]
    for entry in documents[:10]:
        entry.update(kind="", meeting=None, workbook_sha256="")
    data["documents"] = [e for e in documents[:20]]  # the workbook's entry is last: lost
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    again = rmo("build", SAMPLE, "-o", out)
    assert again.returncode == 0, again.stdout + again.stderr
    assert again.stdout.splitlines()[-1] == "Итого: ничего нового — 33 документа без изменений."
    assert_whole(out, reference)
    entries = {e.file: e for e in register.load(out / YEAR)}
    assert entries["Протокол № 1 от 15.10.2025.docx"].meeting == 1


@pytest.mark.slow
def test_starting_the_page_finishes_a_killed_build(tmp_path):
    from .web_client import free_port

    out = tmp_path / "archive"
    assert rmo("build", SAMPLE, "-o", out, kill_at=9).returncode == -signal.SIGKILL
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", str(out), "--no-browser", "--port",
         str(free_port())], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [process.stdout.readline() for _ in range(3)]
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
    assert lines[0].startswith("Страница rmo: http://127.0.0.1:")
    assert " ".join(lines[2].split()) == (
        "Предупреждение: Прошлая сборка в папку «2025-2026» была прервана. Записанные ею "
        "документы (2 из 33) внесены в реестр; остальные запишет эта или следующая сборка.")
    entries = register.load(out / YEAR)
    assert len(entries) == 3 and all(e.kind in KINDS for e in entries)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_build_with_pdfs_killed_among_the_pdfs_is_finished_by_the_next(tmp_path):
    from generator.build import build

    from .helpers import soffice

    soffice()
    book = workbook(tmp_path)
    documents = len(build(book, tmp_path / "count", dry_run=True).written)
    out = tmp_path / "archive"
    # The journal, the workbook's copy, the documents; the journal again with the PDFs; then
    # three PDFs, and the fourth cut short.
    kill_at = 2 * (documents + 2) + 2 + 2 * 3 + 1
    killed = rmo("build", book, "-o", out, "--pdf", kill_at=kill_at)
    assert killed.returncode == -signal.SIGKILL, killed.stdout + killed.stderr
    year = out / YEAR
    assert len(list(year.glob("*.pdf"))) == 3

    again = rmo("build", book, "-o", out, "--pdf")
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"Записанные ею документы ({documents} из {documents}) и PDF (3 из {documents}) " \
        "внесены в реестр" in " ".join(again.stderr.split())
    entries = {e.file: e for e in register.load(year)}
    assert set(entries) == {p.name for p in year.iterdir() if p.name != register.XLSX_NAME}
    pdfs = [e for e in entries.values() if e.file.endswith(".pdf")]
    assert len(pdfs) == documents
    for pdf in pdfs:
        docx = entries[pdf.file[:-len(".pdf")] + ".docx"]
        assert pdf.kind == f"{docx.kind} (PDF)" and pdf.source_sha256 == docx.sha256
        # The same paper in another format: whom it is for, its number and its meeting.
        assert (pdf.person, pdf.issued, pdf.meeting, pdf.meeting_date, pdf.workbook) == (
            docx.person, docx.issued, docx.meeting, docx.meeting_date, docx.workbook)
    assert not list(out.rglob(".~rmo-*.tmp")) and not list(out.rglob(JOURNAL))
