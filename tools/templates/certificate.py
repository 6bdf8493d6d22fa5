"""A certificate of a talk at a meeting, numbered and dated as an office issues it."""

from __future__ import annotations

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
    par(doc, "{{ text }}")
    par(doc, "Справка выдана для представления по месту требования.")
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc
