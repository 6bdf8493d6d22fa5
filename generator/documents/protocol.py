"""The minutes («ПРОТОКОЛ») of a held meeting, in the full form."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Problem, problem
from ..figures.association import was_present
from ..model import AgendaItem, Association, Meeting, Person, Workbook
from ..russian.text import (
    NBSP,
    date_numeric,
    initials_first,
    lines,
    people_count,
    plural,
    sentence,
    sort_key,
    strip_numbering,
    surname_first,
    typography,
)
from ..workbook import contract
from .common import alphabetical, online, venue
from .kinds import Document, DocumentKind
from .speakers import discussed_line, heard_line, kind_word, speakers, spoke_line

# With more people present the list goes on a registration sheet (documents.md §2).
LIST_LIMIT = 15
UNSIGNED = "______________"


@dataclass(frozen=True)
class Attendance:
    """Who was at a meeting: members present, members absent with reasons, guests present."""

    present: tuple[Person, ...]
    absent: tuple[tuple[Person, str], ...]
    guests: tuple[Person, ...]


def attendance(workbook: Workbook, meeting: Meeting) -> Attendance:
    present: list[Person] = []
    guests: list[Person] = []
    absent: list[tuple[Person, str]] = []
    for person in workbook.people:
        if was_present(meeting, person):
            (present if person.is_member else guests).append(person)
        elif person.is_member:
            mark = meeting.attendance.get(person.name)
            absent.append((person, mark.reason if mark else ""))
    return Attendance(tuple(alphabetical(present)),
                      tuple(sorted(absent, key=lambda pair: sort_key(pair[0].name))),
                      tuple(alphabetical(guests)))


def numbered_items(meeting: Meeting) -> list[tuple[int, AgendaItem]]:
    """Every item of the meeting with its number in the minutes: a withdrawn item keeps its
    place («Вопрос снят с повестки»), so the minutes number their items as the programme."""
    return list(enumerate(meeting.items, start=1))


def minutes_header(workbook: Workbook, meeting: Meeting) -> dict:
    """The head of the minutes and of every paper that follows from them."""
    association = workbook.association
    heading = f"заседания {association.name}"
    number = workbook.protocol_number(meeting) if meeting.held else meeting.number
    if number != meeting.number:
        heading += f" (заседание №{NBSP}{meeting.number} по плану работы)"
    return {
        "organisation": typography(association.organisation),
        "association": typography(association.full_name or association.name),
        "date": date_numeric(meeting.date) if meeting.date else "«____» ____________ 20___ г.",
        "number": f"№{NBSP}{number}",
        "town": typography(association.town),
        "venue": venue(meeting),
        "heading": typography(heading),
    }


def undecided(workbook: Workbook, meeting: Meeting) -> tuple[Problem, ...]:
    """Why the minutes of a held meeting cannot be signed: an item given with no decision.
    Minutes that say «СЛУШАЛИ» and nothing after it are sent back by any office."""
    number = workbook.protocol_number(meeting)
    decided = contract.AGENDA_DECIDED.name
    return tuple(
        problem(f"в пункте {index} заседания №{NBSP}{meeting.number} не заполнено «{decided}»: "
                f"протокол №{NBSP}{number} без решения не готов.", contract.AGENDA.name,
                item.cells.get(decided, ""),
                fix="Впишите решение, например «Информацию принять к сведению.», или "
                    f"«нет» в «{contract.AGENDA_GIVEN.name}», если вопрос сняли с повестки.")
        for index, item in numbered_items(meeting) if item.given and not item.decisions)


def minutes_signatures(workbook: Workbook) -> dict:
    association = workbook.association
    return {
        "chair_signature": initials_first(association.head.name),
        "secretary_signature": initials_first(association.secretary.name)
        if association.secretary else UNSIGNED,
    }


def present_of_members(workbook: Workbook, present: int) -> str:
    """«8 человек из 10 членов РМО»."""
    members = len(workbook.members)
    return (f"{people_count(present)} из {members}{NBSP}"
            f"{plural(members, 'члена', 'членов', 'членов')} {kind_word(workbook.association)}")


def protocol_document(workbook: Workbook, meeting: Meeting) -> Document:
    association = workbook.association
    assert meeting.date is not None
    who = attendance(workbook, meeting)
    items = numbered_items(meeting)
    listed = len(who.present) <= LIST_LIMIT
    present_count = present_of_members(workbook, len(who.present))
    if not listed:
        present_count += (" (список участников прилагается)" if online(meeting)
                          else " (лист регистрации прилагается)")
    context = {
        **minutes_header(workbook, meeting),
        "chair": initials_first(association.head.name),
        "secretary": initials_first(association.secretary.name) if association.secretary else "",
        "present_count": present_count,
        "present": [f"{i}. {_listed(p)}" for i, p in enumerate(who.present, start=1)]
        if listed else [],
        "absent_count": people_count(len(who.absent)) if who.absent else "",
        "absent": [f"{i}. {typography(surname_first(p.name))}"
                   + (f"{NBSP}– {typography(reason)}" if reason else "")
                   for i, (p, reason) in enumerate(who.absent, start=1)],
        "guests": [f"{i}. {_listed(p)}" for i, p in enumerate(who.guests, start=1)],
        "agenda": [agenda_line(i, item) for i, item in items],
        "items": [item_context(i, item, association, meeting, last=i == len(items))
                  for i, item in items],
        **minutes_signatures(workbook),
    }
    day = date_numeric(meeting.date)
    number = workbook.protocol_number(meeting)
    return Document(
        kind=DocumentKind.PROTOCOL,
        filename=f"Протокол № {number} от {day}.docx",
        context=context,
        title=f"Протокол № {number} заседания {association.name} от {day}",
        date=meeting.date,
        meeting=meeting.number,
        missing=undecided(workbook, meeting),
    )


def _listed(person: Person) -> str:
    return typography(f"{surname_first(person.name)}, {person.position}, {person.institution}")


def agenda_line(number: int, item: AgendaItem) -> str:
    """«2. Выступление по теме «…».»: an item as the agenda lists it; a withdrawn one says so."""
    text = typography(strip_numbering(item.text)).rstrip(". ")
    if not item.given:
        return f"{number}. {text} (вопрос снят с повестки)."
    return f"{number}. {typography(sentence(text))}"


def withdrawn_line(item: AgendaItem, meeting: Meeting | None) -> str:
    """What follows «Вопрос снят с повестки:»: the item, and why when the workbook tells —
    the item's own «Слушали», else the speaker's absence from the attendance."""
    text = typography(sentence(strip_numbering(item.text)))
    if text[:1].isupper() and not text[1:2].isupper():  # «СНЯТ С ПОВЕСТКИ: выступление …»
        text = text[0].lower() + text[1:]
    reason = item.heard.strip()
    if not reason and meeting is not None:
        away = [(p, meeting.attendance[p.name]) for p in item.speakers
                if p.name in meeting.attendance and not meeting.attendance[p.name].present]
        if away:
            said = "; ".join(surname_first(p.name)
                             + (f"{NBSP}– {mark.reason}" if mark.reason else "")
                             for p, mark in away)
            reason = f"отсутствие {'докладчиков' if len(away) > 1 else 'докладчика'} ({said})"
    return text + (f" Причина: {typography(sentence(reason))}" if reason else "")


def item_context(number: int, item: AgendaItem, association: Association,
                 meeting: Meeting | None = None, last: bool = False) -> dict:
    """One agenda item as the minutes report it: СЛУШАЛИ (or ОБСУДИЛИ and ВЫСТУПИЛИ), the
    summary, РЕШИЛИ numbered 1.1, 1.2 … and «Голосовали» when given; a withdrawn item as
    «Вопрос снят с повестки». ``last``: the item the signatures follow, whose final
    decision is kept on their page."""
    if not item.given:
        return {"number": str(number), "label": "СНЯТ С ПОВЕСТКИ", "withdrawn": True,
                "text": withdrawn_line(item, meeting), "spoke": "", "heard": [],
                "decisions": [], "decisions_head": [], "decided_last": [], "vote": "",
                "last": last}
    who = speakers(item, association)
    heard = [typography(sentence(line)) for line in lines(item.heard)]
    if who.discussion:
        label, text, spoke = "ОБСУДИЛИ", discussed_line(item), spoke_line(association, who)
    else:
        label, text, spoke = "СЛУШАЛИ", heard_line(item, association, who), ""
    decisions = [f"{number}.{i}. {typography(sentence(line))}"
                 for i, line in enumerate(item.decisions, start=1)]
    how = item.vote
    # The last decision of the last item stays with the signatures (a signature never stands
    # alone on a page): the template keeps «decided_last» with what follows.
    kept = decisions[-1:] if last else []
    return {"number": str(number), "label": label, "text": text, "spoke": spoke,
            # «decisions» whole for templates restyled before the split
            "heard": heard, "decisions": decisions,
            "decisions_head": decisions[:len(decisions) - len(kept)],
            "decided_last": kept, "withdrawn": False, "last": last,
            "vote": typography(sentence(how)) if decisions and how else ""}


def protocol_documents(workbook: Workbook) -> list[Document]:
    return [protocol_document(workbook, m) for m in workbook.held_meetings]
