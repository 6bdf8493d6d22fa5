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

from ..model import Person
from .text import full_name_parts, split_name

FEMALE, MALE = "ж", "м"


@lru_cache(maxsize=1)
def _petrovich():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


@lru_cache(maxsize=1)
def morph_analyzer():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def _parts(person: Person) -> tuple[str, str, str]:
    """Surname, first name and patronymic of a full name; empty names when only initials."""
    parts = full_name_parts(person.name)
    if parts is not None:
        return parts
    words = person.name.replace(",", " ").split()
    return words[0] if words else "", "", ""


def gender(person: Person) -> str | None:
    """ж, м, or None when the name does not tell (and no «Пол» was given)."""
    if person.sex is not None:
        return person.sex.value
    from pytrovich.enums import Gender

    surname, first, middle = _parts(person)
    _, detector = _petrovich()
    found = detector.detect(firstname=first or None, lastname=surname or None,
                            middlename=middle or None)
    return {Gender.FEMALE: FEMALE, Gender.MALE: MALE}.get(found)


def name_dative(person: Person) -> str | None:
    """«Орловой Ю.А.» or «Орловой Юлии Александровне»; None when the gender is unknown."""
    return _name_in(person, "datv")


def name_accusative(person: Person) -> str | None:
    """«Леонтьеву Н.А.», for «СЛУШАЛИ:»; None when the gender is unknown."""
    return _name_in(person, "accs")


def _name_in(person: Person, case: str) -> str | None:
    sex = gender(person)
    if sex is None:
        return None
    from pytrovich.enums import Case, Gender, NamePart

    maker, _ = _petrovich()
    g = Gender.FEMALE if sex == FEMALE else Gender.MALE
    petrovich_case = {"datv": Case.DATIVE, "accs": Case.ACCUSATIVE}[case]
    surname, first, middle = _parts(person)

    def decline(part, word: str) -> str:
        # Double surnames (Петрова-Водкина) decline part by part.
        return "-".join(maker.make(part, g, petrovich_case, piece) for piece in word.split("-"))

    if first and case == "accs":
        # The minutes name people as their lists do, with initials: «Орлову Ю.А.».
        initials = first[0] + "." + (middle[0] + "." if middle else "")
        return f"{decline(NamePart.LASTNAME, surname)}\u00a0{initials}"
    if first:
        words = [decline(NamePart.LASTNAME, surname), decline(NamePart.FIRSTNAME, first)]
        if middle:
            words.append(decline(NamePart.MIDDLENAME, middle))
        return " ".join(words)
    _, initials = split_name(person.name)
    return f"{decline(NamePart.LASTNAME, surname)}\u00a0{initials}" if initials else \
        decline(NamePart.LASTNAME, surname)


def name_genitive_any(person: Person) -> str | None:
    """«Н.Н. Бойко» for «выступление Н.Н. Бойко»: the genitive with initials first, given only
    when it is the same for a woman and a man (Бойко, Черных, Ким), so it is right whoever
    spoke; None for a surname whose genitive tells the gender (Касьян: Касьяна or Касьян)."""
    from pytrovich.enums import Case, Gender, NamePart

    maker, _ = _petrovich()
    surname, _, _ = _parts(person)
    if not surname:
        return None
    forms = {"-".join(maker.make(NamePart.LASTNAME, g, Case.GENITIVE, piece)
                      for piece in surname.split("-")) for g in (Gender.FEMALE, Gender.MALE)}
    if len(forms) != 1:
        return None
    _, initials = split_name(person.name)
    word = forms.pop()
    return f"{initials.replace(' ', '')}\u00a0{word}" if initials else word


def position_dative(position: str) -> str:
    """«педагогу-библиотекарю», «заведующему библиотекой», «учителю русского языка»."""
    return _position_in(position, "datv")


def position_accusative(position: str) -> str:
    """«педагога-библиотекаря», «заведующего библиотекой», «руководителя РМО»."""
    return _position_in(position, "accs")


@lru_cache(maxsize=512)
def _position_in(position: str, case: str) -> str:
    """The words in the nominative at the head of the phrase are declined; the first word in
    another case (библиотекой, языка) or not a word (РМО, «БМЦ») and everything after it stay
    as they are.
    """
    morph = morph_analyzer()
    out = []
    declining = True
    for token in re.split(r"(\s+)", position):
        if not declining or not token.strip() or not re.search("[а-яё]", token, re.I):
            if token.strip():
                declining = False
            out.append(token)
            continue
        pieces = []
        for piece in token.split("-"):
            declined = _word_in(morph, piece, case) if declining else None
            if declined is None:
                declining = False
                pieces.append(piece)
            else:
                pieces.append(declined)
        out.append("-".join(pieces))
    return "".join(out)


def _word_in(morph, word: str, case: str) -> str | None:
    """The word in the case, if it is a nominative singular of a noun or adjective, else None.

    Positions name people, so the animate forms are taken (педагога, заведующего).
    """
    if not re.fullmatch("[а-яё]+", word, re.I):
        return None
    parses = [p for p in morph.parse(word)
              if "nomn" in p.tag and "sing" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF")]
    parses.sort(key=lambda p: "anim" not in p.tag)
    for parse in parses:
        animate = case == "accs" and parse.tag.POS != "NOUN" and "masc" in parse.tag
        wanted = {case, "anim"} if animate else {case}
        inflected = parse.inflect(wanted)
        if inflected is not None:
            result = inflected.word
            return result[0].upper() + result[1:] if word[0].isupper() else result
    return None


def phrase_instrumental(phrase: str) -> str | None:
    """«карантин по гриппу» → «карантином по гриппу», for «в связи с …»; None when the phrase
    does not start with a noun (or adjectives and a noun) in the nominative that can be declined
    for sure: a free text is never guessed at.
    """
    morph = morph_analyzer()
    words = phrase.strip().split(" ")
    out: list[str] = []
    for i, word in enumerate(words):
        if not re.fullmatch("[а-яё]+", word, re.I):
            return None
        parses = [p for p in morph.parse(word) if "nomn" in p.tag
                  and p.tag.POS in ("NOUN", "ADJF", "PRTF") and p.score >= 0.3]
        if not parses:
            return None
        parse = parses[0]
        number = "plur" if "plur" in parse.tag else "sing"
        inflected = parse.inflect({"ablt", number})
        if inflected is None:
            return None
        out.append(inflected.word)
        if parse.tag.POS == "NOUN":
            return " ".join(out + words[i + 1:])
    return None
