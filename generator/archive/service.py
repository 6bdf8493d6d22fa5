"""The archive's service files, and the journal that keeps the archive whole when rmo is killed.

Year folders hold documents only (and the office's «Реестр документов.xlsx»); what programs
need lives in one service folder at the archive's root, readable by its owner only and hidden
on Windows:

    archive/.rmo/rmo.lock                              the build lock (archive.lock)
    archive/.rmo/2025-2026/реестр.json                 the register (register.py)
    archive/.rmo/2025-2026/номера и даты.json          numbers and dates of issue (issued.py)
    archive/.rmo/2025-2026/незаконченная сборка.json   the journal of a build under way
    archive/.rmo/secret-key, uploads/, builds/, tmp/   the local page's (web/settings.py)

A build writes its journal before its first file: every file it will write, with its kind and
checksum, the versions it makes current, and the numbers and dates it issues. A build killed
half-way (power cut, the OOM killer) leaves the journal behind; the next build, `rmo serve` or
`rmo archive` finishes it under the lock: the files it wrote in full are registered with their
kinds, its numbers and dates kept, temporary files removed. Nothing it wrote is deleted and
nothing is left unregistered; the files it had not reached are written by the next build.

An archive of rmo 0.x kept «реестр.json» and «номера и даты.json» in the year folder and
«.rmo.lock» at the root; they are moved here on the first build or opening (each by a rename,
so a move cut short is finished by the next).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType

from ..errors import Problem, RmoError, warning
from ..model import year_label
from . import issued, journal, register
from . import store as archive
from .register import Entry
from .store import TEMPORARY, service_folder, year_service

# The journal of a build under way (not journal.py, the office's «Реестр документов.xlsx»).
JOURNAL = "незаконченная сборка.json"
_YEAR = re.compile(r"^\d{4}-\d{4}$")  # a year's service folder: «2025-2026»
OLD_LOCK = ".rmo.lock"  # rmo 0.x's lock file at the archive's root


class Batch:
    """The files one build (or one «Сделать PDF», or one record) adds to a year folder,
    journaled: the archive's one transaction.

    announce() lists files before any is written; put() writes one; commit() registers them,
    saves the ledger and ends the journal. Leaving the block by an exception removes the files
    this batch wrote (the archive stays as it was); a kill leaves the journal for recover().
    """

    def __init__(self, folder: Path, ledger: issued.Ledger | None = None,
                 association: str = "") -> None:
        self.folder = folder
        self.ledger = ledger
        self.association = association  # the journal's title
        # file → «№ 7 от 20.05.2026» of documents kept from builds before the journal showed it
        self.issued: dict[str, str] = {}
        self.entries: list[Entry] = []
        self.current: dict[str, str] = {}
        self.created: list[Path] = []

    def announce(self, entries: list[Entry], current: Mapping[str, str] | None = None) -> None:
        self.entries += entries
        self.current.update(current or {})
        if not self.entries:
            return  # nothing will be written: the register alone is rewritten, atomically
        records = self.ledger.records if self.ledger and self.ledger.changed else None
        payload = {"entries": [dataclasses.asdict(e) for e in self.entries],
                   "current": self.current, "ledger": records}
        archive.replace(journal_path(self.folder),
                        json.dumps(payload, ensure_ascii=False, indent=1).encode("utf-8"))

    def put(self, entry: Entry, data: bytes) -> Path:
        path = self.folder / entry.file
        archive.write_new(path, data)
        self.created.append(path)
        return path

    def commit(self) -> tuple[Problem, ...]:
        if self.ledger is not None:
            self.ledger.save()
        warnings = list_in_register(self.folder, self.entries, self.current,
                                    self.association, self.issued)
        self.created = []
        journal_path(self.folder).unlink(missing_ok=True)
        return warnings

    def __enter__(self) -> Batch:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        if kind is None:
            return
        for path in self.created:
            path.unlink(missing_ok=True)
        journal_path(self.folder).unlink(missing_ok=True)


def journal_path(folder: Path) -> Path:
    return year_service(folder) / JOURNAL


@contextmanager
def hold(root: Path) -> Iterator[tuple[Problem, ...]]:
    """Hold the archive (archive.lock) with its service files in order; yields what was
    repaired, as warnings a person reads."""
    with archive.lock(root):
        yield tidy(root)


def prepare(root: Path) -> tuple[Problem, ...]:
    """Put an archive's service files in order when it is opened (`rmo serve`, `rmo archive`),
    if there is anything to do and no build holds it now (that build does it instead)."""
    root = Path(root)
    if not root.is_dir() or not _untidy(root):
        return ()
    try:
        with archive.lock(root, wait=0):
            return tidy(root)
    except RmoError:
        return ()


def _untidy(root: Path) -> bool:
    years = _years(root)
    return (root / OLD_LOCK).exists() or any(journal_path(year).exists() for year in years) \
        or any((year / name).is_file() for year in years
               for name in (register.JSON_NAME, issued.FILE_NAME)) \
        or any(any(place.glob(f"{TEMPORARY}*.tmp")) for year in years
               for place in (year, year_service(year)))


def _years(root: Path) -> list[Path]:
    """The year folders of an archive («2025-2026»), and those only its service folder names
    yet (a build killed before it made its year folder); not «Шаблоны» or the local page's
    folders, which others write without the archive's lock."""
    names = {p.name for folder in (root, service_folder(root)) if folder.is_dir()
             for p in folder.iterdir() if p.is_dir() and _YEAR.match(p.name)}
    return [root / name for name in sorted(names)]


def tidy(root: Path) -> tuple[Problem, ...]:
    """Under the lock: move an old archive's service files, finish killed builds, remove
    temporary files a crash left."""
    migrate(root)
    repaired = []
    for year in _years(root):
        note = recover(year)
        if note is not None:
            repaired.append(note)
        _sweep(year)
    return tuple(repaired)


def recover(folder: Path) -> Problem | None:
    """Finish the build a journal describes: register what it wrote in full, keep its numbers
    and dates, end the journal. Returns a warning saying so, or None with no journal."""
    path = journal_path(folder)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        raw = {}  # unreadable: the files are then listed by register.update as found
    fields = {f.name for f in dataclasses.fields(Entry)}
    entries = [Entry(**{k: v for k, v in item.items() if k in fields})
               for item in raw.get("entries", []) if isinstance(item, dict)]
    written = [e for e in entries if _holds(folder / e.file, e.sha256)]
    current = {base: name for base, name in (raw.get("current") or {}).items()
               if (folder / name).is_file()}
    records = raw.get("ledger")
    if written and isinstance(records, dict) and records:
        issued.save(folder, {**issued.read(folder), **records})
    if written:
        list_in_register(folder, written, current)
    _sweep(folder)
    path.unlink(missing_ok=True)
    if not any(e.kind != register.WORKBOOK_KIND for e in written):
        kept = "; копия книги внесена в реестр" if written else "; архив остался прежним"
        return warning(f"Прошлая сборка в папку «{folder.name}» была прервана, не записав ни "
                       f"одного документа{kept}.")
    return warning(f"Прошлая сборка в папку «{folder.name}» была прервана. Записанные ею "
                   f"{_count(written, entries)} внесены в реестр; остальные запишет эта или "
                   "следующая сборка.")


def _count(written: list[Entry], planned: list[Entry]) -> str:
    """«документы (10 из 33)», and «и PDF (3 из 13)» when the build was making PDFs."""
    def tally(suffix: str) -> tuple[int, int]:
        def mine(entry: Entry) -> bool:
            return entry.kind != register.WORKBOOK_KIND and entry.file.lower().endswith(suffix)
        return sum(1 for e in written if mine(e)), sum(1 for e in planned if mine(e))

    documents, pdfs = tally(".docx"), tally(".pdf")
    text = f"документы ({documents[0]} из {documents[1]})"
    return text + (f" и PDF ({pdfs[0]} из {pdfs[1]})" if pdfs[1] else "")


def _holds(path: Path, digest: str) -> bool:
    try:
        return register.sha256(path.read_bytes()) == digest
    except OSError:
        return False


def _sweep(folder: Path) -> None:
    """Remove the temporary files a killed write left in a year folder and its service
    folder (every writer there holds the lock, so none of them is being written now)."""
    for place in (folder, year_service(folder)):
        for leftover in place.glob(f"{TEMPORARY}*.tmp") if place.is_dir() else ():
            leftover.unlink(missing_ok=True)


def migrate(root: Path) -> None:
    """Move the service files of rmo 0.x out of the year folders. Idempotent: a file already
    moved is not there to move; a file found in both places (an older rmo wrote again) is
    merged into the service folder's copy."""
    for year in _years(root):
        for name, merge in ((issued.FILE_NAME, _merge_ledger),
                            (register.JSON_NAME, _merge_register)):
            old = year / name
            if not old.is_file():
                continue
            new = year_service(year) / name
            new.parent.mkdir(parents=True, exist_ok=True)
            if new.is_file():
                archive.replace(new, merge(new, old))
                old.unlink()
            else:
                os.replace(old, new)
    (root / OLD_LOCK).unlink(missing_ok=True)


def _merge_register(new: Path, old: Path) -> bytes:
    ours, theirs = _documents(new, []), _documents(old, [])
    known = {item.get("file") for item in ours if isinstance(item, dict)}
    merged = ours + [item for item in theirs
                     if isinstance(item, dict) and item.get("file") not in known]
    return (json.dumps({"documents": merged}, ensure_ascii=False, indent=2) + "\n").encode()


def _merge_ledger(new: Path, old: Path) -> bytes:
    merged = {**_documents(old, {}), **_documents(new, {})}
    payload = {"documents": dict(sorted(merged.items()))}
    return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode()


def _documents(path: Path, empty):
    try:
        found = json.loads(path.read_text(encoding="utf-8")).get("documents", empty)
    except (OSError, ValueError, AttributeError):
        return empty
    return found if isinstance(found, type(empty)) else empty


def list_in_register(folder: Path, added: list[Entry], current: Mapping[str, str] | None = None,
                     association: str = "", issued: Mapping[str, str] | None = None
                     ) -> tuple[Problem, ...]:
    """Add entries to the year's register (реестр.json) and write its journal for people
    («Реестр документов.xlsx»). Returns warnings: a journal open in Excel is not a reason to
    fail the build."""
    listed = register.update(folder, added, current, association, issued)
    title = journal.title(listed.association, year_label(folder.name))
    return journal.write(folder / register.XLSX_NAME, listed.entries, title)
