"""Build templates/*.docx: docxtpl templates with named Word styles (ГОСТ Р 7.0.97 layout).

The templates are committed; this script is how they were made and how to remake them after
a change of layout. A person may also open a template in Word and restyle it: every paragraph
uses a named style, so changing the style changes every document.
Run: python tools/make_templates.py
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

ROOT = Path(__file__).resolve().parents[1]
TEXT_WIDTH = Cm(16.5)  # A4 210 mm less 30 mm left and 15 mm right margins
FONT = "Times New Roman"

# Style names a person sees in Word's style gallery.
TITLE = "РМО Заголовок"
HEADING = "РМО Раздел"
BODY = "Normal"
ITEM = "РМО Пункт"
BULLET = "List Bullet"
PLAIN = "РМО Без отступа"
LIST = "РМО Список"
CENTER = "РМО По центру"
SIGN = "РМО Подпись"
CELL = "РМО Текст таблицы"
CELL_HEAD = "РМО Заголовок таблицы"
CELL_CENTER = "РМО Таблица по центру"


def new_document() -> Document:
    doc = Document()
    _page(doc)
    _styles(doc)
    _page_numbers(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    return doc


def _page(doc) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)


def _font(style, size: float, bold: bool = False) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "ru-RU")
    lang.set(qn("w:eastAsia"), "ru-RU")


def _paragraph_style(doc, name: str, base: str = BODY):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else \
        styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != BODY:
        style.base_style = styles[base]
    style.quick_style = True
    return style


def _styles(doc) -> None:
    normal = doc.styles[BODY]
    _font(normal, 14)
    fmt = normal.paragraph_format
    fmt.first_line_indent = Cm(1.25)
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    fmt.widow_control = True
    # Every font of the document defaults to Times New Roman, Russian.
    defaults = doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            for child in list(rpr):
                if child.tag in (qn("w:rFonts"), qn("w:lang")):
                    rpr.remove(child)
            fonts = OxmlElement("w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attr), FONT)
            rpr.insert(0, fonts)
            lang = OxmlElement("w:lang")
            lang.set(qn("w:val"), "ru-RU")
            lang.set(qn("w:eastAsia"), "ru-RU")
            rpr.append(lang)

    title = _paragraph_style(doc, TITLE)
    _font(title, 14, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.first_line_indent = Cm(0)
    title.paragraph_format.keep_with_next = True

    heading = _paragraph_style(doc, HEADING)
    _font(heading, 14, bold=True)
    heading.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    heading.paragraph_format.first_line_indent = Cm(0)
    heading.paragraph_format.space_before = Pt(12)
    heading.paragraph_format.space_after = Pt(3)
    heading.paragraph_format.keep_with_next = True

    item = _paragraph_style(doc, ITEM)
    item.paragraph_format.first_line_indent = Cm(1.25)

    plain = _paragraph_style(doc, PLAIN)
    plain.paragraph_format.first_line_indent = Cm(0)
    plain.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    listed = _paragraph_style(doc, LIST)
    listed.paragraph_format.first_line_indent = Cm(1.25)
    listed.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    center = _paragraph_style(doc, CENTER)
    center.paragraph_format.first_line_indent = Cm(0)
    center.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    sign = _paragraph_style(doc, SIGN)
    sign.paragraph_format.first_line_indent = Cm(0)
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    sign.paragraph_format.space_before = Pt(24)
    sign.paragraph_format.keep_together = True
    sign.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

    bullet = doc.styles[BULLET]
    bullet.base_style = normal
    bullet.quick_style = True
    _bullet_numbering(doc)

    cell = _paragraph_style(doc, CELL)
    _font(cell, 12)
    cell.paragraph_format.first_line_indent = Cm(0)
    cell.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    cell_head = _paragraph_style(doc, CELL_HEAD, CELL)
    _font(cell_head, 12, bold=True)
    cell_head.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell_head.paragraph_format.keep_with_next = True

    cell_center = _paragraph_style(doc, CELL_CENTER, CELL)
    cell_center.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    for name in ("Header",):
        _font(doc.styles[name], 12)


def _bullet_numbering(doc) -> None:
    """Point «List Bullet» at a bullet list indented the Russian way: the bullet at 1.25 cm."""
    numbering = doc.part.numbering_part.element
    abstract_id = "90"
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), abstract_id)
    multi = OxmlElement("w:multiLevelType")
    multi.set(qn("w:val"), "singleLevel")
    abstract.append(multi)
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "bullet"), ("w:lvlText", "•"),
                     ("w:lvlJc", "left")):
        el = OxmlElement(tag)
        el.set(qn("w:val"), val)
        lvl.append(el)
    ppr = OxmlElement("w:pPr")
    tabs = OxmlElement("w:tabs")
    tab = OxmlElement("w:tab")
    tab.set(qn("w:val"), "num")
    tab.set(qn("w:pos"), "1077")
    tabs.append(tab)
    ppr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "0")
    ind.set(qn("w:firstLine"), "709")
    ppr.append(ind)
    lvl.append(ppr)
    rpr = OxmlElement("w:rPr")
    fonts = OxmlElement("w:rFonts")
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attr), FONT)
    rpr.append(fonts)
    lvl.append(rpr)
    abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    first_num.addprevious(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    style_ppr = doc.styles[BULLET].element.get_or_add_pPr()
    num_pr = style_ppr.find(qn("w:numPr"))
    num_pr.find(qn("w:numId")).set(qn("w:val"), "90")
    # Through python-docx, which puts <w:ind> where the schema wants it.
    doc.styles[BULLET].paragraph_format.left_indent = Cm(0)
    doc.styles[BULLET].paragraph_format.first_line_indent = Cm(1.25)


def _field(paragraph, instruction: str) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _page_numbers(doc) -> None:
    """Page numbers centred at the top, from page 2 on (ГОСТ Р 7.0.97)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = doc.styles["Header"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(paragraph, " PAGE ")
    section.first_page_header.paragraphs[0].text = ""


def par(doc_or_cell, text: str = "", style: str = BODY, bold: bool = False):
    paragraph = doc_or_cell.add_paragraph(style=style)
    if text:
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
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
    tbl = doc.add_table(rows=rows, cols=len(widths))
    tbl.style = doc.styles["Table Grid"]
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False  # python-docx writes <w:tblLayout w:type="fixed"/> in its place
    for row in tbl.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = width
        _row_props(row, cant_split=True)
    for col, width in zip(tbl.columns, widths):
        col.width = width
    return tbl


def _row_props(row, cant_split: bool = False, header: bool = False) -> None:
    trpr = row._tr.get_or_add_trPr()
    if cant_split and trpr.find(qn("w:cantSplit")) is None:
        trpr.append(OxmlElement("w:cantSplit"))
    if header and trpr.find(qn("w:tblHeader")) is None:
        trpr.append(OxmlElement("w:tblHeader"))


def header_row(tbl, index: int = 0) -> None:
    _row_props(tbl.rows[index], cant_split=True, header=True)


def tag_row(tbl, index: int, tag: str) -> None:
    """A row that holds only a docxtpl {%tr %} tag: docxtpl replaces the whole row by it."""
    set_cell(tbl.rows[index].cells[0], tag)


def merge_row(tbl, index: int):
    row = tbl.rows[index]
    return row.cells[0].merge(row.cells[-1])


def v_merge(cell, restart: bool) -> None:
    tcpr = cell._tc.get_or_add_tcPr()
    el = OxmlElement("w:vMerge")
    if restart:
        el.set(qn("w:val"), "restart")
    tcpr.append(el)


def hide_borders(cell, *sides: str) -> None:
    """Hide some borders of a cell: the items of one plan block read as one row."""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        # tcBorders goes after tcW/gridSpan/vMerge in the schema order
        tcpr.append(borders)
    for side in sides:
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:val"), "nil")
        borders.append(el)


def signature(doc, title: str, name: str) -> None:
    paragraph = par(doc, style=SIGN)
    paragraph.add_run(title)
    paragraph.add_run("\t________________ " + name)


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
    import re

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


def save(doc, name: str, title: str) -> None:
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
    import datetime as dt

    props.created = props.modified = dt.datetime(2025, 1, 1)
    import io
    import sys

    sys.path.insert(0, str(ROOT))
    from generator.ooxml import reproducible

    stream = io.BytesIO()
    doc.save(stream)
    target = ROOT / "templates" / name
    # Fixed zip times: remaking unchanged templates leaves them byte for byte the same.
    target.write_bytes(reproducible(stream.getvalue()))
    print(target)


# --- the plan ----------------------------------------------------------------------------

def plan() -> None:
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
    save(doc, "plan.docx", "План работы")


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


# --- the minutes and the papers that follow from them -------------------------------------

def _association_header(doc) -> None:
    """The organisation (when given) and the association's name, centred."""
    par(doc, "{%p if organisation %}", PLAIN)
    par(doc, "{{ organisation }}", CENTER)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ association }}", CENTER, bold=True)
    par(doc, "", CENTER)


