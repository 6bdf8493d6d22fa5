"""The centre's summary: each association's figures, the district's totals, and the
messages for books that cannot be summed."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.errors import RmoError
from generator.summary import read_summary

from .helpers import (
    BASE,
    set_param,
    workbook,
)


def mathematics(tmp_path, name: str = "math.xlsx", year: str = "2025/2026"):
    """A second association, unlike the first: one meeting held of three (one cancelled, one
    still ahead), other schools, participation on every level but the school's, conclusions."""
    association = set_param(set_param(BASE["Объединение"], "Название", "РМО учителей математики"),
                            "Руководитель", "Кузнецова Е.В.")
    return workbook(
        tmp_path, name,
        Объединение=set_param(association, "Учебный год", year),
        Участники=[
            ["Кузнецова Е.В.", "учитель математики", "СОШ № 1", None],
            ["Лебедев П.С.", "учитель математики", "СОШ № 5", None],
            ["Морозова Т.И.", "учитель математики", "Гимназия г. Белоярский", None],
        ],
        Календарный_план=[[None, None, None, None, n] for n in (1, 2, 3)],
        Заседания=[
            [1, "Октябрь – ноябрь", dt.date(int(year[:4]), 11, 20), None, None],
            [2, "Январь – февраль", None, None, "отменено: карантин"],
            [3, "Апрель – май", None, None, None],
        ],
        Повестка=[
            [1, "Утверждение плана работы", None, "Руководитель МО", None, "Утвердить план.",
             None],
            [1, "Выступление по теме «Функциональная грамотность»", "Лебедев П.С.", None, None,
             "Принять к сведению.", None],
            [2, "Выступление по теме «Олимпиадная математика»", "Морозова Т.И.", None, None,
             None, None],
            [3, "Выступление по теме «Итоги ОГЭ»", "Кузнецова Е.В.", None, None, None, None],
        ],
        Посещаемость=[("ФИО", 1, 2, 3), ["Кузнецова Е.В.", "+", None, None],
                      ["Лебедев П.С.", "+", None, None], ["Морозова Т.И.", "болезнь", None, None]],
        Участие=[
            ["Лебедев П.С.", "Конкурс «Учитель года»", "конкурс", "муниципальный", "победитель",
             None, None],
            ["Морозова Т.И.", "Конкурс «Методическая копилка»", "конкурс", "региональный",
             "призёр", None, None],
            ["Кузнецова Е.В.", "Конференция «Математика для всех»", "конференция",
             "всероссийский", "лауреат", None, None],
            ["Лебедев П.С.", "Вебинар «Математическая грамотность»", "вебинар", "международный",
             "сертификат", None, None],
            ["Морозова Т.И.", "Курсы «Обновлённые ФГОС»", "курсы повышения квалификации",
             "региональный", "удостоверение", None, 36],
            ["Кузнецова Е.В.", "Курсы «Наставничество»", "курсы повышения квалификации",
             "муниципальный", "удостоверение", None, 16],
        ],
        Итоги=[["Выводы", "Проведено одно заседание из трёх: второе отменено из-за карантина"],
               ["Выводы", "Педагоги стали чаще участвовать в конкурсах"],
               ["Проблемы", "Не все учителя выступают с опытом работы"]],
    )


def test_books_of_different_years_are_refused(tmp_path):
    books = [workbook(tmp_path, "libraries.xlsx"), mathematics(tmp_path, year="2026/2027"),
             mathematics(tmp_path, "math-old.xlsx", year="2024/2025")]
    with pytest.raises(RmoError) as caught:
        read_summary(books)
    assert [str(p) for p in caught.value.problems] == [
        "Лист «Объединение»: книги относятся к разным учебным годам: 2024/2025 — "
        "«math-old.xlsx»; 2025/2026 — «libraries.xlsx»; 2026/2027 — «math.xlsx». Сводный отчёт "
        "составляется за один учебный год: укажите книги одного года (учебный год записан в "
        "строке «Учебный год»)."]

def test_two_books_of_one_association_are_refused(tmp_path):
    books = [workbook(tmp_path, "a.xlsx"), workbook(tmp_path, "b.xlsx")]
    with pytest.raises(RmoError) as caught:
        read_summary(books)
    assert [str(p) for p in caught.value.problems] == [
        "Лист «Объединение»: книги «a.xlsx», «b.xlsx» — об одном объединении «РМО школьных "
        "библиотекарей». В сводный отчёт входит одна книга каждого объединения (его "
        "последняя): уберите лишние."]

def test_a_bad_book_is_named_in_each_of_its_messages(tmp_path):
    good = workbook(tmp_path, "good.xlsx")
    bad = workbook(tmp_path, "bad.xlsx",
                   Объединение=set_param(BASE["Объединение"], "Руководитель", "Нетова Н.Н."))
    with pytest.raises(RmoError) as caught:
        read_summary([good, bad, tmp_path / "missing.xlsx"])
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert messages[0].startswith("Книга «bad.xlsx», лист «Объединение», ячейка B5: ")
    assert "Нетова Н.Н." in messages[0]
    assert messages[1].startswith("Книга «missing.xlsx», ")


def test_figures_of_each_association_and_of_the_district(tmp_path):
    summary = read_summary([workbook(tmp_path, "libraries.xlsx"), mathematics(tmp_path)])
    assert [(r.source, r.name, r.members, r.institutions, r.planned, r.held,
             r.average_attendance, r.talks, r.speakers_share, r.by_level, r.high_results,
             r.course_hours, r.interim) for r in summary.rows] == [
        ("math.xlsx", "РМО учителей математики", 3, 3, 3, 1, 67, 1, 33, (0, 2, 2, 1, 1), 3,
         52, True),
        ("libraries.xlsx", "РМО школьных библиотекарей", 4, 4, 2, 2, 75, 3, 75,
         (0, 0, 0, 0, 0), 0, 0, False),
    ]
    t = summary.totals
    # Schools once each (СОШ № 1 is in both); shares of the sums, not averages of the shares.
    assert (t.associations, t.members, t.institutions, t.planned, t.held, t.held_share,
            t.average_attendance, t.talks, t.speakers, t.speakers_share, t.by_level,
            t.high_results, t.course_hours) == (2, 7, 6, 5, 3, 60, 73, 4, 4, 57,
                                                (0, 2, 2, 1, 1), 3, 52)
    assert summary.rows[0].conclusions == (
        "Проведено одно заседание из трёх: второе отменено из-за карантина",
        "Педагоги стали чаще участвовать в конкурсах")
    assert (summary.year.label, summary.organisation, summary.interim) == \
        ("2025/2026", "МАУ «БМЦ»", True)
