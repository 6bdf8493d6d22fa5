"""An extract from the minutes: one agenda item, certified."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import par, signature
from .minutes import heard, meeting_line, minutes_header
from .styles import HEADING, ITEM, PLAIN, SIGN, new_document

FILE_TITLE = "Выписка из протокола"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    minutes_header(doc, "ВЫПИСКА ИЗ ПРОТОКОЛА")
    meeting_line(doc)
    par(doc, "Присутствовали: {{ present_count }}.", PLAIN)
    par(doc, "ПОВЕСТКА ДНЯ:", HEADING)
    agenda = par(doc, "{{ agenda }}", ITEM)
    agenda.paragraph_format.keep_with_next = True
    heard(doc)
    # Each signer once: the chair, then the secretary who certifies the copy; with no
    # secretary the head certifies it alone.
    par(doc, "{%p if chair_signs %}", PLAIN)
    signature(doc, "Председатель", "{{ chair_signature }}")
    par(doc, "{%p endif %}", PLAIN)
    verified = par(doc, "Выписка верна", SIGN)
    verified.paragraph_format.space_before = Pt(24)
    certified = signature(doc, "{{ signer_title }}", "{{ signer }}")
    certified.paragraph_format.space_before = Pt(6)
    dated = par(doc, "{{ issue_date }}", PLAIN)
    dated.paragraph_format.space_before = Pt(6)
    return doc
