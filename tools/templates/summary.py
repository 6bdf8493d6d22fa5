"""The centre's summary: a landscape table of every association, the totals and two charts,
then the associations' conclusions on portrait pages, the signature and the date."""

from __future__ import annotations

from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .blocks import add_cell_par, bullets, par, set_cell, signature, table, tag_row, when
from .ooxml import cell_element, cell_props, header_row, table_element
from .styles import (
    BODY,
    BULLET,
    CELL,
    CELL_CENTER,
    CELL_HEAD,
    CENTER,
    HEADING,
    PLAIN,
    TITLE,
    new_document,
)

FILE_TITLE = "Сводный отчёт"  # File → Properties of the template

# (group over the column, the column's header, the row's field, width in cm). With the five
# levels of participation (LEVEL_WIDTH each) the widths make the 25.2 cm between the margins
# of a landscape A4 page (297 mm less 30 and 15 mm); fewer levels leave their width to the
# levels shown (generator/render/columns.py).
BEFORE = [
    ("", "№", "number", 0.9),
    ("", "Объединение, руководитель", "name", 5.5),
    ("Состав", "членов", "members", 1.25),
    ("Состав", "учреждений", "institutions", 1.25),
    ("Заседания", "запланировано", "planned", 1.25),
    ("Заседания", "проведено", "held", 1.25),
    ("Заседания", "средняя посещаемость", "attendance", 1.7),
    ("Выступления", "выступлений", "talks", 1.6),
    ("Выступления", "доля выступивших членов", "speakers", 1.8),
]
AFTER = [
    ("", "Победители, призёры, лауреаты", "results", 1.35),
    ("", "Курсы повышения квалификации, часов", "hours", 1.35),
]
LEVELS = "Участий в мероприятиях по уровням"
LEVEL_WIDTH = 1.2 * 5  # the five level columns' share of the page
TAG_WIDTH = 0.4  # the cells holding the loop's tags: in the template only
TABLE_WIDTH = Cm(25.2)


def make():
    """The template as a python-docx document."""
    doc = new_document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    par(doc, "{%p if organisation %}", PLAIN)
    originator = par(doc, "{{ organisation }}", CENTER)  # the centre, as the passport has it
    originator.paragraph_format.space_after = Pt(12)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ title }}", TITLE)
    par(doc, "за {{ year }} учебный год", TITLE)
    when(doc, "as_of", "({{ as_of }})", CENTER)
    par(doc, "", PLAIN)
    bullets(doc, "overview", BODY)
    par(doc, "", PLAIN)
    _table(doc)
    par(doc, "{%p for line in notes %}", PLAIN)
    note = par(doc, "{{ line }}", BODY)
    note.paragraph_format.space_before = Pt(6)
    par(doc, "{%p endfor %}", PLAIN)
    for key in ("attendance_chart", "level_chart"):
        par(doc, f"{{%p if {key} %}}", PLAIN)
        chart = par(doc, f"{{{{ {key} }}}}", CENTER)
        chart.paragraph_format.space_before = Pt(12)
        par(doc, "{%p endif %}", PLAIN)

    # The conclusions are text: back to portrait, on a new page (numbered, as the pages before).
    doc.add_section(WD_SECTION.NEW_PAGE)
    portrait = doc.sections[-1]
    portrait.orientation = WD_ORIENT.PORTRAIT
    portrait.page_width, portrait.page_height = Mm(210), Mm(297)
    portrait.different_first_page_header_footer = False
    par(doc, "Выводы объединений", TITLE)
    par(doc, "{%p for association in conclusions %}", PLAIN)
    par(doc, "{{ association.heading }}", HEADING)
    par(doc, "{%p for line in association.lines %}", PLAIN)
    par(doc, "{{ line }}", BULLET)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endfor %}", PLAIN)
    sign = signature(doc, "{{ signer_title }}", "{{ signer }}")
    sign.paragraph_format.space_before = Pt(24)
    sign.paragraph_format.keep_with_next = True
    par(doc, "{{ date }}", PLAIN)
    return doc


