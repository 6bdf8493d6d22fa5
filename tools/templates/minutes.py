"""Blocks the minutes share with the papers made from them (extract, certificate,
registration sheet)."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import par, signature
from .styles import CENTER, HEADING, ITEM, LIST, PLAIN, SIGN, TITLE


def association_header(doc) -> None:
    """The organisation (when given) and the association's name, centred."""
    par(doc, "{%p if organisation %}", PLAIN)
    par(doc, "{{ organisation }}", CENTER)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{{ association }}", CENTER, bold=True)
    par(doc, "", CENTER)


def minutes_header(doc, title: str) -> None:
    association_header(doc)
    par(doc, title, TITLE)


def meeting_line(doc) -> None:
    """«15.10.2025» at the left and «№ 1» at the right, the place, «заседания РМО …»."""
    line = par(doc, style=SIGN)
    line.paragraph_format.space_before = Pt(6)
    line.add_run("{{ date }}\t{{ number }}")
    par(doc, "{{ place }}", CENTER)
    par(doc, "", PLAIN)
    par(doc, "{{ heading }}", PLAIN, bold=True)
    par(doc, "", PLAIN)


def heard(doc) -> None:
    """One agenda item of the minutes: «N. СЛУШАЛИ:» and, when there are any, «РЕШИЛИ:»."""
    heard = par(doc, style=HEADING)
    heard.add_run("{{ item.number }}. СЛУШАЛИ:")
    par(doc, "{%p for line in item.speakers %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p for line in item.heard %}", PLAIN)
    par(doc, "{{ line }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if item.decisions %}", PLAIN)
    decided = par(doc, "РЕШИЛИ:", PLAIN, bold=True)
    decided.paragraph_format.space_before = Pt(6)
    decided.paragraph_format.keep_with_next = True
    par(doc, "{%p for line in item.decisions %}", PLAIN)
    par(doc, "{{ line }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)


def minutes_signatures(doc) -> None:
    signature(doc, "Председатель", "{{ chair_signature }}")
    last = par(doc, style=SIGN)
    last.paragraph_format.space_before = Pt(12)
    last.add_run("Секретарь\t________________ {{ secretary_signature }}")
