"""What a year folder holds at a glance, read by the archive's read API: the centre's
«Состояние» shows it beside the deadlines."""

from __future__ import annotations

import datetime as dt

from generator.archive import register
from generator.archive.contents import year_holdings
from generator.archive.times import readable
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
        assert readable(held.last_build) == ""


def test_a_pdf_made_after_the_build_is_the_years_last_entry_not_its_build(sample_build,
                                                                         tmp_path):
    import dataclasses
    import shutil

    built = sample_build.written[0].path.parent
    shutil.copytree(built.parent, tmp_path / "archive")  # the register is in its .rmo
    year = tmp_path / "archive" / built.name
    entries = register.load(year)
    plan = next(e for e in entries if e.kind == DocumentKind.PLAN.value)
    (year / plan.file).with_suffix(".pdf").write_bytes(b"%PDF-1.4")
    pdf = dataclasses.replace(plan.pdf(b"%PDF-1.4", plan.sha256), written="2099-01-02 03:04:05")
    register.update(year, [pdf])
    held = year_holdings(year)
    (book,) = [e for e in entries if e.kind == register.WORKBOOK_KIND]
    assert held.last_build == book.written
    assert held.last_entry == "2099-01-02 03:04:05"  # the archive page's «последняя запись»
    assert held.docx_files == sum(1 for e in entries if e.file.endswith(".docx")) > 1
