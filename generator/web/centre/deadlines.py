"""Deadlines: the dates by which every association hands in its plan, passport and analysis.

The methodist sets one date per document and school year on «Состояние» (kept in the
database, generator.web.centre.models.Deadline). A document is handed in on the day its first
version was built — the register's «written» time of that version: a later version (meetings
added, a typo fixed) corrects a document the centre already has and does not make it late.
So a document is «сдан» when its first version is dated on or before the deadline, «сдан с
опозданием» after it; one not built yet is «не сдан» until the date passes, then «просрочен».
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...archive import issued
from ...archive.contents import YearHoldings, year_holdings
from ...documents.kinds import DocumentKind
from ...errors import Problem, RmoError, problem
from ...model import SchoolYear, year_label
from ...russian.text import date_numeric, date_parts, parse_date
from .models import Deadline, DueKind, Role


@dataclass(frozen=True)
class Due:
    """A document with a deadline: its form field, its kind in the register, its words."""

    key: Any  # a DueKind (Django ships no types: mypy would take its members for tuples)
    kind: DocumentKind
    genitive: str  # «Срок сдачи плана»

    @property
    def title(self) -> str:  # «План работы», as the head calls it
        return self.kind.spec.title


DUES = (Due(DueKind.PLAN, DocumentKind.PLAN, "плана"),
        Due(DueKind.PASSPORT, DocumentKind.PASSPORT, "паспорта"),
        Due(DueKind.ANALYSIS, DocumentKind.ANALYSIS, "анализа"))

HANDED, LATE, PENDING, OVERDUE = "сдан", "сдан с опозданием", "не сдан", "просрочен"
_TONE = {HANDED: "current", LATE: "late", PENDING: "", OVERDUE: "off"}  # the label's colour


@dataclass(frozen=True)
class State:
    """One document of one association and year, against its deadline (if any)."""

    word: str  # HANDED, LATE, PENDING or OVERDUE
    handed: dt.date | None  # the day its first version was built
    due: dt.date | None

    @property
    def tone(self) -> str:
        return _TONE[self.word]

    @property
    def note(self) -> str:
        """What the label leaves out: «12.09.2025», «20.09.2025, срок 15.09.2025»."""
        parts = [date_numeric(self.handed)] if self.handed else []
        if self.due and self.word != HANDED:
            parts.append(f"срок {date_numeric(self.due)}")
        return ", ".join(parts)


def state(handed: dt.date | None, due: dt.date | None, on: dt.date) -> State:
    if handed is not None:
        return State(LATE if due and handed > due else HANDED, handed, due)
    return State(OVERDUE if due and on > due else PENDING, None, due)


def states(held: YearHoldings, dues: dict[str, dt.date],
           on: dt.date | None = None) -> dict[str, State]:
    """Each document of what a year folder holds, by DueKind value: handed in on the day its
    first version was built."""
    on = on or issued.today()
    return {d.key.value: state(held.first_built.get(d.kind.value), dues.get(d.key.value), on)
            for d in DUES}


def all_dues() -> dict[str, dict[str, dt.date]]:
    """Every deadline: year folder («2025-2026») → DueKind value → date."""
    found: dict[str, dict[str, dt.date]] = {}
    for deadline in Deadline.objects.all():
        found.setdefault(deadline.year, {})[deadline.kind] = deadline.due
    return found


# --- the school year ------------------------------------------------------------------------

def school_year_of(day: dt.date) -> SchoolYear:
    """The school year a day belongs to (it starts on SchoolYear.first_day, 1 August)."""
    start = SchoolYear(day.year)
    return start if day >= start.first_day else SchoolYear(day.year - 1)


def school_year(folder: str) -> SchoolYear:
    """«2025-2026» of a form; a Russian message for anything else."""
    match = re.fullmatch(r"(\d{4})-(\d{4})", folder.strip())
    if not match or int(match[2]) != int(match[1]) + 1:
        raise RmoError.single(f"Учебный год «{folder}» указан неверно: выберите его из списка "
                              "на странице «Состояние».")
    return SchoolYear(int(match[1]))


def offered_years(archive_years: Iterable[str]) -> list[str]:
    """The years the form offers, newest first: those of the archives and of deadlines set,
    the current one, and the next (its plan may be due before it starts)."""
    current = school_year_of(issued.today())
    names = {*archive_years, *Deadline.objects.values_list("year", flat=True),
             current.folder, SchoolYear(current.start + 1).folder}
    return sorted(names, reverse=True)


# --- setting them ---------------------------------------------------------------------------

def parse_due(raw: str, due: Due, year: SchoolYear) -> dt.date | None:
    """A date as the methodist typed it (15.09.2025, 15 сентября 2025…); empty: no deadline."""
    raw = " ".join(raw.split())
    if not raw:
        return None
    day = parse_date(raw)
    example = f"15.09.{year.start}"
    if day is None:
        what = "такой даты нет" if date_parts(raw) else "это не дата"
        raise RmoError([problem(f"Срок сдачи {due.genitive} «{raw}»: {what}.",
                                fix=f"Введите дату в виде ДД.ММ.ГГГГ, например {example}.")])
    if not year.first_day <= day <= year.last_day:
        raise RmoError([problem(
            f"Срок сдачи {due.genitive} {date_numeric(day)} — не в {year.label} учебном году.",
            fix=f"Укажите дату с {date_numeric(year.first_day)} по "
                f"{date_numeric(year.last_day)}.")])
    return day


class WrongDates(RmoError):
    """Dates the form cannot take, with the fields that hold them (marked on the page)."""

    def __init__(self, problems: list[Problem], fields: list[str]):
        super().__init__(problems)
        self.fields = tuple(fields)


def store(folder: str, form) -> SchoolYear:
    """Save the year's deadlines from the form (a field left empty removes its deadline);
    every wrong date is told at once and nothing is saved then."""
    year = school_year(folder)
    dates: dict[str, dt.date | None] = {}
    problems: list[Problem] = []
    fields: list[str] = []
    for due in DUES:
        try:
            dates[due.key.value] = parse_due(form.get(due.key.value, ""), due, year)
        except RmoError as error:
            problems.extend(error.problems)
            fields.append(due.key.value)
    if problems:
        raise WrongDates(problems, fields)
    for key, day in dates.items():
        if day is None:
            Deadline.objects.filter(year=year.folder, kind=key).delete()
        else:
            Deadline.objects.update_or_create(year=year.folder, kind=key,
                                              defaults={"due": day})
    return year


def form_values(folder: str) -> dict[str, str]:
    """The year's deadlines as the form shows them: «15.09.2025»."""
    return {d.kind: date_numeric(d.due) for d in Deadline.objects.filter(year=folder)}


# --- the head's first page ------------------------------------------------------------------

@dataclass(frozen=True)
class HeadRow:
    year: str  # «2025/2026»
    title: str  # «План работы»
    due: dt.date
    state: State


def head_rows(archive: Path, on: dt.date | None = None) -> list[HeadRow]:
    """The head's deadlines of this school year and later ones, earliest first."""
    on = on or issued.today()
    current = school_year_of(on).folder
    rows: list[HeadRow] = []
    for year, dues in sorted(all_dues().items()):
        if year < current:
            continue
        found = states(year_holdings(archive / year), dues, on)
        rows.extend(HeadRow(year_label(year), d.title, dues[d.key.value],
                            found[d.key.value]) for d in DUES if d.key.value in dues)
    return sorted(rows, key=lambda r: r.due)


def for_the_head(request) -> dict:
    """Context processor: the deadlines on the head's «Книга года» (the centre only)."""
    person = getattr(request, "rmo_person", None)
    match = getattr(request, "resolver_match", None)
    archive = getattr(request, "rmo_archive", None)
    if person is None or person.role != Role.HEAD or archive is None or match is None \
            or match.url_name != "book":
        return {}
    return {"deadlines": head_rows(archive)}

