"""How the register writes a time and how a person reads it, said once: the register, the
journal («Реестр документов.xlsx»), the pages and the centre's status come here.

The register keeps local time as «2026-05-20 14:03:11»; a person reads «20.05.2026 14:03».
"""

from __future__ import annotations

import datetime as dt

DAY = "%Y-%m-%d"
WRITTEN = f"{DAY} %H:%M:%S"  # the register's «written»
SHOWN = "%d.%m.%Y %H:%M"  # the same moment for a person


def written(moment: dt.datetime) -> str:
    """«2026-05-20 14:03:11», as the register keeps a moment."""
    return moment.strftime(WRITTEN)


def written_now() -> str:
    return written(dt.datetime.now())


def parse_written(text: str) -> dt.datetime | None:
    """The moment a register's «written» names; None when it is no time of rmo's (a register
    edited by hand, or an empty one)."""
    try:
        return dt.datetime.strptime(text, WRITTEN)
    except ValueError:
        return None


def written_day(text: str) -> dt.date | None:
    """The day of a register's «written» (its date is enough: «2026-05-20» with any time)."""
    try:
        return dt.datetime.strptime(text[:10], DAY).date()
    except ValueError:
        return None


def readable(text: str) -> str:
    """A register's «2026-05-20 14:03:11» as a person writes it, «20.05.2026 14:03»; anything
    else as it is."""
    moment = parse_written(text)
    return moment.strftime(SHOWN) if moment is not None else text
