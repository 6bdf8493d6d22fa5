"""The passport of the association: a two-column table «Раздел паспорта | Содержание», then
the members «№ | ФИО | Должность | Учреждение»."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import loop_table, par, signature
from .styles import CELL, CELL_CENTER, CENTER, HEADING, PLAIN, TITLE, new_document

FILE_TITLE = "Паспорт РМО"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    par(doc, "{%p if organisation %}", PLAIN)
    par(doc, "{{ organisation }}", CENTER)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "", CENTER)
    par(doc, "{{ title }}", TITLE)
    year = par(doc, "на {{ year }} учебный год", TITLE)
    year.paragraph_format.space_after = Pt(12)
    # Plain cells: a style that keeps with the next would chain the whole table to the title.
    loop_table(doc, "rows", [("Раздел паспорта", "section", 5.0, CELL),
                             ("Содержание", "content", 11.5, CELL)])
    par(doc, "{%p if members %}", PLAIN)
    par(doc, "{{ members_title }}", HEADING)
    par(doc, "{%p endif %}", PLAIN)
    loop_table(doc, "members", [("№", "number", 1.0, CELL_CENTER),
                                ("ФИО", "name", 4.8, CELL),
                                ("Должность", "position", 4.4, CELL),
                                ("Учреждение", "institution", 6.3, CELL)])
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc
