"""Names and positions in the dative case, for the speakers' papers («Дана Орловой Ю.А.,
педагогу-библиотекарю …»).

Names are declined by pytrovich (the petrovich rules for Russian anthroponyms), positions by
pymorphy3's dictionary; both are imported only when papers are made. Where the gender cannot
be told from the name (Бойко, Петренко, Касьян with initials only), nothing is guessed: the
caller keeps the name as it is and uses a phrasing that needs no gender.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import Person
from .text import split_name

FEMALE, MALE = "ж", "м"


@lru_cache(maxsize=1)
def _petrovich():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


@lru_cache(maxsize=1)
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _parts(person: Person) -> tuple[str, str, str]:
    """Surname, first name and patronymic of a full name; empty names when only initials."""
    words = person.name.replace(",", " ").split()
    if len(words) >= 3 and "." not in person.name:
        return words[0], words[1], " ".join(words[2:])
    if len(words) == 2 and "." not in person.name:
        return words[0], words[1], ""
    return words[0] if words else "", "", ""


def gender(person: Person) -> str | None:
    """ж, м, or None when the name does not tell (and no «Пол» was given)."""
    if person.sex:
        return person.sex
    from pytrovich.enums import Gender

    surname, first, middle = _parts(person)
    _, detector = _petrovich()
    found = detector.detect(firstname=first or None, lastname=surname or None,
                            middlename=middle or None)
    return {Gender.FEMALE: FEMALE, Gender.MALE: MALE}.get(found)


def name_dative(person: Person) -> str | None:
    """«Орловой Ю.А.» or «Орловой Юлии Александровне»; None when the gender is unknown."""
    sex = gender(person)
    if sex is None:
        return None
    from pytrovich.enums import Case, Gender, NamePart

    maker, _ = _petrovich()
    g = Gender.FEMALE if sex == FEMALE else Gender.MALE
    surname, first, middle = _parts(person)

    def decline(part, word: str) -> str:
        # Double surnames (Петрова-Водкина) decline part by part.
        return "-".join(maker.make(part, g, Case.DATIVE, piece) for piece in word.split("-"))

    if first:
        words = [decline(NamePart.LASTNAME, surname), decline(NamePart.FIRSTNAME, first)]
        if middle:
            words.append(decline(NamePart.MIDDLENAME, middle))
        return " ".join(words)
    _, initials = split_name(person.name)
    return f"{decline(NamePart.LASTNAME, surname)}\u00a0{initials}" if initials else \
        decline(NamePart.LASTNAME, surname)


@lru_cache(maxsize=256)
def position_dative(position: str) -> str:
    """«педагогу-библиотекарю», «заведующему библиотекой», «учителю русского языка».

    The words in the nominative at the head of the phrase are declined; the first word in
    another case (библиотекой, языка) and everything after it stays as it is.
    """
    morph = _morph()
    out = []
    declining = True
    for token in re.split(r"(\s+)", position):
        if not declining or not token.strip() or not re.search("[а-яё]", token, re.I):
            out.append(token)
            continue
        pieces = []
        for piece in token.split("-"):
            declined = _dative_word(morph, piece)
            if declined is None:
                declining = False
                pieces.append(piece)
            else:
                pieces.append(declined)
        out.append("-".join(pieces))
    return "".join(out)


def _dative_word(morph, word: str) -> str | None:
    """The dative of a word in the nominative singular, or None when it is not one."""
    if not re.fullmatch("[а-яё]+", word, re.I):
        return None
    for parse in morph.parse(word):
        tag = parse.tag
        if "nomn" in tag and "sing" in tag and tag.POS in ("NOUN", "ADJF", "PRTF"):
            inflected = parse.inflect({"datv"})
            if inflected is not None:
                result = inflected.word
                return result[0].upper() + result[1:] if word[0].isupper() else result
    return None
