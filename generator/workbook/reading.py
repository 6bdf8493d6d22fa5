"""One reader per sheet: each turns its sheet into records, references left unresolved.

A reference to another sheet (a person's name, a meeting number) is kept as a `Ref` with the
cell it stands in; generator.workbook.links checks and resolves every reference once all sheets are
read, so that one broken sheet never makes the others look wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import (
    AgendaItem,
    CalendarRow,
    Meeting,
    MeetingForm,
    MeetingStatus,
    MemberStatus,
    Person,
    Plan,
    PlanSection,
    Summary,
    Task,
)
from ..russian import text
from ..russian.lists import REMOTE_PLACE, Given
from . import contract
from .cells import Context, Text
from .collect import Cell, Row
from .contract import Layout
from .names import fold_latin, is_totals, latin_letter, totals_row
from .sheets import Sheets
from .similar import closest, resembles


@dataclass(frozen=True)
class Ref:
    """A value typed on one sheet that must exist on another, and where it stands."""

    value: str | int
    row: Row
    column: str


@dataclass
class Roster:
    people: list[Person] = field(default_factory=list)
    by_key: dict[str, Person] = field(default_factory=dict)
    read: bool = False  # the sheet was read whole: references to it can be checked
    # People whose «Статус» could not be read: whether they owe attendance marks is unknown,
    # so the wrong status is the one message about them.
    unsure: set[str] = field(default_factory=set)
    rows: dict[str, Row] = field(default_factory=dict)  # name → its row, for warnings


@dataclass
class Parameters:
    values: dict[str, str] = field(default_factory=dict)
    rows: dict[str, Row] = field(default_factory=dict)
    typed: dict[str, object] = field(default_factory=dict)


@dataclass
class Meetings:
    meetings: list[Meeting] = field(default_factory=list)
    read: bool = False
    # Meetings whose «Форма» was typed; the others take the rule of the contract.
    forms: dict[int, MeetingForm] = field(default_factory=dict)
    # A number typed again: (number, its row, the cell where it stands first). Said by
    # generator.workbook.links, with the references to a number then missing folded into it.
    duplicates: list[tuple[int, Row, str]] = field(default_factory=list)


@dataclass(frozen=True)
class AgendaRow:
    meeting: Ref | None
    item: AgendaItem | None  # speakers still empty; None when the row is incomplete
    speakers: tuple[Ref, ...]


@dataclass(frozen=True)
class CalendarEntry:
    row: CalendarRow
    meeting: Ref | None


@dataclass(frozen=True)
class AttendanceRow:
    name: Ref
    cells: Row  # with a column per meeting number, named by the number


@dataclass
class AttendanceSheet:
    """«Посещаемость» as read, its names and meetings not yet checked (see links)."""

    sheet: str = ""
    present: bool = False
    name_column: bool = False
    columns: dict[int, str] = field(default_factory=dict)  # meeting → column letter
    headers: dict[int, tuple[str, str]] = field(default_factory=dict)  # meeting → (raw, cell)
    rows: list[AttendanceRow] = field(default_factory=list)


@dataclass(frozen=True)
class ParticipationRow:
    name: Ref | None
    row: Row
    values: tuple  # event, kind, level, result, date, hours


# --- «Участники» ------------------------------------------------------------------------------

def read_people(sheets: Sheets, ctx: Context) -> Roster:
    roster = Roster()
    rows = sheets.table_rows(contract.PEOPLE)
    if rows is None:
        return roster
    roster.read = True
    first_row: dict[str, str] = {}
    name_column = contract.PEOPLE_NAME.name
    for row in rows:
        name = contract.PEOPLE_NAME.read(ctx, row)
        position = contract.PEOPLE_POSITION.read(ctx, row)
        institution = contract.PEOPLE_INSTITUTION.read(ctx, row)
        status = contract.PEOPLE_STATUS.read(ctx, row)
        sex = contract.PEOPLE_SEX.read(ctx, row)
        if not name:
            continue
        if is_totals(name):
            totals_row(ctx, row, name_column, name)
            continue
        if status is None and Text().read(ctx, row, contract.PEOPLE_STATUS.name):
            roster.unsure.add(name)
        latin_letter(ctx, row, name_column, name)
        key = text.person_key(fold_latin(name))
        if key in first_row:
            ctx.add(f"«{name}» уже есть в ячейке {first_row[key]}.", row, name_column,
                    fix="ФИО в списке участников не должны повторяться.")
            continue
        first_row[key] = row.coordinate(name_column)
        person = Person(name, position, institution, status or MemberStatus.MEMBER, sex)
        roster.by_key[key] = person
        roster.people.append(person)
        roster.rows[name] = row
    return roster


# --- «Объединение» ----------------------------------------------------------------------------

def read_parameters(sheets: Sheets, ctx: Context) -> Parameters:
    found = Parameters()
    rows = sheets.table_rows(contract.ASSOCIATION)
    if rows is None:
        return found
    known = {text.normalize_key(p.name): p for p in contract.PARAMETERS}
    unknown: dict[str, Row] = {}
    key_column, value_column = contract.ASSOCIATION_PARAMETER.name, contract.ASSOCIATION_VALUE.name
    for row in rows:
        raw = Text().read(ctx, row, key_column)
        declared = known.get(text.normalize_key(raw))
        if declared is None:
            unknown[raw] = row  # a note of the user's own, or a typo
            continue
        found.rows[declared.name] = row
        found.values[declared.name] = Text().read(ctx, row, value_column)
        if found.values[declared.name]:
            found.typed[declared.name] = declared.type.read(ctx, row, value_column)
    for declared in contract.PARAMETERS:
        name = declared.name
        if not declared.required or found.values.get(name):
            continue
        if name in found.rows:
            ctx.add(f"не заполнено значение параметра «{name}».", found.rows[name],
                    value_column, fix=f"Впишите его в столбец «{value_column}».")
            continue
        near = closest(name, list(unknown))
        if near:
            ctx.add(f"«{near}» — может быть, это параметр «{name}»?", unknown[near], key_column,
                    fix="Напишите его название точно так.")
        else:
            ctx.collector.add(f"нет строки с параметром «{name}» (столбец «{key_column}»).",
                              contract.ASSOCIATION.name,
                              fix=f"Добавьте строку «{name}» и впишите значение.")
    return found


# --- «Разделы плана» --------------------------------------------------------------------------

def read_plan(sheets: Sheets, ctx: Context) -> Plan:
    rows = sheets.table_rows(contract.PLAN_SECTIONS)
    if rows is None:
        return Plan()
    lists: dict[PlanSection, list] = {section: [] for section in PlanSection}
    for row in rows:
        section = contract.PLAN_SECTION.read(ctx, row)
        body = contract.PLAN_TEXT.read(ctx, row)
        fulfilment, comment = contract.PLAN_FULFILMENT.read_with_tail(ctx, row)
        if section is None or not body:
            continue
        if section is PlanSection.TASKS:
            lists[section].append(Task(text.strip_numbering(body), fulfilment, comment))
        else:
            if fulfilment is not None:
                column = contract.PLAN_FULFILMENT.name
                ctx.add(f"«{column}» заполняют только для задач.", row, column,
                        fix="Очистите эту ячейку.")
            lists[section].append(text.strip_numbering(body))
    return Plan(
        tasks=tuple(lists[PlanSection.TASKS]),
        directions=tuple(lists[PlanSection.DIRECTIONS]),
        forms=tuple(lists[PlanSection.FORMS]),
        results=tuple(lists[PlanSection.RESULTS]),
    )


# --- «Заседания» ------------------------------------------------------------------------------

def default_form(place: str) -> MeetingForm:
    """The rule of the contract: remote when the place says so."""
    key = text.normalize_key(place)
    return MeetingForm.REMOTE if key.startswith(REMOTE_PLACE) else MeetingForm.IN_PERSON


def read_meetings(sheets: Sheets, ctx: Context) -> Meetings:
    found = Meetings()
    rows = sheets.table_rows(contract.MEETINGS)
    if rows is None:
        return found
    found.read = True
    seen: dict[int, str] = {}
    for row in rows:
        number = contract.MEETINGS_NUMBER.read(ctx, row)
        period = contract.MEETINGS_PERIOD.read(ctx, row)
        date = contract.MEETINGS_DATE.read(ctx, row)
        place = contract.MEETINGS_PLACE.read(ctx, row)
        status, reason = contract.MEETINGS_STATUS.read_with_tail(ctx, row)
        form = contract.MEETINGS_FORM.read(ctx, row)
        if number is None:
            found.read = False  # a number we cannot read may be the one referred to
            continue
        if number in seen:
            found.duplicates.append((number, row, seen[number]))
            continue
        seen[number] = row.coordinate(contract.MEETINGS_NUMBER.name)
        if form is not None:
            found.forms[number] = form
        found.meetings.append(Meeting(number, period, date, place,
                                      status or MeetingStatus.PLANNED, reason))
    found.meetings.sort(key=lambda m: m.number)
    return found


# --- «Календарный план» -----------------------------------------------------------------------

def read_calendar(sheets: Sheets, ctx: Context) -> list[CalendarEntry]:
    rows = sheets.table_rows(contract.CALENDAR)
    if rows is None:
        return []
    entries = []
    for row in rows:
        meeting = contract.CALENDAR_MEETING.read(ctx, row)
        needed = meeting is None
        period = contract.CALENDAR_PERIOD.read(ctx, row, needed)
        content = contract.CALENDAR_CONTENT.read(ctx, row, needed)
        responsible = contract.CALENDAR_RESPONSIBLE.read(ctx, row, needed)
        section = contract.CALENDAR_SECTION.read(ctx, row)
        ref = Ref(meeting, row, contract.CALENDAR_MEETING.name) if meeting is not None else None
        entries.append(CalendarEntry(CalendarRow(section, period, content, responsible,
                                                 meeting), ref))
    return entries


# --- «Повестка» -------------------------------------------------------------------------------

def read_agenda(sheets: Sheets, ctx: Context) -> list[AgendaRow]:
    declared = contract.AGENDA
    rows = sheets.table_rows(declared)
    if rows is None:
        return []
    items = []
    for row in rows:
        meeting = contract.AGENDA_MEETING.read(ctx, row)
        content = contract.AGENDA_CONTENT.read(ctx, row)
        speakers = tuple(Ref(name, row, contract.AGENDA_SPEAKERS.name)
                         for name in contract.AGENDA_SPEAKERS.read(ctx, row))
        given = contract.AGENDA_GIVEN.read(ctx, row)
        decisions = tuple(map(text.strip_numbering,
                              text.lines(contract.AGENDA_DECIDED.read(ctx, row))))
        kind = contract.AGENDA_KIND.read(ctx, row)
        ref = Ref(meeting, row, contract.AGENDA_MEETING.name) if meeting is not None else None
        if meeting is None or not content:
            items.append(AgendaRow(ref, None, speakers))  # its references are still checked
            continue
        item = AgendaItem(
            meeting=meeting, text=text.strip_numbering(content),
            responsible=contract.AGENDA_RESPONSIBLE.read(ctx, row),
            heard=contract.AGENDA_HEARD.read(ctx, row), decisions=decisions,
            given=given is not Given.NO, kind=kind,
            vote=contract.AGENDA_VOTE.read(ctx, row),
            cells={column.name: row.coordinate(column.name) for column in declared.columns
                   if column.name in row.cells},
        )
        items.append(AgendaRow(ref, item, speakers))
    return items


# --- «Посещаемость» ---------------------------------------------------------------------------

_MEETING_HEADER = re.compile(r"(?:заседание\s*)?(?:№\s*)?(\d{1,3})(?:\s*\(.*\))?\.?",
                             flags=re.IGNORECASE)


def read_attendance(sheets: Sheets, ctx: Context) -> AttendanceSheet:
    declared = contract.ATTENDANCE
    assert declared.layout is Layout.ATTENDANCE
    found = AttendanceSheet(sheet=declared.name)
    ws = sheets.sheet(declared.name, required=False)
    if ws is None:
        return found
    found.present = True
    found.sheet = ws.title
    name_column = contract.ATTENDANCE_NAME
    name_keys = {name_column.key, *map(text.normalize_key, name_column.aliases)}
    name_index = None
    columns: dict[str, int] = {}
    unknown: dict[int, Cell] = {}
    for i, cell in enumerate(sheets.header_cells(ws)):
        if cell.value is None or not text.clean(str(cell.value)):
            continue
        raw = text.clean(str(cell.value))
        if isinstance(cell.value, float) and cell.value.is_integer():
            raw = str(int(cell.value))
        if text.normalize_key(raw) in name_keys and name_index is None:
            name_index = i
            continue
        match = _MEETING_HEADER.fullmatch(raw)
        if match is None:
            unknown[i] = cell  # notes, totals and other columns of the user's own
            continue
        number = int(match[1])
        found.columns[number] = "".join(ch for ch in cell.coordinate if ch.isalpha())
        found.headers[number] = (raw, cell.coordinate)
        columns[str(number)] = i
    if name_index is None:
        near = next(((i, c) for i, c in unknown.items()
                     if resembles(str(c.value), [name_column.name])), None)
        if near is not None:
            ctx.collector.add(f"столбец «{text.clean(str(near[1].value))}» программа не знает. "
                              f"Может быть, это «{name_column.name}»?", ws.title,
                              near[1].coordinate, fix="Переименуйте заголовок.")
        else:
            ctx.collector.add(f"в первой строке нет столбца «{name_column.name}».", ws.title,
                              fix=f"Добавьте столбец «{name_column.name}» в первую строку.")
        return found
    found.name_column = True
    columns = {name_column.name: name_index, **columns}
    filled: dict[int, list] = {}
    for row in sheets.rows(ws, columns, unknown=set(unknown), filled=filled):
        found.rows.append(AttendanceRow(Ref("", row, name_column.name), row))
    for i in sorted(filled):
        sheets.unread_column(ws.title, unknown[i])
    return found


# --- «Участие» --------------------------------------------------------------------------------

def read_participation(sheets: Sheets, ctx: Context) -> tuple[bool, list[ParticipationRow]]:
    declared = contract.PARTICIPATION
    rows = sheets.table_rows(declared)
    if rows is None:
        return sheets.sheet(declared.name, required=False) is not None, []
    found = []
    for row in rows:
        name = contract.PARTICIPATION_NAME.read(ctx, row)
        values = tuple(column.read(ctx, row) for column in (
            contract.PARTICIPATION_EVENT, contract.PARTICIPATION_KIND,
            contract.PARTICIPATION_LEVEL, contract.PARTICIPATION_RESULT,
            contract.PARTICIPATION_DATE, contract.PARTICIPATION_HOURS))
        ref = Ref(name, row, contract.PARTICIPATION_NAME.name) if name else None
        found.append(ParticipationRow(ref, row, values))
    return True, found


# --- «Итоги» ----------------------------------------------------------------------------------

def read_conclusions(sheets: Sheets, ctx: Context) -> tuple[bool, dict[Summary, tuple[str, ...]]]:
    declared = contract.CONCLUSIONS
    rows = sheets.table_rows(declared)
    if rows is None:
        return sheets.sheet(declared.name, required=False) is not None, {}
    found: dict[Summary, list[str]] = {s: [] for s in Summary}
    for row in rows:
        section = contract.CONCLUSIONS_SECTION.read(ctx, row)
        body = contract.CONCLUSIONS_TEXT.read(ctx, row)
        if section and body:
            found[section].append(text.strip_numbering(body))
    return True, {s: tuple(v) for s, v in found.items()}

