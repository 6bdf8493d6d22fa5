"""The figures of the May analysis, computed from the workbook and nothing else.

Kept apart from the wording: every number here is testable on a workbook built in a test.
Percentages are whole numbers rounded half up (text.share).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from ..model import (
    AgendaItem,
    EventKind,
    Fulfilment,
    Level,
    Meeting,
    MeetingStatus,
    Participation,
    Person,
    Result,
    Task,
    Workbook,
)
from ..russian.talks import talk_of
from ..russian.text import share, sort_key

HIGH_RESULTS = (Result.WINNER, Result.PRIZE_WINNER, Result.LAUREATE)


@dataclass(frozen=True)
class MeetingRow:
    """One held meeting's attendance."""

    meeting: Meeting
    present: int  # members present
    members: int  # members on the roster
    share: int
    guests: int
    date: dt.date  # the meeting's date (a held meeting has one)


@dataclass(frozen=True)
class MeetingTalk:
    """A talk of the agenda with its meeting: given, or planned and missed."""

    meeting: Meeting
    item: AgendaItem
    topic: str


@dataclass(frozen=True)
class MemberAttendance:
    person: Person
    attended: int
    held: int
    share: int


@dataclass(frozen=True)
class InstitutionAttendance:
    institution: str
    members: int
    attended: int
    possible: int
    share: int


@dataclass(frozen=True)
class Figures:
    members: tuple[Person, ...]
    institutions: int
    by_position: tuple[tuple[str, int], ...]
    tasks: tuple[Task, ...]
    tasks_by_fulfilment: dict[Fulfilment, int]
    planned: int
    held: int
    held_share: int
    cancelled: tuple[Meeting, ...]
    moved: tuple[Meeting, ...]
    meetings: tuple[MeetingRow, ...]
    presences: int  # members' presences at held meetings
    possible_presences: int  # members × held meetings
    average_attendance: int  # presences of possible_presences, %
    talks_planned: int
    talks_given: tuple[MeetingTalk, ...]
    talks_missed: tuple[MeetingTalk, ...]  # planned with a speaker, not given (or meeting not held)
    talks_share: int
    speakers: tuple[Person, ...]  # distinct members who spoke
    speakers_share: int
    participation: tuple[Participation, ...]
    events: int  # distinct events members took part in
    by_kind: tuple[tuple[EventKind, int, int], ...]  # kind, entries, distinct members
    by_level: tuple[tuple[Level, int], ...]
    high_results: tuple[Participation, ...]
    courses: tuple[Participation, ...]
    course_hours: float
    participants: int  # distinct members with any participation
    inactive: tuple[Person, ...]  # members with no talk and no participation
    by_member: tuple[MemberAttendance, ...]  # most missed first
    by_institution: tuple[InstitutionAttendance, ...]
    interim: bool
    as_of: dt.date | None


def topic(item: AgendaItem) -> str:
    """The bare topic of a talk (talks.talk_of): the title without its kind and quotes."""
    return talk_of(item).topic


