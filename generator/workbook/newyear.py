"""Starting a school year: an empty workbook (`rmo init`) or next year's from this one
(`rmo new-year`). Neither ever overwrites a file."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..archive.store import write_new
from ..errors import RmoError
from ..model import SchoolYear
from ..ooxml import xlsx_bytes
from ..russian.text import normalize_key
from . import contract
from .blank import blank_rows, declared_column, write_workbook
from .contract import Layout
from .opening import open_workbook
from .reader import inspect_workbook


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise RmoError.single(f"Файл «{target}» уже есть; rmo не перезаписывает файлы. "
                              "Укажите другое имя.")
    if target.suffix.lower() != ".xlsx":
        raise RmoError.single(f"Имя «{target.name}» должно оканчиваться на .xlsx.")


def init(target: str | Path) -> Path:
    """A new workbook of the contract, empty but for the parameter names and the instructions."""
    target = Path(target)
    _refuse_existing(target)
    write_workbook(target, blank_rows())
    return target


def new_year(source: str | Path, target: str | Path) -> SchoolYear:
    """Next year's workbook: the roster, plan sections and calendar kept; meetings kept with
    their periods but no dates; agenda, attendance marks, participation, results and task
    fulfilment cleared. Returns the new school year.

    Mistakes in what the new year clears (a mark, a missing attendance row, a date of this
    year) do not matter: the book is checked as it is after clearing, and only mistakes in
    what it keeps stop it, named at their cells of the same book."""
    import openpyxl

    source, target = Path(source), Path(target)
    _refuse_existing(target)
    opened, _ = open_workbook(source)  # what is not a workbook is refused by its own name
    opened.close()
    book = _cleared(openpyxl.load_workbook(source))
    # Checked with the values Excel saved: a copy saved by openpyxl keeps formulas only.
    checked = _cleared(openpyxl.load_workbook(source, data_only=True))
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / source.name
        copy.write_bytes(xlsx_bytes(checked))
        found = inspect_workbook(copy)
    if found.workbook is None:
        raise RmoError(found.errors, found.warnings)
    following = SchoolYear(found.workbook.association.year.start + 1)
    sheets = {normalize_key(ws.title): ws for ws in book.worksheets}
    for declared in contract.SHEETS:
        ws = sheets.get(normalize_key(declared.name))
        if ws is not None and ws.max_row >= 2 and declared.layout is Layout.PARAMETERS:
            _next_year(ws, declared, following)
    write_new(target, xlsx_bytes(book))
    return following


def _cleared(book):
    """The workbook with what a new year clears removed: rows of the emptied sheets, values
    of the cleared columns (the rows stay where they are, so a cell named stays right)."""
    sheets = {normalize_key(ws.title): ws for ws in book.worksheets}
    for declared in contract.SHEETS:
        ws = sheets.get(normalize_key(declared.name))
        if ws is None or ws.max_row < 2 or declared.layout is Layout.PARAMETERS:
            continue
        if declared.emptied:
            ws.delete_rows(2, ws.max_row - 1)
            continue
        for cell in ws[1]:
            column = declared_column(declared, cell.value) if cell.value is not None else None
            if column is not None and column.cleared:
                for row in range(2, ws.max_row + 1):
                    ws.cell(row, cell.column).value = None
    return book


def _next_year(ws, declared: contract.Sheet, following: SchoolYear) -> None:
    columns = {}
    for cell in ws[1]:
        column = declared_column(declared, cell.value) if cell.value is not None else None
        if column is not None:
            columns[column.name] = cell.column
    key = columns.get(contract.ASSOCIATION_PARAMETER.name)
    value = columns.get(contract.ASSOCIATION_VALUE.name)
    if key is None or value is None:
        return
    year = normalize_key(contract.SCHOOL_YEAR.name)
    for row in range(2, ws.max_row + 1):
        if normalize_key(str(ws.cell(row, key).value or "")) == year:
            ws.cell(row, value).value = following.label
