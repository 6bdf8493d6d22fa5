"""Writing a workbook of the contract: the sheets, their headers, widths, drop-down lists and
the «Инструкция» sheet, all derived from generator.workbook.contract.

Used by `rmo init` for an empty workbook, by tools/make_sample.py for the sample and by the
tests. Drop-downs are placed by the position of their column in the header actually written,
so that a column added or moved never carries another column's list.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..russian.text import normalize_key
from . import contract
from .cells import MarkType, PersonRef
from .contract import Layout

LAST_ROW = 500  # how far down the drop-down lists reach

# A sheet's rows: lists in the order of the header, or dicts by column name. A first row that
# is a tuple is a header of its own (other columns, another order, attendance's meetings).
Rows = Sequence[Sequence[Any] | Mapping[str, Any]]


def instruction() -> list[tuple[str, str]]:
    """The «Инструкция» sheet: what each sheet is for (its help), then what each column or
    parameter holds (theirs): each said once."""
    def line(name: str, required: bool, help: str) -> tuple[str, str]:
        end = "" if help.endswith("…") else "."  # «методист…», not «методист….»
        return "", f"• {name} ({'обязательно' if required else 'по желанию'}) — {help}{end}"

    lines = [("Как заполнять книгу РМО", ""), ("", contract.INTRODUCTION)]
    for sheet in contract.SHEETS:
        lines.append((sheet.name, sheet.help + ("" if sheet.required else
                                                " Лист необязательный.")))
        if sheet.layout is Layout.PARAMETERS:
            lines += [line(p.name, p.required, p.help) for p in contract.PARAMETERS]
        elif sheet.layout is Layout.TABLE:
            lines += [line(c.name, c.required, _column_help(c)) for c in sheet.columns]
        else:  # attendance: the name, then a column per meeting, said once for them all
            name, *meetings = sheet.columns
            lines.append(line(name.name, name.required, _column_help(name)))
            lines.append(line(", ".join(c.name for c in meetings) + "…", False,
                              f"отметка о заседании с этим номером: "
                              f"{meetings[0].type.describe()}"))
    return lines


def _column_help(column: contract.Column) -> str:
    """A column's help; a name's column also says where the name comes from, which
    docs/workbook.md tells in its own «Тип» column rather than in the help."""
    if isinstance(column.type, PersonRef):
        return f"{column.help}: {column.type.describe()}"
    return column.help


def declared_column(sheet: contract.Sheet, header: Any) -> contract.Column | None:
    """The declared column a header stands for; any number on «Посещаемость» is a meeting."""
    key = normalize_key(str(header))
    for column in sheet.columns:
        if key == column.key or key in map(normalize_key, column.aliases):
            return column
    if sheet.layout is Layout.ATTENDANCE and key.lstrip("№ ").isdigit():
        return sheet.columns[-1]
    return None


def names_range(people_header: Sequence[Any]) -> str:
    """The roster's names, wherever the column «ФИО» stands on «Участники»."""
    from openpyxl.utils import get_column_letter

    roster = contract.PEOPLE
    index = next((i for i, h in enumerate(people_header)
                  if declared_column(roster, h) is contract.PEOPLE_NAME), 0)
    letter = get_column_letter(index + 1)
    return f"'{roster.name}'!${letter}$2:${letter}${LAST_ROW}"


def dropdowns(sheet: contract.Sheet, header: Sequence[Any], names: str
              ) -> list[tuple[str, str, str]]:
    """(column letter, list formula, error style) for every column of the header with a list."""
    from openpyxl.utils import get_column_letter

    found = []
    for i, name in enumerate(header):
        column = declared_column(sheet, name)
        if column is None:
            continue
        kind = column.type
        letter = get_column_letter(i + 1)
        if isinstance(kind, PersonRef):
            if sheet is not contract.PEOPLE:
                found.append((letter, names, kind.dropdown_style))
        elif isinstance(kind, MarkType) or kind.dropdown:
            found.append((letter, '"' + ",".join(kind.dropdown) + '"', kind.dropdown_style))
    return found


