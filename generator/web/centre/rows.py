"""The centre summary's rows, read once per workbook and kept in memory.

Reading 30 workbooks takes seconds; the summary page must open in well under one. A row is read
after each build (and for every association at the server's start) in a thread, and kept while
the workbook file is the same: the archive never rewrites a workbook it keeps.

A row belongs to the association whose archive holds the workbook, and carries the name the
centre registered for it: what a workbook says about itself («Название») is shown only as a
warning when it names another association, so one head cannot pass for another or break the
summary of the whole district.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ...archive.contents import latest_workbook, year_folders
from ...errors import Problem, RmoError, problem
from ...figures.centre import AssociationRow, CentreSummary, combine, named
from . import people
from .models import Association


@dataclass(frozen=True)
class Book:
    """The workbook of an association's latest build of a year, and whose it is."""

    association: str  # the name registered in the centre
    path: Path


@dataclass(frozen=True)
class Collected:
    """The summary of the books that could be read, and what stopped the others."""

    summary: CentreSummary | None
    problems: tuple[Problem, ...]  # each names the association whose book it is
    claims: tuple[tuple[str, str], ...]  # (association, the name its workbook gives)


def _latest(folder: Path) -> Path | None:
    book = latest_workbook(folder)
    return book.path if book else None


def latest_workbooks(year: str) -> tuple[list[Book], list[str]]:
    """The workbook of each association's latest build of this school year (2025-2026), and
    the associations that have none."""
    books, missing = [], []
    for association in Association.objects.all():
        path = _latest(people.archive_folder(association) / year)
        if path is not None:
            books.append(Book(association.name, path))
        else:
            missing.append(association.name)
    return books, missing


_ROWS: dict[tuple[str, int, int], AssociationRow] = {}  # (path, size, mtime) → AssociationRow


def _row(path: Path) -> AssociationRow:
    """A workbook's row as the workbook names it, read once per file: the archive never
    rewrites a workbook it keeps, so a path with the same size and time is the same book."""
    from ...figures.centre import association_row
    from ...workbook.reader import read_workbook

    stat = path.stat()
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _ROWS:
        _ROWS[key] = association_row(read_workbook(path), path.name)
    return _ROWS[key]


def centre_summary(books: list[Book]) -> Collected:
    """The summary of these associations' books; a book that cannot be read leaves out its
    own association only, with its problems under the association's name."""
    rows: list[AssociationRow] = []
    problems: list[Problem] = []
    for book in books:
        try:
            rows.append(named(_row(book.path), book.association))
        except RmoError as error:
            # The association goes first, the sheet and cell follow: «РМО …», книга
            # «….xlsx»: Лист «Участники», ячейка A5: …
            problems.extend(problem(f"«{book.association}», книга «{book.path.name}»: "
                                    f"{replace(p, fix='')}", fix=p.fix)
                            for p in error.problems)
    try:
        summary = combine(rows) if rows else None
    except RmoError as error:  # books of different years: nothing to add up honestly
        return Collected(None, (*problems, *error.problems), ())
    claims = tuple((r.name, r.claimed) for r in summary.rows if r.claimed) if summary else ()
    return Collected(summary, tuple(problems), claims)


def warm(association: Association | None = None) -> None:
    """Read the summary rows of the latest workbooks now, in a thread, so that the summary page
    finds them read (after each build, and for all at the server's start)."""
    import threading

    targets = [association] if association else list(Association.objects.all())
    folders = [people.archive_folder(a) for a in targets]

    def run() -> None:
        from django.db import connections

        try:
            for folder in folders:
                for year in year_folders(folder):
                    path = _latest(year)
                    if path is not None:
                        try:
                            _row(path)
                        except RmoError:
                            pass  # the page shows the workbook's errors when it is opened
        finally:
            connections.close_all()

    threading.Thread(target=run, name="rmo-summary-rows", daemon=True).start()


def after_build(request) -> None:
    """RMO_AFTER_BUILD of the centre's settings: the summary page will find the row of the
    build just made read (the access middleware knows nothing of the summary)."""
    association = getattr(request, "rmo_association", None)
    if association is not None:
        warm(association)
