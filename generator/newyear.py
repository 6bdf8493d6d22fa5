"""Starting a school year: an empty workbook (`rmo init`) or next year's from this one
(`rmo new-year`). Neither ever overwrites a file."""

from __future__ import annotations

from pathlib import Path

from .archive import write_new
from .blank import blank_rows, write_workbook
from .errors import RmoError
from .model import SchoolYear
from .ooxml import xlsx_bytes
from .reader import read_workbook
from .text import normalize_key


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
    fulfilment cleared. Returns the new school year."""
    source, target = Path(source), Path(target)
    _refuse_existing(target)
    year = read_workbook(source).association.year
    following = SchoolYear(year.start + 1)

    import openpyxl

    book = openpyxl.load_workbook(source)
    sheets = {normalize_key(ws.title): ws for ws in book.worksheets}

    def sheet(title: str):
        return sheets.get(normalize_key(title))

    def column(ws, name: str) -> int | None:
        for cell in ws[1]:
            if cell.value is not None and normalize_key(str(cell.value)) == normalize_key(name):
                return cell.column
        return None

    def clear(ws, name: str) -> None:
        index = column(ws, name)
        if index is not None:
            for row in range(2, ws.max_row + 1):
                ws.cell(row, index).value = None

    def empty(ws) -> None:
        if ws is not None and ws.max_row > 1:
            ws.delete_rows(2, ws.max_row - 1)

    head = sheet("Объединение")
    key, value = column(head, "Параметр"), column(head, "Значение")
    for row in range(2, head.max_row + 1):
        if normalize_key(str(head.cell(row, key).value or "")) == normalize_key("Учебный год"):
            head.cell(row, value).value = following.label
    clear(sheet("Разделы плана"), "Выполнение")
    meetings = sheet("Заседания")
    clear(meetings, "Дата")
    clear(meetings, "Статус")
    empty(sheet("Повестка"))
    marks = sheet("Посещаемость")
    if marks is not None:
        names = column(marks, "ФИО")
        for row in marks.iter_rows(min_row=2):
            for cell in row:
                if cell.column != names:
                    cell.value = None
    empty(sheet("Участие"))
    empty(sheet("Итоги"))
    write_new(target, xlsx_bytes(book))
    return following
