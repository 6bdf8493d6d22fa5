"""The centre summary's rows, read once per workbook and kept in memory.

Reading 30 workbooks takes seconds; the summary page must open in well under one. A row is read
after each build (and for every association at the server's start) in a thread, and kept while
the workbook file is the same: the archive never rewrites a workbook it keeps.
"""

from __future__ import annotations

from pathlib import Path

from ... import register
from ...errors import RmoError
from ...summary import AssociationRow
from ..pages.archive import year_folders
from . import people
from .models import Association


def latest_workbooks(year: str) -> tuple[list[Path], list[str]]:
    """The workbook of each association's latest build of this school year (2025-2026), and
    the associations that have none."""
    paths, missing = [], []
    for association in Association.objects.all():
        folder = people.archive_folder(association) / year
        books = [e for e in register.load(folder) if e.kind == register.WORKBOOK_KIND
                 and e.workbook and (folder / e.file).is_file()]
        if books:
            paths.append(folder / max(books, key=lambda e: e.written).file)
        else:
            missing.append(association.name)
    return paths, missing


_ROWS: dict[tuple[str, int, int], AssociationRow] = {}  # (path, size, mtime) → AssociationRow


def centre_summary(paths: list[Path]):
    """The summary of these workbooks. A row is read once per workbook file: the archive never
    rewrites a workbook it keeps, so a path with the same size and time is the same book."""
    from ...reader import read_workbook
    from ...summary import association_row, combine

    rows = []
    for path in paths:
        stat = path.stat()
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if key not in _ROWS:
            _ROWS[key] = association_row(read_workbook(path), path.name)
        rows.append(_ROWS[key])
    return combine(rows)


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
                    books = [e for e in register.load(year) if e.kind == register.WORKBOOK_KIND
                             and e.workbook and (year / e.file).is_file()]
                    if books:
                        try:
                            centre_summary([year / max(books, key=lambda e: e.written).file])
                        except RmoError:
                            pass  # the page shows the workbook's errors when it is opened
        finally:
            connections.close_all()

    threading.Thread(target=run, name="rmo-summary-rows", daemon=True).start()
