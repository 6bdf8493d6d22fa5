"""The papers that follow from the minutes: extracts and certificates for the speakers
(they need them for their certification), and registration sheets for every meeting."""

from __future__ import annotations

from ..declension import FEMALE, gender, name_dative, position_dative
from ..figures import topic
from ..model import AgendaItem, Meeting, MeetingStatus, Person, Workbook
from ..text import (
    NBSP,
    date_numeric,
    surname_first,
    typography,
)
from .common import Document, alphabetical, head_signature, signer_title
from .protocol import (
    agenda_line,
    attendance,
    given_items,
    item_context,
    minutes_header,
    minutes_signatures,
    people_count,
)

BLANK_ROWS = 5  # for guests who sign in on the day


def _signatures(workbook: Workbook) -> dict:
    return {**minutes_signatures(workbook), "signer_title": signer_title(workbook.association),
            "signer": head_signature(workbook.association)}


def talks(meeting: Meeting) -> list[tuple[int, AgendaItem]]:
    """The talks given at a held meeting, with their numbers in its minutes."""
    return [(number, item) for number, item in enumerate(given_items(meeting), start=1)
            if item.speakers]


def extract_document(workbook: Workbook, meeting: Meeting, number: int,
                     item: AgendaItem) -> Document:
    day = date_numeric(meeting.date)
    who = attendance(workbook, meeting)
    names = ", ".join(surname_first(p.name) for p in item.speakers)
    context = {
        **minutes_header(workbook, meeting),
        **_signatures(workbook),
        "present_count": people_count(len(who.present)),
        "agenda": agenda_line(number, item),
        "item": item_context(number, item),
        "certified_date": day,
    }
    return Document(
        kind="Выписка",
        filename=f"Выписка из протокола № {meeting.number}, п. {number} ({names}).docx",
        template="extract.docx",
        context=context,
        title=f"Выписка из протокола № {meeting.number} от {day}, пункт {number}",
        date=meeting.date,
        meeting=meeting.number,
    )


def certificate_sentence(workbook: Workbook, meeting: Meeting, person: Person,
                         item: AgendaItem) -> str:
    """«Дана Орловой Ю.А., педагогу-библиотекарю …, в том, что она … выступила …»."""
    association = workbook.association
    day = date_numeric(meeting.date)
    subject = typography(f"«{topic(item).strip('«»')}»")
    where = typography(f"на заседании {association.name}")
    record = f"(протокол от {day} №{NBSP}{meeting.number})"
    institution = typography(person.institution)
    dative = name_dative(person)
    if dative is None:
        # The gender cannot be told from the name: no guess, a phrasing that needs none.
        name = typography(surname_first(person.name))
        return (f"Дана {name} ({typography(person.position)}, {institution}) в подтверждение "
                f"того, что {day} {where} заслушано выступление {name} по теме {subject} "
                f"{record}.")
    pronoun, verb = ("она", "выступила") if gender(person) == FEMALE else ("он", "выступил")
    return (f"Дана {typography(dative)}, {typography(position_dative(person.position))} "
            f"{institution}, в том, что {pronoun} {day} {verb} {where} по теме {subject} "
            f"{record}.")


def certificate_document(workbook: Workbook, meeting: Meeting, number: int, item: AgendaItem,
                         person: Person) -> Document:
    day = date_numeric(meeting.date)
    context = {
        **minutes_header(workbook, meeting),
        "text": certificate_sentence(workbook, meeting, person, item),
        **_signatures(workbook),
    }
    name = surname_first(person.name).replace(NBSP, " ")
    return Document(
        kind="Справка",
        filename=f"Справка о выступлении ({name}, протокол № {meeting.number}, "
                 f"п. {number}).docx",
        template="certificate.docx",
        context=context,
        title=f"Справка о выступлении: {name}, заседание № {meeting.number} от {day}",
        date=meeting.date,
        meeting=meeting.number,
    )


def registration_document(workbook: Workbook, meeting: Meeting) -> Document:
    members = alphabetical(workbook.members)
    rows = [{"number": str(i), "name": typography(surname_first(p.name)),
             "position": typography(p.position), "institution": typography(p.institution),
             "signature": ""}
            for i, p in enumerate(members, start=1)]
    rows += [{"number": str(len(members) + i), "name": "", "position": "", "institution": "",
              "signature": ""} for i in range(1, BLANK_ROWS + 1)]
    context = {**minutes_header(workbook, meeting), "rows": rows}
    when = f" от {date_numeric(meeting.date)}" if meeting.date else ""
    return Document(
        kind="Лист регистрации",
        filename=f"Лист регистрации, заседание № {meeting.number}{when}.docx",
        template="registration.docx",
        context=context,
        title=f"Лист регистрации участников заседания № {meeting.number}{when}",
        date=meeting.date or workbook.association.year.first_day,
        meeting=meeting.number,
    )


def papers(workbook: Workbook) -> list[Document]:
    """Extracts and certificates for every talk given, registration sheets for every meeting
    that is not cancelled."""
    found = []
    for meeting in workbook.held_meetings:
        for number, item in talks(meeting):
            found.append(extract_document(workbook, meeting, number, item))
            for person in item.speakers:
                if not person.is_member:
                    continue  # guests do not need papers for their certification
                found.append(certificate_document(workbook, meeting, number, item, person))
    for meeting in workbook.meetings:
        if meeting.status is not MeetingStatus.CANCELLED:
            found.append(registration_document(workbook, meeting))
    return found
