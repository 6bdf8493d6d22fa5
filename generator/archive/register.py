"""The register of a year's archive: which document was written when, from which workbook.

Kept twice: «реестр.json» for programs (with checksums), in the archive's service folder
(«.rmo/2025-2026/реестр.json»), and the journal «Реестр документов.xlsx» for the office, in the
year folder beside the documents (generator/archive/journal.py). The register is rewritten by every
build (atomically, and only when it changed); the documents it lists are never touched.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from .store import TEMPORARY, Planned, State, base_name, replace, year_service
from .store import sha256 as sha256  # re-exported: the register's checksum
from .times import written, written_now

JSON_NAME = "реестр.json"
XLSX_NAME = "Реестр документов.xlsx"
WORKBOOK_KIND = "Книга"  # the entry of a workbook a build used, kept beside its documents


@dataclass(frozen=True, kw_only=True)
class Entry:
    """One file of a year folder as the register knows it. Made in two ways only: of a file a
    build writes or finds (Entry.of), and of the PDF made from a document (Entry.pdf)."""

    file: str
    kind: str  # a DocumentKind's label, WORKBOOK_KIND, a label with «(PDF)», or «» if unknown
    meeting: int | None = None
    version: int = 1
    sha256: str  # of the bytes rmo wrote: a file changed by hand afterwards differs
    written: str  # local time, «2026-05-20 14:03:11»
    workbook_sha256: str = ""
    meeting_date: str = ""  # «15.10.2025»
    person: str = ""  # whom an extract or certificate is for
    current: bool = False  # the version the newest build of this document stands for
    workbook: str = ""  # the file name of the workbook it was made from, kept in this folder
    issued: str = ""  # «№ 7 от 20.05.2026»: a certificate's number and date of issue
    source_sha256: str = ""  # of a PDF: the .docx it was made from (hand edits make it stale)

    @classmethod
    def of(cls, planned: Planned, kind: str, data: bytes, *, meeting: int | None = None,
           workbook_sha256: str = "", meeting_date: str = "", person: str = "",
           workbook: str = "", issued: str = "") -> Entry:
        """The entry of a file as the archive planned it (store.plan): named and numbered by
        the plan, its checksum from its bytes, written now when the plan writes it, else at
        the time of the file found there."""
        return cls(file=planned.path.name, kind=kind, meeting=meeting, version=planned.version,
                   sha256=sha256(data), written=_written(planned),
                   workbook_sha256=workbook_sha256, meeting_date=meeting_date, person=person,
                   workbook=workbook, issued=issued)

    def pdf(self, data: bytes, source_sha256: str) -> Entry:
        """The entry of the PDF made from this document, with the document's meeting, person,
        number and workbook: it is the same paper in another format."""
        return dataclasses.replace(
            self, file=Path(self.file).with_suffix(".pdf").name, kind=pdf_kind(self.kind),
            sha256=sha256(data), written=written_now(), current=False, source_sha256=source_sha256)


def pdf_kind(kind: str) -> str:
    """«Протокол (PDF)»; «PDF» when the document's kind is not known."""
    return f"{kind} (PDF)" if kind else "PDF"


def _written(planned: Planned) -> str:
    """When a file was written: now for a file the plan writes, the file's own time for one
    found there."""
    if planned.status in (State.NEW, State.VERSION) or not planned.path.is_file():
        return written_now()
    return written(dt.datetime.fromtimestamp(planned.path.stat().st_mtime))


_FIELDS = {f.name for f in dataclasses.fields(Entry)}


def path(folder: Path) -> Path:
    """The register of a year folder: in the archive's service folder, not among documents."""
    return year_service(folder) / JSON_NAME


def exists(folder: Path) -> bool:
    """Whether a folder is a year of an rmo archive (a build has registered it)."""
    return path(folder).is_file()


def load(folder: Path) -> list[Entry]:
    source = path(folder)
    if not source.is_file():
        return []
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
        return [Entry(**{k: v for k, v in item.items() if k in _FIELDS})
                for item in raw.get("documents", [])]
    except (ValueError, TypeError, AttributeError):
        # A register edited by hand into nonsense is rebuilt from the files themselves.
        return []


@dataclass(frozen=True)
class Listed:
    """What the register lists after an update, and the association the journal is titled for."""

    entries: tuple[Entry, ...]
    association: str


def update(folder: Path, added: list[Entry],
           current: Mapping[str, str] | None = None,
           association: str = "", issued: Mapping[str, str] | None = None) -> Listed:
    """Add this build's entries, list any file the register does not know, mark the version
    each built document stands for (``current``: first version's name → file), write both
    forms. ``association`` names the journal («Реестр документов РМО …»); without it the name
    kept by an earlier build is used. ``issued`` gives the number and date of issue of files
    registered before the register kept them (file → «№ 7 от 20.05.2026»). Returns what the
    register now lists, for the journal (service.list_in_register writes both)."""
    issued = issued or {}
    entries = [dataclasses.replace(e, issued=issued[e.file])
               if not e.issued and e.file in issued else e for e in load(folder)]
    association = association or _association(folder)
    index = {e.file: i for i, e in enumerate(entries)}
    for entry in added:
        if entry.file not in index:
            index[entry.file] = len(entries)
            entries.append(entry)
        elif not entries[index[entry.file]].kind:
            # Listed without a kind (by rmo 0.x after a killed build): now it is known.
            entries[index[entry.file]] = entry
    for found in sorted(folder.glob("*")):
        if found.suffix in (".docx", ".pdf") and found.name not in index \
                and not found.name.startswith((TEMPORARY, "~$")):
            # Put in by hand: listed as it is, under the kind of its other versions if any.
            index[found.name] = len(entries)
            entries.append(Entry.of(Planned(found, State.UNCHANGED, 1),
                                    _kind_of(found.name, entries), found.read_bytes()))
    current = current or {}
    present = [dataclasses.replace(e, current=current[base_name(e.file)] == e.file)
               if base_name(e.file) in current else e
               for e in entries if (folder / e.file).exists()]
    payload: dict = {"association": association} if association else {}
    payload["documents"] = [asdict(e) for e in present]
    data = (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    target = path(folder)
    if not target.is_file() or target.read_bytes() != data:
        replace(target, data)
    return Listed(tuple(present), association)


def _association(folder: Path) -> str:
    """The association's name kept in the register by the last build («» when none)."""
    try:
        raw = json.loads(path(folder).read_text(encoding="utf-8"))
        name = raw.get("association", "")
        return name if isinstance(name, str) else ""
    except (OSError, ValueError, AttributeError):
        return ""


def _kind_of(name: str, entries: list[Entry]) -> str:
    """The kind of a file rmo did not write, from a registered version of the same document."""
    docx = name[:-len(".pdf")] + ".docx" if name.lower().endswith(".pdf") else name
    base = base_name(docx)
    kind = next((e.kind for e in entries if e.kind and e.file.lower().endswith(".docx")
                 and base_name(e.file) == base), "")
    return pdf_kind(kind) if kind and docx != name else kind

