"""What every document says the same way: people, the association, signatures."""

from __future__ import annotations

import re

from ..model import Association, Meeting, MeetingForm, Person
from ..russian.lists import REMOTE_PLACE
from ..russian.text import (
    MONTH_NAMES,
    MONTHS,
    NBSP,
    initials_first,
    sort_key,
    split_name,
    surname_first,
    typography,
)


def person_line(person: Person) -> str:
    """«Мазеева Р.В., педагог-библиотекарь СОШ п. Сорум»: the plan's responsible column."""
    return typography(f"{surname_first(person.name)}, {person.position} {person.institution}")


def signer_title(association: Association) -> str:
    """«Руководитель РМО»: the first word of the name is the kind of association."""
    kind = association.name.split()[0] if association.name.split() else "МО"
    return f"Руководитель {kind}"


def alphabetical(people) -> list[Person]:
    return sorted(people, key=lambda p: sort_key(p.name))


def head_signature(association: Association) -> str:
    return initials_first(association.head.name)


def online(meeting: Meeting) -> bool:
    return meeting.form is MeetingForm.REMOTE


def venue(meeting: Meeting) -> str:
    """«МАУ «БМЦ»», or «дистанционно, платформа «Сферум»» for an online meeting."""
    place = meeting.place.strip()
    match = re.match(rf"^({'|'.join(REMOTE_PLACE)})\s*\((?P<what>.+)\)\s*$", place,
                     re.IGNORECASE)
    if match:
        place = f"{match[1].lower()}, {match['what']}"
    elif online(meeting) and not place:
        place = REMOTE_PLACE[0]
    return typography(place)


_SIGNER_NAME = re.compile(r"\s+(?P<name>[А-ЯЁ]\.\s?[А-ЯЁ]\.\s?[А-ЯЁ][а-яё-]+"
                          r"|[А-ЯЁ][а-яё-]+\s+[А-ЯЁ]\.\s?[А-ЯЁ]\.)\s*$")


def split_signer(line: str) -> tuple[str, str]:
    """«Директор МАУ «БМЦ» Е.А. Иванова» → («Директор МАУ «БМЦ»», «Е.А. Иванова»)."""
    match = _SIGNER_NAME.search(line)
    if not match:
        return typography(line.strip()), ""
    name = match["name"]
    if not re.match(r"[А-ЯЁ]\.", name):
        name = initials_first(name)
    name = re.sub(r"^([А-ЯЁ]\.)\s?([А-ЯЁ]\.)\s?", r"\1\2 ", name)
    return typography(line[:match.start()].strip()), typography(name)


def same_person(name: str, person: Person) -> bool:
    """Whether a signature name («Н.А. Леонтьева») is this person."""
    return split_name(name.replace(NBSP, " ")) == split_name(person.name) or \
        _reversed(name) == split_name(person.name)


def _reversed(name: str) -> tuple[str, str]:
    parts = name.replace(NBSP, " ").split()
    if len(parts) == 2 and parts[0].endswith("."):
        return parts[1], parts[0]
    return ("", "")


NB_HYPHEN = "\u2011"


def unbroken_hyphens(heading: str) -> str:
    """«педагогов‑библиотекарей» with non-breaking hyphens: a centred heading never breaks
    inside a compound word."""
    return re.sub(r"(?<=\w)-(?=\w)", NB_HYPHEN, heading)


def cancelled(reason: str) -> str:
    """What follows «отменено»: « в связи с карантином по гриппу», or «. Причина: …» when the
    reason (a free text) cannot be put in the instrumental for sure."""
    from ..russian.declension import phrase_instrumental

    reason = reason.strip().rstrip(".")
    if not reason:
        return ""
    declined = phrase_instrumental(reason)
    return typography(f" в связи с {declined}" if declined else f". Причина: {reason}")




def period_span(period: str) -> str:
    """«Сентябрь – октябрь – ноябрь» → «сентябрь – ноябрь»: a chain of months as its first and
    last; anything else as typed, months in lower case."""
    parts = [p.strip() for p in re.split(r"\s*[–—-]\s*", period.strip()) if p.strip()]
    if len(parts) > 1 and all(p.lower() in MONTH_NAMES for p in parts):
        return f"{parts[0].lower()}{NBSP}– {parts[-1].lower()}"
    if len(parts) == 1 and parts[0].lower() in MONTH_NAMES:
        return parts[0].lower()
    return period.strip()


def in_period(period: str) -> str:
    """«в декабре» for a one-month period, else the period in brackets: «(декабрь – январь)»."""
    span = period_span(period)
    if span in MONTH_NAMES:
        return f"в {MONTHS[MONTH_NAMES.index(span)][2]}"
    return f"({span})" if span else ""
