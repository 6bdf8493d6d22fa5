"""A certificate of a talk at a meeting, numbered and dated as an office issues it."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .blocks import par, signature
from .minutes import association_header, date_line
from .styles import CENTER, TITLE, new_document

FILE_TITLE = "Справка о выступлении"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    association_header(doc)
    date_line(doc, "issue_date", "issue_number")
    par(doc, "", CENTER)
    title = par(doc, "СПРАВКА", TITLE)
    title.paragraph_format.space_after = Pt(12)
    # Left-aligned: the lead «Дана Бойко А.В., заведующему …» holds long unbreakable groups
    # (initials, «СОШ № 4») that justification stretches into gaps.
    par(doc, "{{ text }}").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    par(doc, "Справка выдана для представления по месту требования.")
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc
