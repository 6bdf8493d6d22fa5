"""The one error type of rmo: a list of problems, each with the sheet and cell it is in.

Problems come in two severities: errors stop the build, warnings are printed after them and
do not (a column the program does not read, a decision missing under a held item, ...).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "ошибка"
    WARNING = "предупреждение"


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, said in Russian, with where it is.

    ``sheet`` and ``cell`` are empty for problems of the file as a whole.
    ``row`` and ``column`` keep problems sortable in the order a person reads the sheet.
    ``message`` says what is wrong, ``fix`` (when given) what to do about it.
    """

    sheet: str
    row: int
    column: int
    cell: str
    message: str
    fix: str = ""
    severity: Severity = field(default=Severity.ERROR, compare=False)

    @property
    def text(self) -> str:
        """The message and what to do, as one sentence group."""
        return f"{self.message} {self.fix}" if self.fix else self.message

    @property
    def is_warning(self) -> bool:
        return self.severity is Severity.WARNING

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"Лист «{self.sheet}», ячейка {self.cell}: {self.text}"
        if self.sheet:
            return f"Лист «{self.sheet}»: {self.text}"
        return self.text


def problem(message: str, sheet: str = "", cell: str = "", *, fix: str = "",
            severity: Severity = Severity.ERROR) -> Problem:
    """A problem at a cell given as «C7»: row and column are derived for sorting."""
    row, column = _position(cell)
    return Problem(sheet, row, column, cell, message, fix, severity)


def warning(message: str, sheet: str = "", cell: str = "", *, fix: str = "") -> Problem:
    """A problem that does not stop the build: printed after the errors."""
    return problem(message, sheet, cell, fix=fix, severity=Severity.WARNING)


def _position(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    column = 0
    for ch in letters.upper():
        column = column * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0), column


class RmoError(Exception):
    """Raised when the input cannot be turned into documents.

    Carries every problem found, so that the user fixes them all in one go, and the warnings
    found on the way. Raised by the reader (bad workbook), by rendering (bad template) and by
    writing (file locked); the CLI prints the problems and exits with code 1.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...],
                 warnings: list[Problem] | tuple[Problem, ...] = ()):
        self.problems = tuple(problems)
        self.warnings = tuple(warnings)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, message: str) -> RmoError:
        """An error of the whole file or command, with no sheet or cell."""
        return cls([problem(message)])


# What the operating system said, in Russian: its own strerror is English («Not a directory»).
_REASONS = {
    "ENOENT": "такого файла или папки нет",
    "ENOTDIR": "в пути вместо папки стоит файл",
    "EISDIR": "это папка, а не файл",
    "EEXIST": "такой файл уже есть",
    "EACCES": "нет доступа: не хватает прав или файл открыт в другой программе",
    "EPERM": "нет доступа: не хватает прав",
    "EBUSY": "файл занят другой программой",
    "ENOSPC": "на диске не осталось места",
    "EDQUOT": "на диске кончилось место, отведённое этой учётной записи",
    "EROFS": "диск только для чтения",
    "ENAMETOOLONG": "слишком длинное имя файла или путь",
    "EINVAL": "недопустимое имя файла или папки",
    "EIO": "ошибка чтения или записи диска",
    "EMFILE": "открыто слишком много файлов",
    "ENFILE": "открыто слишком много файлов",
    "ENOTEMPTY": "папка не пуста",
    "EADDRINUSE": "адрес занят другой программой",
    "EADDRNOTAVAIL": "такого адреса у этого компьютера нет",
}
_WINDOWS_REASONS = {32: "файл открыт в другой программе", 33: "файл открыт в другой программе",
                    123: "недопустимое имя файла или папки"}


def os_reason(error: OSError) -> str:
    """Why the system refused, in Russian, without a full stop: «такого файла или папки нет»."""
    import errno

    windows = _WINDOWS_REASONS.get(getattr(error, "winerror", None) or 0)
    if windows:
        return windows
    name = errno.errorcode.get(error.errno or 0, "")
    if name in _REASONS:
        return _REASONS[name]
    return f"ошибка системы № {error.errno}" if error.errno else "ошибка системы"
