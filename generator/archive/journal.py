"""«Реестр документов.xlsx»: the journal of a year's archive, for the office.

One row per document version, in filing order with the versions of a document together, the
current one marked, a certificate's registration number and date of issue beside it; A4
landscape, one page wide, the header row on every page. Columns the staff add («Подписан»,
«Передан») and their values are carried over by every build, matched by file name (shown
without «.docx»). Checksums are for programs and stay in реестр.json
(generator/archive/register.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Problem, warning
from ..ooxml import wrapped_lines
from .store import base_name, write_atomic
from .times import readable

if TYPE_CHECKING:
    from .register import Entry

# (header, width in characters), printed one page wide on A4 landscape. «Документ» holds
# the longest certificate's name on one line, so rows keep one height.
COLUMNS = (("№", 5), ("Документ", 60), ("Вид", 17), ("Заседание", 17), ("Кому", 28),
           ("Рег. № и дата выдачи", 17), ("Версия", 8), ("Действующая", 14),
           ("Дата записи", 16))
CENTRED = {1, 6, 7, 8}  # columns (from 1) of short values, centred
LINE = 15  # points per line of 11-point text: rows are sized here, not left to the reader
FILE = "Документ"


def title(association: str, year: str) -> str:
    """The journal's heading on every page: «Реестр документов РМО …, 2025/2026 учебный год»."""
    return f"Реестр документов {association}, {year} учебный год" if association \
        else f"Реестр документов, {year} учебный год"


def shown(file: str) -> str:
    """A file as the journal names it: a document without «.docx» (every one is), a workbook
    or another file with its extension."""
    return file[:-5] if file.lower().endswith(".docx") else file
CURRENT = "да"
# Headers of rmo 0.1's journal: its columns are rmo's own, not the staff's.
_OLD = {"Файл", "Вид", "Заседание", "Версия", "Записан", "SHA-256", "SHA-256 книги"}


@dataclass
class StaffColumn:
    """A column someone added to the journal, with its values by file name."""

    header: Any
    width: float | None
    values: dict[str, tuple[Any, str]] = field(default_factory=dict)  # value, number format


def write(path: Path, entries: Sequence[Entry], title: str) -> tuple[Problem, ...]:
    """Write the journal if its content changed; a journal that cannot be read or written is a
    warning, never a reason to lose the staff's columns or to stop the build."""
    try:
        staff = staff_columns(path, {shown(e.file) for e in entries})
    except Exception:  # noqa: BLE001 — any unreadable file: keep it, say so
        return (warning(f"Журнал «{path.name}» не удалось прочитать, поэтому он оставлен как "
                        "есть и не обновлён; документы записаны и внесены в реестр.",
                        fix="Проверьте, что это книга Excel (.xlsx), или переименуйте её и "
                            "запустите сборку снова: rmo сделает журнал заново."),)
    data = journal_bytes(entries, staff, title)
    if path.is_file() and path.read_bytes() == data:
        return ()
    try:
        write_atomic(path, data)
    except PermissionError:
        return (warning(f"Журнал «{path.name}» не обновлён: он открыт в другой программе "
                        "(Excel). Документы записаны и внесены в реестр.",
                        fix="Закройте журнал и запустите сборку ещё раз — журнал будет "
                            "дополнен."),)
    return ()


def staff_columns(path: Path, files: set[str]) -> list[StaffColumn]:
    """The columns of an existing journal that rmo did not make, with their values."""
    if not path.is_file():
        return []
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    book = load_workbook(path)
    sheet = book.worksheets[0]
    width = sheet.max_column
    headers = [sheet.cell(1, c).value for c in range(1, width + 1)]
    ours = {header for header, _ in COLUMNS} | _OLD
    key = _file_column(sheet, headers, files)
    if key is None:
        return []
    found = []
    for column, header in enumerate(headers, start=1):
        if column == key or (isinstance(header, str) and header.strip() in ours):
            continue
        staff = StaffColumn(header, sheet.column_dimensions[get_column_letter(column)].width
                            if get_column_letter(column) in sheet.column_dimensions else None)
        for row in range(2, sheet.max_row + 1):
            name, cell = sheet.cell(row, key).value, sheet.cell(row, column)
            if name is not None and cell.value is not None:
                # A journal of an earlier rmo named files with «.docx».
                staff.values[shown(str(name).strip())] = (cell.value, cell.number_format)
        if header is not None or staff.values:
            found.append(staff)
    return found


