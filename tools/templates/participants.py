"""The list of participants of an online meeting, attached to its minutes: nobody signs
it remotely, so it has no signature column."""

from __future__ import annotations

from docx.shared import Cm

from .blocks import loop_table, par
from .minutes import minutes_signatures
from .registration import list_header
from .styles import CELL, CELL_CENTER, PLAIN, new_document

FILE_TITLE = "Список участников"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    # «Приложение к протоколу … от … № …» at the top right (ГОСТ Р 7.0.97): the lines start
    # at one indent, each left-aligned.
    for field in ("attachment", "attachment_to", "attachment_of"):
        mark = par(doc, f"{{{{ {field} }}}}", PLAIN)
        mark.paragraph_format.left_indent = Cm(9.5)
    par(doc, "", PLAIN)
    list_header(doc)
    loop_table(doc, "rows", [("№", "number", 0.9, CELL_CENTER), ("ФИО", "name", 4.4, CELL),
                             ("Должность", "position", 4.6, CELL),
                             ("Учреждение", "institution", 6.6, CELL)])
    minutes_signatures(doc)
    return doc
