"""Who spoke to an agenda item, named as minutes name people.

«СЛУШАЛИ: Леонтьеву Н.А., руководителя РМО, …» takes the accusative; «ВЫСТУПИЛИ: Леонтьева Н.А.,
руководитель РМО» the nominative. A role the workbook can resolve («Руководитель МО»,
«Секретарь») becomes the person who holds it; a collective («члены РМО») makes the item a
discussion, which minutes record as «ОБСУДИЛИ:» / «ВЫСТУПИЛИ:», never «СЛУШАЛИ: члены РМО».
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import AgendaItem, Association, Person, TalkKind
from ..russian.declension import name_accusative, position_accusative
from ..russian.talks import TALK_WORDS, quoted, talk_of
from ..russian.text import surname_first, typography

_HEAD_ROLE = re.compile(r"^руководител[ья]\b", re.IGNORECASE)
_SECRETARY_ROLE = re.compile(r"^секретар[ья]\b", re.IGNORECASE)
_COLLECTIVE = re.compile(r"\b(члены|участники|все|педагоги|библиотекари)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Speakers:
    people: tuple[Person, ...]  # named people, in the order of the workbook
    others: tuple[str, ...]  # what cannot be named: «члены РМО»
    discussion: bool


def kind_word(association: Association) -> str:
    """«РМО»: the first word of the association's name is the kind of association."""
    words = association.name.split()
    return words[0] if words else "МО"


def speakers(item: AgendaItem, association: Association) -> Speakers:
    people = list(item.speakers)
    others: list[str] = []
    if not people and item.responsible:
        for part in re.split(r"[;,\n]|\s+и\s+", item.responsible):
            part = part.strip()
            if not part:
                continue
            if _HEAD_ROLE.match(part):
                people.append(association.head)
            elif _SECRETARY_ROLE.match(part) and association.secretary is not None:
                people.append(association.secretary)
            else:
                others.append(part)
    collective = any(_COLLECTIVE.search(part) for part in others)
    discussion = talk_of(item).kind is TalkKind.DISCUSSION or collective
    unique = tuple(dict.fromkeys(people))
    return Speakers(unique, tuple(others), discussion)


def role(person: Person, association: Association) -> tuple[str, str]:
    """The position and the place of a person in the minutes: the head is named by her role."""
    if person == association.head:
        return f"руководитель {kind_word(association)}", ""
    return person.position, person.institution


def accusative(person: Person, association: Association) -> str:
    """«Мазееву Р.В., педагога-библиотекаря СОШ п. Сорум»."""
    position, place = role(person, association)
    name = name_accusative(person) or surname_first(person.name)
    return typography(f"{name}, {position_accusative(position)}"
                      + (f" {place}" if place else ""))


def nominative(person: Person, association: Association) -> str:
    """«Мазеева Р.В., педагог-библиотекарь СОШ п. Сорум»."""
    position, place = role(person, association)
    return typography(f"{surname_first(person.name)}, {position}" + (f" {place}" if place else ""))


def joined(parts: list[str]) -> str:
    """«A, B и C» for people named with commas inside: «A, pos, и B, pos»."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + ", и " + parts[-1]


def heard_line(item: AgendaItem, association: Association, who: Speakers) -> str:
    """What follows «СЛУШАЛИ:»: the speakers in the accusative and what they spoke on."""
    found = talk_of(item)
    pattern = _SUBJECT[found.kind] if found.named else _SUBJECT[TalkKind.DISCUSSION]
    subject = pattern.format(title=found.title, about=found.about,
                             lesson=found.noun_prepositional)
    names = [accusative(p, association) for p in who.people] + list(who.others)
    if not names:
        return typography(f"{subject[0].upper()}{subject[1:]}.") if subject else ""
    return typography(f"{joined(names)}, {subject}.").replace(" ,", ",")


def spoke_line(association: Association, who: Speakers) -> str:
    """What follows «ВЫСТУПИЛИ:» in a discussion: the people named, then the others as typed."""
    parts = [nominative(p, association) for p in who.people] + list(who.others)
    return typography("; ".join(parts) + ".") if parts else ""


def discussed_line(item: AgendaItem) -> str:
    """What follows «ОБСУДИЛИ:»: «основные направления работы РМО …», without «Обсуждение»."""
    text = talk_of(item).topic
    match = re.match(r"^обсуждени[ея]\s+(?P<rest>.+)$", text, re.IGNORECASE | re.DOTALL)
    if match:
        declined = _genitive_to_accusative(match["rest"])
        # Not the shape expected: quoted as a question rather than left in the genitive.
        text = declined if declined is not None else \
            f"вопрос {quoted(match['rest'][0].upper() + match['rest'][1:])}"
    elif text and not text[:2].isupper():
        text = text[0].lower() + text[1:]
    return typography(text.rstrip(".") + ".")


# How СЛУШАЛИ names what was spoken on, by the kind of the talk.
_SUBJECT = {kind: words.heard for kind, words in TALK_WORDS.items()}


def _genitive_to_accusative(phrase: str) -> str | None:
    """«основных направлений работы РМО» → «основные направления работы РМО»: the leading
    adjectives and the first noun in the genitive are put in the accusative; the rest depends
    on them and stays."""
    from ..russian.declension import morph_analyzer

    morph = morph_analyzer()
    words = phrase.split(" ")
    out = []
    for i, word in enumerate(words):
        parses = [p for p in morph.parse(word) if "gent" in p.tag
                  and p.tag.POS in ("ADJF", "PRTF", "NOUN")]
        if not parses:
            return None
        parse = parses[0]
        number = "plur" if "plur" in parse.tag else "sing"
        inflected = parse.inflect({"accs", number, "inan"} if parse.tag.POS != "NOUN"
                                  else {"accs", number})
        if inflected is None:
            return None
        out.append(inflected.word)
        if parse.tag.POS == "NOUN":
            return " ".join(out + words[i + 1:])
    return None

