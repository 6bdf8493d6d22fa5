"""The minutes of a meeting."""

from __future__ import annotations

from .blocks import kept, par
from .minutes import heard, meeting_line, minutes_header, minutes_signatures
from .styles import HEADING, ITEM, LIST, PLAIN, new_document

FILE_TITLE = "Протокол заседания"  # File → Properties of the template


def make():
    """The template as a python-docx document."""
    doc = new_document()
    minutes_header(doc, "ПРОТОКОЛ")
    meeting_line(doc)
    par(doc, "Председатель – {{ chair }}", PLAIN)
    par(doc, "{%p if secretary %}", PLAIN)
    par(doc, "Секретарь – {{ secretary }}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    kept(par(doc, "Присутствовали: {{ present_count }}", PLAIN))
    par(doc, "{%p for line in present %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p if absent_count %}", PLAIN)
    kept(par(doc, "Отсутствовали: {{ absent_count }}", PLAIN))
    par(doc, "{%p for line in absent %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "{%p if guests %}", PLAIN)
    kept(par(doc, "Приглашённые:", PLAIN))
    par(doc, "{%p for line in guests %}", PLAIN)
    par(doc, "{{ line }}", LIST)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p endif %}", PLAIN)
    par(doc, "ПОВЕСТКА ДНЯ:", HEADING)
    par(doc, "{%p for item in agenda %}", PLAIN)
    # Only the heading keeps with the agenda's first line: a long agenda chained to the
    # first item heard would push it all to the next page and leave this one half empty.
    par(doc, "{{ item }}", ITEM)
    par(doc, "{%p endfor %}", PLAIN)
    par(doc, "{%p for item in items %}", PLAIN)
    heard(doc)
    par(doc, "{%p endfor %}", PLAIN)
    minutes_signatures(doc)
    return doc
