"""The workbook contract (shared/spec/workbook.md): sheets → the model, every problem collected."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from . import text
from .errors import Problem, RmoError
from .model import (
    AgendaItem,
    Association,
    CalendarRow,
    Fulfilment,
    Kind,
    Level,
    Mark,
    Meeting,
    MeetingStatus,
    MemberStatus,
    Participation,
    Person,
    Plan,
    PlanSection,
    Result,
    SchoolYear,
    Summary,
    Task,
    Workbook,
)
from .sheets import Collector, Row, Sheets, closest, match_choice, open_workbook

SHEET_ORDER = [
    "Объединение", "Разделы плана", "Участники", "Календарный план", "Заседания", "Повестка",
    "Посещаемость", "Участие", "Итоги",
]
PARAMETERS = {
    "Название": True,
    "Учебный год": True,
    "Методическая тема": True,
    "Руководитель": True,
    "Секретарь": False,
    "Полное название": False,
    "Организация": False,
    "Место проведения": False,
}
PRESENT_MARKS = {"+", "да", "был", "была", "присутствовал", "присутствовала", "✓", "✔", "v"}
ABSENT_MARKS = {"-", "–", "—", "н", "нет", "н/я", "отс", "отсутствовал", "отсутствовала"}
_YEAR = re.compile(
    r"^(\d{4})\s*(?:/|-|–|—|\s)\s*(\d{2}|\d{4})(?:\s*(?:уч\.?|учебный)?\s*(?:г\.?|год)?)?$"
)


@dataclass(frozen=True)
class Inspection:
    """What `rmo check` and the web page show: the workbook when it reads, the errors that stop
    it and the warnings, both in the order a person reads the book."""

    workbook: Workbook | None
    errors: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.errors


def inspect_workbook(path: str | Path) -> Inspection:
    """Read and check the whole workbook, never raising for a mistake of the user's."""
    collector = Collector()
    try:
        sheets = Sheets(open_workbook(Path(path)), collector)
    except RmoError as error:  # not a workbook at all
        return Inspection(None, error.problems, error.warnings)
    try:
        workbook = _Reader(sheets, collector).read()
    finally:
        sheets.close()
    errors = collector.sorted(collector.problems, SHEET_ORDER)
    warnings = collector.sorted(collector.warnings, SHEET_ORDER)
    if errors or workbook is None:
        return Inspection(None, errors, warnings)
    return Inspection(replace(workbook, warnings=warnings), (), warnings)


def read_workbook(path: str | Path) -> Workbook:
    """Read and check the whole workbook; raise RmoError with every problem found."""
    found = inspect_workbook(path)
    if found.workbook is None:
        raise RmoError(found.errors, found.warnings)
    return found.workbook


def person_key(name: str) -> str:
    """How a person's name is matched across sheets: «Мазеева Р. В.» is «мазеева р.в.»."""
    surname, initials = text.split_name(text.clean(name))
    full = text.normalize_key(name)
    # A full name stays a full name; initials are compared without spaces.
    if len(full.split()) >= 3 and "." not in full:
        return full
    return text.normalize_key(f"{surname} {initials}")


class _Everything:
    def __contains__(self, item) -> bool:
        return True


_ANY = _Everything()


