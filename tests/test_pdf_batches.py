"""PDFs for any year (issue 19): documents go to LibreOffice in batches, the documents are
written and registered even when PDFs fail (said once, in Russian), progress is counted by the
PDFs on disk, and LibreOffice is found where Windows installs it."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import types
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.archive import register
from generator.build import add_pdfs, build
from generator.cli.main import main
from generator.errors import RmoError
from generator.render import pdf

from .helpers import BASE, set_param, soffice, without_warnings, workbook

# A stand-in for soffice: prints nothing (as soffice.exe on Windows), converts every .docx
# into --outdir, and — like LibreOffice with ~246 — converts nothing when given too many.
FAKE = '''#!{python}
import os, sys, time
from pathlib import Path
args = sys.argv[1:]
out = Path(args[args.index("--outdir") + 1])
files = [Path(a) for a in args if a.endswith(".docx")]
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(f"{{len(files)}}\\n")
time.sleep(float(os.environ.get("FAKE_SLEEP", "0")))
if len(files) > int(os.environ.get("FAKE_LIMIT", "1000")):
    sys.exit(0)
fail = os.environ.get("FAKE_FAIL", "")
out.mkdir(parents=True, exist_ok=True)
for number, path in enumerate(files):
    if fail == "all" or path.stem == fail:
        continue
    (out / (path.stem + ".pdf")).write_bytes(b"%PDF-1.4 " + path.read_bytes()[:20])
'''


@pytest.fixture
def fake(tmp_path, monkeypatch):
    """The fake soffice as LibreOffice; returns the log of its runs (documents per run)."""
    if os.name == "nt":
        pytest.skip("the fake soffice is a script with a #! line")
    program = tmp_path / "soffice"
    program.write_text(FAKE.format(python=sys.executable), encoding="utf-8")
    program.chmod(0o755)
    log = tmp_path / "runs.log"
    log.write_text("")
    monkeypatch.setattr(pdf, "soffice", lambda: str(program))
    monkeypatch.setattr(pdf, "POLL", 0.01)
    monkeypatch.setenv("FAKE_LOG", str(log))
    return lambda: [int(n) for n in log.read_text().split()]


def documents(folder: Path, n: int) -> list[Path]:
    folder.mkdir()
    paths = [folder / f"Документ {i}.docx" for i in range(n)]
    for i, path in enumerate(paths):
        with zipfile.ZipFile(path, "w") as package:  # a package, as LibreOffice is given
            package.writestr("word/document.xml", f"document {i}")
    return paths


def test_a_year_beyond_one_run_is_converted_in_batches(tmp_path, fake, monkeypatch):
    monkeypatch.setenv("FAKE_LIMIT", "246")
    paths = documents(tmp_path / "docs", 300)
    steps = []
    converted = pdf.convert(paths, lambda done, total, path: steps.append((done, total, path)))
    assert fake() == [50] * 6
    assert converted.failed == () and converted.problem is None
    assert converted.pdfs[paths[299]].startswith(b"%PDF-1.4 PK")
    # Counted on disk, though the program printed nothing: one step per document. (Two PDFs
    # that appear between two looks may be told in either order.)
    assert [(done, total) for done, total, _ in steps] == [(i + 1, 300) for i in range(300)]
    assert sorted(path for _, _, path in steps) == sorted(paths)


def test_a_failing_converter_leaves_every_document_written_and_registered(tmp_path, fake,
                                                                           monkeypatch):
    monkeypatch.setenv("FAKE_FAIL", "all")
    out = tmp_path / "out"
    report = build(workbook(tmp_path), out, pdf=True)
    folder = out / "2025-2026"
    docx = sorted(p.name for p in folder.glob("*.docx"))
    assert len(docx) == 14 and not list(folder.glob("*.pdf"))
    registered = json.loads(register.path(folder).read_text(encoding="utf-8"))["documents"]
    assert sorted(e["file"] for e in registered if e["file"].endswith(".docx")) == docx
    assert str(report.pdf_problem) == (
        "LibreOffice не сделал ни одного PDF из 14. Документы Word записаны. Сделайте PDF ещё "
        "раз — будут сделаны только недостающие. Если не выйдет, закройте окна LibreOffice и "
        "перезапустите компьютер или переустановите LibreOffice.")


def test_rmo_build_says_the_pdf_failure_once_after_the_documents(tmp_path, fake, monkeypatch):
    monkeypatch.setenv("FAKE_FAIL", "0003")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(workbook(tmp_path)), "-o", str(out),
                                       "--pdf"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "Итого: 14 новых документов, 13 PDF." in lines
    failure = [line for line in lines if "LibreOffice" in line]
    assert failure[-1] == (
        "Ошибка: LibreOffice сделал PDF не для всех документов: нет PDF у 1 из 14 (например, "
        "«Программа заседания № 2 от 22.04.2026.docx»). Документы Word записаны. Сделайте PDF "
        "ещё раз — будут сделаны только недостающие. Если не выйдет, закройте окна "
        "LibreOffice и перезапустите компьютер или переустановите LibreOffice.")
    assert len([line for line in lines if "Документы Word записаны" in line]) == 1
    folder = out / "2025-2026"
    assert len(list(folder.glob("*.docx"))) == 14 and len(list(folder.glob("*.pdf"))) == 13
    # Once LibreOffice works again, only the missing PDF is made.
    monkeypatch.setenv("FAKE_FAIL", "")
    again = CliRunner().invoke(main, ["build", str(workbook(tmp_path)), "-o", str(out),
                                      "--pdf"])
    assert again.exit_code == 0, again.output
    assert fake()[-1] == 1
    assert len(list(folder.glob("*.pdf"))) == 14


def test_the_pages_pdfs_keep_what_was_made_and_say_what_was_not(tmp_path, fake, monkeypatch):
    out = tmp_path / "out"
    build(workbook(tmp_path), out)
    folder = out / "2025-2026"
    paths = sorted(folder.glob("*.docx"))
    monkeypatch.setenv("FAKE_FAIL", "0000")
    with pytest.raises(RmoError) as raised:
        add_pdfs(paths)
    assert str(raised.value).startswith(
        "LibreOffice сделал PDF не для всех документов: нет PDF у 1 из 14 (например, "
        f"«{paths[0].name}»).")
    assert len(list(folder.glob("*.pdf"))) == 13
    registered = json.loads(register.path(folder).read_text(encoding="utf-8"))["documents"]
    assert sum(e["file"].endswith(".pdf") for e in registered) == 13


def test_a_run_that_hangs_is_stopped_and_the_rest_is_not_waited_for(tmp_path, fake,
                                                                    monkeypatch):
    monkeypatch.setattr(pdf, "TIMEOUT", 0.5)
    monkeypatch.setenv("FAKE_SLEEP", "30")
    paths = documents(tmp_path / "docs", 60)
    converted = pdf.convert(paths)
    assert fake() == [50]  # the second batch is not started after the first hung
    assert len(converted.failed) == 60
    assert str(converted.problem).startswith(
        "LibreOffice не сделал ни одного PDF из 60: LibreOffice не ответил за 1\u00a0минуту. "
        "Документы Word записаны.")


# --- where Windows installs LibreOffice --------------------------------------------------------

def _install(folder: Path, *names: str) -> Path:
    program = folder / "LibreOffice" / "program"
    program.mkdir(parents=True)
    for name in names:
        (program / name).write_bytes(b"MZ")
    return program


@pytest.fixture
def windows(monkeypatch):
    """No LibreOffice on PATH, no registry, no drives, no Program Files: each test adds one."""
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    monkeypatch.setattr(pdf, "MAC_PATH", Path("/нет/soffice"))
    monkeypatch.setattr(pdf, "drives", lambda: [])
    monkeypatch.setitem(sys.modules, "winreg", None)  # import fails: not Windows
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        monkeypatch.delenv(variable, raising=False)
    return monkeypatch


def test_found_in_program_files_preferring_the_console_soffice_com(tmp_path, windows):
    program = _install(tmp_path / "Program Files", "soffice.exe", "soffice.com")
    windows.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    assert pdf.soffice() == str(program / "soffice.com")


def test_found_in_program_files_x86(tmp_path, windows):
    program = _install(tmp_path / "Program Files (x86)", "soffice.exe")
    windows.setenv("ProgramFiles", str(tmp_path / "Program Files"))
    windows.setenv("ProgramFiles(x86)", str(tmp_path / "Program Files (x86)"))
    assert pdf.soffice() == str(program / "soffice.exe")


def test_found_on_another_drive(tmp_path, windows):
    drive = tmp_path / "D"
    program = _install(drive / "Program Files", "soffice.exe")
    windows.setattr(pdf, "drives", lambda: [tmp_path / "C", drive])
    assert pdf.soffice() == str(program / "soffice.exe")


def test_found_where_the_registry_says(tmp_path, windows):
    program = _install(tmp_path / "Мои программы", "soffice.exe", "soffice.com")
    values = {r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath": f'"{program}"'}

    class Key:
        def __init__(self, name):
            self.name = name

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

    def open_key(hive, name):
        if name not in values:
            raise FileNotFoundError(name)
        return Key(name)

    fake = types.SimpleNamespace(HKEY_LOCAL_MACHINE=1, HKEY_CURRENT_USER=2, OpenKey=open_key,
                                 QueryValueEx=lambda key, value: (values[key.name], 1))
    windows.setitem(sys.modules, "winreg", fake)
    assert pdf.soffice() == str(program / "soffice.com")
    values.clear()
    values[r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe"] = \
        str(program / "soffice.exe")
    assert pdf.registry_places() == [program]


def test_not_found_says_how_to_install_it(windows):
    with pytest.raises(RmoError) as raised:
        pdf.soffice()
    assert str(raised.value).startswith("Для PDF нужен LibreOffice, а он не найден.")


# --- a real year of 300 documents ----------------------------------------------------------------

def _large_year(tmp_path: Path) -> Path:
    """Ten held meetings of fourteen talks each: 313 documents."""
    people = [{"ФИО": f"{surname} А.Б.", "Должность": "педагог-библиотекарь",
               "Учреждение": f"СОШ № {i + 1}"}
              for i, surname in enumerate(("Иванова", "Петрова", "Сидорова", "Орлова",
                                           "Смирнова", "Кузнецова", "Попова", "Васильева",
                                           "Соколова", "Михайлова", "Новикова", "Фёдорова",
                                           "Морозова", "Волкова"))]
    months = [(2025, 9), (2025, 10), (2025, 11), (2025, 12), (2026, 1), (2026, 2), (2026, 3),
              (2026, 4), (2026, 5), (2026, 6)]
    meetings = [{"№": n + 1, "Срок": "в течение года", "Дата": dt.date(year, month, 15)}
                for n, (year, month) in enumerate(months)]
    agenda = [{"Заседание": n + 1, "Содержание": f"Выступление «Опыт работы {n + 1}.{k + 1}»",
               "Докладчики": person["ФИО"], "Решили": "Информацию принять к сведению."}
              for n in range(10) for k, person in enumerate(people)]
    marks = [("ФИО", *range(1, 11)),
             *[{"ФИО": p["ФИО"], **{n: "+" for n in range(1, 11)}} for p in people]]
    params = set_param(BASE["Объединение"], "Руководитель", "Иванова А.Б.")
    params = set_param(params, "Секретарь", "Петрова А.Б.")
    # Someone to sign the head's own certificates: else they are not issued.
    params = set_param(params, "Подписывает справки", "Директор МАУ «БМЦ» Е.Н. Соколова")
    return workbook(tmp_path, Объединение=params, Участники=people, Заседания=meetings,
                    Календарный_план=[{"Заседание": n} for n in range(1, 11)],
                    Повестка=agenda, Посещаемость=marks)


@pytest.mark.slow
@pytest.mark.libreoffice
def test_a_year_of_300_documents_gets_all_its_pdfs(tmp_path):
    soffice()
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(_large_year(tmp_path)), "-o", str(out),
                                       "--pdf"])
    assert result.exit_code == 0, result.output
    folder = out / "2025-2026"
    docx = sorted(p.stem for p in folder.glob("*.docx"))
    assert len(docx) == 313
    assert sorted(p.stem for p in folder.glob("*.pdf")) == docx
    assert without_warnings(result.output).splitlines()[-1] == \
        "Итого: 313 новых документов, 313 PDF."
