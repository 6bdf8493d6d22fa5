"""«Справка за годы» on the pages: the local «Архив» lists the people of all years, each with
the period to choose; in the centre the head makes it from her archive, the methodist from any
and for a teacher of several associations in one record; the office staff only read."""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from urllib.parse import unquote

import pytest

from generator.documents.kinds import parse_only

from . import chemistry_sample
from .centre_site import centre_fixture  # noqa: F401 — the fixture «centre»
from .helpers import BASE, paragraphs, workbook
from .test_web import text

pytestmark = pytest.mark.slow  # builds archives
NB = "\u00a0"
CHEMISTRY = "РМО учителей химии и биологии Советского района"
LIBRARY = "РМО школьных библиотекарей"
BELOVA = "Белова Ирина Николаевна"


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    monkeypatch.setattr("generator.archive.issued.today", lambda: dt.date(2026, 5, 20))


@pytest.fixture(scope="module")
def chemistry(tmp_path_factory):
    return chemistry_sample.build_archive(tmp_path_factory.mktemp("chemistry"))


def saved(response, tmp_path, name="record.docx"):
    assert response.status_code == 200, text(response)
    assert response["Content-Type"] == ("application/vnd.openxmlformats-officedocument."
                                        "wordprocessingml.document")
    path = tmp_path / name
    path.write_bytes(response.content)
    return path


def disposition(response) -> str:
    """The file name the browser saves the download under."""
    header = response["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''"), header
    return unquote(header.split("''", 1)[1])


def test_the_local_archive_lists_the_people_and_makes_the_record(chemistry, tmp_path):
    from .web_client import client

    folder = shutil.copytree(chemistry, tmp_path / "archive")
    browser = client(folder)
    page = browser.get("/archive/")
    body = page.content.decode()
    assert "Люди всех лет" in body
    assert ("Тарасов Виктор Андреевич учитель химии, МБОУ «СОШ № 2» г. Советский "
            "2023/2024, 2024/2025, 2025/2026 с 2023/2024 2024/2025 2025/2026 по 2023/2024 "
            "2024/2025 2025/2026 Справка за годы") in text(page)
    assert "Кравченко О.П. учитель химии, МБОУ «СОШ № 4» г. Советский 2024/2025, 2025/2026" \
        in text(page)
    assert browser.get("/archive/record/").status_code == 302  # a form's target
    response = browser.post("/archive/record/", {"name": "Тарасов Виктор Андреевич",
                                                 "since": "2024/2025", "until": "2025/2026"})
    assert disposition(response) == "Справка об участии (Тарасов В.А., 2024–2026).docx"
    record = paragraphs(saved(response, tmp_path))
    assert record[8] == (f"Дана Тарасову Виктору Андреевичу, учителю химии МБОУ «СОШ{NB}№{NB}2» "
                         f"г.{NB}Советский, в том, что он в 2024/2025–2025/2026 учебных годах "
                         "участвовал в работе РМО учителей химии и биологии Советского района.")
    assert "2023/2024 учебный год" not in record
    assert (folder / "2025-2026" / "Справка об участии (Тарасов В.А., 2024–2026).docx").is_file()
    year = browser.get("/archive/2025-2026/").content.decode()
    assert "<h2>Справки об участии за годы</h2>" in year
    assert "Справка об участии (Тарасов В.А., 2024–2026).docx" in year
    refused = browser.post("/archive/record/", {"name": "Смирнова Е.П.", "since": "2023/2024",
                                                "until": "2025/2026"})
    assert refused.status_code == 400
    assert text(refused).startswith(
        "Справку не сделать «Смирнова Е.П.» — в книгах архива за 2023/2024–2025/2026 несколько "
        "человек с таким именем: Смирнова Екатерина Петровна")
    wrong = browser.post("/archive/record/", {"name": "Тарасов Виктор Андреевич",
                                              "since": "2025/2026", "until": "2023/2024"})
    assert "Начало периода (2025/2026) позже его конца (2023/2024)." in text(wrong)


