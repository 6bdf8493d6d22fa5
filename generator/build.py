"""The library entry point: `build(workbook, out_dir)` turns one workbook into its documents."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from . import archive, register
from .archive import State
from .documents.common import Document
from .errors import Problem, RmoError, problem
from .issued import Ledger, stamp
from .kinds import KINDS, TEMPLATES, WORDS, DocumentKind, by_word
from .model import Workbook
from .reader import read_workbook
from .render import Properties, builtin_templates, check_templates, render


@dataclass(frozen=True)
class Written:
    """One document of a build and what the archive did (or, on a dry run, would do) with it."""

    path: Path
    kind: DocumentKind
    status: State
    version: int
    meeting: int | None = None
    pdf: Path | None = None  # the PDF written by this build, if any
    note: str = ""  # besides the state: «совпадает с версией 1»


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


def parse_only(value: str | None) -> set[DocumentKind] | None:
    """`--only протоколы,справки` → the kinds to build; None builds every kind."""
    if not value:
        return None
    from .text import normalize_key

    chosen = set()
    for word in value.replace(";", ",").split(","):
        key = normalize_key(word)
        if not key:
            continue
        spec = by_word(key)
        if spec is None:
            allowed = ", ".join(WORDS)
            raise RmoError([problem(f"«{word.strip()}» — такого вида документов нет. "
                                    f"Допустимо: {allowed} (через запятую).")])
        chosen.add(spec.kind)
    return chosen


def documents(workbook: Workbook, only: set[DocumentKind] | None = None) -> list[Document]:
    """Every document the workbook gives (or those of the chosen kinds), in filing order."""
    return [document for spec in KINDS if only is None or spec.kind in only
            for document in spec.build(workbook)]


def template_path(name: str, custom: Path | None) -> Path:
    """The user's own version of a template when there is one, else the built-in."""
    if custom is not None and (custom / name).is_file():
        return custom / name
    return builtin_templates() / name


def render_all(workbook: Workbook, templates: Path | None = None,
               only: set[DocumentKind] | None = None,
               ledger: Ledger | None = None,
               chosen: list[Document] | None = None) -> list[tuple[Document, bytes]]:
    """Render every document that can be issued in memory (``chosen``: those already made
    from the workbook); nothing is written (the ledger is saved by build)."""
    if templates is not None and not templates.is_dir():
        raise RmoError([problem(f"Папка шаблонов «{templates}» не найдена. Создайте её "
                                "командой «rmo templates ПАПКА».")])
    author = workbook.association.head.name
    made = documents(workbook, only) if chosen is None else chosen
    ready = [document for document in made if document.ready]
    return [(document, render(template_path(document.template, templates),
                              document.context, Properties(document.title, author, document.date)))
            for document in stamp(ready, ledger or Ledger(Path()))]


