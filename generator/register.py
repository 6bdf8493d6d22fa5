"""The register of a year's archive: which document was written when, from which workbook.

Kept twice in each year folder, always in step: «реестр.json» for programs and
«Реестр документов.xlsx» for the office. The register is the one file rmo rewrites
(atomically); the documents it lists are never touched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from .archive import replace
from .ooxml import xlsx_bytes

JSON_NAME = "реестр.json"
XLSX_NAME = "Реестр документов.xlsx"
COLUMNS = [("Файл", "file", 55), ("Вид", "kind", 16), ("Заседание", "meeting", 11),
           ("Версия", "version", 8), ("Записан", "written", 20), ("SHA-256", "sha256", 66),
           ("SHA-256 книги", "workbook_sha256", 66)]


@dataclass(frozen=True)
class Entry:
    file: str
    kind: str
    meeting: int | None
    version: int
    sha256: str
    written: str  # local time, «2026-05-20 14:03:11»
    workbook_sha256: str


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def load(folder: Path) -> list[Entry]:
    path = folder / JSON_NAME
    if not path.is_file():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return [Entry(**item) for item in raw.get("documents", [])]
    except (ValueError, TypeError, AttributeError):
        # A register edited by hand into nonsense is rebuilt from the files themselves.
        return []


def update(folder: Path, added: list[Entry]) -> list[Entry]:
    """Add this build's entries, list any file the register does not know, write both forms."""
    entries = load(folder)
    known = {e.file for e in entries}
    for entry in added:
        if entry.file not in known:
            entries.append(entry)
            known.add(entry.file)
    for path in sorted(folder.glob("*")):
        if path.suffix in (".docx", ".pdf") and path.name not in known \
                and not path.name.startswith((".~rmo-", "~$")):
            stamp = dt.datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M:%S")
            entries.append(Entry(path.name, "", None, 1, sha256(path.read_bytes()), stamp, ""))
    present = [e for e in entries if (folder / e.file).exists()]
    payload = {"documents": [asdict(e) for e in present]}
    replace(folder / JSON_NAME,
            (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
    replace(folder / XLSX_NAME, _xlsx(present))
    return present


def _xlsx(entries: list[Entry]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Реестр"
    sheet.append([title for title, _, _ in COLUMNS])
    for i, (_, _, width) in enumerate(COLUMNS, start=1):
        sheet.cell(1, i).font = Font(bold=True)
        sheet.cell(1, i).alignment = Alignment(horizontal="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(i)].width = width
    for entry in entries:
        values = asdict(entry)
        sheet.append([values[key] if values[key] is not None else "" for _, key, _ in COLUMNS])
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return xlsx_bytes(book)


def now() -> str:
    return dt.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
