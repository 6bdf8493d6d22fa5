"""The work plan: tasks, directions and the calendar table of the year."""

from __future__ import annotations

from docx.shared import Cm

from .blocks import add_cell_par, par, set_cell, signature, table, tag_row
from .ooxml import header_row, hide_borders, merge_row, v_merge
from .styles import BULLET, CELL_HEAD, HEADING, ITEM, PLAIN, TITLE, new_document

FILE_TITLE = "План работы"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
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

    widths = [Cm(3.6), Cm(7.9), Cm(5.0)]
    tbl = table(doc, 13, widths)
    for cell, text in zip(tbl.rows[0].cells, ("месяц", "содержание работы", "ответственный")):
        set_cell(cell, text, CELL_HEAD)
    header_row(tbl)
    tag_row(tbl, 1, "{%tr for row in calendar %}")
    tag_row(tbl, 2, "{%tr if row.kind == 'heading' %}")
    merged = merge_row(tbl, 3)
    set_cell(merged, "{{ row.content }}", CELL_HEAD)
    tag_row(tbl, 4, "{%tr elif row.kind == 'single' %}")
    _calendar_cells(tbl.rows[5])
    tag_row(tbl, 6, "{%tr elif row.kind == 'first' %}")
    _calendar_cells(tbl.rows[7], merge="restart", hidden=("bottom",))
    tag_row(tbl, 8, "{%tr elif row.kind == 'middle' %}")
    _calendar_cells(tbl.rows[9], merge="continue", hidden=("top", "bottom"))
    tag_row(tbl, 10, "{%tr else %}")
    _calendar_cells(tbl.rows[11], merge="continue", hidden=("top",))
    tag_row(tbl, 12, "{%tr endif %}")
    last = tbl.add_row()
    for cell, width in zip(last.cells, widths):
        cell.width = width
    tag_row(tbl, 13, "{%tr endfor %}")

    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc


def _calendar_cells(row, merge: str = "", hidden: tuple[str, ...] = ()) -> None:
    period, content, responsible = row.cells
    if merge == "restart":
        set_cell(period, "{{ row.period }}")
        v_merge(period, restart=True)
    elif merge == "continue":
        set_cell(period, "")
        v_merge(period, restart=False)
    else:
        set_cell(period, "{{ row.period }}")
    # The block title («Заседание МО № 1.») stands on a line of its own above the first item;
    # the responsible column keeps an empty line there so that items and people stay level.
    set_cell(content, "{%p if row.title %}")
    add_cell_par(content, "{{ row.title }}", bold=True)
    add_cell_par(content, "{%p endif %}")
    add_cell_par(content, "{{ row.content }}")
    set_cell(responsible, "{%p if row.title %}")
    add_cell_par(responsible, "")
    add_cell_par(responsible, "{%p endif %}")
    add_cell_par(responsible, "{{ row.responsible }}")
    for cell in (content, responsible):
        if hidden:
            hide_borders(cell, *hidden)
