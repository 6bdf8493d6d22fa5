"""The word forms of every closed list (the enums of generator.model), declared once.

For each value: the other spellings the workbook accepts for it (generator.workbook.contract
builds its cell types and drop-downs from these tables) and the forms the documents print.
The value itself is the word typed and shown in the workbook. Talks have their own table,
generator.russian.talks.TALK_WORDS, with their spellings beside their other forms; month names
are in generator.russian.text. One list is the workbook's own, not the model's: «Проведено»
of an agenda item (Given), read into a flag; so are the attendance marks.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from ..model import (
    EventKind,
    Fulfilment,
    Level,
    MeetingForm,
    MeetingStatus,
    MemberStatus,
    PlanSection,
    Result,
    Sex,
    Summary,
)
from .declension import FEMALE, MALE, gender
from .text import NBSP, singular

if TYPE_CHECKING:
    from ..model import Person

E = TypeVar("E", bound=enum.Enum)


# --- lists the documents print as their values: only the other spellings ---------------------

MEMBER_STATUS_ALSO: dict[MemberStatus, tuple[str, ...]] = {
    MemberStatus.MEMBER: ("член", "участник"),
    MemberStatus.GUEST: ("гость", "приглашенная", "приглашённая", "приглашен", "приглашена"),
}
SEX_ALSO: dict[Sex, tuple[str, ...]] = {
    Sex.FEMALE: ("жен", "женский", "ж.", "f"), Sex.MALE: ("муж", "мужской", "м.", "m"),
}
PLAN_SECTION_ALSO: dict[PlanSection, tuple[str, ...]] = {
    PlanSection.TASKS: ("задача",),
    PlanSection.DIRECTIONS: ("направление работы", "направления"),
    PlanSection.FORMS: ("форма работы", "формы"),
    PlanSection.RESULTS: ("ожидаемый результат", "результаты"),
}
RESULT_ALSO: dict[Result, tuple[str, ...]] = {
    Result.WINNER: ("1 место", "первое место", "гран-при"),
    Result.PRIZE_WINNER: ("2 место", "3 место", "второе место", "третье место", "призер"),
    Result.PARTICIPANT: ("участие", "участница"),
    Result.LAUREATE: ("лауреатка",),
}
SUMMARY_ALSO: dict[Summary, tuple[str, ...]] = {
    Summary.CONCLUSIONS: ("вывод",), Summary.PROBLEMS: ("проблема",),
    Summary.NEXT_TASKS: ("задачи на следующий учебный год",),
}


# --- the workbook's own marks: «Проведено» of an agenda item, «Посещаемость» ----------------

class Given(enum.Enum):
    """«Проведено» of an agenda item; the reader turns it into AgendaItem.given."""

    YES = "да"
    NO = "нет"


GIVEN_ALSO: dict[Given, tuple[str, ...]] = {
    Given.YES: ("+", "проведено", "проведен"),
    Given.NO: ("-", "не проведено", "не проведен"),
}


# The marks of «Посещаемость» read as present and as absent; any other word is a reason of
# absence («болезнь»).
PRESENT_MARKS = ("+", "да", "был", "была", "присутствовал", "присутствовала", "✓", "✔", "v")
ABSENT_MARKS = ("-", "–", "—", "н", "нет", "н/я", "отс", "отсутствовал", "отсутствовала")


# --- a guest ---------------------------------------------------------------------------------

# A guest named in a list of members or of talks, by gender (None: the name does not tell).
GUEST_MARK = {FEMALE: "приглашённая", MALE: "приглашённый", None: "приглашённый участник"}


def guest_mark(person: Person) -> str:
    """« (приглашённая)» after a guest's name: not counted among the members; "" for a member."""
    if person.is_member:
        return ""
    return f" ({GUEST_MARK[gender(person)]})"


# --- task fulfilment -------------------------------------------------------------------------

@dataclass(frozen=True)
class FulfilmentWords:
    also: tuple[str, ...]
    # The analysis's count of tasks of this value: «полностью выполнено 3», «частично – 1»;
    # {done} is «выполнена» or «выполнено», agreeing with {n}.
    count: str


