"""The methodical centre's summary: one row of figures per association, and the district's
totals.

Every figure of a row is the association's own May analysis figure
(generator.figures.association): the summary adds rows up and never counts anything its
own way. Wording is in
generator.documents.summary; this module only reads workbooks and sums.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problem, RmoError, problem
from ..model import Level, Person, SchoolYear, Summary, Workbook
from ..russian.text import normalize_key, share, sort_key
from ..workbook import contract
from .association import compute

LEVELS = tuple(Level)  # the columns of participation, in the order of the closed list


@dataclass(frozen=True)
class AssociationRow:
    """One association's year in figures, as its analysis counts them."""

    source: str  # the workbook's file name: what a message names
    year: SchoolYear
    name: str
    organisation: str
    head: Person
    members: int
    institutions: int
    institution_keys: frozenset[str]  # to count schools once across associations
    planned: int
    held: int
    presences: int
    possible_presences: int
    average_attendance: int  # %
    talks: int  # talks given at held meetings
    speakers: int  # distinct members who spoke
    speakers_share: int  # % of members
    by_level: tuple[int, ...]  # participation entries per level, in LEVELS order
    high_results: int  # winners, prize-winners and laureates
    course_hours: float
    conclusions: tuple[str, ...]  # «Итоги» → «Выводы», as the head typed them
    as_of: dt.date | None  # the last held meeting
    interim: bool  # meetings still wait for a date
    # The workbook's own «Название» when the row is named by someone who knows better (the
    # centre names a row after the account it came from) and the two differ; else empty.
    claimed: str = ""


def named(row: AssociationRow, name: str) -> AssociationRow:
    """The row under the name the centre registered; the workbook's own name kept as
    `claimed` when it is another association's (a mistake, or a head posing as another)."""
    differs = normalize_key(row.name) != normalize_key(name)
    return replace(row, name=name, claimed=row.name if differs else "")


@dataclass(frozen=True)
class Totals:
    """The district's line: sums, and shares computed from the sums (not averaged shares)."""

    associations: int
    members: int
    institutions: int  # distinct: one school may send members to several associations
    planned: int
    held: int
    held_share: int
    average_attendance: int
    talks: int
    speakers: int
    speakers_share: int
    by_level: tuple[int, ...]
    high_results: int
    course_hours: float


@dataclass(frozen=True)
class CentreSummary:
    year: SchoolYear
    organisation: str  # the centre, when every workbook names the same one; else empty
    rows: tuple[AssociationRow, ...]  # alphabetical by association
    totals: Totals
    as_of: dt.date | None  # the latest held meeting of all

    @property
    def interim(self) -> bool:
        return any(r.interim for r in self.rows)


def association_row(workbook: Workbook, source: str = "") -> AssociationRow:
    figures = compute(workbook)
    levels = dict(figures.by_level)
    return AssociationRow(
        source=source,
        year=workbook.association.year,
        name=workbook.association.name,
        organisation=workbook.association.organisation,
        head=workbook.association.head,
        members=len(figures.members),
        institutions=figures.institutions,
        institution_keys=frozenset(normalize_key(p.institution) for p in figures.members),
        planned=figures.planned,
        held=figures.held,
        presences=figures.presences,
        possible_presences=figures.possible_presences,
        average_attendance=figures.average_attendance,
        talks=len(figures.talks_given),
        speakers=len(figures.speakers),
        speakers_share=figures.speakers_share,
        by_level=tuple(levels.get(level, 0) for level in LEVELS),
        high_results=len(figures.high_results),
        course_hours=figures.course_hours,
        conclusions=tuple(workbook.summary.get(Summary.CONCLUSIONS, ())),
        as_of=figures.as_of,
        interim=figures.interim,
    )


def summarise(workbooks: Sequence[Workbook], sources: Sequence[str] = ()) -> CentreSummary:
    """The summary of these associations' workbooks, all of one school year.

    ``sources`` names each workbook (its file name) in messages; by default its position.
    """
    names = list(sources) or [f"№ {i}" for i in range(1, len(workbooks) + 1)]
    return combine([association_row(w, n) for w, n in zip(workbooks, names)])


