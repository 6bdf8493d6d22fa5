"""The annual plan: «План работы … на 2025/2026 учебный год»."""

from __future__ import annotations

import re

from ..model import AgendaItem, CalendarRow, Meeting, Workbook
from ..russian.text import NBSP, date_numeric, lines, sentence, strip_numbering, typography
from .common import head_signature, person_line, signer_title
from .kinds import Document, DocumentKind
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
    or 'block': a period with a title («Заседание МО № 1.») and several items, each item a row
    level with its responsible people, the period standing once for the block.
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
    """A row of one item, or a block of rows: the first (the title «Заседание МО № 1.» over
    the first item), the middle items, the last (None when the block is one row). The
    template keeps all rows but the last with the next, so a block is not cut by a page."""
    single = len(pairs) == 1 and not title
    cells = [{"content": typography(c), "responsible": typography(r)} for c, r in pairs]
    return {
        "kind": "single" if single else "block",
        "period": typography(period),
        "title": title,
        "content": cells[0]["content"] if single else "",
        "responsible": cells[0]["responsible"] if single else "",
        "pairs": [] if single else cells,
        "first": cells[0],
        "middle": cells[1:-1],
        "last": cells[-1] if len(cells) > 1 else None,
    }


def _about_plan(verb: str) -> re.Pattern:
    """The verb and «план» a few words apart, in either order: «утвердить проект плана»,
    «рассмотреть и утвердить план», «план работы утверждён»."""
    return re.compile(rf"{verb}\w*\s+(?:\S+\s+){{0,2}}?план|план\w*\s+(?:\S+\s+){{0,3}}?{verb}",
                      re.IGNORECASE)


_APPROVES = _about_plan("утвер[дж]")
_CONSIDERS = _about_plan("рассмотр")


def approval(workbook: Workbook) -> str:
    """The approval stamp above the title, as ГОСТ Р 7.0.97 writes it, one line each:
    «УТВЕРЖДЁН / протоколом заседания РМО / от 15.10.2025 № 1».

    The first held meeting whose item about the plan was taken up decides: its decision
    («Утвердить план работы…», «Рассмотреть план…») when it speaks of the plan, else the
    item's own words («Утверждение плана работы»). «РАССМОТРЕН» only when they say so.
    """
    for meeting in workbook.held_meetings:
        if not meeting.held or not meeting.date:
            continue
        for item in meeting.items:
            verdict = _verdict(item, workbook.association.year.start) if item.given else None
            if verdict is None:
                continue
            kind = kind_word(workbook.association)
            when = f"от {date_numeric(meeting.date)} №{NBSP}{workbook.protocol_number(meeting)}"
            if verdict == "approved":
                return f"УТВЕРЖДЁН\nпротоколом заседания {kind}\n{when}"
            return f"РАССМОТРЕН\nна заседании {kind}\nпротокол {when}"
    return ""


_YEAR = re.compile(r"\b(20\d\d)\s*[/–-]\s*(?:20)?\d\d\b")


def _verdict(item: AgendaItem, start: int) -> str | None:
    """«approved», «considered» or None: what an item did with this year's plan (a May
    decision to approve next year's plan is not about this one)."""
    for text in (" ".join(item.decisions), item.text):
        approved, considered = _APPROVES.search(text), _CONSIDERS.search(text)
        years = {int(y) for y in _YEAR.findall(text)}
        if (approved or considered) and (not years or start in years):
            # «Рассмотреть и утвердить план» approves it.
            return "approved" if approved else "considered"
    return None
