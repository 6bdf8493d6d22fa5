"""The work plan: tasks, directions and the calendar table of the year."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from .blocks import add_cell_par, par, set_cell, signature, table, tag_row
from .ooxml import cell_element, header_row, hide_borders, merge_row, table_element
from .styles import BULLET, CELL_HEAD, HEADING, ITEM, PLAIN, TITLE, new_document

FILE_TITLE = "План работы"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    par(doc, "{%p if approval %}", PLAIN)
    _approval_stamp(par(doc, "{{ approval }}", PLAIN))
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ title }}", TITLE)
    par(doc, "на {{ year }} учебный год", TITLE)
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
    _calendar(doc)
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc


STAMP_INDENT = Cm(9.5)  # the stamp's block: the right 7 cm of the 16.5 cm text width


def _approval_stamp(paragraph) -> None:
    """ГОСТ Р 7.0.97's approval stamp: a block at the right, its lines («УТВЕРЖДЁН», «протоколом
    заседания РМО», «от 15.10.2025 № 1») flush left within it, above the title."""
    form = paragraph.paragraph_format
    form.alignment = WD_ALIGN_PARAGRAPH.LEFT
    form.left_indent = STAMP_INDENT
    form.first_line_indent = Cm(0)
    form.space_after = Pt(18)


def _calendar(doc) -> None:
    """Three columns; a heading row across them; a row of one item; or a block: the first row
    (the title «Заседание МО № 1.» over the first item), the middle items, the last item, each
    a row of the one table (no table inside a cell: suites built on LibreOffice draw no column
    rule there). Rows never split; every row of a block but the last keeps with the next, so a
    meeting stays on one page.

    The period stands in the block's first row, and the rules between the period cells of a
    block are hidden: the column reads as one merged cell. A real vertical merge is drawn
    broken by LibreOffice 7 when rows kept together move to the next page.
    """
    widths = [Cm(3.6), Cm(7.9), Cm(5.0)]
    tbl = table(doc, 19, widths)
    xml = table_element(doc)
    for cell, text in zip(tbl.rows[0].cells, ("месяц", "содержание работы", "ответственный")):
        set_cell(cell, text, CELL_HEAD)
    header_row(xml)
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
    tag_row(tbl, 7, "{%tr if row.last %}")
    _first_row(tbl, xml, 8, more=True)
    tag_row(tbl, 9, "{%tr else %}")
    _first_row(tbl, xml, 10, more=False)
    tag_row(tbl, 11, "{%tr endif %}")
    tag_row(tbl, 12, "{%tr for pair in row.middle %}")
    _next_row(tbl, xml, 13, "pair", last=False)
    tag_row(tbl, 14, "{%tr endfor %}")
    tag_row(tbl, 15, "{%tr if row.last %}")
    _next_row(tbl, xml, 16, "row.last", last=True)
    tag_row(tbl, 17, "{%tr endif %}")
    tag_row(tbl, 18, "{%tr endif %}")
    last = tbl.add_row()
    for cell, width in zip(last.cells, widths):
        cell.width = width
    tag_row(tbl, 19, "{%tr endfor %}")


def _first_row(tbl, xml, index: int, *, more: bool) -> None:
    """The block's first row (row `index` of the table, xml its <w:tbl>): the period, the
    title in bold over the first item, and the first item's people level with it (an empty
    line beside the title)."""
    row = tbl.rows[index]
    period, content, responsible = row.cells
    set_cell(period, "{{ row.period }}")
    set_cell(content, "{%p if row.title %}")
    add_cell_par(content, "{{ row.title }}", bold=True)
    add_cell_par(content, "{%p endif %}")
    add_cell_par(content, "{{ row.first.content }}")
    set_cell(responsible, "{%p if row.title %}")
    add_cell_par(responsible, "")
    add_cell_par(responsible, "{%p endif %}")
    add_cell_par(responsible, "{{ row.first.responsible }}")
    if more:
        hide_borders(cell_element(xml, index, 0), "bottom")
        _keep_with_next(row)


def _next_row(tbl, xml, index: int, name: str, *, last: bool) -> None:
    """A middle or the last row of a block: its period cell continues the first's."""
    row = tbl.rows[index]
    period, content, responsible = row.cells
    set_cell(period, "")
    set_cell(content, f"{{{{ {name}.content }}}}")
    set_cell(responsible, f"{{{{ {name}.responsible }}}}")
    period_xml = cell_element(xml, index, 0)
    if last:
        hide_borders(period_xml, "top")
    else:
        hide_borders(period_xml, "top", "bottom")
        _keep_with_next(row)


def _keep_with_next(row) -> None:
    """Every paragraph of the row kept with the next: a block's rows (and a heading with the
    row under it) stay on one page; rows themselves never split (table())."""
    for cell in row.cells:
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.keep_with_next = True
