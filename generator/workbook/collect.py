"""What every reader of the workbook shares: the cells of a row, and the collector of
problems and warnings (kept apart from generator.workbook.sheets so that the cell types need not
import the sheet machinery)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..errors import Problem, problem, warning


@dataclass
class Collector:
    """Problems found so far; raising them all at once when asked."""

    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    # Cells already explained by a problem of their own (hidden by a merge, holding a formula
    # with no value): further complaints about them would only bury the real one.
    explained: set[tuple[str, str]] = field(default_factory=set)

    def add(self, message: str, sheet: str = "", cell: str = "", *, fix: str = "") -> None:
        if (sheet, cell) in self.explained:
            return
        self.problems.append(problem(message, sheet, cell, fix=fix))

    def warn(self, message: str, sheet: str = "", cell: str = "", *, fix: str = "") -> None:
        if (sheet, cell) in self.explained:
            return
        self.warnings.append(warning(message, sheet, cell, fix=fix))

    def explain(self, sheet: str, cells) -> None:
        self.explained.update((sheet, cell) for cell in cells)

    def sorted(self, problems: list[Problem], sheet_order: list[str] | None = None,
               ) -> tuple[Problem, ...]:
        """Without repeats, in the order a person reads the book: sheet by sheet, row by row."""
        order = {name: i for i, name in enumerate(sheet_order or [])}
        unique = dict.fromkeys(problems)
        return tuple(sorted(unique, key=lambda p: (p.sheet != "", order.get(p.sheet, 99),
                                                   p.sheet, p.row, p.column, p.message)))


@dataclass(frozen=True)
class Cell:
    value: Any
    coordinate: str  # «C7»


@dataclass(frozen=True)
class Row:
    """One data row of a table sheet: the cells of its known columns by canonical name."""

    sheet: str
    number: int
    cells: dict[str, Cell]

    def coordinate(self, column: str) -> str:
        """The cell of a column in this row; for a column missing from the sheet, the row's
        first cell, so that a message always names a cell that is there."""
        cell = self.cells.get(column)
        if cell is not None:
            return cell.coordinate

        def letters(found: Cell) -> tuple[int, str]:
            name = found.coordinate.rstrip("0123456789")
            return len(name), name
        first = min(self.cells.values(), key=letters, default=None)
        return first.coordinate if first is not None else f"A{self.number}"