def build(workbook_path: str | Path, out_dir: str | Path = "archive", *,
          templates: str | Path | None = None, dry_run: bool = False, pdf: bool = False,
          only: str | None = None,
          progress: Callable[[Written], None] | None = None,
          pdf_progress: Callable[[int, int, Path], None] | None = None) -> BuildReport:
    """Write the documents of a workbook into OUT/<school year>/ and report what was done.

    ``progress`` hears of each document as it is filed; ``pdf_progress(done, total, path)``
    of each PDF as LibreOffice makes it (a minute for a year's documents).

    Everything is read, checked and rendered in memory before the first file is written:
    a mistake anywhere leaves the archive exactly as it was. A failure while writing removes
    the files this build had written, and only those; the register is written last.
    """
    kinds = parse_only(only)
    source = Path(workbook_path)
    workbook = read_workbook(source)
    folder = Path(out_dir) / workbook.association.year.folder
    warnings = workbook.warnings + (check_templates(Path(templates)) if templates else ())
    if pdf and not dry_run:
        from .pdf import soffice

        soffice()  # no LibreOffice: say so before anything is written
    source_bytes = source.read_bytes()
    workbook_hash = register.sha256(source_bytes)
    results: list[Written] = []
    entries: list[register.Entry] = []
    current: dict[str, str] = {}
    issued: dict[str, str] = {}  # file → «№ 7 от 20.05.2026» of documents not written anew
    created: list[Path] = []
    kept: Path | None = None
    pdf_problem: Problem | None = None
    # The ledger's numbers and the archive's versions are read and taken under one lock.
    with archive.lock(Path(out_dir)) if not dry_run else nullcontext():
        ledger = Ledger.load(folder)
        made = documents(workbook, kinds)
        rendered = render_all(workbook, Path(templates) if templates else None, kinds, ledger,
                              made)
        not_ready = tuple(d for d in made if not d.ready)
        # No version of a document that cannot be issued now stands as the current one.
        current.update({archive.safe_filename(d.filename): "" for d in not_ready})
        generated = {e.file: e.sha256 for e in register.load(folder)}
        try:
            kept_entries: list[register.Entry] = []  # listed after the documents
            if not dry_run:
                kept = _keep_workbook(folder, source, source_bytes, generated, kept_entries,
                                      current, created)
            used = kept.name if kept else ""
            for document, data in rendered:
                name = archive.safe_filename(document.filename)
                planned = archive.plan(folder, name, data, generated)
                written = Written(planned.path, document.kind, planned.status, planned.version,
                                  document.meeting, note=planned.note)
                current[name] = planned.path.name
                if document.issued and planned.status not in (State.NEW, State.VERSION):
                    # A file kept from a build before the journal showed numbers and dates.
                    issued[planned.path.name] = document.issued
                if not dry_run and planned.status in (State.NEW, State.VERSION):
                    archive.write_new(planned.path, data)
                    created.append(planned.path)
                    entries.append(register.Entry(
                        planned.path.name, document.kind.label, document.meeting,
                        planned.version, register.sha256(data), register.now(), workbook_hash,
                        _meeting_date(workbook, document.meeting), document.person,
                        workbook=used, issued=document.issued))
                results.append(written)
                if progress and not pdf:
                    progress(written)
            if pdf and not dry_run:
                results, pdf_problem = _pdfs(results, entries, created, workbook_hash, used,
                                             progress, pdf_progress)
            if not dry_run:
                warnings += register.update(folder, entries + kept_entries, current,
                                            workbook.association.name, issued)
                ledger.save()
        except BaseException:
            for path in created:
                path.unlink(missing_ok=True)
            raise
    return BuildReport(folder, tuple(results), warnings, workbook, kept, not_ready,
                       pdf_problem)


def _keep_workbook(folder: Path, source: Path, data: bytes, generated: dict[str, str],
                   entries: list, current: dict[str, str], created: list) -> Path:
    """Keep the workbook a build used beside its documents, so the archive shows where each
    document came from; an unchanged workbook is kept once, a changed one as a new version."""
    name = archive.safe_filename(source.name)
    if not name.lower().endswith((".xlsx", ".xlsm")):
        name += ".xlsx"
    planned = archive.plan(folder, name, data, generated)
    current[name] = planned.path.name
    if planned.status in (State.NEW, State.VERSION):
        archive.write_new(planned.path, data)
        created.append(planned.path)
        digest = register.sha256(data)
        entries.append(register.Entry(planned.path.name, register.WORKBOOK_KIND, None,
                                      planned.version, digest, register.now(), digest,
                                      workbook=planned.path.name))
    return planned.path


def _meeting_date(workbook: Workbook, number: int | None) -> str:
    meeting = workbook.meeting(number) if number else None
    return meeting.date.strftime("%d.%m.%Y") if meeting and meeting.date else ""


def _pdfs(results: list[Written], entries: list, created: list[Path], workbook_hash: str,
          workbook_name: str, progress, pdf_progress=None
          ) -> tuple[list[Written], Problem | None]:
    """A PDF beside every document that has none for its current version; what LibreOffice
    could not make is said once, and the documents stay."""
    from dataclasses import replace as with_changes

    from .pdf import convert

    wanted = [r.path for r in results if not r.path.with_suffix(".pdf").exists()]
    converted = convert(wanted, pdf_progress)
    pdfs = converted.pdfs
    done = []
    for result in results:
        data = pdfs.get(result.path)
        if data is not None:
            target = result.path.with_suffix(".pdf")
            archive.write_new(target, data)
            created.append(target)
            entries.append(register.Entry(target.name, f"{result.kind.label} (PDF)",
                                          result.meeting, result.version, register.sha256(data),
                                          register.now(), workbook_hash,
                                          workbook=workbook_name))
            result = with_changes(result, pdf=target)
        done.append(result)
        if progress:
            progress(result)
    return done, converted.problem


