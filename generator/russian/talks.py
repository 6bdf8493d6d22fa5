"""What a speaker did at a meeting and on what topic, told from an agenda item.

One rule for certificates, extracts, minutes, the programme and the analysis: the kind comes
from the «Вид» column, or is recognised from the head of the text («Выступление по теме «X»»,
«Мастер-класс «X»», «Сообщение «X»» …); the topic is the bare title, without the kind and its
outer quotes. A title is printed in «ёлочки», a quotation inside it in „лапках“.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import AgendaItem, TalkKind
from .text import strip_numbering, typography


@dataclass(frozen=True)
class TalkWords:
    """The word forms of one kind of talk (model.TalkKind), for every paper that names it."""

    head: str  # the words at the head of an agenda item that name its kind (a pattern)
    heard: str  # the protocol's СЛУШАЛИ: «… с докладом {title}»
    # The certificate: (feminine verb, masculine verb, object), and the phrasing that needs
    # no gender: (passive verb, noun).
    did: tuple[str, str, str] | None = None
    done: tuple[str, str] | None = None
    noun: str | None = None  # the record over the years: the talk as a noun phrase
    # Other spellings «Вид» accepts for the kind (the kind's value is the word itself).
    also: tuple[str, ...] = ()


# Every kind of talk in words, declared once; the order is the order they are tried in.
TALK_WORDS: dict[TalkKind, TalkWords] = {
    TalkKind.SPEECH: TalkWords(
        r"выступлени[ея]", "с выступлением по теме {title}",
        ("выступила", "выступил", "по теме {title}"),
        ("заслушано", "выступление{who} по теме {title}"), "выступление по теме {title}"),
    TalkKind.MESSAGE: TalkWords(
        r"сообщени[ея]", "с сообщением {title}",
        ("выступила", "выступил", "с сообщением {title}"),
        ("заслушано", "сообщение{who} {title}"), "сообщение {title}"),
    TalkKind.REPORT: TalkWords(
        r"доклад", "с докладом {title}",
        ("выступила", "выступил", "с докладом {title}"),
        ("заслушан", "доклад{who} {title}"), "доклад {title}"),
    TalkKind.MASTER_CLASS: TalkWords(
        r"мастер[- ]класс", "с мастер-классом {title}",
        ("провела", "провёл", "мастер-класс {title}"),
        ("проведён", "мастер-класс{who} {title}"), "мастер-класс {title}",
        also=("мастер класс",)),
    TalkKind.PRESENTATION: TalkWords(
        r"презентаци[яи]", "с презентацией {title}",
        ("представила", "представил", "опыт работы по теме {title}"),
        ("представлен", "опыт работы{who} по теме {title}"),
        "презентация опыта работы по теме {title}"),
    TalkKind.OPEN_LESSON: TalkWords(
        r"открыт(?:ое|ый|ой|ого|ым)\s+(?:заняти[ея]|урок|мероприяти[ея])",
        "о проведённом {lesson} {title}",
        ("провела", "провёл", "{noun} {title}"), ("{done}", "{noun}{who} {title}"),
        "{noun} {title}", also=("открытый урок", "открытое мероприятие")),
    TalkKind.CONSULTATION: TalkWords(
        r"(?:методическ(?:ая|ие)\s+)?консультаци[яи]",
        "с методической консультацией {about}",
        ("провела", "провёл", "методическую консультацию {about}"),
        ("проведена", "методическая консультация{who} {about}"),
        "методическая консультация {about}", also=("методическая консультация",)),
    TalkKind.DISCUSSION: TalkWords(r"обсуждени[ея]", "по вопросу {title}"),
}
_KIND_WORDS = {kind: words.head for kind, words in TALK_WORDS.items()}
# What may stand between the kind and the title: «по теме», «на тему», «из опыта работы» …
_LINK = (r"(?P<link>\s+(?:из\s+)?опыта\s+работы(?:\s+по\s+теме)?\s*:?"
         r"|\s+(?:по\s+теме|на\s+тему|по\s+вопросу)\s*:?|\s*:)?")
_HEAD = re.compile(
    r"^(?P<kind>" + "|".join(f"(?P<k{i}>{w})" for i, w in enumerate(_KIND_WORDS.values()))
    + r")" + _LINK + r"\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
# «Методическая консультация по формированию заявки …»: a consultation is on a matter, told
# in the dative after «по» (or «о»), not a title in quotes.
_CONSULTATION = re.compile(r"^(?:методическ(?:ая|ие)\s+)?консультаци[яи]\s+"
                           r"(?P<subject>(?:по|о|об)\s+(?!теме\b).*)$", re.IGNORECASE | re.DOTALL)
# «… по ФПУ. Работа с АИС …»: a second sentence inside the subject becomes a clause, since the
# subject stands inside a certificate's sentence.
_SENTENCE = re.compile(r"\.\s+(?P<first>[А-ЯЁ])(?=[а-яё])")
# The spaces before «по теме» are taken whole and only where they begin: a cell of thousands
# of blank lines is read in linear time, not in the square of its length.
_ON_TOPIC = re.compile(r"^(?P<lead>.*?)(?<!\s)\s++(?:по\s+теме|на\s+тему)\s*:?\s*(?P<rest>«.*)$",
                       re.IGNORECASE | re.DOTALL)


@dataclass(frozen=True)
class Talk:
    kind: TalkKind
    topic: str  # the bare title, quotes inside it as «…» (quoted() turns them into „…“)
    named: bool = True  # the kind was given in «Вид» or read from the text, not assumed
    # «по формированию заявки …»: what a consultation was on, when the text says it that way
    # instead of giving a title; printed as it stands, without quotes.
    subject: str = ""
    # The item's own word for an open lesson («урок», «занятие», «мероприятие»): documents
    # say «провёл открытый урок «X»», never «открытое занятие «Открытый урок …»».
    lesson: str = "занятие"

    @property
    def noun(self) -> str:
        """«открытый урок»: the open lesson as the item names it (accusative = nominative)."""
        return _LESSONS[self.lesson][0]

    @property
    def noun_prepositional(self) -> str:
        """«открытом уроке», for «СЛУШАЛИ: … о проведённом открытом уроке «X»»: nobody is
        heard «с открытым уроком»."""
        return _LESSONS[self.lesson][2]

    @property
    def done(self) -> str:
        """«проведён», agreeing with the lesson's noun in the certificate's passive phrasing."""
        return _LESSONS[self.lesson][1]

    @property
    def about(self) -> str:
        """«по формированию заявки …» or «по теме «…»»: the object of «провела консультацию»."""
        return self.subject or f"по теме {self.title}"

    @property
    def title(self) -> str:
        """«Сетевые проекты чтения», with „…“ inside: how every document prints the topic."""
        return quoted(self.topic)

    @property
    def certified(self) -> bool:
        """A discussion is nobody's talk: it gets no certificate."""
        return self.kind is not TalkKind.DISCUSSION


