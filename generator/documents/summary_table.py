"""The centre's summary as a spreadsheet (.xlsx) a region can merge with other districts'.

Sheet «Таблица» is a clean rectangle from A1: one header row of plain column names, one row per
association, and the «Итого» row last (its «№» left empty, outside the filter's range, so that
sorting and merging leave it out). Every figure is a number cell, a percentage a fraction with a
percent format: the same figures as the .docx (generator.documents.summary), counted once in
generator.figures.centre. Every level of participation has its column even when nobody took part at
it: tables of several districts must have the same columns to be put together. Sheet
«Сведения» says what the table is: title, year, originator, signer, notes.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..figures.centre import LEVELS, AssociationRow, CentreSummary, Totals
from ..ooxml import wrapped_lines  # rows are sized by rmo: Excel does not grow them
from ..russian.text import NBSP, surname_first
from .summary import SIGNER, TITLE, notes

PERCENT = "0%"
HOURS = "0.##"  # 36 and 1.5 (a spreadsheet shows its own decimal separator)
DATE = "DD.MM.YYYY"
TABLE, ABOUT = "Таблица", "Сведения"
TOTAL = "Итого"

# (header, width in characters, number format); the header names each column on its own, so
# that a merged table needs no header rows above it. Figures are narrow, their headers turned
# upright: the table prints one page wide on A4 landscape at a readable size.
COLUMNS: tuple[tuple[str, float, str], ...] = (
    ("№", 4, "0"),
    ("Объединение", 34, "@"),
    ("Руководитель", 17, "@"),
    ("Членов", 7, "0"),
    ("Учреждений", 7, "0"),
    ("Заседаний запланировано", 7, "0"),
    ("Заседаний проведено", 7, "0"),
    ("Средняя посещаемость заседаний", 7, PERCENT),
    ("Выступлений на заседаниях", 7, "0"),
    ("Доля выступивших членов", 7, PERCENT),
    *((f"Участий: {level.label}", 7, "0") for level in LEVELS),
    ("Победителей, призёров, лауреатов", 7, "0"),
    ("Часов курсов повышения квалификации", 7, HOURS),
    ("Данные на", 11, DATE),
    ("Учебный год", 11, "@"),
    ("Центр", 30, "@"),
)
UPRIGHT = range(4, 20)  # the figures' columns (from 1): headers turned to read bottom-up
PRINTED = 18  # «Учебный год» and «Центр» repeat one value: for merging, not for paper
HEADERS = tuple(header for header, _, _ in COLUMNS)


def _fraction(value: int) -> float:
    """A percentage the summary rounded (83) as the spreadsheet keeps it (0.83)."""
    return value / 100


def _figures(row: AssociationRow | Totals) -> list[Any]:
    """The columns from «Членов» to «Часов…»: an association's or the district's."""
    held = row.held
    return [row.members, row.institutions, row.planned, held,
            _fraction(row.average_attendance) if held else None,  # no meeting: no figure
            row.talks, _fraction(row.speakers_share), *row.by_level, row.high_results,
            _hours(row.course_hours)]


def _hours(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def table_rows(summary: CentreSummary, organisation: str = "") -> list[list[Any]]:
    """The table's rows below the header: each association, then «Итого»."""
    centre = organisation.strip() or summary.organisation
    year = summary.year.label
    # Plain spaces, not the document's non-breaking ones: a region matches names it merges.
    rows = [[number, row.name, surname_first(row.head.name).replace(NBSP, " "), *_figures(row),
             row.as_of if row.interim else None, year, centre or None]
            for number, row in enumerate(summary.rows, start=1)]
    rows.append([None, TOTAL, None, *_figures(summary.totals),
                 summary.as_of if summary.interim else None, year, centre or None])
    return rows


