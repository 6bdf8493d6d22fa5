"""The papers that follow from the minutes: extracts and certificates for the speakers
(they need them for their certification), and registration sheets for every meeting."""

from __future__ import annotations

from ..archive.issued import Issue
from ..errors import Problem, problem
from ..model import AgendaItem, Meeting, MeetingStatus, Person, TalkKind, Workbook
from ..russian.declension import FEMALE, gender, name_dative, name_genitive_any, position_dative
from ..russian.lists import guest_mark
from ..russian.talks import TALK_WORDS, talk_of
from ..russian.text import NBSP, date_numeric, initials_first, surname_first, typography
from ..workbook import contract
from .common import (
    alphabetical,
    head_signature,
    online,
    same_person,
    signer_title,
    split_signer,
    unbroken_hyphens,
    venue,
)
from .kinds import Document, DocumentKind
from .protocol import (
    LIST_LIMIT,
    agenda_line,
    attendance,
    item_context,
    minutes_header,
    minutes_signatures,
    numbered_items,
    present_of_members,
    undecided,
)

BLANK_ROWS = 5  # for guests who sign in on the day


def _signatures(workbook: Workbook) -> dict:
    """The minutes' signatures, and who certifies the extract: the secretary, else the head."""
    association = workbook.association
    if association.secretary is not None:
        certifier = ("Секретарь", initials_first(association.secretary.name))
    else:
        certifier = (signer_title(association), head_signature(association))
    return {**minutes_signatures(workbook), "signer_title": certifier[0],
            "signer": typography(certifier[1]),
            "chair_signs": association.secretary is not None}


def talks(meeting: Meeting) -> list[tuple[int, AgendaItem]]:
    """The talks given at a held meeting, with their numbers in its minutes."""
    return [(number, item) for number, item in numbered_items(meeting)
            if item.given and item.speakers]


def extract_document(workbook: Workbook, meeting: Meeting, number: int,
                     item: AgendaItem) -> Document:
    assert meeting.date is not None
    day = date_numeric(meeting.date)
    who = attendance(workbook, meeting)
    names = ", ".join(surname_first(p.name) for p in item.speakers).replace(NBSP, " ")
    context = {
        **minutes_header(workbook, meeting),
        **_signatures(workbook),
        "present_count": present_of_members(workbook, len(who.present)),
        "agenda": agenda_line(number, item),
        "item": item_context(number, item, workbook.association, meeting, last=True),
    }
    protocol = workbook.protocol_number(meeting)
    return Document(
        kind=DocumentKind.EXTRACT,
        filename=f"Выписка из протокола № {protocol}, п. {number} ({names}).docx",
        context=context,
        title=f"Выписка из протокола № {protocol} от {day}, пункт {number}",
        date=meeting.date,
        meeting=meeting.number,
        # The ledger's key is the plan's meeting: it stays when a cancellation renumbers.
        issue=Issue(f"выписка|{meeting.number}|{item.text}"),
        person=names,
        missing=_protocol_missing(workbook, meeting),
    )


def _protocol_missing(workbook: Workbook, meeting: Meeting) -> tuple[Problem, ...]:
    """A paper quoting minutes that cannot be signed yet cannot be issued either."""
    if not undecided(workbook, meeting) or meeting.date is None:
        return ()
    number = workbook.protocol_number(meeting)
    first = undecided(workbook, meeting)[0]
    return (problem(f"документ ссылается на протокол №{NBSP}{number} от "
                    f"{date_numeric(meeting.date)}, а он не готов: в пункте нет решения.",
                    first.sheet, first.cell,
                    fix="Впишите решение в эту ячейку: тогда будут сделаны и протокол, и этот "
                        "документ."),)


# What the speaker did, by the kind of the talk (russian.talks.TALK_WORDS).
_DID = {kind: words.did for kind, words in TALK_WORDS.items() if words.did}
_DONE = {kind: words.done for kind, words in TALK_WORDS.items() if words.done}


