"""An extract from the minutes: one agenda item, certified."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import par, signature
from .minutes import heard, meeting_line, minutes_header, minutes_signatures
from .styles import HEADING, ITEM, PLAIN, SIGN, new_document

FILE_TITLE = "Выписка из протокола"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    minutes_header(doc, "ВЫПИСКА ИЗ ПРОТОКОЛА")
    meeting_line(doc)
    par(doc, "Присутствовали: {{ present_count }}.", PLAIN)
    par(doc, "ПОВЕСТКА ДНЯ:", HEADING)
    par(doc, "{{ agenda }}", ITEM)
    heard(doc)
    minutes_signatures(doc)
    verified = par(doc, "Выписка верна", SIGN)
    verified.paragraph_format.space_before = Pt(24)
    certified = signature(doc, "{{ signer_title }}", "{{ signer }}")
    certified.paragraph_format.space_before = Pt(6)
    dated = par(doc, "{{ issue_date }}", PLAIN)
    dated.paragraph_format.space_before = Pt(6)
    return doc
