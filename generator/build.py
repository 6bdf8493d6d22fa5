"""The library entry point: `build(workbook, out_dir)` turns one workbook into its documents."""

from __future__ import annotations

from collections.abc import Callable
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
               ledger: Ledger | None = None) -> list[tuple[Document, bytes]]:
    """Render every document in memory; nothing is written (the ledger is saved by build)."""
    if templates is not None and not templates.is_dir():
        raise RmoError([problem(f"Папка шаблонов «{templates}» не найдена. Создайте её "
                                "командой «rmo templates ПАПКА».")])
    author = workbook.association.head.name
    return [(document, render(template_path(document.template, templates),
                              document.context, Properties(document.title, author, document.date)))
            for document in stamp(documents(workbook, only), ledger or Ledger(Path()))]


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
    ledger = Ledger.load(folder)
    rendered = render_all(workbook, Path(templates) if templates else None, kinds, ledger)
    warnings = workbook.warnings + (check_templates(Path(templates)) if templates else ())
    if pdf and not dry_run:
        from .pdf import soffice

        soffice()  # no LibreOffice: say so before anything is written
    workbook_hash = register.sha256(source.read_bytes())
    generated = {e.file: e.sha256 for e in register.load(folder)}
    results: list[Written] = []
    entries: list[register.Entry] = []
    current: dict[str, str] = {}
    created: list[Path] = []
    try:
        for document, data in rendered:
            name = archive.safe_filename(document.filename)
            planned = archive.plan(folder, name, data, generated)
            written = Written(planned.path, document.kind, planned.status, planned.version,
                              document.meeting, note=planned.note)
            current[name] = planned.path.name
            if not dry_run and planned.status in (State.NEW, State.VERSION):
                archive.write_new(planned.path, data)
                created.append(planned.path)
                entries.append(register.Entry(
                    planned.path.name, document.kind.label, document.meeting, planned.version,
                    register.sha256(data), register.now(), workbook_hash,
                    _meeting_date(workbook, document.meeting), document.person))
            results.append(written)
            if progress and not pdf:
                progress(written)
        if pdf and not dry_run:
            results = _pdfs(results, entries, created, workbook_hash, progress, pdf_progress)
        if not dry_run:
            warnings += register.update(folder, entries, current)
            ledger.save()
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return BuildReport(folder, tuple(results), warnings, workbook)


def _meeting_date(workbook: Workbook, number: int | None) -> str:
    meeting = workbook.meeting(number) if number else None
    return meeting.date.strftime("%d.%m.%Y") if meeting and meeting.date else ""


def _pdfs(results: list[Written], entries: list, created: list[Path], workbook_hash: str,
          progress, pdf_progress=None) -> list[Written]:
    """A PDF beside every document that has none for its current version, in one run."""
    from dataclasses import replace as with_changes

    from .pdf import convert

    wanted = [r.path for r in results if not r.path.with_suffix(".pdf").exists()]
    pdfs = convert(wanted, pdf_progress)
    done = []
    for result in results:
        data = pdfs.get(result.path)
        if data is not None:
            target = result.path.with_suffix(".pdf")
            archive.write_new(target, data)
            created.append(target)
            entries.append(register.Entry(target.name, f"{result.kind.label} (PDF)", result.meeting,
                                          result.version, register.sha256(data),
                                          register.now(), workbook_hash))
            result = with_changes(result, pdf=target)
        done.append(result)
        if progress:
            progress(result)
    return done


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
