"""A renamed optional column never loses its data in silence (issue 19): an unknown column
holding data on a sheet that misses an optional column is an error naming both; every message
names a real cell; a line break after a hyphen joins the word."""

from __future__ import annotations

import pytest

from generator.build import build
from generator.errors import RmoError
from generator.figures.association import compute
from generator.workbook.reader import inspect_workbook, read_workbook

from .helpers import BASE, workbook
from .test_workbook_edits import edit, errors


def agenda(**extra) -> list[dict]:
    """The base agenda with values in more columns of its first rows."""
    rows = [dict(row) for row in BASE["Повестка"]]
    for column, values in extra.items():
        for row, value in zip(rows, values):
            row[column] = value
    return rows


def renamed_one(header: str, missing: str, cell: str, sheet: str = "Повестка") -> str:
    return (f"Лист «{sheet}», ячейка {cell}: столбец «{header}» программа не знает, а столбца "
            f"«{missing}» на листе нет. Если это он — переименуйте заголовок в «{missing}»; "
            f"если это другой столбец, добавьте на лист столбец «{missing}» (можно пустой).")


def test_speakers_renamed_is_an_error_and_nothing_is_written(tmp_path):
    path = edit(workbook(tmp_path), lambda book: book["Повестка"].__setitem__(
        "C1", "Выступающие"))
    assert errors(path) == [renamed_one("Выступающие", "Докладчики", "C1")]
    with pytest.raises(RmoError):
        build(path, tmp_path / "archive")
    assert not (tmp_path / "archive" / "2025-2026").exists()


def test_heard_renamed_is_an_error(tmp_path):
    path = workbook(tmp_path, Повестка=agenda(Слушали=["О плане работы на год",
                                                      "О читательских конференциях"]))
    edit(path, lambda book: book["Повестка"].__setitem__("E1", "Краткое содержание"))
    assert errors(path) == [renamed_one("Краткое содержание", "Слушали", "E1")]


def test_hours_renamed_is_an_error(tmp_path):
    path = workbook(tmp_path, Участие=[
        {"ФИО": "Петрова В.Г.", "Мероприятие": "Курсы «Библиотека XXI века»", "Вид": "курсы",
         "Уровень": "региональный", "Часы": 72},
        {"ФИО": "Орлова Ю.А.", "Мероприятие": "Курсы «Чтение»", "Вид": "курсы",
         "Уровень": "региональный", "Часы": "36 ч"}])
    edit(path, lambda book: book["Участие"].__setitem__("G1", "Кол-во часов"))
    assert errors(path) == [renamed_one("Кол-во часов", "Часы", "G1", "Участие")]


def test_held_renamed_is_an_error_and_gives_no_certificate(tmp_path):
    path = workbook(tmp_path, Повестка=agenda(Проведено=["", "нет"]))
    edit(path, lambda book: book["Повестка"].__setitem__("G1", "Состоялось"))
    assert errors(path) == [renamed_one("Состоялось", "Проведено", "G1")]
    with pytest.raises(RmoError):
        build(path, tmp_path / "archive")


def test_two_renamed_columns_are_paired_by_what_they_hold(tmp_path):
    path = workbook(tmp_path, Повестка=agenda(Слушали=["О плане работы на год"]))

    def change(book):
        book["Повестка"]["C1"] = "Выступающие"
        book["Повестка"]["E1"] = "Краткое содержание"
    assert errors(edit(path, change)) == [
        renamed_one("Выступающие", "Докладчики", "C1"),
        renamed_one("Краткое содержание", "Слушали", "E1"),
    ]


def test_text_that_fits_several_missing_columns_lists_them(tmp_path):
    path = workbook(tmp_path, Повестка=agenda(Слушали=["О плане работы на год"]))

    def change(book):
        book["Повестка"]["E1"] = "Заметки"
        book["Повестка"].delete_cols(9)  # «Голосование»
    assert errors(edit(path, change)) == [
        "Лист «Повестка», ячейка E1: столбец «Заметки» программа не знает, а столбцов "
        "«Слушали», «Голосование» на листе нет. Если это один из них — переименуйте "
        "заголовок; если это другой столбец, добавьте их на лист (можно пустыми)."]


def test_a_column_of_her_own_that_fits_no_missing_column_stays_a_warning(tmp_path):
    path = workbook(tmp_path, Участие=[
        {"ФИО": "Петрова В.Г.", "Мероприятие": "Конкурс «Лучший библиотекарь»",
         "Вид": "конкурс", "Уровень": "районный"}])

    def change(book):
        book["Участие"]["G1"] = "Телефон"
        book["Участие"]["G2"] = "8-900-000-00-00"
    path = edit(path, change)
    assert errors(path) == []
    assert ("Лист «Участие», ячейка G1: столбец «Телефон» программа не знает и его не читает. "
            "Если в нём нужные сведения, перенесите их в столбцы книги.") in \
        [str(w) for w in inspect_workbook(path).warnings]


def test_a_missing_speakers_column_is_one_warning_never_a_cell_with_a_question_mark(tmp_path):
    rows = [{k: v for k, v in row.items() if k != "Докладчики"} for row in BASE["Повестка"]]
    rows[1]["Содержание"] = "Выступление «Читательские конференции»"
    path = edit(workbook(tmp_path, Повестка=rows),
                lambda book: book["Повестка"].delete_cols(3))
    found = inspect_workbook(path)
    assert found.errors == ()
    said = [str(w) for w in found.warnings]
    assert ("Лист «Повестка»: нет столбца «Докладчики»: справок о выступлении не будет. "
            "Добавьте столбец «Докладчики» (он есть в пустой книге).") in said
    assert not [w for w in said if "ячейка ?" in w]


def test_a_row_reference_to_a_missing_column_names_a_real_cell():
    from generator.workbook.collect import Cell, Row

    row = Row("Повестка", 7, {"Содержание": Cell("x", "B7"), "Заседание": Cell(1, "A7"),
                              "Голосование": Cell(None, "AA7")})
    assert row.coordinate("Докладчики") == "A7"
    assert row.coordinate("Голосование") == "AA7"


def test_alt_enter_after_a_hyphen_is_one_position(tmp_path):
    people = [dict(row) for row in BASE["Участники"]]
    people[1]["Должность"] = "педагог-\nбиблиотекарь"
    people[2]["Должность"] = "библиотекарь\nСОШ"
    data = read_workbook(workbook(tmp_path, Участники=people))
    assert [p.position for p in data.people[1:4]] == [
        "педагог-библиотекарь", "библиотекарь СОШ", "педагог-библиотекарь"]
    assert dict(compute(data).by_position)["педагог-библиотекарь"] == 2
