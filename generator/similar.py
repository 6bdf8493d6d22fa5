"""Which known name a header or sheet name the contract does not know probably means."""

from __future__ import annotations

import re

from . import text


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