def _table(doc) -> None:
    """Two header rows (groups above, the figures' names written upwards to keep the columns
    narrow), one row per association, and the totals. The level columns are a loop over the
    levels that have data: a tag cell opens it, one cell repeats, a tag cell closes it."""
    columns = [*BEFORE, ("loop", "{%tc for level in levels %}", "", TAG_WIDTH),
               (LEVELS, "{{ level }}", "levels", LEVEL_WIDTH / 5),
               ("loop", "{%tc endfor %}", "", TAG_WIDTH), *AFTER]
    loop = len(BEFORE)  # the opening tag's column
    tbl = table(doc, 6, [Cm(width) for *_, width in columns])
    xml = table_element(doc)
    _fixed_width(xml)
    groups: dict[str, list[int]] = {}
    for i, (group, header, _, _) in enumerate(columns):
        if group == "loop":
            set_cell(tbl.cell(0, i), header)
            set_cell(tbl.cell(1, i), header)
        elif group == LEVELS:
            set_cell(tbl.cell(0, i), "{% hm %}" + LEVELS, CELL_HEAD)
            set_cell(tbl.cell(1, i), header, CELL_HEAD)
            _upwards(cell_element(xml, 1, i))
        elif group:
            groups.setdefault(group, []).append(i)
        else:
            cell = tbl.cell(0, i).merge(tbl.cell(1, i))
            set_cell(cell, header, CELL_HEAD)
            if i >= 2:
                _upwards(cell_element(xml, 0, i))  # the merged cell: its top <w:tc> shows
    for group, indexes in groups.items():
        set_cell(tbl.cell(0, indexes[0]).merge(tbl.cell(0, indexes[-1])), group, CELL_HEAD)
        for i in indexes:
            set_cell(tbl.cell(1, i), columns[i][1], CELL_HEAD)
            _upwards(cell_element(xml, 1, i))
    for row in tbl.rows[:2]:
        for cell in row.cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    header_row(xml, 0)
    header_row(xml, 1)
    tbl.rows[1].height = Cm(4.2)  # room for «Победители, призёры,» written upwards
    tbl.rows[1].height_rule = WD_ROW_HEIGHT_RULE.EXACTLY

    tag_row(tbl, 2, "{%tr for row in rows %}")
    cells = tbl.rows[3].cells
    set_cell(cells[0], "{{ row.number }}", CELL_CENTER)
    set_cell(cells[1], "{{ row.name }}")
    add_cell_par(cells[1], "{{ row.head }}")
    add_cell_par(cells[1], "{%p if row.as_of %}")
    add_cell_par(cells[1], "{{ row.as_of }}")
    add_cell_par(cells[1], "{%p endif %}")
    _figures(cells, columns, "row", loop)
    tag_row(tbl, 4, "{%tr endfor %}")
    cells = tbl.rows[5].cells
    set_cell(cells[0], "", CELL_CENTER)
    set_cell(cells[1], "{{ total.name }}", CELL, bold=True)
    _figures(cells, columns, "total", loop, bold=True)


def _figures(cells, columns, name: str, loop: int, bold: bool = False) -> None:
    """The figures of a row («row» or «total»), the levels as the loop's cells."""
    for i, (cell, (_, _, field, _)) in enumerate(zip(cells, columns)):
        if i < 2:
            continue
        if i == loop:
            set_cell(cell, f"{{%tc for value in {name}.levels %}}")
        elif i == loop + 1:
            set_cell(cell, "{{ value }}", CELL_CENTER, bold=bold)
        elif i == loop + 2:
            set_cell(cell, "{%tc endfor %}")
        else:
            set_cell(cell, f"{{{{ {name}.{field} }}}}", CELL_CENTER, bold=bold)


def _fixed_width(xml) -> None:
    """The table's width (xml: its <w:tbl>), which the level columns share when some are
    left out."""
    tblpr = xml.find(qn("w:tblPr"))
    width = tblpr.find(qn("w:tblW"))
    width.set(qn("w:w"), str(int(TABLE_WIDTH.twips)))
    width.set(qn("w:type"), "dxa")


def _upwards(cell) -> None:
    """Text written bottom to top, as in printed summary tables (cell: its <w:tc>)."""
    tcpr = cell_props(cell)
    direction = OxmlElement("w:textDirection")
    direction.set(qn("w:val"), "btLr")
    valign = tcpr.find(qn("w:vAlign"))  # the schema puts textDirection before vAlign
    if valign is not None:
        valign.addprevious(direction)
    else:
        tcpr.append(direction)
