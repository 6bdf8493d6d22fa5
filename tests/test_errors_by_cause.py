"""Errors by their cause (issue 19): a meeting number typed twice is one error with what
follows from it folded in; dates as people type them; «Новый год» ignores what it clears and
names her own file."""

from __future__ import annotations

import copy
import datetime as dt
import shutil

import openpyxl
import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.errors import RmoError
from generator.workbook.newyear import new_year
from generator.workbook.reader import inspect_workbook, read_workbook

from .helpers import BASE, SAMPLE, workbook
from .test_web import rows, text, upload

# --- a key typed twice --------------------------------------------------------------------


def errors(path) -> list[str]:
    return [str(p) for p in inspect_workbook(path).errors]


def test_a_meeting_number_typed_twice_in_the_sample_is_one_error(tmp_path):
    path = shutil.copyfile(SAMPLE, tmp_path / "книга.xlsx")
    book = openpyxl.load_workbook(path)
    book["Заседания"]["A4"] = 2  # meant 3: the calendar, agenda and attendance refer to 3
    book.save(path)
    assert errors(path) == [
        "Лист «Заседания», ячейка A4: заседание № 2 уже есть в ячейке A3, а заседания № 3 на "
        "листе нет, хотя на него ссылаются ячейки: «Календарный план» E6, «Повестка» "
        "A11–A14, «Посещаемость» D1. Если здесь должно быть заседание № 3, исправьте номер: "
        "номера заседаний не должны повторяться."]


def test_two_numbers_typed_twice_fold_what_each_leaves_missing(tmp_path):
    meetings = copy.deepcopy(BASE["Заседания"]) + [{"№": 1, "Срок": "май"}]
    meetings[1]["№"] = 1
    assert errors(workbook(tmp_path, Заседания=meetings)) == [
        "Лист «Заседания», ячейка A3: заседание № 1 уже есть в ячейке A2, а заседания № 2 на "
        "листе нет, хотя на него ссылаются ячейки: «Календарный план» E4, «Повестка» A4–A5, "
        "«Посещаемость» C1. Если здесь должно быть заседание № 2, исправьте номер: номера "
        "заседаний не должны повторяться.",
        "Лист «Заседания», ячейка A4: заседание № 1 уже есть в ячейке A2. Номера заседаний "
        "не должны повторяться.",
    ]


def test_without_a_number_typed_twice_a_missing_meeting_is_said_where_it_is_referred_to(
        tmp_path):
    agenda = [*BASE["Повестка"], {"Заседание": 7, "Содержание": "Итоги года"}]
    assert errors(workbook(tmp_path, Повестка=agenda)) == [
        "Лист «Повестка», ячейка A6: заседания № 7 нет на листе «Заседания». Исправьте номер "
        "или добавьте заседание на лист «Заседания»."]


# --- dates as people type them --------------------------------------------------------------

@pytest.mark.parametrize("typed", ["14 октября 2025", "14.10.25", "2025-10-14",
                                   "14.10.2025 г.", "14 октября 2025 г.", "14 Октября 2025 года",
                                   "14.10.2025"])
def test_dates_as_people_type_them(tmp_path, typed):
    meetings = copy.deepcopy(BASE["Заседания"])
    meetings[0]["Дата"] = typed
    assert read_workbook(workbook(tmp_path, Заседания=meetings)).meetings[0].date == \
        dt.date(2025, 10, 14)


@pytest.mark.parametrize(("typed", "said"), [
    ("31 февраля 2026", "«31 февраля 2026» — такой даты нет."),
    ("2026-02-30", "«2026-02-30» — такой даты нет."),
    ("14 окт 2025", "«14 окт 2025» — не дата."),
])
def test_what_is_not_a_date_is_still_said(tmp_path, typed, said):
    meetings = copy.deepcopy(BASE["Заседания"])
    meetings[0]["Дата"] = typed
    assert errors(workbook(tmp_path, Заседания=meetings)) == [
        f"Лист «Заседания», ячейка C2: {said} Нужна дата в виде ДД.ММ.ГГГГ, например "
        "15.10.2025."]


# --- «Новый год» ignores what it clears ---------------------------------------------------------

def _attendance_only_mistakes(tmp_path):
    """A book whose only mistakes are in attendance: a member's row missing, a mark nobody
    can read, a column of a meeting that is not on «Заседания»."""
    marks = [("ФИО", 1, 2, 5), *[{k: v for k, v in row.items() if k != 2}
                                 for row in BASE["Посещаемость"][1:] if
                                 row["ФИО"] != "Орлова Ю.А."]]
    marks[1][1] = "x"
    marks[1][5] = "+"
    path = workbook(tmp_path, name="Книга Ивановой.xlsx", Посещаемость=marks)
    assert len(errors(path)) >= 3
    return path


def test_new_year_ignores_mistakes_in_attendance(tmp_path):
    path = _attendance_only_mistakes(tmp_path)
    assert new_year(path, tmp_path / "next.xlsx").label == "2026/2027"
    following = read_workbook(tmp_path / "next.xlsx")
    assert following.association.year.label == "2026/2027"
    assert all(not m.attendance and m.date is None for m in following.meetings)


def test_new_year_still_refuses_a_mistake_in_what_it_keeps_at_its_cell(tmp_path):
    people = [*BASE["Участники"], {"ФИО": 12345, "Должность": "библиотекарь",
                                   "Учреждение": "СОШ № 5"}]
    with pytest.raises(RmoError) as raised:
        new_year(workbook(tmp_path, Участники=people), tmp_path / "next.xlsx")
    assert [str(p) for p in raised.value.problems] == [
        "Лист «Участники», ячейка A7: здесь число 12345, а нужен ФИО. Впишите ФИО вместо "
        "числа."]
    assert not (tmp_path / "next.xlsx").exists()


def test_rmo_new_year_with_attendance_mistakes(tmp_path):
    path = _attendance_only_mistakes(tmp_path)
    result = CliRunner().invoke(main, ["new-year", str(path), "-o", str(tmp_path / "n.xlsx")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Создана книга «{tmp_path / 'n.xlsx'}» на 2026/2027")


def test_the_page_makes_next_year_from_a_book_with_attendance_mistakes(site, tmp_path):  # noqa: F811
    browser, _ = site
    response = upload(browser, _attendance_only_mistakes(tmp_path), url="/new-year/next/")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]


def test_the_page_names_her_own_file_never_an_internal_one(site, tmp_path):  # noqa: F811
    browser, _ = site
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(b"PK\x03\x04 not really a zip")
    response = upload(browser, damaged, url="/new-year/next/", name="Книга Ивановой.xlsx")
    assert response.status_code == 400
    assert rows(response, "Ошибки: исправьте их") == [
        ["—", "—", "Файл «Книга Ивановой.xlsx» повреждён или сохранён не полностью.",
         "Откройте его в Excel и сохраните заново."]]
    assert "source" not in text(response)
