"""The programme of a meeting, sent to schools before it."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import loop_table, par, signature
from .minutes import association_header
from .styles import CELL, CELL_CENTER, PLAIN, TITLE, new_document

FILE_TITLE = "Программа заседания"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    association_header(doc)
    par(doc, "ПРОГРАММА", TITLE)
    heading = par(doc, "{{ heading }}", TITLE)
    heading.paragraph_format.space_after = Pt(12)
    par(doc, "{{ when_label }}: {{ when }}", PLAIN)
    par(doc, "{%p if venue %}", PLAIN)
    par(doc, "{{ venue_label }}: {{ venue }}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    agenda = par(doc, "Вопросы заседания:", PLAIN, bold=True)
    agenda.paragraph_format.space_before = Pt(12)
    agenda.paragraph_format.space_after = Pt(6)
    agenda.paragraph_format.keep_with_next = True
    loop_table(doc, "rows", [("№", "number", 1.0, CELL_CENTER),
                             ("Вопрос", "content", 9.0, CELL),
                             ("Выступающие", "speakers", 6.5, CELL)])
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc
