"""What an archive holds, read: its school years, a year's documents with their versions, the
workbook of each year's latest build, the newest workbook of all, what a year holds at a
glance (its latest build, its documents by kind). The pages, the centre, the person's record
and the template check read the archive through here (a register's time for a person:
archive.times)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..model import year_label
from . import register
from .store import base_name
from .times import readable, written_day

YEAR = re.compile(r"^\d{4}-\d{4}$")  # a year folder: 2025-2026


def year_folders(folder: Path) -> list[Path]:
    """The archive's school years, newest first: folders like 2025-2026 with a register."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.iterdir() if YEAR.match(p.name) and p.is_dir()
                   and register.exists(p)), reverse=True)


@dataclass(frozen=True)
class YearBook:
    """The workbook the latest build of one school year used, kept in its year folder."""

    folder: Path  # the year folder, «archive/2025-2026»
    path: Path
    written: str  # when that build kept it (the register's «2026-05-20 14:03:11»)

    @property
    def year(self) -> str:
        """«2025/2026», as documents write it."""
        return year_label(self.folder.name)


def latest_workbook(folder: Path) -> YearBook | None:
    """The workbook of a year folder's latest build: the one the register marks as current
    (an unchanged workbook built again is kept once, so the newest entry may be an older
    build's), the newest of them when several names are current, else the newest kept."""
    books = [e for e in register.load(folder)
             if e.kind == register.WORKBOOK_KIND and (folder / e.file).is_file()]
    if not books:
        return None
    chosen = [e for e in books if e.current] or books
    newest = chosen[0]
    for entry in chosen[1:]:
        if entry.written >= newest.written:  # on a tie the later entry is the later build
            newest = entry
    return YearBook(folder, folder / newest.file, newest.written)


def latest_workbooks(archive: Path) -> list[YearBook]:
    """The workbook of the latest build of each school year of an archive, oldest year first:
    the one rule for «the year's workbook» (the person's record, the centre's summary, the
    template check)."""
    if not archive.is_dir():
        return []
    found = (latest_workbook(p) for p in sorted(archive.iterdir())
             if YEAR.match(p.name) and p.is_dir())
    return [book for book in found if book is not None]


def newest_workbook(out_dir: Path) -> Path | None:
    """The workbook the archive's newest build used, if the archive keeps one."""
    books = latest_workbooks(out_dir)
    newest = max(reversed(books), key=lambda book: book.written, default=None)
    return newest.path if newest else None


@dataclass
class ArchivedDocument:
    """One document of the year with its versions; the highest version is the current one."""

    name: str
    kind: str
    meeting: int | None
    versions: list[dict] = field(default_factory=list)

    @property
    def current(self) -> dict:
        """The version the newest build stands for (the register marks it), else the last."""
        return next((v for v in self.versions if v["current"]), self.versions[-1])

    @property
    def older(self) -> list[dict]:
        return [v for v in self.versions[::-1] if v is not self.current]


@dataclass(frozen=True)
class YearDocuments:
    """A year folder's documents by name (without the version), the workbooks its builds
    used, and the date of each meeting as its current papers say."""

    documents: dict[str, ArchivedDocument]
    workbooks: list[dict]
    meeting_dates: dict[int, str]


def _base(filename: str) -> tuple[str, str]:
    stem, _, suffix = base_name(filename).rpartition(".")
    return stem, suffix.lower()


def _checksum(path: Path) -> str:
    try:
        return register.sha256(path.read_bytes())
    except OSError:
        return ""


def year_documents(year: Path) -> YearDocuments:
    """The documents of a year folder as its register lists them. A version changed by hand
    after rmo wrote it is marked so, and a PDF made before that change is not offered as its
    PDF: it no longer shows what the document says."""
    entries = register.load(year)
    pdfs = {e.file: e for e in entries if e.file.lower().endswith(".pdf")}
    documents: dict[str, ArchivedDocument] = {}
    dates: dict[int, str] = {}
    workbooks = []
    for entry in entries:
        base, suffix = _base(entry.file)
        if entry.kind == register.WORKBOOK_KIND:
            workbooks.append({"file": entry.file, "written": readable(entry.written),
                              "sha256": entry.sha256})
            continue
        if suffix != "docx":
            continue
        if entry.meeting is not None and entry.meeting_date and entry.current:
            dates[entry.meeting] = entry.meeting_date
        on_disk = _checksum(year / entry.file)
        pdf = pdfs.get(entry.file[:-len(".docx")] + ".pdf")
        fresh = pdf is not None and (pdf.source_sha256 or entry.sha256) == on_disk
        document = documents.setdefault(base, ArchivedDocument(base, entry.kind, entry.meeting))
        document.versions.append({"file": entry.file, "version": entry.version,
                                  "written": readable(entry.written), "current": entry.current,
                                  "edited": on_disk not in ("", entry.sha256),
                                  "pdf": pdf.file if pdf and fresh else "",
                                  "stale_pdf": pdf.file if pdf and not fresh else ""})
    for document in documents.values():
        document.versions.sort(key=lambda v: v["version"])
    return YearDocuments(documents, workbooks, dates)


@dataclass(frozen=True)
class YearHoldings:
    """What a year folder holds at a glance, as its register lists it. Kinds are the values
    the register stores («Протокол»): the archive does not know the kinds' table."""

    last_build: str  # the register's time of the latest build («2026-05-20 14:03:11»), or ""
    # its newest entry of any kind (a PDF or a record may come after the build), or ""
    last_entry: str
    docx_files: int  # the Word files it lists, every version of every document
    first_built: dict[str, dt.date]  # a kind → the day its first document (.docx) was built
    meetings: dict[str, frozenset[int | None]]  # a kind → the meetings it has documents of


def year_holdings(year: Path | None) -> YearHoldings:
    """What a year folder holds (None, or no such folder: nothing). The latest build is that
    of its newest kept workbook, else its newest entry of any kind; a «written» that is no
    time of rmo's (a register edited by hand) gives no day of a first build."""
    entries = register.load(year) if year is not None and year.is_dir() else []
    builds = [e.written for e in entries if e.kind == register.WORKBOOK_KIND] or \
        [e.written for e in entries]
    documents = [e for e in entries if e.file.lower().endswith(".docx")]
    first: dict[str, dt.date] = {}
    meetings: dict[str, set[int | None]] = {}
    for entry in documents:
        meetings.setdefault(entry.kind, set()).add(entry.meeting)
        day = written_day(entry.written)
        if day is not None and (entry.kind not in first or day < first[entry.kind]):
            first[entry.kind] = day
    return YearHoldings(max(builds, default=""), max((e.written for e in entries), default=""),
                        len(documents), first,
                        {kind: frozenset(found) for kind, found in meetings.items()})

