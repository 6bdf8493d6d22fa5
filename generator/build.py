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
from .model import Workbook
from .reader import read_workbook
from .render import Properties, builtin_templates, render


@dataclass(frozen=True)
class Written:
    """One document of a build and what the archive did with it."""

    path: Path
    kind: str
    status: str  # archive.NEW, archive.UNCHANGED or archive.VERSION
    version: int


def documents(workbook: Workbook) -> list[Document]:
    """Every document the workbook gives, in the order they are filed."""
    analysis = analysis_document(workbook)
    return [plan_document(workbook), *protocol_documents(workbook),
            *([analysis] if analysis else [])]


def check(workbook_path: str | Path) -> Workbook:
    """Read and validate the workbook; raise RmoError listing every problem."""
    return read_workbook(workbook_path)


def build(workbook_path: str | Path, out_dir: str | Path = "archive", *,
          dry_run: bool = False,
          progress: Callable[[Written], None] | None = None) -> list[Written]:
    """Write the documents of a workbook into OUT/<school year>/ and return what was done.

    Everything is read, checked and rendered in memory before the first file is written:
    a mistake anywhere leaves the archive exactly as it was.
    """
    workbook = read_workbook(workbook_path)
    folder = Path(out_dir) / workbook.association.year.folder
    templates = builtin_templates()
    rendered = []
    for document in documents(workbook):
        properties = Properties(document.title, workbook.association.head.name, document.date)
        data = render(templates / document.template, document.context, properties)
        rendered.append((document, data))
    results = []
    for document, data in rendered:
        planned = archive.plan(folder, document.filename, data)
        if not dry_run and planned.status != archive.UNCHANGED:
            archive.write_new(planned.path, data)
        written = Written(planned.path, document.kind, planned.status, planned.version)
        results.append(written)
        if progress:
            progress(written)
    return results
