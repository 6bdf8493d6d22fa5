"""The library entry point: `build(workbook, out_dir)` turns one workbook into its documents."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import archive
from .documents.analysis import analysis_document
from .documents.common import Document
from .documents.plan import plan_document
from .documents.protocol import protocol_documents
from .errors import RmoError, problem
from .model import Workbook
from .reader import read_workbook
from .render import BUILTIN_NAMES, Properties, builtin_templates, render


@dataclass(frozen=True)
class Written:
    """One document of a build and what the archive did (or, on a dry run, would do) with it."""

    path: Path
    kind: str
    status: str  # archive.NEW, archive.UNCHANGED or archive.VERSION
    version: int
    meeting: int | None = None


def documents(workbook: Workbook) -> list[Document]:
    """Every document the workbook gives, in the order they are filed."""
    analysis = analysis_document(workbook)
    return [plan_document(workbook), *protocol_documents(workbook),
            *([analysis] if analysis else [])]


def check(workbook_path: str | Path) -> Workbook:
    """Read and validate the workbook; raise RmoError listing every problem."""
    return read_workbook(workbook_path)


def template_path(name: str, custom: Path | None) -> Path:
    """The user's own version of a template when there is one, else the built-in."""
    if custom is not None and (custom / name).is_file():
        return custom / name
    return builtin_templates() / name


def render_all(workbook: Workbook, templates: Path | None = None) -> list[tuple[Document, bytes]]:
    """Render every document in memory; nothing is written."""
    if templates is not None and not templates.is_dir():
        raise RmoError([problem(f"Папка шаблонов «{templates}» не найдена. Создайте её "
                                "командой «rmo templates ПАПКА».")])
    author = workbook.association.head.name
    return [(document, render(template_path(document.template, templates), document.context,
                              Properties(document.title, author, document.date)))
            for document in documents(workbook)]


def build(workbook_path: str | Path, out_dir: str | Path = "archive", *,
          templates: str | Path | None = None, dry_run: bool = False,
          progress: Callable[[Written], None] | None = None) -> list[Written]:
    """Write the documents of a workbook into OUT/<school year>/ and return what was done.

    Everything is read, checked and rendered in memory before the first file is written:
    a mistake anywhere leaves the archive exactly as it was. A failure while writing removes
    the files this build had written, and only those.
    """
    workbook = read_workbook(workbook_path)
    rendered = render_all(workbook, Path(templates) if templates else None)
    folder = Path(out_dir) / workbook.association.year.folder
    results: list[Written] = []
    created: list[Path] = []
    try:
        for document, data in rendered:
            planned = archive.plan(folder, archive.safe_filename(document.filename), data)
            if not dry_run and planned.status != archive.UNCHANGED:
                archive.write_new(planned.path, data)
                created.append(planned.path)
            written = Written(planned.path, document.kind, planned.status, planned.version,
                              document.meeting)
            results.append(written)
            if progress:
                progress(written)
    except BaseException:
        for path in created:
            path.unlink(missing_ok=True)
        raise
    return results


def copy_templates(target: str | Path) -> list[Path]:
    """Copy the built-in templates into a folder to restyle them; never overwrite."""
    target = Path(target)
    source = builtin_templates()
    existing = [name for name in BUILTIN_NAMES if (target / name).exists()]
    if existing:
        raise RmoError([problem(f"В папке «{target}» уже есть {', '.join(existing)}; rmo не "
                                "перезаписывает файлы. Укажите пустую папку.")])
    copied = []
    for name in BUILTIN_NAMES:
        archive.write_new(target / name, (source / name).read_bytes())
        copied.append(target / name)
    return copied