FULFILMENT_WORDS = {
    Fulfilment.DONE: FulfilmentWords(("выполнено", "выполнен", "выполнены"),
                                     "полностью {done} {n}"),
    Fulfilment.PARTLY: FulfilmentWords(("частично выполнена", "выполнена частично",
                                        "выполнено частично"), f"частично{NBSP}– {{n}}"),
    Fulfilment.NOT_DONE: FulfilmentWords(("не выполнено", "не выполнен", "не выполнены"),
                                         f"не {{done}}{NBSP}– {{n}}"),
}


def done_word(n: int) -> str:
    """«1 задача выполнена», «3 задачи выполнено»."""
    return "выполнена" if singular(n) else "выполнено"


# --- meetings --------------------------------------------------------------------------------

@dataclass(frozen=True)
class MeetingStatusWords:
    also: tuple[str, ...]
    said: str  # what a document says of the meeting: «Заседание № 2 отменено»


MEETING_STATUS_WORDS = {
    MeetingStatus.CANCELLED: MeetingStatusWords(("отменен", "отменена", "отмена"), "отменено"),
    MeetingStatus.MOVED: MeetingStatusWords(("перенесен", "перенесена", "перенос"),
                                            "перенесено"),
}

FORM_ALSO: dict[MeetingForm, tuple[str, ...]] = {
    MeetingForm.IN_PERSON: ("очная", "очное", "офлайн"),
    MeetingForm.REMOTE: ("дистанционная", "дистанционное", "онлайн", "заочно"),
}
# A place beginning with one of these makes the meeting remote when «Форма» is empty; the
# first is what a document says for the place of a remote meeting with none given.
REMOTE_PLACE = ("дистанционно", "онлайн")


# --- participation in events ---------------------------------------------------------------

@dataclass(frozen=True)
class EventKindWords:
    also: tuple[str, ...]
    plural: str  # the analysis's table by kind: «конкурсы»
    stem: str  # how an event's own title begins when it names its kind: «Конкурс «…»»
    genitive: str  # «призёр муниципального конкурса «…»»
    gender: str  # of the genitive noun, for the level's ending: m, f, or p (plural)


EVENT_KIND_WORDS = {
    EventKind.CONTEST: EventKindWords((), "конкурсы", "конкурс", "конкурса", "m"),
    EventKind.CONFERENCE: EventKindWords(("научно-практическая конференция",), "конференции",
                                         "конференци", "конференции", "f"),
    EventKind.SEMINAR: EventKindWords((), "семинары", "семинар", "семинара", "m"),
    EventKind.WEBINAR: EventKindWords((), "вебинары", "вебинар", "вебинара", "m"),
    EventKind.MASTER_CLASS: EventKindWords(("мастер класс",), "мастер-классы", "мастер-класс",
                                           "мастер-класса", "m"),
    EventKind.OPEN_EVENT: EventKindWords((), "открытые мероприятия", "мероприяти",
                                         "открытого мероприятия", "m"),
    EventKind.COURSES: EventKindWords(("курсы", "курсы пк", "повышение квалификации"),
                                      "курсы повышения квалификации", "курс",
                                      "курсов повышения квалификации", "p"),
    EventKind.PUBLICATION: EventKindWords((), "публикации", "публикаци", "публикации", "f"),
}


@dataclass(frozen=True)
class LevelWords:
    also: tuple[str, ...]
    stem: str  # the adjective without its ending: «муниципальн»


LEVEL_WORDS = {
    Level.SCHOOL: LevelWords(("школа",), "школьн"),
    Level.MUNICIPAL: LevelWords(("районный", "городской", "муниципалитет"), "муниципальн"),
    Level.REGIONAL: LevelWords(("окружной", "областной", "краевой", "республиканский"),
                               "региональн"),
    Level.FEDERAL: LevelWords(("федеральный", "российский"), "всероссийск"),
    Level.INTERNATIONAL: LevelWords(("мировой",), "международн"),
}
_GENITIVE_ENDING = {"m": "ого", "f": "ой", "p": "ых"}


def level_genitive(level: Level, kind: EventKind) -> str:
    """«муниципального» (конкурса), «региональной» (конференции), «школьных» (курсов)."""
    return LEVEL_WORDS[level].stem + _GENITIVE_ENDING[EVENT_KIND_WORDS[kind].gender]


class _Words(Protocol):
    @property
    def also(self) -> tuple[str, ...]: ...


def also(table: Mapping[E, _Words]) -> dict[E, tuple[str, ...]]:
    """The other spellings of each value of a table of word forms."""
    return {value: words.also for value, words in table.items()}