def _file_column(sheet, headers: list, files: set[str]) -> int | None:
    """The column of file names: by its header, else the one holding most known names."""
    for wanted in (FILE, "Файл"):
        if wanted in headers:
            return headers.index(wanted) + 1
    best, hits = None, 0
    for column in range(1, len(headers) + 1):
        count = sum(1 for row in range(2, sheet.max_row + 1)
                    if shown(str(sheet.cell(row, column).value).strip()) in files)
        if count > hits:
            best, hits = column, count
    return best


def rows(entries: Sequence[Entry]) -> list[list[Any]]:
    """The journal's rows: documents in the order they were first filed, each document's
    versions together; the current version marked (the newest, unless a build said which)."""
    documents = [e for e in entries if not e.file.lower().endswith(".pdf")]
    order: dict[str, int] = {}
    for entry in documents:
        order.setdefault(base_name(entry.file), len(order))
    flagged = {base_name(e.file) for e in documents if e.current}
    newest: dict[str, int] = {}
    for entry in documents:
        base = base_name(entry.file)
        newest[base] = max(newest.get(base, 0), entry.version)
    result = []
    ordered = sorted(documents, key=lambda e: (order[base_name(e.file)], e.version))
    for number, entry in enumerate(ordered, start=1):
        base = base_name(entry.file)
        current = entry.current if base in flagged else entry.version == newest[base]
        result.append([number, shown(entry.file), entry.kind, meeting_label(entry),
                       entry.person, entry.issued, entry.version, CURRENT if current else "",
                       readable(entry.written)])
    return result


def meeting_label(entry: Entry) -> str:
    if not entry.meeting:
        return ""
    return f"№ {entry.meeting}" + (f" от {entry.meeting_date}" if entry.meeting_date else "")


def journal_bytes(entries: Sequence[Entry], staff: Sequence[StaffColumn], title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    from ..ooxml import xlsx_bytes

    book = Workbook()
    # File → Properties names who keeps the journal, not the library that wrote it.
    book.properties.creator = title.removeprefix("Реестр документов ").split(",")[0]
    book.properties.title = title
    sheet = book.active
    sheet.title = "Реестр"
    headers = [header for header, _ in COLUMNS] + [column.header for column in staff]
    sheet.append(headers)
    for values in rows(entries):
        name = values[1]
        sheet.append(values + [column.values.get(name, (None, ""))[0] for column in staff])
        for offset, column in enumerate(staff, start=len(COLUMNS) + 1):
            if name in column.values:
                sheet.cell(sheet.max_row, offset).number_format = column.values[name][1]
    thin = Side(style="thin", color="808080")
    frame = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrapped = Alignment(vertical="top", wrap_text=True)
    centred = Alignment(horizontal="center", vertical="top", wrap_text=True)
    for row in sheet.iter_rows():
        for cell in row:
            cell.border = frame
            cell.alignment = centred if cell.column in CENTRED or cell.row == 1 else wrapped
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
    widths = [width for _, width in COLUMNS] + [column.width or 14 for column in staff]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for row in sheet.iter_rows(min_row=1):
        lines = max(wrapped_lines(cell.value,
                                  widths[cell.column - 1] * (0.9 if cell.row == 1 else 1))
                    for cell in row)  # headers are bold: a little wider
        sheet.row_dimensions[row[0].row].height = LINE * lines
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    # Printed as it is: A4 landscape, one page wide, the header row on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.75
    sheet.page_margins.header = sheet.page_margins.footer = 0.3
    sheet.oddHeader.center.text = title
    sheet.oddFooter.right.text = "Страница &P из &N"
    return xlsx_bytes(book, fixed=True)