def add_pdfs(documents: list[Path], progress: Callable[[Path], None] | None = None
             ) -> list[Path]:
    """A PDF beside each archived document of one year folder that has none yet, registered
    like the document (for the page's «Сделать PDF»). progress(document) as each is done.
    The PDFs made are kept even when LibreOffice failed on others; then RmoError says so."""
    import dataclasses

    from .pdf import convert

    if not documents:
        return []
    folder = documents[0].parent
    with archive.lock(folder.parent):
        wanted = [p for p in documents if not p.with_suffix(".pdf").exists()]
        for path in documents:
            if path not in wanted and progress:
                progress(path)
        converted = convert(wanted, (lambda done, total, path: progress(path))
                            if progress else None)
        known = {e.file: e for e in register.load(folder)}
        entries, created = [], []
        try:
            for path, data in converted.pdfs.items():
                target = path.with_suffix(".pdf")
                archive.write_new(target, data)
                created.append(target)
                source = known.get(path.name)
                digest = register.sha256(data)
                entries.append(
                    dataclasses.replace(source, file=target.name, kind=f"{source.kind} (PDF)",
                                        sha256=digest, written=register.now(), current=False)
                    if source else register.Entry(target.name, "PDF", None, 1, digest,
                                                  register.now(), ""))
            register.update(folder, entries)
        except BaseException:
            for path in created:
                path.unlink(missing_ok=True)
            raise
    if converted.problem is not None:
        raise RmoError([converted.problem])
    return created


def check_template(template: Path, out_dir: str | Path) -> None:
    """Check a changed template as `--templates` would use it: render every document made
    from it with the newest workbook kept in the archive, or, with none yet, parse its tags.
    Raises RmoError naming the template and what to retype."""
    from zipfile import BadZipFile

    from docx.opc.exceptions import PackageNotFoundError

    from .render import check_syntax

    not_word = RmoError([problem(f"Файл «{template.name}» — не документ Word (.docx).",
                                 fix="Сохраните шаблон в Word как «Документ Word (.docx)».")])
    try:
        check_syntax(template)
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError) as error:
        raise not_word from error
    _same_kind(template)
    source = latest_workbook(Path(out_dir))
    if source is None:
        return
    try:
        workbook = read_workbook(source)
    except RmoError:
        return  # the archive's workbook is not this template's business
    author = workbook.association.head.name
    for document in stamp(documents(workbook), Ledger(Path())):
        if document.template == template.name:
            render(template, document.context, Properties(document.title, author,
                                                          document.date))


def _same_kind(template: Path) -> None:
    """Refuse another kind's template (the protocol uploaded in the plan's place) by naming
    it, before its fields are reported one by one as unknown."""
    from .template_check import closer_kind

    names = {spec.template: spec.title for spec in KINDS}
    if template.name not in names:
        return
    other = closer_kind(template, template.name,
                        {name: builtin_templates() / name for name in names})
    if other:
        raise RmoError([problem(
            f"Похоже, это шаблон другого документа — «{names[other]}» ({other}), а не "
            f"«{names[template.name]}».",
            fix=f"Загрузите его в строку «{names[other]}», а сюда — шаблон "
                f"«{names[template.name]}».")])


def latest_workbook(out_dir: Path) -> Path | None:
    """The workbook the archive's newest build used, if the archive keeps one."""
    books = register.latest_workbooks(out_dir)
    newest = max(reversed(books), key=lambda book: book.written, default=None)
    return newest.path if newest else None


def copy_templates(target: str | Path) -> list[Path]:
    """Copy the built-in templates into a folder to restyle them; never overwrite."""
    target = Path(target)
    source = builtin_templates()
    existing = [name for name in TEMPLATES if (target / name).exists()]
    if existing:
        raise RmoError([problem(f"В папке «{target}» уже есть {', '.join(existing)}; rmo не "
                                "перезаписывает файлы. Укажите пустую папку.")])
    copied = []
    for name in TEMPLATES:
        archive.write_new(target / name, (source / name).read_bytes())
        copied.append(target / name)
    return copied
