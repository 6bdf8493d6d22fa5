"""Paragraphs and tables in the templates' styles, and the docxtpl tags around them."""

from __future__ import annotations

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm

from .ooxml import header_row, row_element, row_props, table_element
from .styles import BODY, BULLET, CELL, CELL_HEAD, PLAIN, SIGN


def par(doc_or_cell, text: str = "", style: str = BODY, bold: bool = False):
    paragraph = doc_or_cell.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
    return paragraph


def kept(paragraph):
    """The paragraph kept on the page of the one after it: a label with its list."""
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def set_cell(cell, text: str, style: str = CELL, bold: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.style = cell.part.document.styles[style]
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True


def add_cell_par(cell, text: str, style: str = CELL, bold: bool = False) -> None:
    paragraph = cell.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True


def table(doc, rows: int, widths: list[Cm]):
    """A table at the end of the document; rows never split across pages. Its XML, for what
    python-docx has no property for, is table_element(doc) while no other table follows."""
    tbl = doc.add_table(rows=rows, cols=len(widths))
    xml = table_element(doc)
    tbl.style = doc.styles["Table Grid"]
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> in its place
    for index, row in enumerate(tbl.rows):
        for cell, width in zip(row.cells, widths):
            cell.width = width
        row_props(row_element(xml, index), cant_split=True)
    for col, width in zip(tbl.columns, widths):
        col.width = width
    return tbl


def tag_row(tbl, index: int, tag: str) -> None:
    """A row that holds only a docxtpl {%tr %} tag: docxtpl replaces the whole row by it."""
    set_cell(tbl.rows[index].cells[0], tag)


SIGN_UNDERLINE = "_" * 14


def signature(doc, title: str, name: str):
    """«Председатель ______ Н.А. Леонтьева»: the line and the name at the style's tab stops."""
    paragraph = par(doc, style=SIGN)
    paragraph.add_run(title)
    paragraph.add_run(f"\t{SIGN_UNDERLINE}\t{name}")
    return paragraph


def loop_table(doc, rows: str, columns: list[tuple[str, str, float, str]]) -> None:
    """A table with a repeating header and one template row per item of `rows`.

    columns: (header, field of the row, width in cm, paragraph style of the cell).
    """
    widths = [Cm(width) for _, _, width, _ in columns]
    tbl = table(doc, 4, widths)
    for cell, (header, _, _, _) in zip(tbl.rows[0].cells, columns):
        set_cell(cell, header, CELL_HEAD)
    header_row(table_element(doc))
    tag_row(tbl, 1, f"{{%tr for row in {rows} %}}")
    for cell, (_, field, _, style) in zip(tbl.rows[2].cells, columns):
        set_cell(cell, f"{{{{ row.{field} }}}}", style)
    tag_row(tbl, 3, "{%tr endfor %}")


def bullets(doc, key: str, style: str = BULLET) -> None:
    par(doc, f"{{%p for line in {key} %}}", PLAIN)
    par(doc, "{{ line }}", style)
    par(doc, "{%p endfor %}", PLAIN)


def when(doc, key: str, text: str, style: str = BODY) -> None:
    """A paragraph shown only when its sentence is not empty."""
    par(doc, f"{{%p if {key} %}}", PLAIN)
    par(doc, text, style)
    par(doc, "{%p endif %}", PLAIN)


def kept_whole(tbl) -> None:
    """A small table (a few rows) never split across pages: every row's text kept with the
    next row."""
    for row in tbl.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
