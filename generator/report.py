"""The centre's summary as a .docx: read the books, sum them (generator.figures.centre), word them
(generator.documents.summary) and render; `rmo summary` writes the result to a new file, a
.docx or, by the file's extension, a spreadsheet (generator.documents.summary_table)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .archive.store import write_new
from .documents.summary import summary_document
from .errors import RmoError
from .figures.centre import CentreSummary, read_centre_summary
from .render.render import Properties, render
from .render.templates import own_folder, template_path

FORMATS = (".docx", ".xlsx")  # what `rmo summary -o` writes, by the file's extension


def summary_docx(summary: CentreSummary, templates: Path | None = None,
                 organisation: str = "", signer: str = "") -> bytes:
    """The report's bytes (the web layer sends them as a download). A `summary.docx` in
    `templates` (a folder made by `rmo templates`) is used instead of the built-in one.
    ``organisation`` and ``signer`` are the centre's (see summary_document)."""
    document = summary_document(summary, organisation, signer)
    template = template_path(document.template, templates)
    # The centre is the author of its report; with no name given, none rather than «rmo».
    author = organisation.strip() or summary.organisation
    return render(template, document.context, Properties(document.title, author, document.date))


def write_summary(paths: Sequence[str | Path], target: str | Path,
                  templates: Path | None = None, organisation: str = "",
                  signer: str = "") -> CentreSummary:
    """`rmo summary`: read the workbooks and write the report to a file that must not exist
    yet (written under a temporary name, then renamed): a .docx, or a .xlsx table; templates
    are the document's only."""
    target = Path(target)
    if target.exists():
        raise RmoError.single(f"Файл «{target}» уже есть; rmo не перезаписывает файлы. "
                              "Укажите другое имя.")
    suffix = target.suffix.lower()
    if suffix not in FORMATS:
        raise RmoError.single(f"Имя «{target.name}» должно оканчиваться на .docx (документ) "
                              "или .xlsx (таблица).")
    own_folder(templates)
    summary = read_centre_summary(paths)
    if suffix == ".xlsx":
        from .documents.summary_table import summary_xlsx

        data = summary_xlsx(summary, organisation, signer)
    else:
        data = summary_docx(summary, templates, organisation, signer)
    write_new(target, data)
    return summary
