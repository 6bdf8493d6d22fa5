"""The registration sheet of an in-person meeting, signed by hand by everyone present;
up to 25 rows fit one A4 page."""

from __future__ import annotations

from docx.enum.table import WD_ALIGN_VERTICAL, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .blocks import loop_table, par
from .minutes import association_header
from .ooxml import table_element
from .styles import CELL, CELL_CENTER, PLAIN, TITLE, new_document

FILE_TITLE = "Лист регистрации"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    attachment_mark(doc)
    list_header(doc)
    # Widths so that «педагог-библиотекарь», «Римский-Корсаков А.П.» and most school names
    # take one line at 12 pt.
    loop_table(doc, "rows", [("№", "number", 0.7, CELL_CENTER), ("ФИО", "name", 4.3, CELL),
                             ("Должность", "position", 4.1, CELL),
                             ("Учреждение", "institution", 4.3, CELL),
                             ("Подпись", "signature", 3.1, CELL)])
    # Room to sign by hand; docxtpl repeats the row with its height.
    _narrow_cell_margins(table_element(doc))
    row = doc.tables[-1].rows[2]
    row.height = Cm(0.75)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    # Lines exactly 11 pt apart: a two-line school name still fits the 8 mm row, so 25 rows
    # stay on one page.
    for cell in row.cells:
        cell.vertical_alignment = WD_ALIGN_VERTICAL.CENTER
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.line_spacing = Pt(11)
    return doc


def attachment_mark(doc) -> None:
    """«Приложение к протоколу заседания РМО от … № …» at the top right (ГОСТ Р 7.0.97), when
    the paper is attached to minutes: the lines start at one indent, each left-aligned."""
    par(doc, "{%p if attachment %}", PLAIN)
    # One line at 12 pt, flush right: a sheet of 25 rows still fits one page.
    mark = par(doc, "{{ attachment }}", CELL)
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    par(doc, "{%p endif %}", PLAIN)


def list_header(doc) -> None:
    """The association, the heading of the list, the date when not yet known, the venue."""
    association_header(doc, blank_after=False)
    heading = par(doc, "{{ heading }}", TITLE)
    heading.paragraph_format.space_before = Pt(6)
    par(doc, "{%p if undated %}", PLAIN)
    par(doc, "Дата: «____» ____________ 20___ г.", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    heading.paragraph_format.space_after = Pt(6)
    par(doc, "{%p if venue %}", PLAIN)
    venue = par(doc, "Место проведения: {{ venue }}", PLAIN)
    venue.paragraph_format.space_after = Pt(6)
    par(doc, "{%p endif %}", PLAIN)


def _narrow_cell_margins(xml) -> None:
    """0.1 cm at the sides of every cell instead of Word's 0.19 (xml: the table's <w:tbl>):
    school names wrap less, and 25 rows fit one page."""
    tblpr = xml.find(qn("w:tblPr"))
    margins = OxmlElement("w:tblCellMar")
    # No room added above and below (25 rows must fit a page): the rows are centred vertically
    # instead, so a line of text never sits on the cell's rule.
    for side, width in (("left", "57"), ("right", "57")):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), width)
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    # Schema order in tblPr: … tblBorders, shd, tblLayout, tblCellMar, tblLook …
    look = tblpr.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        tblpr.append(margins)