def about_rows(summary: CentreSummary, organisation: str = "",
               signer: str = "") -> list[tuple[str, Any]]:
    """Sheet «Сведения»: what a reader of the table (or a region's methodist) needs to know."""
    last = len(summary.rows) + 2
    found: list[tuple[str, Any]] = [
        ("Документ", f"{TITLE} за {summary.year.label} учебный год"),
        ("Составитель", organisation.strip() or summary.organisation or None),
        ("Учебный год", summary.year.label),
        ("Объединений", len(summary.rows)),
    ]
    if summary.interim and summary.as_of:
        found.append(("Данные на", summary.as_of))
    found += [
        ("Подписывает", " ".join(signer.split()) or SIGNER),  # as the centre wrote it
        ("Таблица", f"лист «{TABLE}»: строка 1 — названия столбцов, строки 2–{last - 1} — "
                    f"объединения, строка {last} — «{TOTAL}» (без номера)."),
        ("Проценты", "Доли хранятся числами (0,83 показано как 83 %); посещаемость — доля "
                     "присутствий от возможных, в строке «Итого» — по суммам, не среднее "
                     "долей. Пустая посещаемость: заседаний не проводили."),
    ]
    found += [("Примечание", note) for note in notes(summary)]
    return found


def summary_xlsx(summary: CentreSummary, organisation: str = "", signer: str = "") -> bytes:
    """The spreadsheet's bytes: the same summary gives the same bytes (no time of saving)."""
    from openpyxl import Workbook

    from ..ooxml import xlsx_bytes

    book = Workbook()
    sheet = book.active
    sheet.title = TABLE
    _table(sheet, summary, organisation)
    _about(book.create_sheet(ABOUT), summary, organisation, signer)
    book.properties.title = f"{TITLE} за {summary.year.label} учебный год"
    book.properties.creator = organisation.strip() or summary.organisation or "rmo"
    book.properties.lastModifiedBy = None
    # Fixed too in core.xml by xlsx_bytes; set here so that openpyxl writes no clock time.
    book.properties.created = book.properties.modified = dt.datetime(2000, 1, 1)
    return xlsx_bytes(book, fixed=True)


def _table(sheet, summary: CentreSummary, organisation: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.append(HEADERS)
    for values in table_rows(summary, organisation):
        sheet.append(values)
    thin = Side(style="thin", color="808080")
    frame = Border(left=thin, right=thin, top=thin, bottom=thin)
    last = sheet.max_row
    for row in sheet.iter_rows():
        for cell in row:
            cell.border = frame
            header = cell.row == 1
            upright = header and cell.column in UPRIGHT
            cell.alignment = Alignment(
                horizontal="center" if header or cell.column not in (2, 3) else "left",
                vertical="center" if header else "top", wrap_text=True,
                text_rotation=90 if upright else 0)
            if not header:
                cell.number_format = COLUMNS[cell.column - 1][2]
            if header or cell.row == last:
                cell.font = Font(name="Calibri", bold=True)
            if header:
                cell.fill = PatternFill("solid", fgColor="E7E6E6")
    for index, (_, width, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.row_dimensions[1].height = 150  # the longest upright header on two lines
    for row in range(2, last + 1):
        sheet.row_dimensions[row].height = 15 * max(
            wrapped_lines(sheet.cell(row, c).value, COLUMNS[c - 1][1]) for c in (2, 3))
    sheet.freeze_panes = "C2"
    # The associations only: sorting by a column must not move «Итого» among them.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{last - 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(PRINTED)}{last}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.oddHeader.left.text = organisation.strip() or summary.organisation
    sheet.oddHeader.center.text = f"{TITLE} за {summary.year.label} учебный год"
    sheet.oddFooter.right.text = "Страница &P из &N"


def _about(sheet, summary: CentreSummary, organisation: str, signer: str) -> None:
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.properties import PageSetupProperties

    width = 70
    for label, value in about_rows(summary, organisation, signer):
        sheet.append([label, value])
        row = sheet.max_row
        cell = sheet.cell(row, 2)
        if isinstance(value, dt.date):
            cell.number_format = DATE
        cell.alignment = Alignment(horizontal="left", vertical="top", wrap_text=True)
        sheet.cell(row, 1).font = Font(name="Calibri", bold=True)
        sheet.cell(row, 1).alignment = Alignment(vertical="top")
        sheet.row_dimensions[row].height = 15 * wrapped_lines(value, width)
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = width
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
