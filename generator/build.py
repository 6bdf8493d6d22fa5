"""The library entry point: `build(workbook, out_dir)` turns one workbook into its documents."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from .archive import register, service
from .archive import store as archive
from .archive.issued import Ledger, stamp
from .archive.store import State
from .documents.kinds import Document, DocumentKind, documents
from .errors import Problem, RmoError
from .model import Workbook
from .render.render import Properties, render
from .render.templates import check_templates, own_folder, template_path
from .workbook.reader import read_workbook


@dataclass(frozen=True)
class Written:
    """One document of a build and what the archive did (or, on a dry run, would do) with it."""

    path: Path
    kind: DocumentKind
    status: State
    version: int
    meeting: int | None = None
    pdf: Path | None = None  # the PDF written by this build, if any
    note: str = ""  # said instead of the bare state: «совпадает с версией 1, новый файл не нужен»


@dataclass(frozen=True)
class BuildReport:
    """What one build did: the year folder, every document, and the workbook's warnings."""

    folder: Path
    written: tuple[Written, ...]
    warnings: tuple[Problem, ...]
    workbook: Workbook
    kept: Path | None = None  # the workbook's copy in the archive (None on a dry run)
    # Documents that cannot be issued yet (a decision missing, nobody to sign): not written,
    # each with what to fill in.
    not_ready: tuple[Document, ...] = ()
    # PDFs LibreOffice did not make: the documents are written all the same.
    pdf_problem: Problem | None = None


def render_all(workbook: Workbook, templates: Path | None = None,
               only: set[DocumentKind] | None = None,
               ledger: Ledger | None = None,
               chosen: list[Document] | None = None) -> list[tuple[Document, bytes]]:
    """Render every document that can be issued in memory (``chosen``: those already made
    from the workbook); nothing is written (the ledger is saved by build)."""
    own_folder(templates)
    author = workbook.association.head.name
    made = documents(workbook, only) if chosen is None else chosen
    ready = [document for document in made if document.ready]
    return [(document, render(template_path(document.template, templates),
                              document.context, Properties(document.title, author, document.date)))
            for document in stamp(ready, ledger or Ledger(Path()))]


def build(workbook_path: str | Path, out_dir: str | Path = "archive", *,
          templates: str | Path | None = None, dry_run: bool = False, pdf: bool = False,
          kinds: set[DocumentKind] | None = None,
          progress: Callable[[Written], None] | None = None,
          pdf_progress: Callable[[int, int, Path], None] | None = None) -> BuildReport:
    """Write the documents of a workbook into OUT/<school year>/ and report what was done.

    ``kinds`` are the kinds to make (`--only`, parsed by documents.kinds.parse_only at the
    edge); None makes every kind.

    ``progress`` hears of each document as it is filed; ``pdf_progress(done, total, path)``
    of each PDF as LibreOffice makes it (a minute for a year's documents).

    Everything is read, checked and rendered in memory before the first file is written:
    a mistake anywhere leaves the archive exactly as it was. Before the first file, a journal
    lists every file the build will write (generator/archive/service.py): a failure while writing
    removes the files this build had written, and only those; a build killed outright is
    finished by the next one, which registers what it wrote.
    """
    source = Path(workbook_path)
    workbook = read_workbook(source)
    folder = Path(out_dir) / workbook.association.year.folder
    warnings = workbook.warnings + (check_templates(Path(templates)) if templates else ())
    if pdf and not dry_run:
        from .render.pdf import soffice

        soffice()  # no LibreOffice: say so before anything is written
    source_bytes = source.read_bytes()
    pdf_problem: Problem | None = None
    if dry_run:
        service.prepare(Path(out_dir))  # an archive of rmo 0.x is read where it now lives
    # The ledger's numbers and the archive's versions are read and taken under one lock.
    with service.hold(Path(out_dir)) if not dry_run else nullcontext(()) as repaired:
        ledger = Ledger.load(folder)
        made = documents(workbook, kinds)
        rendered = render_all(workbook, Path(templates) if templates else None, kinds, ledger,
                              made)
        not_ready = tuple(d for d in made if not d.ready)
        filed, current, kept = _plan(folder, workbook, source.name, source_bytes, rendered,
                                     keep=not dry_run)
        # No version of a document that cannot be issued now stands as the current one.
        current.update({archive.safe_filename(d.filename): "" for d in not_ready})
        results = [f.written for f in filed if f.written is not None]
        if dry_run:
            for written in results:
                if progress:
                    progress(written)
            return BuildReport(folder, tuple(results), warnings, workbook, None, not_ready)
        with service.Batch(folder, ledger, workbook.association.name) as batch:
            entries = [f.entry for f in filed if f.entry is not None]
            # Documents kept from a build before the journal showed numbers and dates.
            batch.issued = {f.written.path.name: f.issued for f in filed
                            if f.issued and f.entry is None and f.written is not None}
            # The register lists the workbook after the documents made from it.
            batch.announce(sorted(entries, key=lambda e: e.kind == register.WORKBOOK_KIND),
                           current)
            for item in filed:
                if item.data is not None and item.entry is not None:
                    batch.put(item.entry, item.data)
                if item.written is not None and progress and not pdf:
                    progress(item.written)
            if pdf:
                results, pdf_problem = _pdfs(results, batch, progress, pdf_progress)
            warnings += repaired + batch.commit()
    return BuildReport(folder, tuple(results), warnings, workbook, kept, not_ready,
                       pdf_problem)


@dataclass(frozen=True)
class Filed:
    """One file of a build as planned: what is reported, what is registered, what is written."""

    written: Written | None  # None for the workbook's copy, which is no document
    entry: register.Entry | None  # None when the register knows the file already
    data: bytes | None  # None when nothing is written (the same bytes are there)
    issued: str = ""  # «№ 7 от 20.05.2026»: a certificate's number and date of issue


def _plan(folder: Path, workbook: Workbook, source: str, source_bytes: bytes,
          rendered: list[tuple[Document, bytes]], keep: bool
          ) -> tuple[list[Filed], dict[str, str], Path | None]:
    """Decide, without writing, what the build does with the workbook's copy and with each
    document, and which version each stands for now (first version's name → file)."""
    known = {e.file: e for e in register.load(folder)}
    generated = {name: e.sha256 for name, e in known.items()}
    workbook_hash = register.sha256(source_bytes)
    filed: list[Filed] = []
    current: dict[str, str] = {}
    kept: Path | None = None
    if keep:
        name = archive.safe_filename(source)
        if not name.lower().endswith((".xlsx", ".xlsm")):
            name += ".xlsx"
        planned = archive.plan(folder, name, source_bytes, generated)
        kept = planned.path
        current[name] = kept.name
        entry = register.Entry.of(planned, register.WORKBOOK_KIND, source_bytes,
                                  workbook_sha256=workbook_hash, workbook=kept.name)
        filed.append(_filed(None, entry, source_bytes, planned, known))
    used = kept.name if kept else ""
    for document, data in rendered:
        name = archive.safe_filename(document.filename)
        planned = archive.plan(folder, name, data, generated)
        current[name] = planned.path.name
        written = Written(planned.path, document.kind, planned.status, planned.version,
                          document.meeting, note=planned.note)
        entry = register.Entry.of(
            planned, document.kind.label, data, meeting=document.meeting,
            workbook_sha256=workbook_hash,
            meeting_date=_meeting_date(workbook, document.meeting), person=document.person,
            workbook=used, issued=document.issued)
        filed.append(dataclasses.replace(_filed(written, entry, data, planned, known),
                                         issued=document.issued))
    return filed, current, kept


def _filed(written: Written | None, entry: register.Entry, data: bytes,
           planned: archive.Planned, known: dict[str, register.Entry]) -> Filed:
    """A new file is written and registered; a file already there that the register does not
    know with its kind (left by a build rmo 0.x could not finish) is registered as it is."""
    if planned.status in (State.NEW, State.VERSION):
        return Filed(written, entry, data)
    if planned.status is not State.EDITED and not getattr(known.get(entry.file), "kind", ""):
        return Filed(written, entry, None)
    return Filed(written, None, None)


def _meeting_date(workbook: Workbook, number: int | None) -> str:
    meeting = workbook.meeting(number) if number else None
    return meeting.date.strftime("%d.%m.%Y") if meeting and meeting.date else ""


def _pdfs(results: list[Written], batch: service.Batch, progress, pdf_progress=None
          ) -> tuple[list[Written], Problem | None]:
    """A PDF beside every document that has none for its current version; what LibreOffice
    could not make is said once, and the documents stay."""
    wanted = [r.path for r in results if not r.path.with_suffix(".pdf").exists()]
    # A document's entry is this build's (announced) or an earlier build's (registered).
    known = {e.file: e for e in [*register.load(batch.folder), *batch.entries]}
    made, problem = _add_pdfs(batch, wanted, known, pdf_progress)
    done = []
    for result in results:
        if result.path in made:
            result = dataclasses.replace(result, pdf=made[result.path])
        done.append(result)
        if progress:
            progress(result)
    return done, problem


def _add_pdfs(batch: service.Batch, documents: list[Path],
              known: dict[str, register.Entry],
              pdf_progress: Callable[[int, int, Path], None] | None
              ) -> tuple[dict[Path, Path], Problem | None]:
    """Make the PDFs of these documents with LibreOffice and write them in the batch, each
    registered like its document (Entry.pdf); returns document → its PDF, and what LibreOffice
    could not make."""
    from .render.pdf import convert

    sources = {path: register.sha256(path.read_bytes()) for path in documents}
    converted = convert(documents, pdf_progress)
    entries = {path: _entry_of(path, known).pdf(data, sources[path])
               for path, data in converted.pdfs.items()}
    batch.announce(list(entries.values()))
    return ({path: batch.put(entry, converted.pdfs[path]) for path, entry in entries.items()},
            converted.problem)


def _entry_of(document: Path, known: dict[str, register.Entry]) -> register.Entry:
    """The register's entry of a document; one put in by hand is entered as found there."""
    entry = known.get(document.name)
    if entry is None:
        entry = register.Entry.of(archive.Planned(document, State.UNCHANGED, 1), "",
                                  document.read_bytes())
    return entry


def add_pdfs(documents: list[Path], progress: Callable[[Path], None] | None = None
             ) -> list[Path]:
    """A PDF beside each archived document of one year folder that has none yet, registered
    like the document (for the page's «Сделать PDF»). progress(document) as each is done.
    The PDFs made are kept even when LibreOffice failed on others; then RmoError says so."""
    if not documents:
        return []
    folder = documents[0].parent
    with service.hold(folder.parent):
        wanted = [p for p in documents if not p.with_suffix(".pdf").exists()]
        for path in documents:
            if path not in wanted and progress:
                progress(path)
        with service.Batch(folder) as batch:
            made, problem = _add_pdfs(
                batch, wanted, {e.file: e for e in register.load(folder)},
                (lambda done, total, path: progress(path)) if progress else None)
            batch.commit()
    if problem is not None:
        raise RmoError([problem])
    return list(made.values())