_LESSONS = {  # the noun, its passive participle, the noun in the prepositional
    "занятие": ("открытое занятие", "проведено", "открытом занятии"),
    "урок": ("открытый урок", "проведён", "открытом уроке"),
    "мероприятие": ("открытое мероприятие", "проведено", "открытом мероприятии"),
}
_LESSON_WORD = re.compile(r"^открыт\w*\s+(?P<word>заняти|урок|мероприяти)", re.IGNORECASE)


def _lesson(body: str) -> str:
    found = _LESSON_WORD.match(body)
    if not found:
        return "занятие"
    return {"заняти": "занятие", "урок": "урок", "мероприяти": "мероприятие"}[
        found["word"].lower()]


def talk(text: str, kind: TalkKind | None = None) -> Talk:
    """The kind and the topic of an agenda item's text; `kind` is the «Вид» column, if given.

    «Выступление по теме «Мастер-класс в библиотеке»» → выступление, «Мастер-класс в
    библиотеке»; «Мастер-класс «Буктрейлер за 30 минут»» → мастер-класс, «Буктрейлер за 30
    минут».
    """
    body = typography(strip_numbering(text)).strip().rstrip(".").strip()
    consultation = _CONSULTATION.match(body)
    if consultation and kind in (None, TalkKind.CONSULTATION):
        # The topic stays the whole text (it keys the certificate's number in the register).
        return Talk(TalkKind.CONSULTATION, _balanced(body), True,
                    _subject(_balanced(consultation["subject"].strip())))
    found = kind
    topic = body
    head = _HEAD.match(body)
    if head:
        rest = head["rest"].strip()
        bare = _unquote(rest)
        if bare is not None or (head["link"] and rest) or not rest:
            found = found or _kind_of(head)
            topic = bare if bare is not None else (rest or body)
        # else «Мастер-класс в библиотеке как форма работы»: a topic that starts with a kind
    else:
        on_topic = _ON_TOPIC.match(body)
        if on_topic:
            bare = _unquote(on_topic["rest"])
            if bare is not None:
                topic = bare
        else:
            bare = _unquote(body)
            topic = bare if bare is not None else body
    if found is None and re.match(_KIND_WORDS[TalkKind.DISCUSSION], body, re.IGNORECASE):
        found = TalkKind.DISCUSSION
    return Talk(found or TalkKind.SPEECH, _balanced(topic) or body, found is not None,
                lesson=_lesson(body))


def _subject(subject: str) -> str:
    """«по формированию заявки. Работа с АИС «Книгозаказ»» → «по формированию заявки (работа
    с АИС «Книгозаказ»)»: a second sentence cannot be declined safely into the certificate's
    sentence, so it stands in brackets as typed."""
    found = _SENTENCE.search(subject)
    if not found:
        return subject
    first, rest = subject[:found.start()], subject[found.start() + 1:].strip().rstrip(".")
    if rest[:1].isupper() and not rest[1:2].isupper():
        rest = rest[0].lower() + rest[1:]
    return f"{first} ({rest})"


def _kind_of(head: re.Match) -> TalkKind:
    for i, name in enumerate(_KIND_WORDS):
        if head[f"k{i}"]:
            return name
    raise AssertionError("one of the kind groups matched")


def _unquote(text: str) -> str | None:
    """The inside of a text that is one quotation «…» from end to end, else None.

    A closing quote missing at the very end («Буктрейлер «за 30 минут») is forgiven: people
    type the inner closing quote and forget the outer one.
    """
    if not text.startswith("«"):
        return None
    depth = 0
    for i, char in enumerate(text):
        if char == "«":
            depth += 1
        elif char == "»":
            depth -= 1
            if depth == 0:
                return text[1:i] if text[i + 1:].strip(" .") == "" else None
    return text[1:]


def _balanced(text: str) -> str:
    """Quotes inside a title balanced: a missing closing quote added at the end."""
    text = text.strip()
    depth = 0
    out = []
    for char in text:
        if char == "«":
            depth += 1
        elif char == "»":
            if depth == 0:
                continue  # a stray closing quote has nothing to close
            depth -= 1
        out.append(char)
    return "".join(out) + "»" * depth


def quoted(topic: str) -> str:
    """«topic» with every quotation inside it turned into „лапки“: «Проект „Читаем вместе“»."""
    inner = _balanced(typography(topic)).replace("«", "„").replace("»", "“")
    return f"«{inner}»"


def talk_of(item: AgendaItem) -> Talk:
    """The talk of an agenda item, with its «Вид» when the user gave one."""
    return talk(item.text, item.kind)
