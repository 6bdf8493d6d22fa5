"""The annual plan: «План работы … на 2025/2026 учебный год»."""

from __future__ import annotations

import re

from ..kinds import DocumentKind
from ..model import AgendaItem, CalendarRow, Meeting, Workbook
from ..text import NBSP, date_numeric, lines, sentence, strip_numbering, typography
from .common import Document, head_signature, person_line, signer_title
from .speakers import kind_word


def plan_document(workbook: Workbook) -> Document:
    association = workbook.association
    year = association.year
    context = {
        "title": typography(f"План работы {association.name}"),
        "year": year.label,
        "approval": approval(workbook),
        "name": typography(association.name),
        "theme": typography(association.theme),
        "tasks": [typography(f"{i}. {sentence(task.text)}")
                  for i, task in enumerate(workbook.plan.tasks, start=1)],
        "directions": [typography(sentence(line)) for line in workbook.plan.directions],
        "forms": [typography(sentence(line)) for line in workbook.plan.forms],
        "results": [typography(sentence(line)) for line in workbook.plan.results],
        "calendar": calendar_rows(workbook),
        "signer_title": signer_title(association),
        "signer": head_signature(association),
    }
    title = f"План работы {association.name} на {year.label} учебный год"
    return Document(
        kind=DocumentKind.PLAN,
        filename=f"План работы на {year.folder} учебный год.docx",
        context=context,
        title=title,
        date=year.first_day,
    )


def plan_documents(workbook: Workbook) -> list[Document]:
    return [plan_document(workbook)]


def calendar_rows(workbook: Workbook) -> list[dict]:
    """The rows of the calendar table, flattened for the template.

    Each row has a kind: 'heading' (a row across the table), 'single' (one item of a period),
    or 'block': a period with a title («Заседание МО № 1.») and several items, each level
    with its responsible people. A block is one row of the table, which never splits across
    pages, so a meeting is never cut in two.
    """
    rows: list[dict] = []
    section = ""
    entries = _with_unplaced_meetings(workbook)
    group: list[CalendarRow] = []

    def flush() -> None:
        items = [line for row in group for line in lines(row.content)]
        counter = iter(range(1, len(items) + 1))
        for row in group:
            contents = [strip_numbering(line) for line in lines(row.content)]
            people = lines(row.responsible)
            numbered = [(f"{next(counter)}. " if len(items) > 1 else "") + line
                        for line in contents]
            if len(people) == len(numbered) and len(numbered) > 1:
                pairs = list(zip(numbered, people))
            else:
                pairs = [("\n".join(numbered), "\n".join(people))]
            rows.append(_block(row.period, "", pairs))
        group.clear()

    for entry in entries:
        if isinstance(entry, Meeting):
            flush()
            rows.append(_meeting_block(entry))
            continue
        if entry.meeting is not None:
            flush()
            meeting = workbook.meeting(entry.meeting)
            assert meeting is not None  # the reader checked the reference
            rows.append(_meeting_block(meeting, entry.period))
            continue
        if entry.section and entry.section != section:
            flush()
            rows.append({"kind": "heading", "content": typography(entry.section), "title": "",
                         "period": "", "responsible": "", "pairs": []})
        elif not entry.section and section:
            flush()
        section = entry.section
        group.append(entry)
    flush()
    return rows


def _with_unplaced_meetings(workbook: Workbook) -> list:
    """Calendar rows, with meetings the user did not place put after the last placed one."""
    placed = {row.meeting for row in workbook.calendar if row.meeting is not None}
    unplaced = [m for m in workbook.meetings if m.number not in placed]
    entries: list = list(workbook.calendar)
    if not unplaced:
        return entries
    last = max((i for i, row in enumerate(entries) if row.meeting is not None),
               default=len(entries) - 1)
    return entries[: last + 1] + unplaced + entries[last + 1:]


def _meeting_block(meeting: Meeting, period: str = "") -> dict:
    pairs = [(f"{i}. {strip_numbering(item.text)}", _responsible(item))
             for i, item in enumerate(meeting.items, start=1)]
    title = f"Заседание МО №\u00a0{meeting.number}."
    return _block(period or meeting.period, title, pairs or [("", "")])


def _responsible(item: AgendaItem) -> str:
    if item.speakers:
        return "\n".join(person_line(p) for p in item.speakers)
    return typography(item.responsible)


def _block(period: str, title: str, pairs: list[tuple[str, str]]) -> dict:
    single = len(pairs) == 1 and not title
    return {
        "kind": "single" if single else "block",
        "period": typography(period),
        "title": title,
        "content": typography(pairs[0][0]) if single else "",
        "responsible": typography(pairs[0][1]) if single else "",
        "pairs": [] if single else [{"content": typography(c), "responsible": typography(r)}
                                    for c, r in pairs],
    }


_APPROVES_PLAN = re.compile(r"утвержд\w*\s+(?:проекта\s+)?план\w*", re.IGNORECASE)


def approval(workbook: Workbook) -> str:
    """«Рассмотрен на заседании РМО, протокол от 15.10.2025 № 1»: the first held meeting with
    an agenda item that approves the plan («Утверждение плана работы …»)."""
    for meeting in workbook.held_meetings:
        if meeting.date and any(_APPROVES_PLAN.search(item.text) and item.given
                                for item in meeting.items):
            return (f"Рассмотрен на заседании {kind_word(workbook.association)}, протокол от "
                    f"{date_numeric(meeting.date)} №{NBSP}{meeting.number}")
    return ""
