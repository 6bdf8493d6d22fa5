"""Registration numbers and dates of issue, kept beside the register of each year folder.

A certificate is issued like an office issues it: with a number that never repeats within the
association's archive (every year folder under one archive folder) and the date it was issued.
An extract and the analysis carry the date they were made. Those facts are kept in
«номера и даты.json» next to «реестр.json» in the archive's service folder
(«.rmo/2025-2026/»), so a rebuild of an unchanged document gives the same
number and date — and the same bytes — while a new certificate gets the next free number and
today's date. A document whose text changed is issued again today, under its old number.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..russian.text import date_numeric
from .store import replace as write_atomically
from .store import service_folder, year_service

FILE_NAME = "номера и даты.json"


@dataclass(frozen=True)
class Issue:
    """What a document needs from the ledger: its identity, and whether it is numbered."""

    key: str  # stable across builds: the same certificate gets the same key
    numbered: bool = False


def today() -> dt.date:
    """The build date (a function so that tests can move the clock)."""
    return dt.date.today()


@dataclass
class Ledger:
    """The numbers and dates of one year folder, and the numbers taken in the whole archive."""

    folder: Path
    records: dict[str, dict] = field(default_factory=dict)
    taken: set[int] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def load(cls, folder: Path) -> Ledger:
        records = _read(path(folder))
        taken: set[int] = set()
        service = service_folder(folder.parent)
        if service.is_dir():
            for other in service.glob(f"*/{FILE_NAME}"):
                theirs = records if other == path(folder) else _read(other)
                taken |= {r["number"] for r in theirs.values() if r.get("number")}
        taken |= {r["number"] for r in records.values() if r.get("number")}
        return cls(folder, records, taken)

    def issue(self, issue: Issue, fingerprint: str) -> tuple[int | None, dt.date]:
        """The number (for numbered documents) and the date of issue of a document."""
        record = self.records.get(issue.key)
        if record is None:
            record = {}
            if issue.numbered:
                number = max(self.taken, default=0) + 1
                self.taken.add(number)
                record["number"] = number
        elif issue.numbered and not record.get("number"):
            record["number"] = max(self.taken, default=0) + 1
            self.taken.add(record["number"])
        if record.get("fingerprint") != fingerprint or "date" not in record:
            record = {**record, "date": today().isoformat(), "fingerprint": fingerprint}
            self.records[issue.key] = record
            self.changed = True
        return record.get("number"), dt.date.fromisoformat(record["date"])

    def save(self) -> None:
        if not self.changed:
            return
        save(self.folder, self.records)
        self.changed = False


def path(folder: Path) -> Path:
    """The numbers and dates of a year folder: in the archive's service folder."""
    return year_service(folder) / FILE_NAME


def save(folder: Path, records: dict[str, dict]) -> None:
    payload = {"documents": dict(sorted(records.items()))}
    write_atomically(path(folder), (json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
                     .encode("utf-8"))


def read(folder: Path) -> dict[str, dict]:
    """The numbers and dates kept for a year folder (empty if none)."""
    return _read(path(folder))


def _read(source: Path) -> dict[str, dict]:
    if not source.is_file():
        return {}
    try:
        raw = json.loads(source.read_text(encoding="utf-8"))
        documents = raw.get("documents", {})
        return {str(k): dict(v) for k, v in documents.items() if isinstance(v, dict)}
    except (ValueError, TypeError, AttributeError):
        # Edited by hand into nonsense: numbers are then counted from the register again.
        return {}


def fingerprint(context: dict) -> str:
    """What a document says, apart from its number and date: a change issues it again."""
    text = json.dumps(context, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def issued_text(number: int | None, day: dt.date, given: bool) -> str:
    """What the journal says of an issue: «№ 7 от 20.05.2026» for a numbered certificate, the
    date for an extract given to someone, nothing for a document nobody is given."""
    if number:
        return f"№ {number} от {date_numeric(day)}"
    return date_numeric(day) if given else ""


def stamp(documents: list, ledger: Ledger) -> list:
    """Documents with their number and date of issue put into their context and properties.

    The template shows `issue_number` («№ 7») and `issue_date` («20.05.2026»).
    """
    stamped = []
    for document in documents:
        issue = getattr(document, "issue", None)
        if issue is None:
            stamped.append(document)
            continue
        number, day = ledger.issue(issue, fingerprint(document.context))
        context = {**document.context, "issue_date": date_numeric(day),
                   "issue_number": f"№\u00a0{number}" if number else ""}
        stamped.append(replace(document, context=context, date=day,
                               issued=issued_text(number, day, bool(document.person))))
    return stamped
