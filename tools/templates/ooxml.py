"""Low-level OOXML helpers for building templates with python-docx: fields, table row and
cell properties, trimming python-docx's default template, and the reproducible package.

Only python-docx's public API: the XML is reached through Document.element, a part's or a
style's .element, and changed with lxml, OxmlElement and qn."""

from __future__ import annotations

import datetime as dt
import io
import re

from docx.oxml import OxmlElement
from docx.oxml.ns import qn


def field(paragraph, instruction: str) -> None:
    """Append a simple field (PAGE) to a paragraph, given as its <w:p> element."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph.append(field)


# python-docx gives no public way from a Table, a row or a cell to its XML: the helpers below
# find the elements under the document's own (Document.element) and change them with lxml.


def table_element(doc):
    """The <w:tbl> of the table last added to the document: doc.add_table puts it at the end
    of the body."""
    return doc.element.body.findall(qn("w:tbl"))[-1]


def row_element(table_xml, index: int):
    """The <w:tr> of a table's row, counted from 0 (table_xml: the table's <w:tbl>)."""
    return table_xml.findall(qn("w:tr"))[index]


def cell_element(table_xml, row: int, column: int):
    """The <w:tc> at a grid column of a row: a cell merged across columns covers several. A
    cell merged down is the <w:tc> of its own row (the top one holds the text)."""
    end = 0
    for tc in row_element(table_xml, row).iterchildren(qn("w:tc")):
        span = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        end += 1 if span is None else int(span.get(qn("w:val")))
        if column < end:
            return tc
    raise IndexError(f"no cell at column {column} of row {row}")


def _properties(element, tag: str):
    """The row's <w:trPr> or the cell's <w:tcPr>, added when missing: the schema puts it
    first (after a row's <w:tblPrEx>)."""
    props = element.find(qn(tag))
    if props is None:
        props = OxmlElement(tag)
        first = element.find(qn("w:tblPrEx"))
        if first is not None:
            first.addnext(props)
        else:
            element.insert(0, props)
    return props


def row_props(row, cant_split: bool = False, header: bool = False) -> None:
    """Row properties (row: its <w:tr>): never split across pages, repeated on each page."""
    trpr = _properties(row, "w:trPr")
    if cant_split and trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))
    if header and trpr.find(qn("w:tblHeader")) is None:
        trpr.append(OxmlElement("w:tblHeader"))


def cell_props(cell):
    """The <w:tcPr> of a cell given as its <w:tc>."""
    return _properties(cell, "w:tcPr")


def header_row(table_xml, index: int = 0) -> None:
    """A header row repeated on every page (table_xml: the table's <w:tbl>)."""
    row_props(row_element(table_xml, index), cant_split=True, header=True)


def merge_row(tbl, index: int):
    """The cells of a row (of a python-docx Table) merged into one."""
    row = tbl.rows[index]
    return row.cells[0].merge(row.cells[-1])


def hide_borders(cell, *sides: str) -> None:
    """Hide some borders of a cell (its <w:tc>): the items of one plan block read as one row."""
    tcpr = cell_props(cell)
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        # tcBorders goes after tcW/gridSpan/vMerge in the schema order
        tcpr.append(borders)
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)


KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}


def slim(doc) -> None:
    """Drop what python-docx's default template carries and no document uses: every document
    is opened, parsed and compressed from its template, so 800 KB of unused styles cost time.

    Kept: the styles the template uses, the styles they are based on or linked to, and the
    defaults Word expects.
    """
    package = doc.part.package
    for rId, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith(("/stylesWithEffects", "/customXml", "/webSettings")):
            doc.part.rels.pop(rId)
    for rId, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rId)
    styles = doc.styles.element
    latent = styles.find(qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    xml = doc.element.xml + "".join(s.part.element.xml for s in (
        doc.sections[0].header, doc.sections[0].first_page_header))
    wanted = set(re.findall(r'w:(?:pStyle|rStyle|tblStyle) w:val="([^"]+)"', xml)) | KEEP_STYLES
    by_id = {el.get(qn("w:styleId")): el for el in styles.iterchildren(qn("w:style"))}
    pending = list(wanted)
    while pending:
        element = by_id.get(pending.pop())
        if element is None:
            continue
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = element.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) not in wanted:
                wanted.add(ref.get(qn("w:val")))
                pending.append(ref.get(qn("w:val")))
    for style_id, element in by_id.items():
        if style_id not in wanted:
            styles.remove(element)


def package(doc, title: str) -> bytes:
    """The template's bytes: trimmed, with fixed properties and fixed zip times, so that
    remaking an unchanged template gives it byte for byte the same."""
    from generator.ooxml import reproducible

    slim(doc)
    props = doc.core_properties
    props.title = title
    props.author = "rmo"
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.language = "ru-RU"
    props.last_modified_by = "rmo"
    props.revision = 1
    props.created = props.modified = dt.datetime(2025, 1, 1)
    stream = io.BytesIO()
    doc.save(stream)
    return reproducible(stream.getvalue())
