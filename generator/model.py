"""The school year of an association as read from its workbook: plain frozen records."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from .errors import Problem


class Labeled(enum.Enum):
    """A closed list whose values are the Russian words a user types in the workbook."""

    @property
    def label(self) -> str:
        return self.value


class PlanSection(Labeled):
    TASKS = "Задачи"
    DIRECTIONS = "Направления работы"
    FORMS = "Формы работы"
    RESULTS = "Ожидаемые результаты"


class Fulfilment(Labeled):
    DONE = "выполнена"
    PARTLY = "частично"
    NOT_DONE = "не выполнена"


class MemberStatus(Labeled):
    MEMBER = "член РМО"
    GUEST = "приглашённый"


class Sex(Labeled):
    FEMALE = "ж"
    MALE = "м"


class MeetingForm(Labeled):
    IN_PERSON = "очно"
    REMOTE = "дистанционно"


class TalkKind(Labeled):
    """What a speaker did at a meeting («Вид» on «Повестка»)."""

    SPEECH = "выступление"
    MESSAGE = "сообщение"
    REPORT = "доклад"
    MASTER_CLASS = "мастер-класс"
    PRESENTATION = "презентация"
    OPEN_LESSON = "открытое занятие"
    CONSULTATION = "консультация"
    DISCUSSION = "обсуждение"  # no certificate


class MeetingStatus(Labeled):
    PLANNED = ""
    CANCELLED = "отменено"
    MOVED = "перенесено"


class EventKind(Labeled):
    CONTEST = "конкурс"
    CONFERENCE = "конференция"
    SEMINAR = "семинар"
    WEBINAR = "вебинар"
    MASTER_CLASS = "мастер-класс"
    OPEN_EVENT = "открытое мероприятие"
    COURSES = "курсы повышения квалификации"
    PUBLICATION = "публикация"


class Level(Labeled):
    SCHOOL = "школьный"
    MUNICIPAL = "муниципальный"
    REGIONAL = "региональный"
    FEDERAL = "всероссийский"
    INTERNATIONAL = "международный"


class Result(Labeled):
    PARTICIPANT = "участник"
    LAUREATE = "лауреат"
    PRIZE_WINNER = "призёр"
    WINNER = "победитель"
    DIPLOMA = "диплом"
    CERTIFICATE = "сертификат"
    COURSE_CERTIFICATE = "удостоверение"


class Summary(Labeled):
    """The kinds of rows of the «Итоги» sheet (the year's conclusions, not the centre's
    summary report)."""

    CONCLUSIONS = "Выводы"
    PROBLEMS = "Проблемы"
    NEXT_TASKS = "Задачи на следующий год"


@dataclass(frozen=True)
class SchoolYear:
    start: int

    @property
    def label(self) -> str:
        """«2025/2026», as documents write it."""
        return f"{self.start}/{self.start + 1}"

    @property
    def folder(self) -> str:
        """«2025-2026»: a slash cannot stand in a folder name."""
        return f"{self.start}-{self.start + 1}"

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.start, 8, 1)

    @property
    def last_day(self) -> dt.date:
        return dt.date(self.start + 1, 7, 31)



def year_label(folder: str) -> str:
    """«2025/2026» of a year folder's name «2025-2026»: SchoolYear.label of SchoolYear.folder,
    and any other folder name the archive keeps written the same way."""
    return folder.replace("-", "/")

@dataclass(frozen=True)
class Person:
    name: str  # as typed on «Участники»: the key other sheets refer to
    position: str
    institution: str
    status: MemberStatus = MemberStatus.MEMBER
    sex: Sex | None = None  # from the optional «Пол» column; None: told from the name

    @property
    def is_member(self) -> bool:
        return self.status is MemberStatus.MEMBER


@dataclass(frozen=True)
class Association:
    name: str
    year: SchoolYear
    theme: str
    head: Person
    secretary: Person | None = None
    full_name: str = ""
    organisation: str = ""
    place: str = ""
    town: str = ""  # «Населённый пункт»: where documents are drawn up
    certificate_signer: str = ""  # «Подписывает справки», e.g. «Директор МАУ «БМЦ» Е.А. Иванова»
    goal: str = ""  # «Цель»: the year's aim, for the passport
    # parameter -> its «Значение» cell («Подписывает справки» -> «B12»): where a document
    # that cannot be issued sends the user
    cells: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Task:
    text: str
    fulfilment: Fulfilment | None = None
    comment: str = ""


@dataclass(frozen=True)
class Plan:
    tasks: tuple[Task, ...] = ()
    directions: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()
    results: tuple[str, ...] = ()


@dataclass(frozen=True)
class CalendarRow:
    section: str
    period: str
    content: str
    responsible: str
    meeting: int | None = None


@dataclass(frozen=True)
class AgendaItem:
    meeting: int
    text: str
    speakers: tuple[Person, ...] = ()
    responsible: str = ""
    heard: str = ""
    decisions: tuple[str, ...] = ()
    given: bool = True
    kind: TalkKind | None = None  # «Вид»; None when empty (told from the text where needed)
    vote: str = ""  # «Голосование»: how the decision was taken
    # column -> the cell of this item's row («Решили» -> «F15»), for messages about it
    cells: dict[str, str] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True)
class Mark:
    """One attendance mark: present, or absent with an optional reason."""

    present: bool
    reason: str = ""


@dataclass(frozen=True)
class Meeting:
    number: int
    period: str
    date: dt.date | None = None
    place: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    reason: str = ""
    items: tuple[AgendaItem, ...] = ()
    form: MeetingForm = MeetingForm.IN_PERSON
    # person name -> mark; people without a mark have no mark for this meeting
    attendance: dict[str, Mark] = field(default_factory=dict, hash=False, compare=False)

    @property
    def held(self) -> bool:
        """The one rule: a date and not cancelled (cancellation wins over a date)."""
        return self.date is not None and self.status is not MeetingStatus.CANCELLED


@dataclass(frozen=True)
class Participation:
    person: Person
    event: str
    kind: EventKind
    level: Level
    result: Result | None = None
    date: str = ""
    hours: float | None = None


@dataclass(frozen=True)
class Workbook:
    association: Association
    plan: Plan
    people: tuple[Person, ...]
    calendar: tuple[CalendarRow, ...]
    meetings: tuple[Meeting, ...]
    participation: tuple[Participation, ...] = ()
    summary: dict[Summary, tuple[str, ...]] = field(default_factory=dict, hash=False)
    # What the reader noticed but did not stop for (generator.errors.Problem, severity WARNING).
    warnings: tuple[Problem, ...] = field(default=(), compare=False)
    # Whether the optional sheets were there at all: a missing sheet means «not entered»,
    # never «nothing happened».
    participation_entered: bool = True
    summary_entered: bool = True

    @property
    def members(self) -> tuple[Person, ...]:
        return tuple(p for p in self.people if p.is_member)

    @property
    def held_meetings(self) -> tuple[Meeting, ...]:
        return tuple(m for m in self.meetings if m.held)

    def protocol_number(self, meeting: Meeting) -> int:
        """Protocols are numbered in the order the meetings were held within the school year,
        not by the plan: a cancelled meeting leaves no gap («№ 1, № 3» would ask for № 2)."""
        held = sorted(self.held_meetings, key=lambda m: (m.date, m.number))
        return 1 + next(i for i, m in enumerate(held) if m.number == meeting.number)

    def meeting(self, number: int) -> Meeting | None:
        return next((m for m in self.meetings if m.number == number), None)
