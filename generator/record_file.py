"""The record of a person's work over the years, issued: numbered and dated from the same
ledger as the certificates, kept in the folder of the person's latest year and listed in its
register, and (for `rmo person`) copied to a new file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .archive import register, service
from .archive import store as archive
from .archive.issued import Ledger, stamp
from .errors import RmoError
from .figures.record import Found
from .render.templates import own_folder
from .russian.text import surname_first

TEMPLATE = "person.docx"  # one of kinds.REPORT_TEMPLATES
RECORD_KIND = "Справка об участии"  # the register's «Вид» of a record


@dataclass(frozen=True)
class Issued:
    """A record written: its bytes, its copy in the archive and its number and date."""

    data: bytes
    kept: Path  # the archive's copy, in the latest year's folder
    issued: str  # «№ 12 от 05.12.2026»
    found: Found
    filename: str


def issue(found: Found, templates: Path | None = None, organisation: str = "") -> Issued:
    """Render the record and keep it in the folder of the person's latest year: a number and
    a date from that archive's ledger, the file beside the year's documents (a new version
    when its text changed, never over an old one) and a line in the year's register."""
    from .documents.record import record_document
    from .render.render import Properties, render
    from .render.templates import template_path

    document = record_document(found, organisation)
    if document.missing:
        raise RmoError(list(document.missing))
    latest = found.years[-1].book
    folder = latest.folder
    with service.hold(folder.parent):  # a build killed half-way is finished first
        ledger = Ledger.load(folder)
        [stamped] = stamp([document], ledger)
        data = render(template_path(TEMPLATE, templates), stamped.context,
                      Properties(document.title, found.years[-1].workbook.association.head.name,
                                 stamped.date))
        name = archive.safe_filename(document.filename)
        generated = {e.file: e.sha256 for e in register.load(folder)}
        planned = archive.plan(folder, name, data, generated)
        new = planned.status in (archive.State.NEW, archive.State.VERSION)
        entries = [register.Entry.of(
            planned, RECORD_KIND, data, person=surname_first(found.name).replace("\u00a0", " "),
            issued=stamped.issued)] if new else []
        # A batch like a build's: a failure removes the file, a kill leaves the journal.
        with service.Batch(folder, ledger) as batch:
            batch.announce(entries, {name: planned.path.name})
            for entry in entries:
                batch.put(entry, data)
            batch.commit()
    return Issued(data, planned.path, stamped.issued, found, name)


def write(found: Found, target: Path, templates: Path | None = None) -> Issued:
    """`rmo person`: issue the record and write a copy to a file that must not exist yet."""
    if target.exists():
        raise RmoError.single(f"Файл «{target}» уже есть; rmo не перезаписывает файлы. "
                              "Укажите другое имя.")
    if target.suffix.lower() != ".docx":
        raise RmoError.single(f"Имя «{target.name}» должно оканчиваться на .docx.")
    own_folder(templates)
    done = issue(found, templates)
    archive.write_new(target, done.data)
    return done
