"""What the record of a person's work over the years says: «Дана Тарасову Виктору Андреевичу,
учителю химии …, в том, что он в 2023/2024–2025/2026 учебных годах участвовал в работе …»,
then each school year: the role and post, the meetings attended, every talk with its protocol,
contests and events, courses — and the totals of the period."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..archive.issued import Issue
from ..errors import Problem, problem
from ..figures.association import was_present
from ..figures.record import Found, Year, period_label
from ..model import EventKind, Participation, Person, TalkKind
from ..russian.declension import FEMALE, gender, name_dative, position_dative
from ..russian.talks import TALK_WORDS, talk_of
from ..russian.text import NBSP, date_numeric, number, surname_first, typography
from ..workbook import contract
from .papers import certificate_signature, talks

# A talk as a noun phrase, by its kind (the certificate's phrasing needs a verb).
_WHAT = {kind: words.noun for kind, words in TALK_WORDS.items() if words.noun}


@dataclass(frozen=True)
class RecordDocument:
    """The record to render: like a build's Document, but of no build kind (it is made over
    several workbooks) and stamped by the same ledger (issued.stamp)."""

    filename: str
    context: dict
    title: str
    date: dt.date
    issue: Issue
    person: str
    issued: str = ""
    missing: tuple[Problem, ...] = ()


def talk_line(year: Year, person: Person) -> list[str]:
    """«24.09.2025 — доклад «…» (протокол от 24.09.2025 № 1)» for each talk the person gave
    that year (a withdrawn item, «Проведено: нет», was not given)."""
    workbook = year.workbook
    lines = []
    for meeting in sorted(workbook.held_meetings, key=lambda m: (m.date, m.number)):
        assert meeting.date is not None
        for _, item in talks(meeting):
            found = talk_of(item)
            if not found.certified or not any(s.name == person.name for s in item.speakers):
                continue
            what = _WHAT.get(found.kind, _WHAT[TalkKind.SPEECH]).format(
                title=found.title, about=found.about, noun=found.noun)
            day = date_numeric(meeting.date)
            lines.append(typography(f"{day} — {what} (протокол от {day}{NBSP}№{NBSP}"
                                    f"{workbook.protocol_number(meeting)})"))
    return lines


def _event(entry: Participation) -> str:
    """«Конкурс методических разработок (региональный уровень) — призёр, 12.03.2026»."""
    kind = "" if entry.event.lower().startswith(entry.kind.label.split()[0]) \
        else f"{entry.kind.label}, "
    outcome = ", ".join(x for x in (entry.result.label if entry.result else "", entry.date) if x)
    return typography(f"{entry.event} ({kind}{entry.level.label} уровень)"
                      + (f" — {outcome}" if outcome else ""))


def _course(entry: Participation) -> str:
    """«Курсы «Подготовка к ЕГЭ по химии», 72 ч. (ноябрь 2024, удостоверение)»."""
    hours = f", {number(entry.hours)}{NBSP}ч." if entry.hours else ""
    more = ", ".join(x for x in (entry.date, entry.result.label if entry.result else "") if x)
    return typography(f"{entry.event}{hours}" + (f" ({more})" if more else ""))


def _role(year: Year, person: Person) -> str:
    association = year.workbook.association
    if association.head.name == person.name:
        return "Руководитель"
    if association.secretary is not None and association.secretary.name == person.name:
        return "Секретарь"
    return "Член" if person.is_member else "Приглашённый участник заседаний"


def year_context(year: Year, several: bool) -> dict:
    person = year.person
    workbook = year.workbook
    held = workbook.held_meetings
    present = sum(1 for m in held if was_present(m, person))
    mine = [p for p in workbook.participation if p.person.name == person.name]
    heading = f"{year.workbook.association.year.label} учебный год"
    return {
        "heading": typography(f"{heading}, {year.association}" if several else heading),
        "status": typography(f"{_role(year, person)} {year.association}; {person.position} "
                             f"{person.institution}."),
        "attendance": f"Посещение заседаний: {present} из {len(held)}." if held
        else "Заседаний в этом учебном году ещё не было.",
        "talks": listed(talk_line(year, person)),
        "events": listed([_event(p) for p in mine if p.kind is not EventKind.COURSES]),
        "courses": listed([_course(p) for p in mine if p.kind is EventKind.COURSES]),
    }


def listed(lines: list[str]) -> list[str]:
    """A list as an official paper punctuates it: «;» after each line, «.» after the last."""
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


def period_words(found: Found) -> str:
    """«в 2023/2024–2025/2026 учебных годах» or «в 2025/2026 учебном году»."""
    first, last = found.years[0].start, found.years[-1].start
    years = "учебном году" if first == last else "учебных годах"
    return f"в {period_label(first, last)} {years}"


def lead(found: Found) -> str:
    """«Дана …, учителю химии …, в том, что он … участвовал в работе …». When the gender
    cannot be told from the name, a phrasing that needs none, the name as written."""
    person = found.person
    names = list(dict.fromkeys(y.association for y in found.years))
    where = " и ".join(names)
    whom = f"{position_dative(person.position)} {person.institution}"
    dative = name_dative(person)
    if dative is None:
        return typography(f"Дана {surname_first(person.name)}, {whom}, в подтверждение "
                          f"участия в работе {where} {period_words(found)}.")
    pronoun, verb = ("она", "участвовала") if gender(person) == FEMALE else ("он", "участвовал")
    return typography(f"Дана {dative}, {whom}, в том, что {pronoun} {period_words(found)} "
                      f"{verb} в работе {where}.")


def totals(years: list[dict], found: Found) -> str:
    """«Всего за 2023/2024–2025/2026: выступлений на заседаниях — 4, …»."""
    hours = sum(p.hours or 0 for y in found.years for p in y.workbook.participation
                if p.person.name == y.person.name and p.kind is EventKind.COURSES)
    courses = sum(len(y["courses"]) for y in years)
    course = f"{courses} ({number(hours)}{NBSP}ч.)" if hours else str(courses)
    return typography(f"Всего за {found.period}: выступлений на заседаниях — "
                      f"{sum(len(y['talks']) for y in years)}, участий в конкурсах и "
                      f"мероприятиях — {sum(len(y['events']) for y in years)}, курсов "
                      f"повышения квалификации — {course}.")


def unsigned_problem(year: Year, person: Person, said: str):
    """Why nobody can sign the record, pointing at the latest year's «Подписывает справки»."""
    association = year.workbook.association
    return problem(
        f"справку об участии ({surname_first(person.name)}) подписать некому: в книге "
        f"{year.book.year} учебного года «{year.book.path.name}» {said}.",
        contract.ASSOCIATION.name,
        association.cells.get(contract.SIGNER.name, ""),
        fix=f"Впишите параметр «{contract.SIGNER.name}» — должность и ФИО руководителя "
            "организации, например «Директор МАУ «БМЦ» Е.А. Иванова», и сделайте документы "
            "этого года заново.")