def compute(workbook: Workbook) -> Figures:
    members = workbook.members
    member_names = {p.name for p in members}
    held = workbook.held_meetings
    cancelled = tuple(m for m in workbook.meetings if m.status is MeetingStatus.CANCELLED)
    moved = tuple(m for m in workbook.meetings if m.status is MeetingStatus.MOVED)
    planned = len(workbook.meetings)

    rows = _meeting_rows(workbook)
    presences = sum(r.present for r in rows)
    possible_presences = len(members) * len(held)

    talks_planned = [(m, i) for m in workbook.meetings for i in m.items if i.speakers]
    talks_given = tuple(MeetingTalk(m, i, topic(i)) for m in held for i in m.items
                        if i.speakers and i.given)
    talks_missed = tuple(MeetingTalk(m, i, topic(i)) for m, i in talks_planned
                         if not (m.held and i.given)
                         and (m.status is MeetingStatus.CANCELLED or m.date is not None
                              or not i.given))
    speaker_names = {p.name for t in talks_given for p in t.item.speakers}
    speakers = tuple(p for p in members if p.name in speaker_names)

    participation = workbook.participation
    kind_entries = Counter(p.kind for p in participation)
    kind_people = {k: len({p.person.name for p in participation if p.kind is k})
                   for k in kind_entries}
    level_entries = Counter(p.level for p in participation)
    courses = tuple(p for p in participation if p.kind is EventKind.COURSES)
    participant_names = {p.person.name for p in participation} & member_names

    by_member = _by_member(members, held)
    by_institution = _by_institution(by_member, len(held))

    fulfilment = Counter(t.fulfilment for t in workbook.plan.tasks if t.fulfilment)
    waiting = [m for m in workbook.meetings
               if m.date is None and m.status is not MeetingStatus.CANCELLED]
    as_of = max((m.date for m in held if m.date), default=None)
    return Figures(
        members=members,
        institutions=len({p.institution for p in members}),
        by_position=tuple(sorted(Counter(p.position for p in members).items(),
                                 key=lambda pair: (-pair[1], pair[0]))),
        tasks=workbook.plan.tasks,
        tasks_by_fulfilment={f: fulfilment.get(f, 0) for f in Fulfilment},
        planned=planned,
        held=len(held),
        held_share=share(len(held), planned),
        cancelled=cancelled,
        moved=moved,
        meetings=tuple(rows),
        presences=presences,
        possible_presences=possible_presences,
        average_attendance=share(presences, possible_presences),
        talks_planned=len(talks_planned),
        talks_given=talks_given,
        talks_missed=talks_missed,
        talks_share=share(len(talks_given), len(talks_planned)),
        speakers=speakers,
        speakers_share=share(len(speakers), len(members)),
        participation=participation,
        events=len({(p.event.lower(), p.kind) for p in participation}),
        by_kind=tuple((k, kind_entries[k], kind_people[k]) for k in EventKind if k in kind_entries),
        by_level=tuple((lv, level_entries[lv]) for lv in Level if lv in level_entries),
        high_results=tuple(p for p in participation if p.result in HIGH_RESULTS),
        courses=courses,
        course_hours=sum(p.hours or 0 for p in courses),
        participants=len(participant_names),
        inactive=tuple(p for p in members
                       if p.name not in speaker_names and p.name not in participant_names),
        by_member=tuple(by_member),
        by_institution=tuple(by_institution),
        interim=bool(waiting),
        as_of=as_of,
    )


def _meeting_rows(workbook: Workbook) -> list[MeetingRow]:
    """Each held meeting's attendance: members present, their share, guests."""
    members = workbook.members
    rows = []
    for meeting in workbook.held_meetings:
        assert meeting.date is not None  # Meeting.held: dated and not cancelled
        present = sum(1 for p in members if was_present(meeting, p))
        guests = sum(1 for p in workbook.people
                     if not p.is_member and was_present(meeting, p))
        rows.append(MeetingRow(meeting, present, len(members), share(present, len(members)),
                               guests, meeting.date))
    return rows


def _by_member(members: tuple[Person, ...], held: tuple[Meeting, ...]
               ) -> list[MemberAttendance]:
    """Each member's attendance, the most missed first."""
    by_member = []
    for person in members:
        attended = sum(1 for m in held if was_present(m, person))
        by_member.append(MemberAttendance(person, attended, len(held),
                                          share(attended, len(held))))
    by_member.sort(key=lambda a: (a.attended, sort_key(a.person.name)))
    return by_member


def _by_institution(by_member: list[MemberAttendance], held: int
                    ) -> list[InstitutionAttendance]:
    """Each institution's attendance, the lowest share first."""
    institutions: dict[str, list[MemberAttendance]] = {}
    for row in by_member:
        institutions.setdefault(row.person.institution, []).append(row)
    by_institution = []
    for name, group in institutions.items():
        attended = sum(a.attended for a in group)
        possible = len(group) * held
        by_institution.append(InstitutionAttendance(name, len(group), attended, possible,
                                                    share(attended, possible)))
    by_institution.sort(key=lambda i: (i.share, i.institution.lower()))
    return by_institution


def was_present(meeting: Meeting, person: Person) -> bool:
    """The one rule for «was there»: a mark that says present («+»)."""
    mark = meeting.attendance.get(person.name)
    return mark is not None and mark.present