def _minutes_header(doc, title: str) -> None:
    _association_header(doc)
    par(doc, title, TITLE)


def _meeting_line(doc) -> None:
    """«15.10.2025» at the left and «№ 1» at the right, the place, «заседания РМО …»."""
    line = par(doc, style=SIGN)
    line.paragraph_format.space_before = Pt(6)
    line.add_run("{{ date }}\t{{ number }}")
    par(doc, "{{ place }}", CENTER)
    par(doc, "", PLAIN)
    par(doc, "{{ heading }}", PLAIN, bold=True)
    par(doc, "", PLAIN)


def _heard(doc) -> None:
    """One agenda item of the minutes: «N. СЛУШАЛИ:» and, when there are any, «РЕШИЛИ:»."""
    heard = par(doc, style=HEADING)
    heard.add_run("{{ item.number }}. СЛУШАЛИ:")
    par(doc, "{%p for line in item.speakers %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p for line in item.heard %}", PLAIN)
    par(doc, "{{ line }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if item.decisions %}", PLAIN)
    decided = par(doc, "РЕШИЛИ:", PLAIN, bold=True)
    decided.paragraph_format.space_before = Pt(6)
    decided.paragraph_format.keep_with_next = True
    par(doc, "{%p for line in item.decisions %}", PLAIN)
    par(doc, "{{ line }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)


def _minutes_signatures(doc) -> None:
    signature(doc, "Председатель", "{{ chair_signature }}")
    last = par(doc, style=SIGN)
    last.paragraph_format.space_before = Pt(12)
    last.add_run("Секретарь\t________________ {{ secretary_signature }}")


def protocol() -> None:
    doc = new_document()
    _minutes_header(doc, "ПРОТОКОЛ")
    _meeting_line(doc)
    par(doc, "Председатель – {{ chair }}", PLAIN)
    par(doc, "{%p if secretary %}", PLAIN)
    par(doc, "Секретарь – {{ secretary }}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "Присутствовали: {{ present_count }}{% if present %}:{% endif %}", PLAIN)
    par(doc, "{%p for line in present %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if absent_count %}", PLAIN)
    par(doc, "Отсутствовали: {{ absent_count }}:", PLAIN)
    par(doc, "{%p for line in absent %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if guests %}", PLAIN)
    par(doc, "Приглашённые:", PLAIN)
    par(doc, "{%p for line in guests %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "ПОВЕСТКА ДНЯ:", HEADING)
    par(doc, "{%p for item in agenda %}", PLAIN)
    par(doc, "{{ item }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p for item in items %}", PLAIN)
    _heard(doc)
    par(doc, "{%p endfor %}", PLAIN)
    _minutes_signatures(doc)
    save(doc, "protocol.docx", "Протокол заседания")


# --- the analysis ------------------------------------------------------------------------

def loop_table(doc, rows: str, columns: list[tuple[str, str, float, str]]) -> None:
    """A table with a repeating header and one template row per item of `rows`.

    columns: (header, field of the row, width in cm, paragraph style of the cell).
    """
    widths = [Cm(width) for _, _, width, _ in columns]
    tbl = table(doc, 4, widths)
    for cell, (header, _, _, _) in zip(tbl.rows[0].cells, columns):
        set_cell(cell, header, CELL_HEAD)
    header_row(tbl)
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


def analysis() -> None:
    doc = new_document()
    par(doc, "{{ title }}", TITLE)
    par(doc, "за {{ year }} учебный год", TITLE)
    when(doc, "as_of", "({{ as_of }})", CENTER)

    par(doc, "1. Методическая тема и задачи", HEADING)
    par(doc, "{{ theme_sentence }}")
    when(doc, "tasks_intro", "{{ tasks_intro }}")
    par(doc, "{%p if tasks_table %}", PLAIN)
    loop_table(doc, "tasks_table", [("№", "number", 1.0, CELL_CENTER),
                                    ("Задача", "text", 10.5, CELL),
                                    ("Выполнение", "result", 5.0, CELL)])
    par(doc, "{%p endif %}", PLAIN)
    bullets(doc, "tasks_list", ITEM)
    when(doc, "tasks_summary", "{{ tasks_summary }}")

    par(doc, "2. Состав объединения", HEADING)
    par(doc, "{{ members_sentence }}")
    when(doc, "positions_sentence", "{{ positions_sentence }}")

    par(doc, "3. Заседания", HEADING)
    par(doc, "{{ meetings_sentence }}")
    loop_table(doc, "meetings_table", [("№", "number", 1.0, CELL_CENTER),
                                       ("Дата", "date", 2.4, CELL_CENTER),
                                       ("Содержание", "content", 6.1, CELL),
                                       ("Присутствовало членов РМО", "present", 3.9,
                                        CELL_CENTER),
                                       ("%", "share", 1.5, CELL_CENTER),
                                       ("Гости", "guests", 1.6, CELL_CENTER)])
    par(doc, "{{ attendance_sentence }}")
    bullets(doc, "meetings_notes", BODY)
    chart = par(doc, "{{ attendance_chart }}", CENTER)
    chart.paragraph_format.space_before = Pt(6)

    par(doc, "4. Выступления", HEADING)
    par(doc, "{{ talks_sentence }}")
    par(doc, "{{ speakers_sentence }}")
    par(doc, "{%p if talks %}", PLAIN)
    par(doc, "Темы выступлений:", BODY)
    bullets(doc, "talks")
    par(doc, "{%p endif %}", PLAIN)

    par(doc, "5. Участие в мероприятиях", HEADING)
    par(doc, "{{ participation_sentence }}")
    par(doc, "{%p if by_kind %}", PLAIN)
    par(doc, "По видам мероприятий:", BODY)
    loop_table(doc, "by_kind", [("Вид мероприятия", "kind", 9.0, CELL),
                                ("Участий", "entries", 3.5, CELL_CENTER),
                                ("Участников", "people", 4.0, CELL_CENTER)])
    par(doc, "По уровням:", BODY)
    loop_table(doc, "by_level", [("Уровень", "level", 9.0, CELL),
                                 ("Участий", "entries", 7.5, CELL_CENTER)])
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if participation_list %}", PLAIN)
    par(doc, "Перечень участия:", BODY)
    loop_table(doc, "participation_list", [("№", "number", 1.0, CELL_CENTER),
                                           ("ФИО", "name", 3.2, CELL),
                                           ("Мероприятие", "event", 5.5, CELL),
                                           ("Вид, уровень", "kind", 3.5, CELL),
                                           ("Результат", "result", 3.3, CELL)])
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if level_chart %}", PLAIN)
    chart = par(doc, "{{ level_chart }}", CENTER)
    chart.paragraph_format.space_before = Pt(6)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if results %}", PLAIN)
    par(doc, "Победители, призёры и лауреаты:", BODY)
    bullets(doc, "results")
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if courses %}", PLAIN)
    par(doc, "{{ courses_sentence }}", BODY)
    loop_table(doc, "courses", [("ФИО", "name", 4.0, CELL), ("Курсы", "event", 10.5, CELL),
                                ("Часы", "hours", 2.0, CELL_CENTER)])
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ inactive_sentence }}")

    par(doc, "6. Посещаемость заседаний", HEADING)
    par(doc, "{{ missed_sentence }}")
    par(doc, "По участникам:", BODY)
    loop_table(doc, "member_rows", [("ФИО", "name", 4.5, CELL),
                                    ("Учреждение", "institution", 6.5, CELL),
                                    ("Посещено заседаний", "attended", 3.5, CELL_CENTER),
                                    ("%", "share", 2.0, CELL_CENTER)])
    par(doc, "По учреждениям:", BODY)
    loop_table(doc, "institution_rows", [("Учреждение", "institution", 7.0, CELL),
                                         ("Членов РМО", "members", 2.5, CELL_CENTER),
                                         ("Посещений из возможных", "attended", 4.5,
                                          CELL_CENTER),
                                         ("%", "share", 2.5, CELL_CENTER)])

    for key, heading in (("conclusions", "Выводы"), ("problems", "Проблемы"),
                         ("next_tasks", "Задачи на следующий год")):
        par(doc, f"{{%p if {key} %}}", PLAIN)
        par(doc, heading, HEADING)
        bullets(doc, key)
        par(doc, "{%p endif %}", PLAIN)

    signature(doc, "{{ signer_title }}", "{{ signer }}")
    par(doc, "{{ date }}", PLAIN)
    save(doc, "analysis.docx", "Анализ работы")


