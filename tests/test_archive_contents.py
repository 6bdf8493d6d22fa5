"""What a year folder holds at a glance, read by the archive's read API: the centre's
«Состояние» shows it beside the deadlines."""

from __future__ import annotations

import datetime as dt

from generator.archive import register
from generator.archive.contents import when, year_holdings
from generator.documents.kinds import DocumentKind


def test_a_year_holds_its_latest_build_and_documents_by_kind(sample_build):
    year = sample_build.written[0].path.parent
    entries = register.load(year)
    held = year_holdings(year)
    (book,) = [e for e in entries if e.kind == register.WORKBOOK_KIND]
    assert held.last_build == book.written
    built = dt.date.fromisoformat(book.written[:10])
    assert held.first_built[DocumentKind.PLAN.value] == built
    assert held.first_built[DocumentKind.PROTOCOL.value] == built
    assert held.meetings[DocumentKind.PROTOCOL.value] == frozenset({1, 2, 3})
    assert held.meetings[DocumentKind.PLAN.value] == frozenset({None})
    assert register.WORKBOOK_KIND not in held.first_built  # only documents (.docx) count


def test_a_year_without_a_folder_holds_nothing(tmp_path):
    for folder in (None, tmp_path / "2030-2031"):
        held = year_holdings(folder)
        assert (held.last_build, held.first_built, held.meetings) == ("", {}, {})
        assert when(held.last_build) == ""
