"""Which known name a header or sheet name the contract does not know probably means."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..russian import text
from .cells import CellType, Choice, Date, MeetingRef, Number, PersonRef, Text

if TYPE_CHECKING:
    from .contract import Column


def resembles(name: str, candidates: list[str]) -> str | None:
    """The candidate a header or sheet name probably means: a close spelling, singular or
    plural, an added word or a year («Докладчик», «Решение», «Дата проведения»,
    «Участие 2025»); None when none is near."""
    import difflib

    key = text.normalize_key(name)
    if not key:
        return None
    words = set(re.findall(r"[^\W\d_]+", key))
    best, score = None, 0.0
    for candidate in candidates:
        other = text.normalize_key(candidate)
        ratio = difflib.SequenceMatcher(None, key, other).ratio()
        theirs = set(re.findall(r"[^\W\d_]+", other))
        if theirs and (theirs <= words or (words and words <= theirs)):
            ratio = max(ratio, 0.9)
        elif len(key) >= 4 and key[:3] == other[:3]:
            ratio += 0.15  # the same stem: «Решение» for «Решили»
        if ratio > score:
            best, score = candidate, ratio
    return best if score >= 0.75 else None


def closest(name: str, candidates: list[str]) -> str | None:
    import difflib

    keys = {text.normalize_key(c): c for c in candidates}
    near = difflib.get_close_matches(text.normalize_key(name), list(keys), n=1, cutoff=0.75)
    return keys[near[0]] if near else None


# --- a column renamed beyond recognition -------------------------------------------------

_PERSON = re.compile(r"[А-ЯЁ][а-яё]+(?:-[А-ЯЁ][а-яё]+)?,?\s*(?:[А-ЯЁ]\.\s*(?:[А-ЯЁ]\.?)?|"
                     r"[А-ЯЁ][а-яё]+(?:\s+[А-ЯЁ][а-яё]+)?)")


def renamed(header: str, values: list, absent: list[Column]) -> list[Column]:
    """The optional columns missing from a sheet that an unknown column holding `values`
    may be under another name: those whose type takes every value, the columns of a
    particular kind (people, numbers, a list) before plain text, one sharing a stem with the
    header before the others («Кол-во часов» — «Часы»). Empty when none takes the values."""
    fitting = [c for c in absent if all(_fits(c.type, v) for v in values)]
    chosen = [c for c in fitting if not _plain(c.type)] or fitting
    if len(chosen) > 1:
        near = [c for c in chosen if _stems(header) & _stems(c.name)]
        chosen = near if len(near) == 1 else chosen
    return chosen


def renamed_message(header: str, candidates: list[Column]) -> tuple[str, str]:
    """What a sheet says of an unknown column with data and the missing columns it may be."""
    names = ", ".join(f"«{c.name}»" for c in candidates)
    if len(candidates) == 1:
        return (f"столбец «{header}» программа не знает, а столбца {names} на листе нет.",
                f"Если это он — переименуйте заголовок в {names}; если это другой столбец, "
                f"добавьте на лист столбец {names} (можно пустой).")
    return (f"столбец «{header}» программа не знает, а столбцов {names} на листе нет.",
            "Если это один из них — переименуйте заголовок; если это другой столбец, добавьте "
            "их на лист (можно пустыми).")


def _stems(name: str) -> set[str]:
    return {word[:3] for word in re.findall(r"[^\W\d_]{3,}", text.normalize_key(name))}


def _plain(kind: CellType) -> bool:
    return isinstance(kind, Text) and not isinstance(kind, PersonRef)


def _fits(kind: CellType, value) -> bool:
    """Whether a value could stand in a column of this type without a mistake."""
    raw = text.clean(value) if isinstance(value, str) else value
    if isinstance(kind, PersonRef):
        parts = [p.strip() for p in re.split(r"[;\n]", raw) if p.strip()] \
            if isinstance(raw, str) else []
        return bool(parts) and all(
            _PERSON.fullmatch(p) or all(_PERSON.fullmatch(q.strip()) for q in p.split(","))
            for p in parts)
    if isinstance(kind, Number):
        return Number.parse(raw) is not None
    if isinstance(kind, Date):
        return isinstance(raw, (dt.date, dt.datetime)) or \
            (isinstance(raw, str) and text.parse_date(raw) is not None)
    if isinstance(kind, MeetingRef):
        return isinstance(raw, int | float) and float(raw).is_integer() or \
            bool(re.fullmatch(r"(?:№|N|No)?\s*\d{1,3}\.?", str(raw)))
    if isinstance(kind, Choice):
        return kind.split(str(raw))[0] is not None
    if isinstance(kind, Text) and kind.words:
        return isinstance(raw, str)
    return True