def certificate_sentence(workbook: Workbook, meeting: Meeting, person: Person,
                         item: AgendaItem) -> str:
    """«Дана Орловой Юлии Андреевне, педагогу-библиотекарю …, в том, что она 22.04.2026
    выступила на заседании … с сообщением «…» (протокол от 22.04.2026 № 4).»"""
    assert meeting.date is not None
    association = workbook.association
    day = date_numeric(meeting.date)
    found = talk_of(item)
    where = typography(f"на заседании {association.name}")
    record = f"(протокол от {day}{NBSP}№{NBSP}{workbook.protocol_number(meeting)})"
    institution = typography(person.institution)
    position = typography(position_dative(person.position))
    dative = name_dative(person)
    if dative is None:
        # The gender cannot be told from the name: no guess, a phrasing that needs none (the
        # name stays as written, the position is in the dative whatever the gender).
        name = typography(surname_first(person.name))
        verb, what = _DONE.get(found.kind, _DONE[TalkKind.SPEECH])
        verb = verb.format(done=found.done)
        # The speaker is always named: in the genitive when it is the same for either gender
        # («выступление Н.Н. Бойко»), else in brackets, in the nominative.
        whose = name_genitive_any(person)
        what = what.format(title=found.title, about=found.about, noun=found.noun,
                           who=f" {whose}" if whose else "")
        if not whose:
            record = f"(докладчик{NBSP}– {typography(initials_first(person.name))}; {record[1:]}"
        return (f"Дана {name}, {position} {institution}, в том, что {day} {where} {verb} "
                f"{what} {record}.")
    female = gender(person) == FEMALE
    she, he, what = _DID.get(found.kind, _DID[TalkKind.SPEECH])
    pronoun, verb = ("она", she) if female else ("он", he)
    return (f"Дана {typography(dative)}, {position} "
            f"{institution}, в том, что {pronoun} {day} {verb} {where} "
            f"{what.format(title=found.title, about=found.about, noun=found.noun)} {record}.")


def certificate_signature(workbook: Workbook, person: Person) -> tuple[str, str]:
    """Who signs a certificate: «Подписывает справки», else the head — never its subject.

    The head's own certificate, with nobody else named, has nobody to sign it: ("", "") and
    the certificate is not issued (unsigned() says what to fill in).
    """
    association = workbook.association
    line = association.certificate_signer
    if line:
        title, name = split_signer(line)
        if not name or not same_person(name, person):
            return title, name
    elif association.head != person:
        return signer_title(association), head_signature(association)
    return "", ""


def unsigned(workbook: Workbook, person: Person) -> tuple[Problem, ...]:
    """Why a certificate cannot be issued: nobody but its own subject could sign it."""
    if certificate_signature(workbook, person)[1]:
        return ()
    association = workbook.association
    line = association.certificate_signer
    signer = contract.SIGNER.name
    said = (f"в «{signer}» указан сам {surname_first(person.name)}"
            if line else "не указано, кто подписывает справки")
    return (problem(f"справку руководителя ({surname_first(person.name)}) подписать некому: "
                    f"{said}.", contract.ASSOCIATION.name, association.cells.get(signer, ""),
                    fix=f"Впишите параметр «{signer}» — должность и ФИО "
                        "руководителя организации, например «Директор МАУ «БМЦ» "
                        "Е.А. Иванова»."),)

def certificate_document(workbook: Workbook, meeting: Meeting, number: int, item: AgendaItem,
                         person: Person) -> Document:
    assert meeting.date is not None
    day = date_numeric(meeting.date)
    association = workbook.association
    signer_line, signer = certificate_signature(workbook, person)
    context = {
        "organisation": typography(association.organisation),
        "association": typography(association.full_name or association.name),
        "town": typography(association.town),
        "text": certificate_sentence(workbook, meeting, person, item),
        "signer_title": signer_line,
        "signer": signer,
    }
    name = surname_first(person.name).replace(NBSP, " ")
    return Document(
        kind=DocumentKind.CERTIFICATE,
        filename=f"Справка о выступлении ({name}, протокол № "
                 f"{workbook.protocol_number(meeting)}, п. {number}).docx",
        context=context,
        title=f"Справка о выступлении: {name}, заседание № {meeting.number} от {day}",
        date=meeting.date,
        meeting=meeting.number,
        issue=Issue(f"справка|{meeting.number}|{person.name}|{talk_of(item).topic}",
                    numbered=True),
        person=name,
        missing=unsigned(workbook, person) + _protocol_missing(workbook, meeting),
    )


