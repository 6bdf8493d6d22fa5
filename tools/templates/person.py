"""The record of a person's work in the association over several school years («Справка об
участии в работе районного методического объединения»), issued for attestation: numbered and
dated like the certificate, then one section per school year."""

from __future__ import annotations

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .blocks import kept, par, signature
from .minutes import date_line
from .styles import BODY, BULLET, CENTER, HEADING, PLAIN, TITLE, new_document

FILE_TITLE = "Справка об участии в работе РМО"  # File → Properties of the template

# (the year's list, its label): each shown only when the year has entries.
LISTS = (("talks", "Выступления на заседаниях:"),
         ("events", "Конкурсы, конференции и другие мероприятия:"),
         ("courses", "Курсы повышения квалификации:"))


def make():
    """The template as a python-docx document."""
    doc = new_document()
    par(doc, "{%p if organisation %}", PLAIN)
    par(doc, "{{ organisation }}", CENTER)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if association %}", PLAIN)
    par(doc, "{{ association }}", CENTER, bold=True)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "", CENTER)
    date_line(doc, "issue_date", "issue_number")
    par(doc, "", CENTER)
    par(doc, "СПРАВКА", TITLE)
    subject = par(doc, "{{ subject }}", TITLE)
    subject.paragraph_format.space_after = Pt(12)
    # Left-aligned, as the certificate's: long unbreakable groups (initials, «СОШ № 4»).
    par(doc, "{{ text }}").paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    par(doc, "{%p for year in years %}", PLAIN)
    par(doc, "{{ year.heading }}", HEADING)
    par(doc, "{{ year.status }}", BODY)
    par(doc, "{{ year.attendance }}", BODY)
    for key, label in LISTS:
        par(doc, f"{{%p if year.{key} %}}", PLAIN)
        kept(par(doc, label, BODY))
        par(doc, f"{{%p for line in year.{key} %}}", PLAIN)
        par(doc, "{{ line }}", BULLET).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        par(doc, "{%p endfor %}", PLAIN)
        par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p endfor %}", PLAIN)
    total = par(doc, "{{ totals }}", BODY)
    total.paragraph_format.space_before = Pt(12)
    par(doc, "Справка выдана для представления по месту требования.")
    signature(doc, "{{ signer_title }}", "{{ signer }}")
    return doc