def _signature(found: Found) -> tuple[str, str, tuple[Problem, ...]]:
    """Who signs: «Подписывает справки» of the latest year (else its head), never the person."""
    latest = found.years[-1]
    title, name = certificate_signature(latest.workbook, latest.person)
    if name:
        return title, name, ()
    signer = contract.SIGNER.name
    said = (f"«{signer}» называет того, кому справка выдаётся"
            if latest.workbook.association.certificate_signer else
            f"не заполнено «{signer}», а руководитель объединения не подписывает "
            "справку о себе")
    return "", "", (unsigned_problem(latest, latest.person, said),)


def record_document(found: Found, organisation: str = "") -> RecordDocument:
    latest = found.years[-1].workbook.association
    several = len({y.association for y in found.years}) > 1
    years = [year_context(y, several) for y in found.years]
    signer_title, signer, missing = _signature(found)
    name = surname_first(found.name).replace(NBSP, " ")
    first, last = found.years[0].start, found.years[-1].start
    context = {
        # A record of several associations is the centre's paper: its name heads it.
        "organisation": typography(organisation if several and organisation
                                   else latest.organisation),
        "association": "" if several else typography(latest.full_name or latest.name),
        "town": typography(latest.town),
        "subject": "об участии в работе районных методических объединений" if several
        else "об участии в работе районного методического объединения",
        "text": lead(found),
        "years": years,
        "totals": totals(years, found),
        "signer_title": signer_title,
        "signer": signer,
    }
    return RecordDocument(
        filename=f"Справка об участии ({name}, {first}–{last + 1}).docx",
        context=context,
        title=f"Справка об участии в работе РМО: {name}, {found.period}",
        date=dt.date(last + 1, 7, 31),
        issue=Issue(f"справка об участии|{found.name}|{first}|{last}", numbered=True),
        person=name,
        missing=missing,
    )

