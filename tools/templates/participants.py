"""The list of participants of an online meeting, attached to its minutes: nobody signs
it remotely, so it has no signature column."""

from __future__ import annotations

from .blocks import loop_table
from .minutes import minutes_signatures
from .registration import attachment_mark, list_header
from .styles import CELL, CELL_CENTER, new_document

FILE_TITLE = "Список участников"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    attachment_mark(doc)
    list_header(doc)
    loop_table(doc, "rows", [("№", "number", 0.9, CELL_CENTER), ("ФИО", "name", 4.4, CELL),
                             ("Должность", "position", 4.6, CELL),
                             ("Учреждение", "institution", 6.6, CELL)])
    minutes_signatures(doc)
    return doc
