"""Finding a workbook's sheets, their headers and data rows.

Every problem becomes a Problem with the sheet and cell, collected in a Collector, never
raised one by one: the user sees every mistake at once. Cell values are read by the types of
generator.workbook.cells; the file is opened by generator.workbook.opening.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..russian import text
from .collect import Cell, Collector, Row
from .opening import SheetFacts
from .similar import renamed, renamed_message, resembles

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

    from . import contract

HEADER_SEARCH = 5  # how far down an empty row may push the header


class Sheets:
    """Finds sheets and columns by their Russian names and reads typed cell values."""

    def __init__(self, opened, collector: Collector):
        self.workbook, self.facts = opened
        self.collector = collector
        self.epoch = getattr(self.workbook, "epoch", None)
        self._by_key = {text.normalize_key(ws.title): ws for ws in self.workbook.worksheets}
        self._header_rows: dict[str, int] = {}
        # Declared sheets an unknown sheet was taken for: already explained by one error.
        self._suggested: set[str] = set()
        self._warned: set[str] = set()

    def close(self) -> None:
        self.workbook.close()

    # --- sheets and tables --------------------------------------------------------------

    def check_sheet_names(self) -> None:
        """Sheets the contract does not know: an error when one looks like a missing sheet
        (by its name or by its header), a warning when it holds data the program won't read."""
        from . import contract

        declared = {text.normalize_key(s.name): s for s in contract.SHEETS}
        known = set(declared) | {text.normalize_key(contract.INSTRUCTION_SHEET)}
        missing = [s for key, s in declared.items() if key not in self._by_key]
        for ws in self.workbook.worksheets:
            if text.normalize_key(ws.title) in known:
                continue
            near = resembles(ws.title, [s.name for s in missing])
            how = "" if near else "по столбцам это лист "
            if near is None:
                near = self._by_header(ws, missing)
            if near is not None:
                self._suggested.add(text.normalize_key(near))
                missing = [s for s in missing if s.name != near]
                said = f"Может быть, это «{near}»?" if not how else f"{how[0].upper()}{how[1:]}" \
                    f"«{near}»."
                self.collector.add(f"такого листа программа не знает. {said}", ws.title,
                                   fix=f"Переименуйте лист в «{near}».")
            elif self._holds_data(ws):
                self.collector.warn("такого листа программа не знает и его не читает.",
                                    ws.title, fix="Если в нём нужные сведения, перенесите их "
                                                  "на листы книги.")

    def _by_header(self, ws, missing) -> str | None:
        self._reset(ws)
        header = set(self._header(ws))
        for sheet in missing:
            needed = {c.key for c in sheet.columns if c.required}
            if needed and needed <= header:
                return sheet.name
        return None

    def _holds_data(self, ws) -> bool:
        self._reset(ws)
        for values in ws.iter_rows(values_only=True):
            if any(v is not None and not (isinstance(v, str) and not v.strip()) for v in values):
                return True
        return False

    @staticmethod
    def _reset(ws) -> None:
        if hasattr(ws, "reset_dimensions"):
            # The size a file claims may be wrong: read every row that is there.
            ws.reset_dimensions()

    def sheet(self, title: str, required: bool = True) -> Worksheet | None:
        from . import contract

        key = text.normalize_key(title)
        ws = self._by_key.get(key)
        if ws is not None:
            self._reset(ws)
            return ws
        if key in self._suggested or key in self._warned:
            return None
        self._warned.add(key)
        if required:
            self.collector.add(f"нет листа «{title}».", "",
                               fix=f"Добавьте лист «{title}» (он есть в пустой книге).")
            return None
        declared = next((s for s in contract.SHEETS if s.key == key), None)
        if declared is not None and declared.missing:
            self.collector.warn(f"нет листа «{declared.name}»: в анализе будет сказано, что "
                                f"{declared.missing}.", "",
                                fix=f"Если сведения есть, добавьте лист «{declared.name}».")
        return None

    def table_rows(self, declared: contract.Sheet) -> list[Row] | None:
        """The non-empty rows of a table sheet under its header (row 1, or the first row that
        is not empty), each with the cells of the declared columns found, by their canonical
        names; None when the sheet is missing or its header lacks a required column (said).

        A header the contract does not know is an error when it looks like a missing column,
        a warning when its column holds data; both name the header's cell.
        """
        ws = self.sheet(declared.name, declared.required)
        if ws is None:
            return None
        cells = self.header_cells(ws)
        columns: dict[str, int] = {}
        taken: set[int] = set()
        for column in declared.columns:
            keys = [column.key, *(text.normalize_key(a) for a in column.aliases)]
            found = next((i for i, c in enumerate(cells) if c.value is not None
                          and text.normalize_key(str(c.value)) in keys and i not in taken), None)
            if found is not None:
                columns[column.name] = found
                taken.add(found)
        absent = [c.name for c in declared.columns if c.name not in columns]
        explained: set[str] = set()
        unknown: dict[int, Cell] = {}
        for i, cell in enumerate(cells):
            if i in taken or cell.value is None or not text.clean(str(cell.value)):
                continue
            near = resembles(str(cell.value), absent)
            if near is not None:
                explained.add(near)
                absent.remove(near)
                self.collector.add(f"столбец «{text.clean(str(cell.value))}» программа не "
                                   f"знает. Может быть, это «{near}»?", ws.title,
                                   cell.coordinate, fix="Переименуйте заголовок.")
            else:
                unknown[i] = cell
        for column in declared.required_columns:
            if column.name not in columns and column.name not in explained:
                self.collector.add(f"в первой строке нет столбца «{column.name}».", ws.title,
                                   fix=f"Добавьте столбец «{column.name}» в первую строку.")
        if any(c.name not in columns for c in declared.required_columns):
            return None
        self._merged(ws, columns.values())
        filled: dict[int, list] = {}
        rows = list(self.rows(ws, columns, unknown=set(unknown), filled=filled))
        # A column with data under a name the program does not know, on a sheet missing an
        # optional column that could hold such data, is almost always that column renamed:
        # reading on would lose its data in silence (speakers, hours, «not held»).
        missing = [c for c in declared.columns if c.name in absent]
        for i in sorted(filled):
            header = text.clean(str(unknown[i].value))
            candidates = renamed(header, filled[i], missing)
            if not candidates:
                self.unread_column(ws.title, unknown[i])
                continue
            if len(candidates) == 1:
                missing.remove(candidates[0])
            message, fix = renamed_message(header, candidates)
            self.collector.add(message, ws.title, unknown[i].coordinate, fix=fix)
        return rows

    def unread_column(self, sheet: str, cell: Cell) -> None:
        self.collector.warn(f"столбец «{text.clean(str(cell.value))}» программа не знает и "
                            "его не читает.", sheet, cell.coordinate,
                            fix="Если в нём нужные сведения, перенесите их в столбцы книги.")

    def rows(self, ws, columns: dict[str, int], unknown: frozenset[int] | set[int] = frozenset(),
             filled: dict[int, list] | None = None):
        """The non-empty data rows under the header, with the cells of the given columns;
        `filled` collects the values of the `unknown` columns that hold anything."""
        from openpyxl.utils import get_column_letter

        letters = {name: get_column_letter(i + 1) for name, i in columns.items()}
        formulas = self.facts.get(ws.title, SheetFacts()).formulas
        indexes = list(columns.values())
        first = self.header_row(ws) + 1
        for number, values in enumerate(ws.iter_rows(min_row=first, values_only=True),
                                        start=first):
            if unknown and filled is not None:
                for i in unknown:
                    if i < len(values) and not _is_blank(Cell(values[i], "")):
                        filled.setdefault(i, []).append(values[i])
            if not formulas and all(i >= len(values) or values[i] is None for i in indexes):
                continue  # thousands of formatted empty rows cost little
            picked = {name: Cell(values[i] if i < len(values) else None,
                                 f"{letters[name]}{number}") for name, i in columns.items()}
            if formulas:
                for cell in picked.values():
                    if cell.value is None and cell.coordinate in formulas:
                        self.collector.add(
                            "в ячейке формула, но её значение не сохранено.", ws.title,
                            cell.coordinate,
                            fix="Откройте файл в Excel и сохраните его (или впишите значение "
                                "вместо формулы).")
                        self.collector.explain(ws.title, [cell.coordinate])
            if all(_is_blank(c) for c in picked.values()):
                continue
            yield Row(ws.title, number, picked)

    def _header(self, ws) -> dict[str, int]:
        header: dict[str, int] = {}
        for i, cell in enumerate(self.header_cells(ws)):
            if cell.value is None:
                continue
            key = text.normalize_key(str(cell.value))
            if key:
                header.setdefault(key, i)
        return header

    def header_row(self, ws) -> int:
        """Row 1, or the first row that is not empty among the first few: an empty row
        typed above the header is tolerated."""
        if ws.title not in self._header_rows:
            found = 1
            for number, values in enumerate(ws.iter_rows(min_row=1, max_row=HEADER_SEARCH,
                                                         values_only=True), start=1):
                if any(not _is_blank(Cell(v, "")) for v in values):
                    found = number
                    break
            self._header_rows[ws.title] = found
        return self._header_rows[ws.title]

    def header_cells(self, ws) -> list[Cell]:
        from openpyxl.utils import get_column_letter

        number = self.header_row(ws)
        for values in ws.iter_rows(min_row=number, max_row=number, values_only=True):
            return [Cell(v, f"{get_column_letter(i + 1)}{number}") for i, v in enumerate(values)]
        return []

    def _merged(self, ws, column_indexes) -> None:
        from openpyxl.utils import get_column_letter, range_boundaries

        wanted = {i + 1 for i in column_indexes}
        for merged in self.facts.get(ws.title, SheetFacts()).merged:
            min_col, min_row, max_col, max_row = range_boundaries(merged)
            if any(col in wanted for col in range(min_col, max_col + 1)):
                self.collector.add(
                    f"объединённые ячейки {merged}. В таблице каждая строка — отдельная запись:",
                    ws.title, merged.split(":")[0],
                    fix="снимите объединение (Главная → Объединить и поместить в центре) и "
                        "заполните каждую ячейку.",
                )
                self.collector.explain(ws.title, [
                    f"{get_column_letter(col)}{row}"
                    for col in range(min_col, max_col + 1)
                    for row in range(min_row, max_row + 1)][1:])


def _is_blank(cell: Cell | None) -> bool:
    if cell is None or cell.value is None:
        return True
    return isinstance(cell.value, str) and not text.clean(cell.value)
