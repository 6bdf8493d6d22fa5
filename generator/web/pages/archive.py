"""«Архив»: the years, each year's documents grouped by meeting, their versions, the journal."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ...archive import register
from ...archive.contents import (
    YEAR,
    ArchivedDocument,
    year_documents,
    year_folders,
    year_holdings,
)
from ...archive.times import readable
from ...documents.kinds import DocumentKind
from ...figures.record import Source, people_over_years
from ...model import year_label
from ...record_file import RECORD_KIND
from ...render.templates import archive_own_templates
from .common import archive, page, post_only, record_response

# The year's own documents, above the meetings (the register's «Вид»).
# Every kind in filing order (plan, passport, …, analysis); a year's own documents are the
# ones of no meeting.
ORDER = tuple(kind.label for kind in DocumentKind)


@dataclass
class Group:
    title: str
    documents: list[ArchivedDocument]


def groups(year: Path) -> tuple[list[Group], list[dict]]:
    """The year's documents (archive.contents.year_documents) grouped as a folder of papers
    is: the year's own (plan, passport, analysis), then each meeting's papers, then the rest;
    and the workbooks the builds used."""
    held_in = year_documents(year)
    documents, dates = held_in.documents, held_in.meeting_dates
    top = [d for d in documents.values() if d.meeting is None and d.kind in ORDER]
    top.sort(key=lambda d: ORDER.index(d.kind))
    meetings = sorted({d.meeting for d in documents.values() if d.meeting is not None})
    result = [Group("Документы года", top)] if top else []
    for number in meetings:
        held = f" от {dates[number]}" if number in dates else ""
        result.append(Group(f"Заседание № {number}{held}",
                            [d for d in documents.values() if d.meeting == number]))
    records = [d for d in documents.values() if d.kind == RECORD_KIND]
    if records:
        result.append(Group("Справки об участии за годы", records))
    rest = [d for d in documents.values()
            if d.meeting is None and d not in top and d not in records]
    if rest:
        result.append(Group("Другие файлы", rest))  # put in the folder by hand
    return result, held_in.workbooks


@require_GET
def years(request: HttpRequest) -> HttpResponse:
    found = []
    for year in year_folders(archive(request)):
        held = year_holdings(year)
        # «последняя запись»: the newest entry, a PDF made after the build included
        found.append({"folder": year.name, "label": year_label(year.name),
                      "count": held.docx_files, "last": readable(held.last_entry)})
    people, problems = people_over_years([Source(archive(request))])
    # The centre's office staff read documents; only who may make a record sees the forms.
    may = getattr(request, "rmo_may_open", lambda name: True)
    return page(request, "archive.html", "archive", {
        "title": "Архив", "years": found, "people": people, "people_problems": problems,
        "record_url": "/archive/record/" if may("archive-record") else ""})


@post_only("/archive/")
def record(request: HttpRequest) -> HttpResponse:
    """«Справка за годы»: one person's record over the years chosen, from this archive."""
    folder = archive(request)
    return record_response(request, [Source(folder)], templates=archive_own_templates(folder))


@require_GET
def year(request: HttpRequest, year: str) -> HttpResponse:
    folder = _year(archive(request), year)
    found, workbooks = groups(folder)
    return page(request, "archive_year.html", "archive", {
        "title": f"Архив: {year_label(year)} учебный год", "year": year,
        "label": year_label(year), "groups": found, "workbooks": workbooks,
        "journal": register.XLSX_NAME if (folder / register.XLSX_NAME).is_file() else ""})


@require_GET
def year_zip(request: HttpRequest, year: str) -> HttpResponse:
    """The year's current documents (and their PDFs) in one zip, by group, for a stick."""
    folder = _year(archive(request), year)
    found, _ = groups(folder)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bundle:
        for group in found:
            for document in group.documents:
                for name in (document.current["file"], document.current["pdf"]):
                    if name and (folder / name).is_file():
                        bundle.write(folder / name, name)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename=f"Документы {year}.zip",
                        content_type="application/zip")


def _year(folder: Path, year: str) -> Path:
    if not YEAR.match(year) or not register.exists(folder / year):
        raise Http404
    return folder / year


@require_GET
def download(request: HttpRequest, year: str, name: str) -> HttpResponse:
    """One file of a year folder. Only a plain file name of that very folder is served: no
    path separators, no service files, nothing outside the archive."""
    folder = _year(archive(request), year)
    if (not name or "/" in name or "\\" in name or name.startswith(".")
            or name in (register.JSON_NAME,) or Path(name).name != name):
        raise Http404
    path = folder / name
    if not path.is_file() or path.resolve().parent != folder.resolve():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name)