def combine(rows: Sequence[AssociationRow]) -> CentreSummary:
    """The summary of rows made earlier: a server keeps each association's row from its
    latest build (reading a workbook takes a good part of a second; adding rows, nothing)."""
    if not rows:
        raise RmoError.single("Не указано ни одной книги: сводный отчёт составляется по книгам "
                              "объединений.")
    _one_year(rows)
    _one_book_each(rows)
    ordered = sorted(rows, key=lambda r: sort_key(r.name))
    organisations = {r.organisation for r in rows}
    return CentreSummary(
        year=rows[0].year,
        organisation=organisations.pop() if len(organisations) == 1 else "",
        rows=tuple(ordered),
        totals=_totals(ordered),
        as_of=max((r.as_of for r in rows if r.as_of), default=None),
    )


def _totals(rows: Sequence[AssociationRow]) -> Totals:
    members = sum(r.members for r in rows)
    planned = sum(r.planned for r in rows)
    held = sum(r.held for r in rows)
    speakers = sum(r.speakers for r in rows)
    return Totals(
        associations=len(rows),
        members=members,
        institutions=len(frozenset().union(*(r.institution_keys for r in rows))),
        planned=planned,
        held=held,
        held_share=share(held, planned),
        average_attendance=share(sum(r.presences for r in rows),
                                 sum(r.possible_presences for r in rows)),
        talks=sum(r.talks for r in rows),
        speakers=speakers,
        speakers_share=share(speakers, members),
        by_level=tuple(sum(r.by_level[i] for r in rows) for i in range(len(LEVELS))),
        high_results=sum(r.high_results for r in rows),
        course_hours=sum(r.course_hours for r in rows),
    )


def _quoted(names: Iterable[str]) -> str:
    return ", ".join(f"«{n}»" for n in names)


def _one_year(rows: Sequence[AssociationRow]) -> None:
    years: dict[SchoolYear, list[str]] = {}
    for row in rows:
        years.setdefault(row.year, []).append(row.source)
    if len(years) > 1:
        listing = "; ".join(f"{year.label} — {_quoted(books)}"
                            for year, books in sorted(years.items(), key=lambda p: p[0].start))
        raise RmoError([problem(
            f"книги относятся к разным учебным годам: {listing}.", sheet=contract.ASSOCIATION.name,
            fix="Сводный отчёт составляется за один учебный год: укажите книги одного года "
                "(учебный год записан в строке «Учебный год»).")])


def _one_book_each(rows: Sequence[AssociationRow]) -> None:
    seen: dict[str, tuple[str, list[str]]] = {}
    for row in rows:
        seen.setdefault(normalize_key(row.name), (row.name, []))[1].append(row.source)
    problems = [problem(
        f"книги {_quoted(books)} — об одном объединении «{title}».",
        sheet=contract.ASSOCIATION.name,
        fix="В сводный отчёт входит одна книга каждого объединения (его последняя): уберите "
            "лишние.")
        for title, books in seen.values() if len(books) > 1]
    if problems:
        raise RmoError(problems)


def read_workbooks(paths: Sequence[str | Path]) -> list[Workbook]:
    """Read every workbook; the problems of all books at once, each naming its book."""
    from ..workbook.reader import read_workbook

    workbooks: list[Workbook] = []
    problems: list[Problem] = []
    for path in paths:
        try:
            workbooks.append(read_workbook(path))
        except RmoError as error:
            # The book goes first, so the sheet and cell join the message: «Книга «a.xlsx»,
            # лист «Участники», ячейка A5: …».
            problems.extend(problem(f"Книга «{Path(path).name}», "
                                    f"{_lower_first(str(replace(p, fix='')))}", fix=p.fix)
                            for p in error.problems)
    if problems:
        raise RmoError(problems)
    return workbooks


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text


def read_centre_summary(paths: Sequence[str | Path]) -> CentreSummary:
    """The summary of the workbooks at these paths (the web layer passes the workbook of each
    association's latest build)."""
    return summarise(read_workbooks(paths), [Path(p).name for p in paths])