def _split(sheet: contract.Sheet, data: Rows) -> tuple[list[Any], list[list[Any]]]:
    """The header to write and the rows as lists in its order."""
    header: list[Any] = [c.name for c in sheet.columns]
    rows = list(data)
    if rows and isinstance(rows[0], tuple):
        header, rows = list(rows[0]), rows[1:]
    extra = [k for row in rows if isinstance(row, Mapping) for k in row if k not in header]
    header += list(dict.fromkeys(extra))
    out = []
    for row in rows:
        if isinstance(row, Mapping):
            out.append([row.get(h) for h in header])
        else:
            out.append(list(row))
    return header, out


def write_workbook(path: Path, rows: Mapping[str, Rows] | None = None,
                   notes: Sequence[tuple[str, str]] = ()) -> None:
    """Write a contract workbook (workbook_bytes) to a temporary name, then rename it."""
    from ..archive.store import replace

    replace(path, workbook_bytes(rows, notes))


def workbook_bytes(rows: Mapping[str, Rows] | None = None,
                   notes: Sequence[tuple[str, str]] = ()) -> bytes:
    """A contract workbook: styled headers, frozen first row, drop-down lists and the
    instruction sheet."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    from ..ooxml import xlsx_bytes

    rows = rows or {}
    book = Workbook()
    book.remove(book.active)
    guide = book.create_sheet(contract.INSTRUCTION_SHEET)
    guide.column_dimensions["A"].width = 22
    guide.column_dimensions["B"].width = 110
    for title, body in [*instruction(), *notes]:
        guide.append([title, body])
        row = guide.max_row
        guide.cell(row, 1).font = Font(bold=True)
        guide.cell(row, 2).alignment = Alignment(wrap_text=True, vertical="top")
        guide.cell(row, 1).alignment = Alignment(vertical="top")
    header_font = Font(bold=True)
    header_fill = PatternFill("solid", fgColor="DDEBF7")
    written = {s.name: _split(s, rows.get(s.name, [])) for s in contract.SHEETS}
    names = names_range(written[contract.PEOPLE.name][0])
    for sheet in contract.SHEETS:
        ws = book.create_sheet(sheet.name)
        headers, data = written[sheet.name]
        ws.append(headers)
        for i, name in enumerate(headers, start=1):
            cell = ws.cell(1, i)
            cell.font = header_font
            cell.fill = header_fill
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            column = declared_column(sheet, name)
            ws.column_dimensions[get_column_letter(i)].width = column.width if column else 12
        for values in data:
            ws.append(values)
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if hasattr(cell.value, "year"):
                    cell.number_format = "DD.MM.YYYY"
        ws.freeze_panes = "A2"
        for letter, formula, style in dropdowns(sheet, headers, names):
            rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                                  errorStyle=style, showErrorMessage=True,
                                  errorTitle="Значение не из списка",
                                  error="Выберите значение из списка.")
            rule.add(f"{letter}2:{letter}{LAST_ROW}")
            ws.add_data_validation(rule)
        if sheet.layout is Layout.PARAMETERS:
            _parameter_dropdowns(ws, headers, names)
    return xlsx_bytes(book)


def _parameter_dropdowns(ws, headers: list[Any], names: str) -> None:
    """The head and the secretary are chosen from the roster."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    keys = [normalize_key(str(h)) for h in headers]
    key, value = contract.ASSOCIATION_PARAMETER.key, contract.ASSOCIATION_VALUE.key
    if key not in keys or value not in keys:
        return
    key_col, value_col = keys.index(key) + 1, keys.index(value) + 1
    people = {normalize_key(p.name) for p in contract.PARAMETERS if isinstance(p.type, PersonRef)}
    for row in range(2, ws.max_row + 1):
        if normalize_key(str(ws.cell(row, key_col).value or "")) in people:
            rule = DataValidation(type="list", formula1=names, allow_blank=True)
            rule.add(f"{get_column_letter(value_col)}{row}")
            ws.add_data_validation(rule)


def blank_rows() -> dict[str, Rows]:
    """An empty workbook has the parameter names in place, waiting for their values."""
    return {contract.ASSOCIATION.name: [[p.name, None] for p in contract.PARAMETERS]}
