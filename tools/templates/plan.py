"""The work plan: tasks, directions and the calendar table of the year."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .blocks import par, set_cell, signature, table, tag_row
from .ooxml import header_row, merge_row, row_props
from .styles import BULLET, CELL, CELL_HEAD, HEADING, ITEM, PLAIN, TITLE, new_document

FILE_TITLE = "План работы"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    par(doc, "{{ title }}", TITLE)
    par(doc, "на {{ year }} учебный год", TITLE)
    par(doc, "{%p if approval %}", PLAIN)
    mark = par(doc, "{{ approval }}", PLAIN)
    mark.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    mark.paragraph_format.space_before = Pt(6)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "Методическая тема МО:", HEADING)
    par(doc, "{{ theme }}")
    par(doc, "{%p if tasks %}", PLAIN)
    par(doc, "Задачи {{ name }}:", HEADING)
    par(doc, "{%p for task in tasks %}", PLAIN)
    par(doc, "{{ task }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    for key, heading in (("directions", "Направления работы:"), ("forms", "Формы работы МО:"),
                         ("results", "Ожидаемые результаты работы:")):
        par(doc, f"{{%p if {key} %}}", PLAIN)
        par(doc, heading, HEADING)
        par(doc, f"{{%p for line in {key} %}}", PLAIN)
        par(doc, "{{ line }}", BULLET)
        par(doc, "{%p endfor %}", PLAIN)
        par(doc, "{%p endif %}", PLAIN)
    par(doc, "Календарный план:", HEADING)

    widths = [Cm(3.6), Cm(7.9), Cm(5.0)]
    tbl = table(doc, 9, widths)
    for cell, text in zip(tbl.rows[0].cells, ("месяц", "содержание работы", "ответственный")):
        set_cell(cell, text, CELL_HEAD)
    header_row(tbl)
    tag_row(tbl, 1, "{%tr for row in calendar %}")
    tag_row(tbl, 2, "{%tr if row.kind == 'heading' %}")
    merged = merge_row(tbl, 3)
    set_cell(merged, "{{ row.content }}", CELL_HEAD)
    _keep_with_next(tbl.rows[3])  # a heading row never ends a page (Word honours this)
    tag_row(tbl, 4, "{%tr elif row.kind == 'single' %}")
    period, content, responsible = tbl.rows[5].cells
    set_cell(period, "{{ row.period }}")
    set_cell(content, "{{ row.content }}")
    set_cell(responsible, "{{ row.responsible }}")
    tag_row(tbl, 6, "{%tr else %}")
    _block_row(tbl.rows[7], widths)
    tag_row(tbl, 8, "{%tr endif %}")
    last = tbl.add_row()
    for cell, width in zip(last.cells, widths):
        cell.width = width
    tag_row(tbl, 9, "{%tr endfor %}")

    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc


def _block_row(row, widths) -> None:
    """A meeting (or a period with several items) as ONE row of the table, so that no page
    break falls inside it: the period, then a cell across the other two columns holding the
    title and a borderless inner table whose rows keep each item level with its people."""
    period = row.cells[0]
    set_cell(period, "{{ row.period }}")
    cell = row.cells[1].merge(row.cells[2])
    _no_side_margins(cell)
    inner = cell.add_table(6, 2)
    cell._tc.remove(cell.paragraphs[0]._p)  # the cell opens with the inner table
    inner_widths = widths[1:]
    for inner_row in inner.rows:
        for inner_cell, width in zip(inner_row.cells, inner_widths):
            inner_cell.width = width
        row_props(inner_row, cant_split=True)
    for column, width in zip(inner.columns, inner_widths):
        column.width = width
    set_cell(inner.rows[0].cells[0], "{%tr if row.title %}")
    set_cell(inner.rows[1].cells[0], "{{ row.title }}", bold=True)
    set_cell(inner.rows[1].cells[1], "")
    set_cell(inner.rows[2].cells[0], "{%tr endif %}")
    set_cell(inner.rows[3].cells[0], "{%tr for pair in row.pairs %}")
    set_cell(inner.rows[4].cells[0], "{{ pair.content }}")
    set_cell(inner.rows[4].cells[1], "{{ pair.responsible }}")
    set_cell(inner.rows[5].cells[0], "{%tr endfor %}")
    _inner_table_props(inner)
    # A cell must end with a paragraph; this one is made as small as a line can be.
    tail = cell.paragraphs[-1]
    tail.style = cell.part.document.styles[CELL]
    tail.paragraph_format.line_spacing = Pt(1)


def _inner_table_props(inner) -> None:
    """No borders but the one between the columns, which sits on the outer table's line
    (the outer cell has no side margins, so the inner table starts at its edge)."""
    tblpr = inner._tbl.tblPr
    for tag in ("w:tblStyle", "w:tblBorders", "w:tblInd"):
        for old in tblpr.findall(qn(tag)):
            tblpr.remove(old)
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{side}")
        if side == "insideV":
            el.set(qn("w:val"), "single")
            el.set(qn("w:sz"), "4")
            el.set(qn("w:space"), "0")
            el.set(qn("w:color"), "auto")
        else:
            el.set(qn("w:val"), "nil")
        borders.append(el)
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), "0")
    indent.set(qn("w:type"), "dxa")
    # Schema order inside tblPr: tblStyle, …, tblW, jc, …, tblInd, tblBorders, …, tblLayout …
    width = tblpr.find(qn("w:tblW"))
    anchor = tblpr.find(qn("w:jc"))
    anchor = anchor if anchor is not None else width
    anchor.addnext(indent)
    indent.addnext(borders)
    layout = tblpr.find(qn("w:tblLayout"))
    if layout is None:
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        borders.addnext(layout)


CELL_MARGIN_TWIPS = 108  # Word's default left and right cell margin, 0.19 cm


def _no_side_margins(cell) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    margins = OxmlElement("w:tcMar")
    for side in ("left", "right"):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), "0")
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    # Schema order in tcPr: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, …
    tcpr.append(margins)


def _keep_with_next(row) -> None:
    """Every paragraph of the row kept with the next: a meeting's block (and a heading with
    the row under it) stays on one page; rows themselves never split (table())."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
