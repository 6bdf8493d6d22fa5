"""Blocks the minutes share with the papers made from them (extract, certificate,
registration sheet, list of participants)."""

from __future__ import annotations

from docx.shared import Pt

from .blocks import kept, par, signature
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
    «РЕШИЛИ:» with the numbered decisions and «Голосовали: …» when there are any; a withdrawn
    item as «N. Вопрос снят с повестки: …».

    СЛУШАЛИ, the summary, РЕШИЛИ and the first decision stay on one page; the last item's
    final decision (``decided_last``) and vote stay with the signatures that follow.
    """
    par(doc, "{%p if item.withdrawn %}", PLAIN)
    gone = labelled(doc, "{{ item.number }}. {{ item.label }}:", " {{ item.text }}")
    gone.paragraph_format.space_before = Pt(6)
    gone.paragraph_format.keep_with_next = True
    par(doc, "{%p else %}", PLAIN)
    first = labelled(doc, "{{ item.number }}. {{ item.label }}:", " {{ item.text }}")
    first.paragraph_format.space_before = Pt(6)
    first.paragraph_format.keep_with_next = True
    par(doc, "{%p if item.spoke %}", PLAIN)
    kept(labelled(doc, "ВЫСТУПИЛИ:", " {{ item.spoke }}"))
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p for line in item.heard %}", PLAIN)
    kept(par(doc, "{{ line }}", BODY))
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if item.decisions %}", PLAIN)
    kept(par(doc, "РЕШИЛИ:", BODY, bold=True))
    par(doc, "{%p for line in item.decisions_head %}", PLAIN)
    par(doc, "{{ line }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p for line in item.decided_last %}", PLAIN)
    kept(par(doc, "{{ line }}", ITEM))
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if item.vote and item.last %}", PLAIN)
    kept(labelled(doc, "Голосовали:", " {{ item.vote }}"))
    par(doc, "{%p elif item.vote %}", PLAIN)
    labelled(doc, "Голосовали:", " {{ item.vote }}")
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)


def minutes_signatures(doc) -> None:
    signature(doc, "Председатель", "{{ chair_signature }}")
    last = signature(doc, "Секретарь", "{{ secretary_signature }}")
    last.paragraph_format.space_before = Pt(12)