def registration_document(workbook: Workbook, meeting: Meeting) -> Document:
    """The sheet members sign at an in-person meeting: every member and five blank rows."""
    members = alphabetical(workbook.members)
    rows = [{"number": str(i), "name": typography(surname_first(p.name)),
             "position": typography(p.position), "institution": typography(p.institution),
             "signature": ""}
            for i, p in enumerate(members, start=1)]
    rows += [{"number": str(len(members) + i), "name": "", "position": "", "institution": "",
              "signature": ""} for i in range(1, BLANK_ROWS + 1)]
    when = f" от {date_numeric(meeting.date)}" if meeting.date else ""
    heading = typography(f"Лист регистрации участников заседания {_numbered(workbook, meeting)}"
                         f"{workbook.association.name}{when}")
    context = {**_list_header(workbook, meeting), "heading": unbroken_hyphens(heading),
               "rows": rows, **_attachment(workbook, meeting)}
    return Document(
        kind=DocumentKind.REGISTRATION,
        filename=f"Лист регистрации, заседание № {meeting.number}{when}.docx",
        context=context,
        title=heading.replace(NBSP, " "),
        date=meeting.date or workbook.association.year.first_day,
        meeting=meeting.number,
    )


def extract_documents(workbook: Workbook) -> list[Document]:
    """An extract for every talk given that has a decision (one without would record
    nothing)."""
    return [extract_document(workbook, meeting, number, item)
            for meeting in workbook.held_meetings for number, item in talks(meeting)
            if item.decisions]


def certificate_documents(workbook: Workbook) -> list[Document]:
    """A certificate for every member's talk of a certified kind (guests do not need papers
    for their certification)."""
    return [certificate_document(workbook, meeting, number, item, person)
            for meeting in workbook.held_meetings for number, item in talks(meeting)
            if talk_of(item).certified
            for person in item.speakers if person.is_member]


def registration_documents(workbook: Workbook) -> list[Document]:
    """A registration sheet for every in-person meeting that is not cancelled (nobody
    signs a sheet at an online meeting)."""
    return [registration_document(workbook, meeting) for meeting in workbook.meetings
            if meeting.status is not MeetingStatus.CANCELLED and not online(meeting)]


def participants_document(workbook: Workbook, meeting: Meeting) -> Document:
    """The list attached to the minutes of an online meeting: nobody signs it remotely, so it
    has no signature column and lists those the attendance marks present."""
    assert meeting.date is not None
    who = attendance(workbook, meeting)
    people = list(who.present) + list(who.guests)
    # Guests after the members and marked, so the rows agree with «Присутствовали: N».
    rows = [{"number": str(i), "name": typography(surname_first(p.name)) + guest_mark(p),
             "position": typography(p.position), "institution": typography(p.institution)}
            for i, p in enumerate(people, start=1)]
    day = date_numeric(meeting.date)
    heading = typography(f"Список участников заседания {_numbered(workbook, meeting)}"
                         f"{workbook.association.name} от {day}")
    return Document(
        kind=DocumentKind.PARTICIPANTS,
        filename=f"Список участников, заседание № {meeting.number} от {day}.docx",
        context={**_list_header(workbook, meeting), "heading": unbroken_hyphens(heading),
                 "rows": rows, **_attachment(workbook, meeting),
                 **minutes_signatures(workbook)},
        missing=_protocol_missing(workbook, meeting),
        title=heading.replace(NBSP, " "),
        date=meeting.date,
        meeting=meeting.number,
    )


def _numbered(workbook: Workbook, meeting: Meeting) -> str:
    """«№ 3 » for a paper's heading: the plan's number, left out for a meeting held whose
    protocol is numbered otherwise (its date and the attachment mark name it)."""
    if meeting.held and workbook.protocol_number(meeting) != meeting.number:
        return ""
    return f"№{NBSP}{meeting.number} "


def _attachment(workbook: Workbook, meeting: Meeting) -> dict:
    """«Приложение / к протоколу заседания РМО / от 18.02.2026 № 2» for a paper of a meeting
    held; empty for one still to come."""
    if not meeting.held or meeting.date is None:
        return {"attachment": ""}
    return {"attachment": f"Приложение к протоколу от {date_numeric(meeting.date)} "
                          f"№{NBSP}{workbook.protocol_number(meeting)}"}




def _list_header(workbook: Workbook, meeting: Meeting) -> dict:
    association = workbook.association
    return {
        "organisation": typography(association.organisation),
        "association": typography(association.full_name or association.name),
        "undated": meeting.date is None,
        "venue": venue(meeting),
    }


def participants_documents(workbook: Workbook) -> list[Document]:
    """A list of participants for every held online meeting whose minutes do not list them."""
    return [participants_document(workbook, m) for m in workbook.held_meetings
            if online(m) and len(attendance(workbook, m).present) > LIST_LIMIT]