class _Reader:
    def __init__(self, sheets: Sheets, collector: Collector):
        self.sheets = sheets
        self.collector = collector
        self.people: dict[str, Person] = {}
        # Whether the roster and the meetings were read whole: references to them are checked
        # only then, so that one broken sheet does not make every other sheet look wrong.
        self.roster_known = False
        self.meetings_known = False
        # Where attendance marks stand: meeting → column letter, person name → row number.
        self.mark_columns: dict[int, str] = {}
        self.mark_rows: dict[str, int] = {}

    def add(self, message: str, row: Row, column: str) -> None:
        self.collector.add(message, row.sheet, row.coordinate(column))

    def read(self) -> Workbook | None:
        people = self.read_people()
        params, param_cells = self.read_parameters()
        year = self.read_year(params, param_cells)
        plan = self.read_plan()
        meetings = self.read_meetings(year)
        # Without the sheet «Заседания» references to meetings cannot be checked: saying
        # that each one is wrong would bury the one real problem.
        numbers = {m.number for m in meetings} if self.meetings_known else _ANY
        calendar = self.read_calendar(numbers)
        items = self.read_agenda(numbers)
        attendance = self.read_attendance(numbers)
        participation = self.read_participation()
        summary = self.read_summary()
        association = self.read_association(params, param_cells, year)
        self.check_attendance(meetings, people, attendance)
        if self.collector.problems or association is None:
            return None
        meetings = tuple(
            Meeting(
                number=m.number, period=m.period, date=m.date,
                place=m.place or association.place, status=m.status, reason=m.reason,
                items=tuple(i for i in items if i.meeting == m.number),
                attendance=attendance.get(m.number, {}),
            )
            for m in meetings
        )
        return Workbook(association, plan, people, calendar, meetings, participation, summary)

    # --- «Участники» ------------------------------------------------------------------------

    def read_people(self) -> tuple[Person, ...]:
        table = self.sheets.table("Участники", ["ФИО", "Должность", "Учреждение"],
                                  ["Статус", "Пол"])
        if table is None:
            return ()
        self.roster_known = True
        _, rows = table
        people = []
        first_row: dict[str, str] = {}
        for row in rows:
            name = self.sheets.text(row, "ФИО", required=True, words_only=True, what="ФИО")
            position = self.sheets.text(row, "Должность", required=True, words_only=True,
                                        what="текст (должность)")
            institution = self.sheets.text(row, "Учреждение", required=True,
                                           what="текст (учреждение)")
            status = self.sheets.choice(row, "Статус", MemberStatus) or MemberStatus.MEMBER
            sex = self.sex(row)
            if not name:
                continue
            name = " ".join(name.split())
            key = person_key(name)
            if key in first_row:
                self.add(f"«{name}» уже есть в ячейке {first_row[key]}. ФИО в списке "
                         "участников не должны повторяться.", row, "ФИО")
                continue
            first_row[key] = row.coordinate("ФИО")
            person = Person(name, position, institution, status, sex)
            self.people[key] = person
            people.append(person)
        return tuple(people)

    def sex(self, row: Row) -> str:
        raw = self.sheets.text(row, "Пол")
        key = text.normalize_key(raw)
        if not key:
            return ""
        if key in ("ж", "жен", "женский", "f"):
            return "ж"
        if key in ("м", "муж", "мужской", "m"):
            return "м"
        self.add(f"«{raw}» — такого значения нет. Допустимо: «ж», «м» или пусто (пол определится "
                 "по ФИО).", row, "Пол")
        return ""

    def person(self, name: str, row: Row, column: str) -> Person | None:
        found = self.people.get(person_key(name))
        if found is None and self.roster_known:
            self.add(f"«{name}» нет на листе «Участники». Впишите человека туда или "
                     "исправьте ФИО, чтобы оно совпадало.", row, column)
        return found

    # --- «Объединение» ----------------------------------------------------------------------

    def read_parameters(self) -> tuple[dict[str, str], dict[str, Row]]:
        table = self.sheets.table("Объединение", ["Параметр", "Значение"])
        if table is None:
            return {}, {}
        _, rows = table
        known = {text.normalize_key(k): k for k in PARAMETERS}
        params: dict[str, str] = {}
        cells: dict[str, Row] = {}
        unknown: dict[str, Row] = {}
        for row in rows:
            raw = self.sheets.text(row, "Параметр")
            name = known.get(text.normalize_key(raw))
            if name is None:
                unknown[raw] = row  # a note of the user's own, or a typo
                continue
            cells[name] = row
            params[name] = self.sheets.text(row, "Значение")
        for name, required in PARAMETERS.items():
            if not required or params.get(name):
                continue
            if name in cells:
                self.add(f"не заполнено значение параметра «{name}».", cells[name], "Значение")
            else:
                near = closest(name, list(unknown))
                if near:
                    self.add(f"«{near}» — может быть, это параметр «{name}»? Напишите его "
                             "название точно так.", unknown[near], "Параметр")
                else:
                    self.collector.add(f"нет строки с параметром «{name}» (столбец "
                                       "«Параметр»).", "Объединение")
        return params, cells

    def read_year(self, params: dict[str, str], cells: dict[str, Row]) -> SchoolYear | None:
        raw = params.get("Учебный год", "")
        if not raw:
            return None
        match = _YEAR.match(raw.replace(" ", "")) or _YEAR.match(raw)
        if match:
            start, end = int(match[1]), match[2]
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if end_year == start + 1:
                return SchoolYear(start)
        self.add(f"«{raw}» — не учебный год. Нужно два соседних года: 2025/2026.",
                 cells["Учебный год"], "Значение")
        return None

    def read_association(self, params, cells, year) -> Association | None:
        if year is None or any(not params.get(k) for k, req in PARAMETERS.items() if req):
            return None
        head = self.person(params["Руководитель"], cells["Руководитель"], "Значение")
        secretary = None
        if params.get("Секретарь"):
            secretary = self.person(params["Секретарь"], cells["Секретарь"], "Значение")
        if head is None:
            return None
        return Association(
            name=params["Название"], year=year, theme=params["Методическая тема"], head=head,
            secretary=secretary, full_name=params.get("Полное название", ""),
            organisation=params.get("Организация", ""), place=params.get("Место проведения", ""),
        )

    # --- «Разделы плана» --------------------------------------------------------------------

    def read_plan(self) -> Plan:
        table = self.sheets.table("Разделы плана", ["Раздел", "Текст"], ["Выполнение"])
        if table is None:
            return Plan()
        _, rows = table
        lists: dict[PlanSection, list] = {section: [] for section in PlanSection}
        for row in rows:
            section = self.sheets.choice(row, "Раздел", PlanSection, required=True)
            body = self.sheets.text(row, "Текст", required=True)
            fulfilment, comment = self.fulfilment(row)
            if section is None or not body:
                continue
            if section is PlanSection.TASKS:
                lists[section].append(Task(text.strip_numbering(body), fulfilment, comment))
            else:
                if fulfilment is not None:
                    self.add("«Выполнение» заполняют только для задач.", row, "Выполнение")
                lists[section].append(text.strip_numbering(body))
        return Plan(
            tasks=tuple(lists[PlanSection.TASKS]),
            directions=tuple(lists[PlanSection.DIRECTIONS]),
            forms=tuple(lists[PlanSection.FORMS]),
            results=tuple(lists[PlanSection.RESULTS]),
        )

    def fulfilment(self, row: Row) -> tuple[Fulfilment | None, str]:
        raw = self.sheets.text(row, "Выполнение")
        if not raw:
            return None, ""
        key = text.normalize_key(raw)
        # Longest first: «не выполнена» must not be taken for «выполнена».
        for option in sorted(Fulfilment, key=lambda o: -len(o.value)):
            if key.startswith(option.value):
                rest = raw[len(option.value):].lstrip(" :;,.–—-").strip()
                return option, rest
        allowed = ", ".join(f"«{o.value}»" for o in Fulfilment)
        self.add(f"«{raw}» — такого значения нет. Допустимо: {allowed} (после них можно "
                 "комментарий через двоеточие).", row, "Выполнение")
        return None, ""

    # --- «Заседания» ------------------------------------------------------------------------

    def meeting_number(self, row: Row, column: str, required: bool = True) -> int | None:
        cell = row.cells.get(column)
        value = None if cell is None else cell.value
        raw = self.sheets.text(row, column, required=required, what="номер заседания")
        if not raw:
            return None
        if isinstance(value, float) and not value.is_integer():
            raw = "?"
        match = re.fullmatch(r"(?:№|N|No)?\s*(\d{1,3})\.?", raw.replace("\u00a0", " "))
        if not match or int(match[1]) == 0:
            self.add(f"«{raw}» — не номер заседания. Нужно целое число: 1, 2, 3…", row, column)
            return None
        return int(match[1])

    def read_meetings(self, year: SchoolYear | None) -> list[Meeting]:
        table = self.sheets.table("Заседания", ["№", "Срок"], ["Дата", "Место", "Статус"])
        if table is None:
            return []
        self.meetings_known = True
        _, rows = table
        meetings: list[Meeting] = []
        seen: dict[int, str] = {}
        for row in rows:
            number = self.meeting_number(row, "№")
            period = self.sheets.text(row, "Срок", required=True, what="срок из плана")
            first, last = (year.first_day, year.last_day) if year else (None, None)
            date, _ = self.sheets.date(row, "Дата", first, last)
            place = self.sheets.text(row, "Место")
            status, reason = self.meeting_status(row)
            if number is None:
                self.meetings_known = False  # a number we cannot read may be the one referred to
                continue
            if number in seen:
                self.add(f"заседание № {number} уже есть в ячейке {seen[number]}. Номера "
                         "заседаний не должны повторяться.", row, "№")
                continue
            seen[number] = row.coordinate("№")
            meetings.append(Meeting(number, period, date, place, status, reason))
        return sorted(meetings, key=lambda m: m.number)

    def meeting_status(self, row: Row) -> tuple[MeetingStatus, str]:
        raw = self.sheets.text(row, "Статус")
        if not raw:
            return MeetingStatus.PLANNED, ""
        parts = re.split(r"\s*[:—–(]\s*|\s+-\s+", raw, maxsplit=1)
        word = parts[0]
        reason = parts[1].rstrip(")").strip() if len(parts) > 1 else ""
        status = match_choice(word, MeetingStatus)
        if status is None:
            self.add(f"«{raw}» — такого статуса нет. Допустимо: пусто, «отменено» или "
                     "«перенесено», причина — после двоеточия.", row, "Статус")
            return MeetingStatus.PLANNED, ""
        return status, reason

    # --- «Календарный план» -----------------------------------------------------------------

    def read_calendar(self, numbers: set[int]) -> tuple[CalendarRow, ...]:
        table = self.sheets.table("Календарный план", ["Срок", "Содержание", "Ответственный"],
                                  ["Раздел", "Заседание"])
        if table is None:
            return ()
        columns, rows = table
        calendar = []
        placed: set[int] = set()
        for row in rows:
            meeting = self.meeting_number(row, "Заседание", required=False) \
                if "Заседание" in columns else None
            period = self.sheets.text(row, "Срок", required=meeting is None,
                                      what="срок (например, «В течение года»)")
            content = self.sheets.text(row, "Содержание", required=meeting is None,
                                       what="текст (содержание работы)")
            responsible = self.sheets.text(row, "Ответственный", required=meeting is None,
                                           what="текст (ответственный)")
            section = self.sheets.text(row, "Раздел") if "Раздел" in columns else ""
            if meeting is not None:
                if meeting not in numbers:
                    self.add(f"заседания № {meeting} нет на листе «Заседания».", row,
                             "Заседание")
                    continue
                if meeting in placed:
                    self.add(f"заседание № {meeting} уже стоит в плане выше.", row, "Заседание")
                    continue
                placed.add(meeting)
            calendar.append(CalendarRow(section, period, content, responsible, meeting))
        return tuple(calendar)

    # --- «Повестка» -------------------------------------------------------------------------

    def read_agenda(self, numbers: set[int]) -> list[AgendaItem]:
        table = self.sheets.table(
            "Повестка", ["Заседание", "Содержание"],
            ["Докладчики", "Ответственный", "Слушали", "Решили", "Проведено"],
        )
        if table is None:
            return []
        _, rows = table
        items = []
        for row in rows:
            meeting = self.meeting_number(row, "Заседание")
            content = self.sheets.text(row, "Содержание", required=True,
                                       what="текст (пункт повестки)")
            speakers = []
            for name in re.split(r"[;\n]", self.sheets.text(row, "Докладчики", words_only=True,
                                                            what="ФИО докладчиков")):
                if name.strip():
                    person = self.person(name.strip(), row, "Докладчики")
                    if person is not None:
                        speakers.append(person)
            given = self.given(row)
            decisions = tuple(map(text.strip_numbering,
                                  text.lines(self.sheets.text(row, "Решили"))))
            if meeting is not None and meeting not in numbers:
                self.add(f"заседания № {meeting} нет на листе «Заседания».", row, "Заседание")
                continue
            if meeting is None or not content:
                continue
            items.append(AgendaItem(
                meeting=meeting, text=text.strip_numbering(content), speakers=tuple(speakers),
                responsible=self.sheets.text(row, "Ответственный"),
                heard=self.sheets.text(row, "Слушали"), decisions=decisions, given=given,
            ))
        return items

    def given(self, row: Row) -> bool:
        raw = self.sheets.text(row, "Проведено")
        key = text.normalize_key(raw)
        if key in ("", "да", "+", "проведено"):
            return True
        if key in ("нет", "-", "не проведено"):
            return False
        self.add(f"«{raw}» — такого значения нет. Допустимо: пусто или «да» (пункт проведён), "
                 "«нет» (не проведён).", row, "Проведено")
        return True

    # --- «Посещаемость» ---------------------------------------------------------------------

    def read_attendance(self, numbers: set[int]) -> dict[int, dict[str, Mark]]:
        ws = self.sheets.sheet("Посещаемость", required=False)
        if ws is None:
            return {}
        header = self.sheets.header_cells(ws)
        name_column = None
        meeting_columns: dict[int, int] = {}
        # Columns of meetings that are not on «Заседания»: wrong only if marks stand in them
        # (a blank workbook has columns 1, 2, 3 before any meeting is entered).
        unknown: dict[int, tuple[str, int, str]] = {}
        for i, cell in enumerate(header):
            if cell.value is None:
                continue
            raw = text.clean(str(cell.value))
            if isinstance(cell.value, float) and cell.value.is_integer():
                raw = str(int(cell.value))
            if text.normalize_key(raw) == "фио":
                name_column = i
                continue
            match = re.fullmatch(r"(?:заседание\s*)?(?:№\s*)?(\d{1,3})(?:\s*\(.*\))?\.?", raw,
                                 flags=re.IGNORECASE)
            if match is None:
                continue  # notes, totals and other columns of the user's own
            number = int(match[1])
            if number not in numbers:
                unknown[i] = (raw, number, cell.coordinate)
                continue
            meeting_columns[number] = i
            self.mark_columns[number] = cell.coordinate[:-1]  # the letter of «C1»
        if name_column is None:
            self.collector.add("в первой строке нет столбца «ФИО».", ws.title)
            return {}
        marks: dict[int, dict[str, Mark]] = {n: {} for n in meeting_columns}
        seen: dict[str, str] = {}
        columns = {"ФИО": name_column, **{str(n): i for n, i in meeting_columns.items()},
                   **{f"?{i}": i for i in unknown}}
        marked: set[int] = set()
        for row in self.sheets.rows(ws, columns):
            marked.update(i for i in unknown if self.sheets.text(row, f"?{i}"))
            name = self.sheets.text(row, "ФИО", words_only=True, what="ФИО")
            row_marks = {n: self.sheets.text(row, str(n)) for n in meeting_columns}
            if not name:
                if any(row_marks.values()):
                    self.add("есть отметки, но не заполнено ФИО.", row, "ФИО")
                continue
            person = self.person(name, row, "ФИО")
            if person is None:
                continue
            if person.name in seen:
                self.add(f"«{name}» уже есть в ячейке {seen[person.name]}.", row, "ФИО")
                continue
            seen[person.name] = row.coordinate("ФИО")
            self.mark_rows[person.name] = row.number
            for number, raw in row_marks.items():
                mark = self.mark(raw, row, str(number))
                if mark is not None:
                    marks[number][person.name] = mark
        for i in sorted(marked):
            raw, number, coordinate = unknown[i]
            self.collector.add(f"столбец «{raw}»: заседания № {number} нет на листе "
                               "«Заседания».", ws.title, coordinate)
        return marks

    def check_attendance(self, meetings: list[Meeting], people: tuple[Person, ...],
                         marks: dict[int, dict[str, Mark]]) -> None:
        """Minutes of a held meeting need a mark for every member: present, or why not."""
        held = [m for m in meetings if m.date is not None
                and m.status is not MeetingStatus.CANCELLED]
        sheet = "Посещаемость"
        if not held or self.sheets.sheet(sheet, required=False) is None:
            if held:
                self.collector.add(f"нет листа «{sheet}»: для протоколов проведённых заседаний "
                                   "нужна посещаемость.", "")
            return
        for meeting in held:
            if meeting.number not in self.mark_columns:
                self.collector.add(
                    f"нет столбца «{meeting.number}» для заседания № {meeting.number}, "
                    f"проведённого {text.date_numeric(meeting.date)}. Добавьте его и отметьте "
                    "каждого: + (был), - (не был) или причину.", sheet)
        reported = {(p.sheet, p.cell) for p in self.collector.problems}
        for person in people:
            if not person.is_member:
                continue
            row = self.mark_rows.get(person.name)
            if row is None:
                self.collector.add(f"нет строки для «{person.name}». Впишите ФИО и отметки "
                                   "по проведённым заседаниям.", sheet)
                continue
            for meeting in held:
                column = self.mark_columns.get(meeting.number)
                if column and person.name not in marks.get(meeting.number, {}) and \
                        (sheet, f"{column}{row}") not in reported:
                    self.collector.add(
                        f"нет отметки о заседании № {meeting.number} "
                        f"({text.date_numeric(meeting.date)}) для «{person.name}»: "
                        "поставьте + (был), - (не был) или причину.", sheet, f"{column}{row}")

    def mark(self, raw: str, row: Row, column: str) -> Mark | None:
        """+ present; - or н absent; a reason in words absent for that reason."""
        key = text.normalize_key(raw)
        if not key:
            return None
        if key in PRESENT_MARKS:
            return Mark(True)
        if key in ABSENT_MARKS:
            return Mark(False)
        if sum(ch.isalpha() for ch in key) < 3:
            # «1», «x», «++» are marks nobody can read, not reasons.
            self.add(f"«{raw}» — непонятная отметка. Допустимо: + (был), - или н (не был), "
                     "или причина словами: «болезнь», «курсы ПК».", row, column)
            return None
        return Mark(False, raw)

    # --- «Участие» --------------------------------------------------------------------------

    def read_participation(self) -> tuple[Participation, ...]:
        table = self.sheets.table("Участие", ["ФИО", "Мероприятие", "Вид", "Уровень"],
                                  ["Результат", "Дата", "Часы"], sheet_required=False)
        if table is None:
            return ()
        columns, rows = table
        found = []
        for row in rows:
            name = self.sheets.text(row, "ФИО", required=True, words_only=True, what="ФИО")
            event = self.sheets.text(row, "Мероприятие", required=True,
                                     what="текст (название мероприятия)")
            kind = self.sheets.choice(row, "Вид", Kind, required=True)
            level = self.sheets.choice(row, "Уровень", Level, required=True)
            result = self.sheets.choice(row, "Результат", Result)
            date = self.sheets.text(row, "Дата") if "Дата" in columns else ""
            hours = self.sheets.number(row, "Часы", "число часов, например 72")
            person = self.person(name, row, "ФИО") if name else None
            if person and event and kind and level:
                found.append(Participation(person, event, kind, level, result, date, hours))
        return tuple(found)

    # --- «Итоги» ----------------------------------------------------------------------------

    def read_summary(self) -> dict[Summary, tuple[str, ...]]:
        table = self.sheets.table("Итоги", ["Раздел", "Текст"], sheet_required=False)
        if table is None:
            return {}
        _, rows = table
        found: dict[Summary, list[str]] = {s: [] for s in Summary}
        for row in rows:
            section = self.sheets.choice(row, "Раздел", Summary, required=True)
            body = self.sheets.text(row, "Текст", required=True)
            if section and body:
                found[section].append(text.strip_numbering(body))
        return {s: tuple(v) for s, v in found.items()}


__all__ = ["read_workbook", "inspect_workbook", "Inspection", "person_key", "RmoError"]