# --- the speakers' papers and registration sheets ------------------------------------------



def extract() -> None:
    doc = new_document()
    _minutes_header(doc, "ВЫПИСКА ИЗ ПРОТОКОЛА")
    _meeting_line(doc)
    par(doc, "Присутствовали: {{ present_count }}.", PLAIN)
    par(doc, "ПОВЕСТКА ДНЯ:", HEADING)
    par(doc, "{{ agenda }}", ITEM)
    _heard(doc)
    _minutes_signatures(doc)
    verified = par(doc, "Выписка верна", SIGN)
    verified.paragraph_format.space_before = Pt(24)
    certified = par(doc, style=SIGN)
    certified.paragraph_format.space_before = Pt(6)
    certified.add_run("{{ signer_title }}\t________________ {{ signer }}")
    par(doc, "{{ certified_date }}", PLAIN)
    save(doc, "extract.docx", "Выписка из протокола")


def certificate() -> None:
    doc = new_document()
    _association_header(doc)
    par(doc, "{{ date }}", PLAIN)
    par(doc, "", CENTER)
    title = par(doc, "СПРАВКА", TITLE)
    title.paragraph_format.space_after = Pt(12)
    par(doc, "{{ text }}")
    par(doc, "Справка выдана для представления по месту требования.")
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    save(doc, "certificate.docx", "Справка о выступлении")


def registration() -> None:
    doc = new_document()
    _minutes_header(doc, "ЛИСТ РЕГИСТРАЦИИ")
    par(doc, "участников {{ heading }} {{ number }}", CENTER)
    par(doc, "", PLAIN)
    par(doc, "Дата: {{ date }}", PLAIN)
    par(doc, "{%p if place %}", PLAIN)
    par(doc, "Место: {{ place }}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "", PLAIN)
    loop_table(doc, "rows", [("№", "number", 1.0, CELL_CENTER), ("ФИО", "name", 4.0, CELL),
                             ("Должность", "position", 3.7, CELL),
                             ("Учреждение", "institution", 4.3, CELL),
                             ("Подпись", "signature", 3.5, CELL)])
    # Room to sign by hand; docxtpl repeats the row with its height.
    from docx.enum.table import WD_ROW_HEIGHT_RULE

    row = doc.tables[-1].rows[2]
    row.height = Cm(0.9)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    save(doc, "registration.docx", "Лист регистрации")


def main() -> None:
    (ROOT / "templates").mkdir(exist_ok=True)
    plan()
    protocol()
    analysis()
    extract()
    certificate()
    registration()


if __name__ == "__main__":
    main()