def library(tmp_path):
    """A second association's workbook in which Белова is a member too, with a talk."""
    people = copy.deepcopy(BASE["Участники"]) + [
        {"ФИО": BELOVA, "Должность": "учитель биологии и химии",
         "Учреждение": "МБОУ «Гимназия» г. Советский"}]
    agenda = copy.deepcopy(BASE["Повестка"]) + [
        {"Заседание": 2, "Содержание": "Сообщение «Ботанический сад в школьной библиотеке»",
         "Докладчики": BELOVA, "Решили": "Информацию принять к сведению."}]
    marks = copy.deepcopy(BASE["Посещаемость"]) + [{"ФИО": BELOVA, 1: "-", 2: "+"}]
    return workbook(tmp_path, "library.xlsx", Участники=people, Повестка=agenda,
                    Посещаемость=marks)


@pytest.fixture
def district(centre, chemistry, tmp_path):
    """A centre of two associations (Белова in both), a person of each role."""
    from generator.build import build

    a = centre.association(CHEMISTRY)
    b = centre.association(LIBRARY)
    shutil.copytree(chemistry, centre.archive(a), dirs_exist_ok=True)
    build(library(tmp_path), centre.archive(b), kinds=parse_only("план"))
    centre.person("head-a", "руководитель", a)
    centre.person("metod", "методист")
    centre.person("office-a", "делопроизводитель", a)
    return centre, a, b


def test_the_methodist_puts_a_teacher_of_two_associations_in_one_record(district, tmp_path):
    centre, a, b = district
    browser = centre.client("metod")
    page = browser.get("/centre/records/")
    assert page.status_code == 200
    assert f"{BELOVA} {CHEMISTRY}; {LIBRARY} учитель биологии и химии, МБОУ «Гимназия» " \
           "г. Советский 2023/2024, 2024/2025, 2025/2026" in text(page)
    response = browser.post("/centre/records/record/", {"name": BELOVA, "since": "2024/2025",
                                                        "until": "2025/2026"})
    record = paragraphs(saved(response, tmp_path))
    # No one association heads a record of two: the organisation of the latest year does.
    top = record.index("СПРАВКА")
    assert record[:top] == ["МАУ «БМЦ»", "", f"20.05.2026\t№{NB}1", ""]
    assert record[top + 1] == "об участии в работе районных методических объединений"
    assert record[top + 2] == (f"Дана Беловой Ирине Николаевне, учителю биологии и химии МБОУ "
                         f"«Гимназия» г.{NB}Советский, в том, что она в 2024/2025–2025/2026 "
                         f"учебных годах участвовала в работе {CHEMISTRY} и {LIBRARY}.")
    headings = [line for line in record if "учебный год" in line]
    assert headings == ["2024/2025 учебный год, " + CHEMISTRY,
                        "2025/2026 учебный год, " + CHEMISTRY,
                        "2025/2026 учебный год, " + LIBRARY]
    assert f"22.04.2026{NB}– сообщение «Ботанический сад в школьной библиотеке» (протокол от " \
           f"22.04.2026{NB}№{NB}2)." in record
    # Numbered and kept in the archive of the latest year's association.
    assert list((centre.archive(b) / "2025-2026").glob("Справка об участии*")) != []
    # On one association's archive page, a record of that association alone.
    browser.get(f"/centre/open/{a.pk}/")
    assert "Справка за годы" in text(browser.get("/archive/"))
    alone = browser.post("/archive/record/", {"name": BELOVA})
    assert LIBRARY not in " ".join(paragraphs(saved(alone, tmp_path, "alone.docx")))


def test_the_head_makes_records_of_her_own_association_only(district, tmp_path):
    centre, a, b = district
    browser = centre.client("head-a")
    assert "Справка за годы" in text(browser.get("/archive/"))
    response = browser.post("/archive/record/", {"name": BELOVA})
    record = paragraphs(saved(response, tmp_path))
    assert record[1] == ("Районное методическое объединение учителей химии и биологии "
                         "Советского района")
    assert LIBRARY not in " ".join(record)
    assert browser.get("/centre/records/").status_code == 404
    assert browser.post("/centre/records/record/", {"name": BELOVA}).status_code == 404


def test_office_staff_read_the_people_but_make_no_record(district):
    centre, a, b = district
    browser = centre.client("office-a")
    browser.get(f"/centre/open/{a.pk}/")
    page = browser.get("/archive/")
    assert BELOVA in text(page) and "Справка за годы" not in text(page)
    assert browser.post("/archive/record/", {"name": BELOVA}).status_code == 404
    assert browser.get("/centre/records/").status_code == 404
    assert not list((centre.archive(a) / "2025-2026").glob("Справка об участии*"))
