"""A certificate of a talk at a meeting."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import par, signature
from .minutes import association_header
from .styles import CENTER, PLAIN, TITLE, new_document

FILE_TITLE = "Справка о выступлении"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    association_header(doc)
    par(doc, "{{ date }}", PLAIN)
    par(doc, "", CENTER)
    title = par(doc, "СПРАВКА", TITLE)
    title.paragraph_format.space_after = Pt(12)
    par(doc, "{{ text }}")
    par(doc, "Справка выдана для представления по месту требования.")
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc
