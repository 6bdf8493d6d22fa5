"""Cell types: one small reader per kind of value the contract declares.

Each type turns one cell into a clean value, or reports a Problem at that cell and returns
None (frictionless' field types and mkdocs' config options are the model). The declaration
in generator.workbook.contract says which type each column has; the sheet readers only call `read`.
"""

# Over 400 lines: one reader per type of cell, side by side, so that every cell is read and refused
# alike.

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..russian import text
from ..russian.lists import ABSENT_MARKS, PRESENT_MARKS

if TYPE_CHECKING:
    from .collect import Collector, Row

EXCEL_ERRORS = frozenset(
    {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
     "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!", "#UNKNOWN!"}
)


@dataclass
class Context:
    """What a cell reader needs besides the cell: where to report, the date system of the
    file, and the school year dates must fall in."""

    collector: Collector
    epoch: Any = None
    first_day: dt.date | None = None
    last_day: dt.date | None = None

    def add(self, message: str, row: Row, column: str, *, fix: str = "") -> None:
        self.collector.add(message, row.sheet, row.coordinate(column), fix=fix)

    def warn(self, message: str, row: Row, column: str, *, fix: str = "") -> None:
        self.collector.warn(message, row.sheet, row.coordinate(column), fix=fix)


def raw_value(row: Row, column: str) -> Any:
    cell = row.cells.get(column)
    return None if cell is None else cell.value


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not text.clean(value))


def as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


@dataclass(frozen=True, kw_only=True)
class CellType:
    """Base of every type: the words a message uses for the value («текст», «ФИО»)."""

    what: str = "текст"
    # The drop-down `rmo init` puts on the column: its values, and «stop» (only these) or
    # «warning» (other text allowed too, e.g. a reason after a colon).
    dropdown: tuple[str, ...] = ()
    dropdown_style: str = "stop"

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> Any:
        raise NotImplementedError

    def describe(self) -> str:
        """The type in words, for docs/workbook.md."""
        return "текст"


@dataclass(frozen=True)
class Text(CellType):
    """Free text. `words`: numbers and dates are mistakes (a name, a position).
    `one_line`: a line break typed with Alt+Enter is joined with a space, with a warning."""

    words: bool = field(default=False, kw_only=True)
    one_line: bool = field(default=False, kw_only=True)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> str:
        value = raw_value(row, column)
        what = what or self.what
        if is_empty(value):
            if required:
                ctx.add(f"не заполнен столбец «{column}».", row, column, fix=f"Нужен {what}.")
            return ""
        if isinstance(value, str):
            cleaned = text.clean(value)
            if cleaned in EXCEL_ERRORS:
                ctx.add(f"в ячейке ошибка Excel {cleaned}.", row, column,
                        fix="Исправьте формулу или впишите значение.")
                return ""
            if self.one_line and "\n" in cleaned:
                # A break after a hyphen splits one word («педагог-\nбиблиотекарь»).
                cleaned = re.sub(r"(?<=\w-)\n", "", cleaned).replace("\n", " ")
                ctx.warn(f"перенос строки внутри «{column}»: программа читает текст в одну "
                         f"строку — «{cleaned}».", row, column,
                         fix="Уберите перенос (Alt+Enter), если он лишний.")
            return cleaned
        if isinstance(value, bool):
            return "да" if value else "нет"
        if isinstance(value, (int, float)):
            if self.words:
                ctx.add(f"здесь число {text.number(value)}, а нужен {what}.", row, column,
                        fix=f"Впишите {what} вместо числа.")
                return ""
            return text.number(value)
        if isinstance(value, (dt.datetime, dt.date)):
            if self.words:
                ctx.add(f"здесь дата, а нужен {what}.", row, column,
                        fix=f"Впишите {what} вместо даты.")
                return ""
            return text.date_numeric(as_date(value))
        return text.clean(str(value))

    def describe(self) -> str:
        return "текст в одну строку" if self.one_line else "текст"


@dataclass(frozen=True)
class PersonRef(Text):
    """The name of a person on «Участники»; checked against the roster after every sheet is
    read (generator.workbook.links)."""

    what: str = field(default="ФИО", kw_only=True)
    words: bool = field(default=True, kw_only=True)
    one_line: bool = field(default=True, kw_only=True)
    many: bool = field(default=False, kw_only=True)  # several people, by «;» or line breaks

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> Any:
        if not self.many:
            name = super().read(ctx, row, column, required=required, what=what)
            return " ".join(name.split())
        plain = Text(what=self.what, words=True)
        raw = plain.read(ctx, row, column, required=required, what=what)
        return tuple(part.strip() for part in re.split(r"[;\n]", raw) if part.strip())

    def describe(self) -> str:
        return "ФИО с листа «Участники»" + (" (несколько — через «;» или с новой строки)"
                                          if self.many else "")


@dataclass(frozen=True)
class MeetingRef(CellType):
    """A meeting number: 1, «№ 2», «3.»; checked against «Заседания» after every sheet."""

    what: str = field(default="номер заседания", kw_only=True)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> int | None:
        value = raw_value(row, column)
        raw = Text().read(ctx, row, column, required=required, what=what or self.what)
        if not raw:
            return None
        if isinstance(value, float) and not value.is_integer():
            raw = str(value).replace(".", ",")  # not rounded: 2,0000001 is not meeting 2
        match = re.fullmatch(r"(?:№|N|No)?\s*(\d{1,3})\.?", raw.replace("\u00a0", " "))
        if not match or int(match[1]) == 0:
            ctx.add(f"«{raw}» — не номер заседания.", row, column,
                    fix="Нужно целое число: 1, 2, 3…")
            return None
        return int(match[1])

    def describe(self) -> str:
        return "номер заседания (целое число)"


@dataclass(frozen=True)
class Date(CellType):
    """A date cell, a serial number or a date typed as text (15.10.2025, 15.10.25,
    2025-10-15, 15 октября 2025, with «г.» or not), within the school year."""

    what: str = field(default="дата", kw_only=True)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> dt.date | None:
        value = raw_value(row, column)
        if is_empty(value):
            return None
        day = None
        if isinstance(value, (dt.datetime, dt.date)):
            day = as_date(value)
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            day = _serial(value, ctx.epoch)
        elif isinstance(value, str):
            cleaned = text.clean(value)
            if cleaned in EXCEL_ERRORS:
                ctx.add(f"в ячейке ошибка Excel {cleaned}.", row, column, fix="Впишите дату.")
                return None
            day = text.parse_date(cleaned)
            if day is None:
                wrong = "такой даты нет" if text.date_parts(cleaned) else "не дата"
                ctx.add(f"«{cleaned}» — {wrong}.", row, column,
                        fix="Нужна дата в виде ДД.ММ.ГГГГ, например 15.10.2025.")
                return None
        if day is None:
            ctx.add("здесь не дата.", row, column,
                    fix="Нужна дата в виде ДД.ММ.ГГГГ, например 15.10.2025.")
            return None
        first, last = ctx.first_day, ctx.last_day
        if first and last and not first <= day <= last:
            ctx.add(f"дата {text.date_numeric(day)} не входит в учебный год "
                    f"({text.date_numeric(first)} – {text.date_numeric(last)}).", row, column,
                    fix="Проверьте год в дате или учебный год на листе «Объединение».")
            return None
        return day

    def describe(self) -> str:
        return "дата: 15.10.2025, 15.10.25, 15 октября 2025 или 2025-10-15"


@dataclass(frozen=True)
class Number(CellType):
    """A number; «72 ч», «1,5» are numbers too."""

    what: str = field(default="число", kw_only=True)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> float | None:
        value = raw_value(row, column)
        what = what or self.what
        if is_empty(value):
            return None
        if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
            ctx.add("здесь не число.", row, column, fix=f"Нужно {what}.")
            return None
        number = self.parse(value)
        if number is None:
            ctx.add(f"«{text.clean(str(value))}» — не число.", row, column, fix=f"Нужно {what}.")
        return number

    @staticmethod
    def parse(value: Any) -> float | None:
        """A number, a text like «72 ч» or «1,5»; None for anything else."""
        if isinstance(value, bool) or isinstance(value, (dt.date, dt.datetime)):
            return None
        if isinstance(value, (int, float)):
            return float(value)
        cleaned = text.clean(str(value)).replace(",", ".").replace(" ", "")
        cleaned = re.sub(r"(ч|час|часа|часов|ак\.ч)\.?$", "", cleaned)
        try:
            return float(cleaned)
        except ValueError:
            return None

    def describe(self) -> str:
        return "число"


@dataclass(frozen=True)
class Choice(CellType):
    """A value of a closed list (an Enum whose values are the Russian words), or one of the
    declared synonyms of a value. `tail`: «prefix» takes a comment after the value
    («частично: не все»), «reason» a reason after a colon («перенесено: карантин»)."""

    options: type[enum.Enum] | None = None
    synonyms: dict[Any, tuple[str, ...]] = field(default_factory=dict)
    what: str = field(default="значение из списка", kw_only=True)
    tail: str = ""  # "", "prefix" or "reason"
    allowed: str = ""  # the «Допустимо: …» text, when the plain list would mislead
    wrong: str = "такого значения нет"

    def __post_init__(self) -> None:
        if not self.dropdown and self.options is not None:
            object.__setattr__(self, "dropdown", self.values)

    @property
    def values(self) -> tuple[str, ...]:
        assert self.options is not None
        return tuple(o.value for o in self.options if o.value)

    def words(self) -> list[tuple[str, Any]]:
        """Every accepted spelling, longest first: «не выполнена» before «выполнена»."""
        assert self.options is not None
        found = [(text.normalize_key(o.value), o) for o in self.options if o.value]
        found += [(text.normalize_key(word), option) for option, words in self.synonyms.items()
                  for word in words]
        return sorted(found, key=lambda pair: -len(pair[0]))

    def match(self, raw: str) -> Any:
        key = text.normalize_key(raw)
        return next((option for word, option in self.words() if word == key), None)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> Any:
        value, _ = self.read_with_tail(ctx, row, column, required=required, what=what)
        return value

    def read_with_tail(self, ctx: Context, row: Row, column: str, *, required: bool = False,
                       what: str = "") -> tuple[Any, str]:
        raw = Text().read(ctx, row, column, required=required, what=what or self.what)
        if not raw:
            return None, ""
        found, rest = self.split(raw)
        if found is None:
            allowed = self.allowed or ", ".join(f"«{v}»" for v in self.values) + "."
            ctx.add(f"«{raw}» — {self.wrong}.", row, column, fix=f"Допустимо: {allowed}")
            return None, ""
        return found, rest

    def split(self, raw: str) -> tuple[Any, str]:
        if self.tail == "prefix":
            key = text.normalize_key(raw)
            for word, option in self.words():
                if key.startswith(word):
                    return option, raw[len(word):].lstrip(" :;,.–—-").strip()
            return None, ""
        if self.tail == "reason":
            parts = re.split(r"\s*[:—–(]\s*|\s+-\s+", raw, maxsplit=1)
            reason = parts[1].rstrip(")").strip() if len(parts) > 1 else ""
            return self.match(parts[0]), reason
        return self.match(raw), ""

    def describe(self) -> str:
        return "из списка"


@dataclass(frozen=True)
class YesNo(Choice):
    """«да»/«нет»-like flags; empty is the default (yes)."""

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = "") -> Any:
        raw = Text().read(ctx, row, column)
        if not raw:
            return None
        found = self.match(raw)
        if found is None:
            ctx.add(f"«{raw}» — {self.wrong}.", row, column, fix=f"Допустимо: {self.allowed}")
        return found


@dataclass(frozen=True)
class MarkType(CellType):
    """An attendance mark: + present; - or н absent; a reason in words is absent for it."""

    what: str = field(default="отметка", kw_only=True)
    dropdown: tuple[str, ...] = field(default=("+", "-", "н"), kw_only=True)
    dropdown_style: str = field(default="warning", kw_only=True)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = ""):
        from ..model import Mark

        raw = Text().read(ctx, row, column)
        key = text.normalize_key(raw)
        if not key:
            return None
        if key in PRESENT_MARKS:
            return Mark(True)
        if key in ABSENT_MARKS:
            return Mark(False)
        if sum(ch.isalpha() for ch in key) < 3:
            # «1», «x», «++» are marks nobody can read, not reasons.
            ctx.add(f"«{raw}» — непонятная отметка.", row, column,
                    fix="Допустимо: + (был), - или н (не был), или причина словами: "
                        "«болезнь», «курсы ПК».")
            return None
        return Mark(False, raw)

    def describe(self) -> str:
        return "«+» (был), «-» или «н» (не был) или причина словами («болезнь», «курсы ПК»)"


_YEAR = re.compile(
    r"^(\d{4})\s*(?:/|-|–|—|\s)\s*(\d{2}|\d{4})(?:\s*(?:уч\.?|учебный)?\s*(?:г\.?|год)?)?$"
)


@dataclass(frozen=True)
class SchoolYearType(CellType):
    """A school year: 2025/2026, 2025-2026, 2025/26."""

    what: str = field(default="учебный год", kw_only=True)

    def read(self, ctx: Context, row: Row, column: str, *, required: bool = False,
             what: str = ""):
        from ..model import SchoolYear

        raw = Text().read(ctx, row, column)
        if not raw:
            return None
        match = _YEAR.match(raw.replace(" ", "")) or _YEAR.match(raw)
        if match:
            start, end = int(match[1]), match[2]
            end_year = int(end) if len(end) == 4 else start // 100 * 100 + int(end)
            if end_year == start + 1:
                return SchoolYear(start)
        ctx.add(f"«{raw}» — не учебный год.", row, column,
                fix="Нужно два соседних года: 2025/2026.")
        return None

    def describe(self) -> str:
        return "учебный год: 2025/2026"


def _serial(value: float, epoch) -> dt.date | None:
    from openpyxl.utils.datetime import from_excel

    if not 1 <= value < 2958466:
        return None
    try:
        return as_date(from_excel(value, epoch=epoch) if epoch else from_excel(value))
    except (ValueError, OverflowError):
        return None

