"""The menu of the local page and of the centre, said once: its sections in order, their
addresses, their words and which roles see them.

The local page (`rmo serve`) shows the head's menu, for on the centre a head works on the pages
of `rmo serve`. The centre's access rules (centre.access) read the same rows, so a section in a
role's menu is always an address that role may open. The roles are the values of
centre.models.Role, written here as words so the local page needs no database.
"""

from __future__ import annotations

from dataclasses import dataclass

HEAD, METHODIST, OFFICE = "head", "methodist", "office"


@dataclass(frozen=True)
class Section:
    name: str  # the URL name of its page, and the section that page lights
    path: str
    label: str
    roles: frozenset[str]  # whose menu shows it
    # whose menu shows it only while an association is chosen (its archive is open)
    chosen: frozenset[str] = frozenset()


SECTIONS = (
    Section("centre", "/centre/", "Объединения", frozenset({METHODIST, OFFICE})),
    Section("book", "/", "Книга года", frozenset({HEAD})),
    Section("archive", "/archive/", "Архив", frozenset({HEAD}), frozenset({METHODIST, OFFICE})),
    Section("year", "/new-year/", "Новый год", frozenset({HEAD})),
    Section("templates", "/templates/", "Шаблоны", frozenset({HEAD})),
    Section("status", "/centre/status/", "Состояние", frozenset({METHODIST})),
    Section("summary", "/centre/summary/", "Сводный отчёт", frozenset({METHODIST})),
    Section("records", "/centre/records/", "Справки за годы", frozenset({METHODIST})),
    Section("people", "/centre/people/", "Люди", frozenset({METHODIST})),
)


def sections(role: str, chosen: bool = True) -> tuple[Section, ...]:
    """The role's menu, in order; `chosen`: an association's archive is open."""
    return tuple(s for s in SECTIONS if role in s.roles or (chosen and role in s.chosen))


def names(role: str) -> frozenset[str]:
    """The URL names of every section the role's menu may show."""
    return frozenset(s.name for s in sections(role))


def items(role: str, current: str, chosen: bool = True) -> list[dict]:
    """The menu as the pages' template draws it, the `current` section lit."""
    return [{"url": s.path, "label": s.label, "current": s.name == current}
            for s in sections(role, chosen)]
