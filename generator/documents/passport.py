"""The passport of the association («Паспорт РМО»): the one-page record the methodical
centre collects from every association — name, theme, tasks, head, secretary, members and
institutions, forms of work and the year's meetings — as a two-column table, then the
members (ФИО, должность, учреждение) as a table of their own."""

from __future__ import annotations

from ..model import MeetingStatus, Person, Workbook
from ..russian.lists import MEETING_STATUS_WORDS
from ..russian.text import (
    NBSP,
    count,
    date_numeric,
    full_name_parts,
    plural,
    sentence,
    surname_first,
    typography,
)
from .common import (
    alphabetical,
    cancelled,
    head_signature,
    period_span,
    signer_title,
)
from .kinds import Document, DocumentKind


def _person(person: Person) -> str:
    return typography(f"{surname_first(person.name)}, {person.position}, {person.institution}")


def _numbered(lines) -> str:
    """Items of a list, numbered one to a line, as the tasks are."""
    return "\n".join(f"{i}. {sentence(line)}" for i, line in enumerate(lines, start=1))


def _meetings(workbook: Workbook) -> str:
    lines = []
    for meeting in workbook.meetings:
        span = period_span(meeting.period)
        line = f"№{NBSP}{meeting.number}" + (f" ({span})" if span else "")
        if meeting.status is MeetingStatus.CANCELLED:
            said = MEETING_STATUS_WORDS[meeting.status].said
            line += f" – {said}" + cancelled(meeting.reason)
        elif meeting.held and meeting.date:
            line += (f" – проведено {date_numeric(meeting.date)}, протокол{NBSP}"
                     f"№{NBSP}{workbook.protocol_number(meeting)}")
        lines.append(typography(line))
    return "\n".join(lines)


def _members(workbook: Workbook) -> list[dict]:
    """The members as the table «№ | ФИО | Должность | Учреждение» lists them, alphabetical;
    a name typed in full stays in full."""
    rows = []
    for number, person in enumerate(alphabetical(workbook.members), start=1):
        name = (" ".join(person.name.replace(",", " ").split())
                if full_name_parts(person.name) else surname_first(person.name))
        rows.append({"number": str(number), "name": typography(name),
                     "position": typography(person.position),
                     "institution": typography(person.institution)})
    return rows


def passport_document(workbook: Workbook) -> Document:
    association = workbook.association
    plan = workbook.plan
    members = workbook.members
    institutions = len({p.institution for p in members})
    rows = [
        ("Полное название", association.full_name or association.name),
        ("Краткое название", association.name),
        ("Учебный год", association.year.label),
        ("Организация", association.organisation),
        ("Методическая тема", association.theme),
        ("Цель", sentence(association.goal) if association.goal else ""),
        ("Задачи", _numbered(t.text for t in plan.tasks)),
        ("Руководитель", _person(association.head)),
        ("Секретарь", _person(association.secretary) if association.secretary else ""),
        ("Число членов", f"{count(len(members), 'человек', 'человека', 'человек')} из "
                         f"{institutions} "
                         f"{plural(institutions, 'учреждения', 'учреждений', 'учреждений')}"),
        ("Направления работы", _numbered(plan.directions)),
        ("Формы работы", _numbered(plan.forms)),
        ("Место проведения заседаний", association.place),
        ("Заседания в учебном году", _meetings(workbook)),
    ]
    context = {
        "organisation": typography(association.organisation),
        "title": typography(f"Паспорт {association.name}"),
        "year": association.year.label,
        "rows": [{"section": section, "content": typography(text)}
                 for section, text in rows if text],
        "members_title": typography(f"Состав {association.name}"),
        "members": _members(workbook),
        "signer_title": signer_title(association),
        "signer": head_signature(association),
    }
    return Document(
        kind=DocumentKind.PASSPORT,
        filename=f"Паспорт РМО на {association.year.folder} учебный год.docx",
        context=context,
        title=f"Паспорт {association.name} на {association.year.label} учебный год",
        date=association.year.first_day,
    )


def passport_documents(workbook: Workbook) -> list[Document]:
    return [passport_document(workbook)]
