"""The one error type of rmo: a list of problems, each with the sheet and cell it is in."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the input, said in Russian, with where it is.

    ``sheet`` and ``cell`` are empty for problems of the file as a whole.
    ``row`` and ``column`` keep problems sortable in the order a person reads the sheet.
    """

    sheet: str
    row: int
    column: int
    cell: str
    message: str

    def __str__(self) -> str:
        if self.sheet and self.cell:
            return f"Лист «{self.sheet}», ячейка {self.cell}: {self.message}"
        if self.sheet:
            return f"Лист «{self.sheet}»: {self.message}"
        return self.message


def problem(message: str, sheet: str = "", cell: str = "") -> Problem:
    """A problem at a cell given as «C7»: row and column are derived for sorting."""
    row, column = _position(cell)
    return Problem(sheet, row, column, cell, message)


def _position(cell: str) -> tuple[int, int]:
    letters = "".join(ch for ch in cell if ch.isalpha())
    digits = "".join(ch for ch in cell if ch.isdigit())
    column = 0
    for ch in letters.upper():
        column = column * 26 + (ord(ch) - 64)
    return (int(digits) if digits else 0), column


class RmoError(Exception):
    """Raised when the input cannot be turned into documents.

    Carries every problem found, so that the user fixes them all in one go. Raised by the
    reader (bad workbook), by rendering (bad template) and by writing (file locked); the CLI
    prints the problems and exits with code 1.
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]):
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @classmethod
    def single(cls, message: str) -> RmoError:
        """An error of the whole file or command, with no sheet or cell."""
        return cls([problem(message)])
