"""What every document says the same way: people, the association, signatures."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Association, Person
from ..text import initials_first, sort_key, surname_first, typography


@dataclass(frozen=True)
class Document:
    """One document to write: its file name, template and prepared context."""

    kind: str  # «План», «Протокол», «Анализ»: the register's column
    filename: str
    template: str
    context: dict
    title: str
    date: object  # datetime.date for the document's properties
    meeting: int | None = None


def person_line(person: Person) -> str:
    """«Мазеева Р.В., педагог-библиотекарь СОШ п. Сорум»: the plan's responsible column."""
    return typography(f"{surname_first(person.name)}, {person.position} {person.institution}")


def person_with_place(person: Person) -> str:
    """«Мазеева Р.В. – педагог-библиотекарь, СОШ п. Сорум»: how the minutes name a person."""
    return typography(f"{surname_first(person.name)} – {person.position}, {person.institution}")


def signer_title(association: Association) -> str:
    """«Руководитель РМО»: the first word of the name is the kind of association."""
    kind = association.name.split()[0] if association.name.split() else "МО"
    return f"Руководитель {kind}"


def alphabetical(people) -> list[Person]:
    return sorted(people, key=lambda p: sort_key(p.name))


def head_signature(association: Association) -> str:
    return initials_first(association.head.name)
