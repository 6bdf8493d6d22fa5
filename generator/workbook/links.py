"""The checks across sheets, in one place, after every sheet is read: people and meetings
referred to exist, every member has an attendance mark for every held meeting; then the
records are put together into the Workbook."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import (
    AgendaItem,
    Association,
    CalendarRow,
    Mark,
    Meeting,
    Participation,
    Person,
    SchoolYear,
    Workbook,
)
from ..russian import text
from . import contract
from .advice import advise
from .cells import Context, MarkType, Text
from .names import fold_latin, is_totals, latin_letter, totals_row
from .reading import (
    AgendaRow,
    AttendanceSheet,
    CalendarEntry,
    Meetings,
    Parameters,
    ParticipationRow,
    Ref,
    Roster,
    default_form,
)


class _Everything:
    def __contains__(self, item) -> bool:
        return True


@dataclass
class Links:
    ctx: Context
    roster: Roster
    meetings: Meetings
    item_rows: list = field(default_factory=list)  # (agenda item, its row) for warnings
    # While a meeting number is typed twice, references to a number not on «Заседания» are
    # most likely to the meeting whose number was mistyped: number → (sheet, cell, message,
    # fix), said with the duplicate, not as errors of their own.
    unplaced: dict[int, list[tuple[str, str, str, str]]] = field(default_factory=dict)

    @property
    def numbers(self):
        # Without the sheet «Заседания» references to meetings cannot be checked: saying that
        # each one is wrong would bury the one real problem.
        return {m.number for m in self.meetings.meetings} if self.meetings.read else _Everything()

    def find(self, name: str) -> Person | None:
        return self.roster.by_key.get(text.person_key(fold_latin(name)))

    def person(self, ref: Ref) -> Person | None:
        name = str(ref.value)
        found = self.find(name)
        if found is not None:
            latin_letter(self.ctx, ref.row, ref.column, name)
        elif self.roster.read:
            self.ctx.add(f"«{ref.value}» нет на листе «{contract.PEOPLE.name}».", ref.row,
                         ref.column,
                         fix="Впишите человека туда или исправьте ФИО, чтобы оно совпадало.")
        return found

    def speakers(self, refs: tuple[Ref, ...]) -> tuple[Person, ...]:
        """Speakers separated by «;» or lines; by commas too when each part is a person."""
        found = []
        for ref in refs:
            name = str(ref.value)
            parts = [p.strip() for p in name.split(",") if p.strip()]
            if self.find(name) is None and len(parts) > 1 and \
                    all(self.find(p) is not None for p in parts):
                found += [self.person(Ref(p, ref.row, ref.column)) for p in parts]
                continue
            if self.find(name) is None and len(parts) > 1 and self.roster.read:
                people = contract.PEOPLE.name
                self.ctx.add(f"«{name}» нет на листе «{people}».", ref.row, ref.column,
                             fix="Если это несколько докладчиков, разделите их знаком «;», а "
                                 f"ФИО пишите, как на листе «{people}».")
                continue
            found.append(self.person(ref))
        return tuple(p for p in found if p is not None)

    def meeting_exists(self, ref: Ref) -> bool:
        if ref.value in self.numbers:
            return True
        meetings = contract.MEETINGS.name
        self.no_meeting(int(ref.value), ref.row.sheet, ref.row.coordinate(ref.column),
                        f"заседания № {ref.value} нет на листе «{meetings}».",
                        f"Исправьте номер или добавьте заседание на лист «{meetings}».")
        return False

    def no_meeting(self, number: int, sheet: str, cell: str, message: str, fix: str) -> None:
        if self.meetings.duplicates:
            self.unplaced.setdefault(number, []).append((sheet, cell, message, fix))
        else:
            self.ctx.collector.add(message, sheet, cell, fix=fix)

    def duplicates(self) -> None:
        """Each meeting number typed twice, said once; the references to a number missing
        from «Заседания» (the lowest first) are folded into it, as its probable own."""
        missing = sorted(self.unplaced)
        for i, (number, row, first) in enumerate(self.meetings.duplicates):
            message = f"заседание № {number} уже есть в ячейке {first}."
            fix = "Номера заседаний не должны повторяться."
            if i < len(missing):
                meant = missing[i]
                cells = _cells(self.unplaced.pop(meant))
                message = (f"заседание № {number} уже есть в ячейке {first}, а заседания "
                           f"№ {meant} на листе нет, хотя на него ссылаются ячейки: {cells}.")
                fix = (f"Если здесь должно быть заседание № {meant}, исправьте номер: номера "
                       "заседаний не должны повторяться.")
            self.ctx.add(message, row, contract.MEETINGS_NUMBER.name, fix=fix)
        for refs in self.unplaced.values():
            for sheet, cell, message, fix in refs:
                self.ctx.collector.add(message, sheet, cell, fix=fix)

    # --- sheet by sheet -----------------------------------------------------------------

    def calendar(self, entries: list[CalendarEntry]) -> tuple[CalendarRow, ...]:
        placed: set[int] = set()
        rows = []
        for entry in entries:
            if entry.meeting is not None:
                if not self.meeting_exists(entry.meeting):
                    continue
                number = int(entry.meeting.value)
                if number in placed:
                    self.ctx.add(f"заседание № {number} уже стоит в плане выше.",
                                 entry.meeting.row, entry.meeting.column,
                                 fix="Оставьте номер заседания только в одной строке.")
                    continue
                placed.add(number)
            rows.append(entry.row)
        return tuple(rows)

    def agenda(self, rows: list[AgendaRow]) -> list[AgendaItem]:
        items = []
        for row in rows:
            speakers = self.speakers(row.speakers)
            if row.meeting is not None and not self.meeting_exists(row.meeting):
                continue
            if row.item is not None:
                items.append(replace(row.item, speakers=speakers))
                self.item_rows.append((items[-1], row.meeting.row if row.meeting else None))
        return items

    def participation(self, rows: list[ParticipationRow]) -> tuple[Participation, ...]:
        found = []
        for row in rows:
            person = self.person(row.name) if row.name is not None else None
            event, kind, level, result, date, hours = row.values
            if person and event and kind and level:
                found.append(Participation(person, event, kind, level, result, date, hours))
        return tuple(found)

    def association(self, params: Parameters) -> Association | None:
        year = params.typed.get(contract.SCHOOL_YEAR.name)
        if not isinstance(year, SchoolYear) or any(not params.values.get(p.name)
                               for p in contract.PARAMETERS if p.required):
            return None
        column = contract.ASSOCIATION_VALUE.name

        def person(parameter: contract.Parameter) -> Person | None:
            name = parameter.name
            return self.person(Ref(params.values[name], params.rows[name], column))

        head = person(contract.HEAD)
        secretary = person(contract.SECRETARY) if params.values.get(contract.SECRETARY.name) \
            else None
        if head is None:
            return None

        def value(parameter: contract.Parameter) -> str:
            return params.values.get(parameter.name, "")

        def typed(parameter: contract.Parameter) -> str:
            return str(params.typed.get(parameter.name, ""))

        return Association(
            name=value(contract.TITLE), year=year, theme=value(contract.THEME),
            head=head, secretary=secretary, full_name=value(contract.FULL_NAME),
            organisation=value(contract.ORGANISATION), place=value(contract.PLACE),
            town=typed(contract.TOWN), certificate_signer=typed(contract.SIGNER),
            goal=value(contract.GOAL),
            cells={name: row.coordinate(column) for name, row in params.rows.items()},
        )

    # --- attendance -----------------------------------------------------------------------

    def attendance(self, sheet: AttendanceSheet
                   ) -> tuple[dict[int, dict[str, Mark]], dict[str, int]]:
        """The marks by meeting and person, and the row of each person's marks."""
        numbers = self.numbers
        known = {n: letter for n, letter in sheet.columns.items() if n in numbers}
        marks: dict[int, dict[str, Mark]] = {n: {} for n in known}
        rows: dict[str, int] = {}
        seen: dict[str, str] = {}
        marked: set[int] = set()
        plain, reader = Text(), MarkType()
        column = contract.ATTENDANCE_NAME.name
        for entry in sheet.rows:
            row = entry.cells
            marked.update(n for n in sheet.columns if n not in known
                          and plain.read(self.ctx, row, str(n)))
            name = contract.ATTENDANCE_NAME.read(self.ctx, row, required=False)
            row_marks = {n: plain.read(self.ctx, row, str(n)) for n in known}
            if not name:
                if any(row_marks.values()):
                    self.ctx.add(f"есть отметки, но не заполнено {column}.", row, column,
                                 fix=f"Впишите ФИО с листа «{contract.PEOPLE.name}».")
                continue
            if is_totals(name):
                totals_row(self.ctx, row, column, name)
                continue
            person = self.person(Ref(name, row, column))
            if person is None:
                continue
            if person.name in seen:
                self.ctx.add(f"«{name}» уже есть в ячейке {seen[person.name]}.", row, column,
                             fix="Оставьте одну строку на человека.")
                continue
            seen[person.name] = row.coordinate(column)
            rows[person.name] = row.number
            for number in known:
                mark = reader.read(self.ctx, row, str(number))
                if mark is not None:
                    marks[number][person.name] = mark
        for number in sorted(marked):
            raw, coordinate = sheet.headers[number]
            self.no_meeting(number, sheet.sheet, coordinate, f"столбец «{raw}»: заседания "
                            f"№ {number} нет на листе «{contract.MEETINGS.name}».",
                            "Исправьте номер в заголовке столбца.")
        return marks, rows

    def check_attendance(self, sheet: AttendanceSheet, marks: dict[int, dict[str, Mark]],
                         rows: dict[str, int]) -> None:
        """Minutes of a held meeting need a mark for every member: present, or why not."""
        held = [m for m in self.meetings.meetings if m.held]
        name = contract.ATTENDANCE.name
        collector = self.ctx.collector
        if not held or not sheet.present:
            if held:
                collector.add(f"нет листа «{name}»: для протоколов проведённых заседаний "
                              "нужна посещаемость.", "",
                              fix=f"Добавьте лист «{name}».")
            return
        columns = {n: letter for n, letter in sheet.columns.items() if n in self.numbers}
        for meeting in held:
            assert meeting.date is not None  # held: dated
            if meeting.number not in columns:
                collector.add(
                    f"нет столбца «{meeting.number}» для заседания № {meeting.number}, "
                    f"проведённого {text.date_numeric(meeting.date)}.", name,
                    fix="Добавьте его и отметьте каждого: + (был), - (не был) или причину.")
        if not sheet.name_column:
            return
        reported = {(p.sheet, p.cell) for p in collector.problems}
        for person in self.roster.people:
            if not person.is_member or person.name in self.roster.unsure:
                continue
            row = rows.get(person.name)
            if row is None:
                collector.add(f"нет строки для «{person.name}».", name,
                              fix="Впишите ФИО и отметки по проведённым заседаниям.")
                continue
            for meeting in held:
                assert meeting.date is not None  # held: dated
                column = columns.get(meeting.number)
                if column and person.name not in marks.get(meeting.number, {}) and \
                        (name, f"{column}{row}") not in reported:
                    collector.add(
                        f"нет отметки о заседании № {meeting.number} "
                        f"({text.date_numeric(meeting.date)}) для «{person.name}»:",
                        name, f"{column}{row}",
                        fix="поставьте + (был), - (не был) или причину.")

    # --- the whole -----------------------------------------------------------------------

    def meetings_with(self, association: Association, items: list[AgendaItem],
                      marks: dict[int, dict[str, Mark]]) -> tuple[Meeting, ...]:
        found = []
        for m in self.meetings.meetings:
            place = m.place or association.place
            found.append(replace(
                m, place=place,
                items=tuple(i for i in items if i.meeting == m.number),
                attendance=marks.get(m.number, {}),
                form=self.meetings.forms.get(m.number) or default_form(place),
            ))
        return tuple(found)


def assemble(ctx: Context, params: Parameters, roster: Roster, plan, meetings: Meetings,
             calendar: list[CalendarEntry], agenda: list[AgendaRow], attendance: AttendanceSheet,
             participation: tuple[bool, list[ParticipationRow]], summary) -> Workbook | None:
    """Check every reference and put the workbook together; None when anything is wrong."""
    links = Links(ctx, roster, meetings)
    calendar_rows = links.calendar(calendar)
    items = links.agenda(agenda)
    marks, mark_rows = links.attendance(attendance)
    taken_part = links.participation(participation[1])
    association = links.association(params)
    links.check_attendance(attendance, marks, mark_rows)
    links.duplicates()
    if ctx.collector.problems or association is None:
        return None
    workbook = Workbook(
        association, plan, tuple(roster.people), calendar_rows,
        links.meetings_with(association, items, marks), taken_part, summary[1],
        participation_entered=participation[0], summary_entered=summary[0],
    )
    advise(ctx, workbook, params, links.item_rows, roster.rows)
    return workbook


def _cells(refs: list[tuple[str, str, str, str]]) -> str:
    """«Повестка» A11–A14, «Посещаемость» D1: cells by sheet, a run down a column as a range."""
    by_sheet: dict[str, list[str]] = {}
    for sheet, cell, _, _ in refs:
        by_sheet.setdefault(sheet, []).append(cell)
    parts = []
    for sheet, cells in by_sheet.items():
        runs: list[list[tuple[str, int]]] = []
        for cell in dict.fromkeys(cells):
            column, row = cell.rstrip("0123456789"), int(cell[len(cell.rstrip("0123456789")):])
            if runs and runs[-1][-1] == (column, row - 1):
                runs[-1].append((column, row))
            else:
                runs.append([(column, row)])
        said = [f"{r[0][0]}{r[0][1]}" + (f"–{r[-1][0]}{r[-1][1]}" if len(r) > 1 else "")
                for r in runs]
        parts.append(f"«{sheet}» {', '.join(said)}")
    return ", ".join(parts)
