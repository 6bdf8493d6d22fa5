"""The ГОСТ Р 7.0.97 page and the named Word styles every template uses.

A person may open a template in Word and restyle it: every paragraph uses a named style, so
changing the style changes every document.
"""

from __future__ import annotations

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt

from .ooxml import field

TEXT_WIDTH = Cm(16.5)  # A4 210 mm less 30 mm left and 15 mm right margins
SIGN_LINE = Cm(9.0)  # where the signature line starts: room for «Директор МКУ «…»»
SIGN_NAME = Cm(12.7)  # where the name after the line starts
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
DATELINE = "РМО Дата и номер"
CELL = "РМО Текст таблицы"
CELL_HEAD = "РМО Заголовок таблицы"
CELL_CENTER = "РМО Таблица по центру"


def new_document():
    """An empty A4 document with the page, the styles and the page numbers."""
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
    rpr = style.element.find(qn("w:rPr"))  # written by the font's name just set
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

    # Numbered items: the number at the paragraph indent, continuation lines under the text.
    item = _paragraph_style(doc, ITEM)
    item.paragraph_format.left_indent = Cm(1.85)
    item.paragraph_format.first_line_indent = Cm(-0.6)
    # Short numbered lines are not stretched across the page: items align left.
    item.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    plain = _paragraph_style(doc, PLAIN)
    plain.paragraph_format.first_line_indent = Cm(0)
    plain.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    listed = _paragraph_style(doc, LIST)
    listed.paragraph_format.left_indent = Cm(1.85)
    listed.paragraph_format.first_line_indent = Cm(-0.6)
    listed.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT

    center = _paragraph_style(doc, CENTER)
    center.paragraph_format.first_line_indent = Cm(0)
    center.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    sign = _paragraph_style(doc, SIGN)
    sign.paragraph_format.first_line_indent = Cm(0)
    sign.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    sign.paragraph_format.space_before = Pt(24)
    sign.paragraph_format.keep_together = True
    # A signature is kept with what follows it (the next signature, the date of issue): a
    # date never stands alone at the top of a page.
    sign.paragraph_format.keep_with_next = True
    # Title at the left, the line and the name at fixed stops: every signature lines up.
    sign.paragraph_format.tab_stops.add_tab_stop(SIGN_LINE, WD_TAB_ALIGNMENT.LEFT)
    sign.paragraph_format.tab_stops.add_tab_stop(SIGN_NAME, WD_TAB_ALIGNMENT.LEFT)

    dateline = _paragraph_style(doc, DATELINE, PLAIN)
    dateline.paragraph_format.space_before = Pt(6)
    dateline.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)

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
    # The next free ids, so they run 1, 2, 3 … without a gap (МойОфис drops lists whose ids
    # jump).
    abstract_id = str(1 + max(int(a.get(qn("w:abstractNumId")))
                              for a in numbering.findall(qn("w:abstractNum"))))
    num_id = str(1 + max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))))
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
    tab.set(qn("w:pos"), "1049")
    tabs.append(tab)
    ppr.append(tabs)
    ind = OxmlElement("w:ind")
    ind.set(qn("w:left"), "1049")
    ind.set(qn("w:hanging"), "340")
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
    num.set(qn("w:numId"), num_id)
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), abstract_id)
    num.append(ref)
    numbering.append(num)
    style_ppr = doc.styles[BULLET].element.find(qn("w:pPr"))  # the default template's list
    num_pr = style_ppr.find(qn("w:numPr"))
    num_pr.find(qn("w:numId")).set(qn("w:val"), num_id)
    # Through python-docx, which puts <w:ind> where the schema wants it.
    # The bullet at 1.25 cm, the text and its continuation lines at 1.85 cm (a hanging
    # indent, as the numbered items have), aligned left: every bulleted list alike.
    doc.styles[BULLET].paragraph_format.left_indent = Cm(1.85)
    doc.styles[BULLET].paragraph_format.first_line_indent = Cm(-0.6)
    doc.styles[BULLET].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT


def _page_numbers(doc) -> None:
    """Page numbers centred at the top, from page 2 on (ГОСТ Р 7.0.97)."""
    section = doc.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.style = doc.styles["Header"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    field(paragraph.part.element.find(qn("w:p")), " PAGE ")  # the header's one paragraph
    section.first_page_header.paragraphs[0].text = ""
