"""A person over the school years an archive keeps: who the person is in the workbooks of
each year's latest build, for the record («Справка об участии в работе районного методического
объединения», generator/record_file.py issues it).

Teachers are attested every five years, and the commission asks for the methodical work of the
whole period; the workbooks each build used are already in the archive, so nothing is retyped.
The wording is generator/documents/record.py; the command is `rmo person`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from ..archive.contents import YearBook, latest_workbooks
from ..errors import Problem, RmoError, problem
from ..model import Person, SchoolYear, Workbook
from ..russian.text import full_name_parts, split_name, typography


@dataclass(frozen=True)
class Source:
    """An association's archive; ``association`` is the centre's name for it («» for the
    local page and the command line: the workbooks' own name is used)."""

    archive: Path
    association: str = ""


@dataclass(frozen=True)
class Year:
    """One school year of one association in which the person is on «Участники»."""

    book: YearBook
    workbook: Workbook
    person: Person  # the person's row that year: post and school may change
    source: Source

    @property
    def start(self) -> int:
        return self.workbook.association.year.start

    @property
    def association(self) -> str:
        return self.source.association or self.workbook.association.name


@dataclass(frozen=True)
class Found:
    """One person in the archive's years: the fullest form of the name and every year."""

    name: str
    years: tuple[Year, ...]  # oldest first

    @property
    def person(self) -> Person:
        """The person as the latest year has them, under the fullest name known."""
        latest = self.years[-1].person
        sex = next((y.person.sex for y in reversed(self.years) if y.person.sex), None)
        return replace(latest, name=self.name, sex=sex)

    @property
    def period(self) -> str:
        return period_label(self.years[0].start, self.years[-1].start)

    def describe(self) -> str:
        """«Смирнова Елена Павловна (учитель химии, МБОУ «СОШ № 5»; 2023/2024–2025/2026)»."""
        latest = self.years[-1].person
        return f"{self.name} ({latest.position}, {latest.institution}; {self.period})"


def period_label(first: int, last: int) -> str:
    """«2023/2024–2025/2026», or one year «2025/2026»."""
    one = SchoolYear(first).label
    return one if first == last else f"{one}–{SchoolYear(last).label}"


_YEAR = re.compile(r"^\s*(\d{4})\s*[/-]\s*(\d{4})\s*$")


def parse_year(text: str, what: str) -> int:
    """The first calendar year of «2023/2024» (or «2023-2024»); a Russian error otherwise."""
    match = _YEAR.match(text or "")
    if not match or int(match[2]) != int(match[1]) + 1:
        raise RmoError.single(f"{what} «{text}» — не учебный год. Напишите его так: "
                              "2023/2024.")
    return int(match[1])


@lru_cache(maxsize=256)  # a district: 30 associations × several years
def _read(path: str, size: int, mtime: int) -> Workbook:
    """A kept workbook read once: the archive never rewrites a workbook it keeps."""
    from ..workbook.reader import read_workbook

    return read_workbook(path)


def read_years(sources: list[Source]) -> list[tuple[YearBook, Workbook, Source]]:
    """The workbook of each year's latest build of every archive, read, oldest year first."""
    found = []
    for source in sources:
        for book in latest_workbooks(source.archive):
            stat = book.path.stat()
            try:
                workbook = _read(str(book.path), stat.st_size, stat.st_mtime_ns)
            except RmoError as error:
                raise RmoError([replace(p, message=f"Книга {book.year} учебного года "
                                                   f"«{book.path.name}» в архиве: {p.message}")
                                for p in error.problems]) from error
            found.append((book, workbook, source))
    found.sort(key=lambda item: (item[1].association.year.start, item[0].written))
    return found


def _plain(text: str) -> str:
    """Names compared as people read them: any case, «ё» as «е», spacing ignored."""
    return re.sub(r"\s+", " ", text.lower().replace("ё", "е").replace("\u00a0", " ")).strip()


def _short(name: str) -> tuple[str, str]:
    surname, initials = split_name(name)
    return _plain(surname), _plain(initials)


def _full(name: str) -> str | None:
    """A full name's key, or None for «Фамилия И.О.»."""
    return _plain(" ".join(full_name_parts(name) or ())) or None


def people(years: list[tuple[YearBook, Workbook, Source]]) -> list[Found]:
    """Everyone of the years, one entry a person: a full name is one person whatever their
    post and school; «Фамилия И.О.» joins the one full name with those initials (with two
    such names nobody can tell whose it is, so it stays apart)."""
    rows = [(book, workbook, source, person) for book, workbook, source in years
            for person in workbook.people]
    fulls: dict[tuple[str, str], set[str]] = {}
    for *_, person in rows:
        key = _full(person.name)
        if key:
            fulls.setdefault(_short(person.name), set()).add(key)
    groups: dict[str, list] = {}
    for row in rows:
        name = row[3].name
        key = _full(name)
        if key is None:
            same = fulls.get(_short(name), set())
            key = next(iter(same)) if len(same) == 1 else "|".join(_short(name))
        groups.setdefault(key, []).append(row)
    found = []
    for rows_of in groups.values():
        names = [r[3].name for r in rows_of]
        name = next((n for n in reversed(names) if _full(n)), names[-1])
        found.append(Found(name, tuple(Year(b, w, p, s) for b, w, s, p in rows_of)))
    return sorted(found, key=lambda f: _plain(f.name))


@dataclass(frozen=True)
class PersonRow:
    """One person of the archives' years as «Справка за годы» lists them to choose from."""

    name: str
    position: str  # the latest year's post and school, typeset
    institution: str
    associations: tuple[str, ...]  # in the order of the years
    years: tuple[str, ...]  # «2025/2026», oldest first
    period: str


def people_over_years(sources: list[Source]) -> tuple[list[PersonRow], tuple[Problem, ...]]:
    """Everyone of the archives' years, one row a person; or no rows and what stopped a kept
    workbook from being read."""
    try:
        found = people(read_years(sources))
    except RmoError as error:
        return [], tuple(error.problems)
    rows = []
    for person in found:
        latest = person.years[-1]
        rows.append(PersonRow(
            person.name, typography(latest.person.position),
            typography(latest.person.institution),
            tuple(dict.fromkeys(y.association for y in person.years)),
            tuple(dict.fromkeys(y.book.year for y in person.years)), person.period))
    return rows, ()


def matches(query: str, person: Found) -> bool:
    """Whether «Тарасов Виктор Андреевич», «Тарасов В.А.» or «тарасов» names this person."""
    words = _plain(query).replace(",", " ").split()
    if not words:
        return False
    if len(words) == 1 and "." not in words[0]:
        return _short(person.name)[0] == words[0]
    wanted = _full(query)
    if wanted is not None and _full(person.name) is not None:
        return _full(person.name) == wanted
    return _short(person.name) == _short(query)


def find(query: str, sources: list[Source], since: int | None = None,
         until: int | None = None) -> Found:
    """The one person the name means, with the years of the period; a Russian error listing
    the candidates when it names several, or saying that nobody of that name is there."""
    years = read_years(sources)
    if not years:
        raise RmoError.single("В архиве нет ни одной книги учебного года: сначала сделайте "
                              "документы командой «rmo build книга.xlsx».")
    first = since if since is not None else years[0][1].association.year.start
    last = until if until is not None else years[-1][1].association.year.start
    if first > last:
        raise RmoError.single(f"Начало периода ({period_label(first, first)}) позже его "
                              f"конца ({period_label(last, last)}).")
    within = [y for y in years if first <= y[1].association.year.start <= last]
    kept = sorted({y[1].association.year.start for y in years})
    if not within:
        raise RmoError.single(
            f"В архиве нет книг за {period_label(first, last)}; есть: "
            f"{', '.join(period_label(y, y) for y in kept)}.")
    everyone = people(years)
    chosen = [p for p in everyone if matches(query, p)]
    in_period = [Found(p.name, tuple(y for y in p.years if first <= y.start <= last))
                 for p in chosen]
    in_period = [p for p in in_period if p.years]
    shown = period_label(within[0][1].association.year.start,
                         within[-1][1].association.year.start)
    if len(in_period) == 1:
        return in_period[0]
    if len(in_period) > 1:
        listed = "; ".join(p.describe() for p in in_period)
        raise RmoError([problem(f"«{query.strip()}» — в книгах архива за {shown} несколько "
                                f"человек с таким именем: {listed}.",
                                fix="Укажите полное ФИО — так, как оно записано на листе "
                                    "«Участники».")])
    if chosen:
        listed = "; ".join(p.describe() for p in chosen)
        raise RmoError([problem(f"«{query.strip()}» нет в книгах архива за {shown}; "
                                f"в другие годы: {listed}.",
                                fix="Выберите период, в котором человек есть в книгах.")])
    from ..workbook.similar import closest

    near = closest(query, [p.name for p in everyone])
    raise RmoError([problem(
        f"«{query.strip()}» — такого человека нет в книгах архива за {shown} "
        f"(лист «Участники»)." + (f" Может быть, «{near}»?" if near else ""),
        fix="Напишите ФИО полностью или как «Фамилия И.О.».")])
