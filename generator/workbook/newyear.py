"""Starting a school year: an empty workbook (`rmo init`) or next year's from this one
(`rmo new-year`). Neither ever overwrites a file."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from ..archive.store import write_new
from ..errors import RmoError
from ..model import SchoolYear
from ..ooxml import xlsx_bytes
from ..russian.text import normalize_key
from . import contract
from .blank import blank_rows, declared_column, workbook_bytes, write_workbook
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
    write_workbook(target, blank_rows())  # the file form of blank_book()
    return target


def blank_book() -> bytes:
    """The bytes of `rmo init`'s workbook (the page sends them as they are)."""
    return workbook_bytes(blank_rows())


def new_year(source: str | Path, target: str | Path) -> SchoolYear:
    """Next year's workbook (next_year_book) from the workbook at `source`, written to
    `target`. Returns the new school year."""
    source, target = Path(source), Path(target)
    _refuse_existing(target)
    # What cannot be read from the path (no such file, a folder, locked) is said with the
    # path the person typed; next_year_book says the rest by the file's name.
    opened, _ = open_workbook(source)
    opened.close()
    following, data = next_year_book(source.read_bytes(), source.name)
    write_new(target, data)
    return following


def next_year_book(data: bytes, name: str) -> tuple[SchoolYear, bytes]:
    """Next year's workbook from the bytes of this year's one, and the new school year: the
    roster, plan sections and calendar kept; meetings kept with their periods but no dates;
    agenda, attendance marks, participation, results and task fulfilment cleared. `name` is
    the file's name as the person knows it: every message names it.

    Mistakes in what the new year clears (a mark, a missing attendance row, a date of this
    year) do not matter: the book is checked as it is after clearing, and only mistakes in
    what it keeps stop it, named at their cells of the same book."""
    import openpyxl

    # The reader opens a workbook by its path (generator.workbook.opening checks the file and
    # its zip before openpyxl reads it): the one copy made on disk, under her own name.
    with tempfile.TemporaryDirectory() as folder:
        copy = _copy(Path(folder), name, data)
        opened, _ = open_workbook(copy)  # what is not a workbook is refused by its own name
        opened.close()
        book = _cleared(openpyxl.load_workbook(io.BytesIO(data)))
        # Checked with the values Excel saved: a copy saved by openpyxl keeps formulas only.
        checked = _cleared(openpyxl.load_workbook(io.BytesIO(data), data_only=True))
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
    return following, xlsx_bytes(book)


def _copy(folder: Path, name: str, data: bytes) -> Path:
    """The bytes in the folder under her own file name; a name this system cannot store is
    made safe."""
    from ..archive.store import safe_filename

    name = Path(name).name or "книга.xlsx"
    for candidate in (name, safe_filename(name)):
        try:
            (folder / candidate).write_bytes(data)
            return folder / candidate
        except (OSError, ValueError):
            continue
    raise RmoError.single(f"Не удалось сохранить файл «{name}» во временную папку.")


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
