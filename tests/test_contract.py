"""The contract is declared once: docs, `rmo init` and the reader all follow the declaration,
whatever the order of the columns in a workbook."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from generator.model import MeetingForm, MemberStatus, Sex, TalkKind
from generator.workbook import contract
from generator.workbook.blank import write_workbook
from generator.workbook.cells import PersonRef
from generator.workbook.contract_docs import markdown
from generator.workbook.newyear import init
from generator.workbook.reader import read_workbook

from .helpers import BASE, ROOT


def test_docs_workbook_md_is_generated_from_the_declaration():
    committed = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    assert committed == markdown(), (
        "docs/workbook.md is stale: run "
        " python -m generator.workbook.contract_docs > docs/workbook.md")


def _validations(path) -> dict[str, dict[str, str]]:
    """Sheet → header of the column a drop-down covers → the list it offers."""
    book = openpyxl.load_workbook(path)
    found: dict[str, dict[str, str]] = {}
    for ws in book.worksheets:
        headers = {cell.column_letter: cell.value for cell in ws[1]}
        for rule in ws.data_validations.dataValidation:
            for ref in str(rule.sqref).split():
                letter = "".join(ch for ch in ref.split(":")[0] if ch.isalpha())
                found.setdefault(ws.title, {})[str(headers[letter])] = rule.formula1
    return found


def _expected(sheet: contract.Sheet, header: str, names: str) -> str | None:
    from generator.workbook.blank import declared_column

    column = declared_column(sheet, header)
    if column is None:
        return None
    if isinstance(column.type, PersonRef):
        return names if sheet.name != "Участники" else None
    return '"' + ",".join(column.type.dropdown) + '"' if column.type.dropdown else None


def _check_dropdowns(path, names):
    found = _validations(path)
    for sheet in contract.SHEETS:
        if sheet.layout is contract.Layout.PARAMETERS:
            continue
        book = openpyxl.load_workbook(path)
        for cell in book[sheet.name][1]:
            expected = _expected(sheet, cell.value, names)
            assert found.get(sheet.name, {}).get(str(cell.value)) == expected, \
                (sheet.name, cell.value)


@pytest.mark.slow
def test_every_dropdown_of_rmo_init_sits_on_its_column(tmp_path):
    path = init(tmp_path / "книга.xlsx")
    _check_dropdowns(path, "'Участники'!$A$2:$A$500")
    head = _validations(path)["Объединение"]
    assert head == {"Значение": "'Участники'!$A$2:$A$500"}


@pytest.mark.slow
def test_columns_moved_and_added_keep_their_dropdowns_and_are_read(tmp_path):
    people = [("Телефон", "Статус", "Учреждение", "Пол", "ФИО", "Должность"),
              *({"Телефон": "8-900", **row} for row in BASE["Участники"])]
    people[-1]["Пол"] = "ж"
    agenda = [("Решили", "Вид", "Докладчики", "Заседание", "Голосование", "Содержание",
               "Проведено", "Слушали", "Ответственный"),
              *({**row, "Вид": "доклад" if row.get("Докладчики") else None,
                 "Голосование": "единогласно"} for row in BASE["Повестка"])]
    meetings = [("Форма", "Дата", "№", "Срок"),
                *({**row, "Форма": "дистанционно" if row["№"] == 1 else "очно"}
                  for row in BASE["Заседания"])]
    path = tmp_path / "книга.xlsx"
    write_workbook(path, {**BASE, "Участники": people, "Повестка": agenda,
                          "Заседания": meetings})
    _check_dropdowns(path, "'Участники'!$E$2:$E$500")
    data = read_workbook(path)
    assert [p.status for p in data.people][-2:] == [MemberStatus.MEMBER, MemberStatus.GUEST]
    assert data.people[-1].sex is Sex.FEMALE
    first, second = data.meetings
    assert (first.form, second.form) == (MeetingForm.REMOTE, MeetingForm.IN_PERSON)
    assert [i.kind for i in first.items] == [None, TalkKind.REPORT]
    assert first.items[1].speakers[0].name == "Петрова В.Г."
    assert first.items[0].vote == "единогласно"
    assert second.date == dt.date(2026, 4, 22)


@pytest.mark.slow
def test_the_place_decides_the_form_when_it_is_not_given(tmp_path):
    from .helpers import workbook

    data = read_workbook(workbook(tmp_path))
    # «дистанционно» in «Место» of meeting 2 of the base workbook
    assert [m.form for m in data.meetings] == [MeetingForm.IN_PERSON, MeetingForm.REMOTE]


def test_the_instruction_says_each_column_once(tmp_path):
    """«Инструкция» of `rmo init`: a sheet's line says what one row is, each column its own."""
    path = init(tmp_path / "книга.xlsx")
    rows = [(a or "", b or "") for a, b in
            openpyxl.load_workbook(path)["Инструкция"].iter_rows(values_only=True)]
    start = rows.index(("Посещаемость", "Одна строка — один человек, один столбец — одно "
                                        "заседание (в заголовке — его номер)."))
    assert rows[start + 1:start + 3] == [
        ("", "• ФИО (обязательно) — чьи отметки в строке: ФИО с листа «Участники»."),
        ("", "• 1, 2, 3… (по желанию) — отметка о заседании с этим номером: «+» (был), «-» "
             "или «н» (не был) или причина словами («болезнь», «курсы ПК»)."),
    ]
    assert ("", "• Должность (обязательно) — педагог-библиотекарь, библиотекарь, методист…") \
        in rows
    for sheet in contract.SHEETS:
        for column in sheet.columns:
            # the sheet's own line tells neither a column's help nor what one column holds
            assert column.help not in sheet.help and f"{column.name} —" not in sheet.help
            if sheet.layout is contract.Layout.TABLE:
                assert sum(body.startswith(f"• {column.name} (") and column.help in body
                           for _, body in rows) >= 1, (sheet.name, column.name)


def test_the_sample_workbook_carries_the_instruction_of_the_contract():
    """The sample is the first workbook a head opens: its «Инструкция» is the contract's of
    today (remake it with `python tools/make_sample.py` after a change of the contract)."""
    from generator.workbook.blank import instruction

    book = openpyxl.load_workbook(ROOT / "data" / "rmo-2025-2026.xlsx", read_only=True)
    try:
        rows = [tuple(value or "" for value in row)
                for row in book[contract.INSTRUCTION_SHEET].iter_rows(values_only=True)]
    finally:
        book.close()  # a read-only book holds its file open until closed
    assert rows[:len(instruction())] == instruction()
