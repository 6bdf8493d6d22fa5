"""The registration sheet of a meeting, signed by hand by everyone present."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm

from .blocks import loop_table, par
from .minutes import minutes_header
from .styles import CELL, CELL_CENTER, CENTER, PLAIN, new_document

FILE_TITLE = "Лист регистрации"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    minutes_header(doc, "ЛИСТ РЕГИСТРАЦИИ")
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
    row = doc.tables[-1].rows[2]
    row.height = Cm(0.9)
    row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    return doc
