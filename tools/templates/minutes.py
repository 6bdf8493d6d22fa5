"""Blocks the minutes share with the papers made from them (extract, certificate,
registration sheet, list of participants)."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import par, signature
from .styles import BODY, CENTER, DATELINE, ITEM, PLAIN, TITLE


def association_header(doc, blank_after: bool = True) -> None:
    """The organisation (when given) and the association's name, centred."""
    par(doc, "{%p if organisation %}", PLAIN)
    par(doc, "{{ organisation }}", CENTER)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ association }}", CENTER, bold=True)
    if blank_after:
        par(doc, "", CENTER)


def minutes_header(doc, title: str) -> None:
    association_header(doc)
    par(doc, title, TITLE)


def date_line(doc, date: str, number: str) -> None:
    """«15.10.2025» at the left, «№ 1» at the right, and the town under them when given."""
    par(doc, f"{{{{ {date} }}}}\t{{{{ {number} }}}}", DATELINE)
    par(doc, "{%p if town %}", PLAIN)
    par(doc, "{{ town }}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)


def meeting_line(doc) -> None:
    """The date and number, the town, «заседания РМО …» and «Место проведения: …»."""
    date_line(doc, "date", "number")
    par(doc, "", PLAIN)
    par(doc, "{{ heading }}", PLAIN, bold=True)
    par(doc, "", PLAIN)
    par(doc, "{%p if venue %}", PLAIN)
    par(doc, "Место проведения: {{ venue }}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)


def labelled(doc, label: str, text: str, style: str = BODY):
    """A paragraph that starts with a bold label: «1. СЛУШАЛИ: Мазееву Р.В., …»."""
    paragraph = par(doc, style=style)
    paragraph.add_run(label).bold = True
    paragraph.add_run(text)
    return paragraph


def heard(doc) -> None:
    """One agenda item: «N. СЛУШАЛИ: …» (or «ОБСУДИЛИ: …» and «ВЫСТУПИЛИ: …»), the summary,
    «РЕШИЛИ:» with the numbered decisions and «Голосовали: …» when there are any."""
    first = labelled(doc, "{{ item.number }}. {{ item.label }}:", " {{ item.text }}")
    first.paragraph_format.space_before = Pt(6)
    first.paragraph_format.keep_with_next = True
    par(doc, "{%p if item.spoke %}", PLAIN)
    labelled(doc, "ВЫСТУПИЛИ:", " {{ item.spoke }}")
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p for line in item.heard %}", PLAIN)
    par(doc, "{{ line }}", BODY)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if item.decisions %}", PLAIN)
    decided = par(doc, "РЕШИЛИ:", BODY, bold=True)
    decided.paragraph_format.keep_with_next = True
    par(doc, "{%p for line in item.decisions %}", PLAIN)
    par(doc, "{{ line }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if item.vote %}", PLAIN)
    labelled(doc, "Голосовали:", " {{ item.vote }}")
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)


def minutes_signatures(doc) -> None:
    signature(doc, "Председатель", "{{ chair_signature }}")
    last = signature(doc, "Секретарь", "{{ secretary_signature }}")
    last.paragraph_format.space_before = Pt(12)
