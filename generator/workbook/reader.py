"""Reading the workbook (contract: generator.workbook.contract): every sheet by its reader
(generator.workbook.reading), then the checks across sheets (generator.workbook.links); every
problem collected."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ..errors import Problem, RmoError
from ..model import SchoolYear, Workbook
from . import contract, reading
from .cells import Context
from .collect import Collector
from .contract import SHEET_ORDER
from .links import assemble
from .opening import open_workbook
from .sheets import Sheets


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
        workbook = _read(sheets, collector)
    finally:
        sheets.close()
    errors = collector.sorted(collector.problems, list(SHEET_ORDER))
    warnings = collector.sorted(collector.warnings, list(SHEET_ORDER))
    if errors or workbook is None:
        return Inspection(None, errors, warnings)
    return Inspection(replace(workbook, warnings=warnings), (), warnings)


def read_workbook(path: str | Path) -> Workbook:
    """Read and check the whole workbook; raise RmoError with every problem found."""
    found = inspect_workbook(path)
    if found.workbook is None:
        raise RmoError(found.errors, found.warnings)
    return found.workbook


def _read(sheets: Sheets, collector: Collector) -> Workbook | None:
    ctx = Context(collector, sheets.epoch)
    sheets.check_sheet_names()
    roster = reading.read_people(sheets, ctx)
    params = reading.read_parameters(sheets, ctx)
    year = params.typed.get(contract.SCHOOL_YEAR.name)
    if isinstance(year, SchoolYear):
        ctx.first_day, ctx.last_day = year.first_day, year.last_day
    plan = reading.read_plan(sheets, ctx)
    meetings = reading.read_meetings(sheets, ctx)
    ctx.first_day = ctx.last_day = None
    calendar = reading.read_calendar(sheets, ctx)
    agenda = reading.read_agenda(sheets, ctx)
    attendance = reading.read_attendance(sheets, ctx)
    participation = reading.read_participation(sheets, ctx)
    summary = reading.read_conclusions(sheets, ctx)
    return assemble(ctx, params, roster, plan, meetings, calendar, agenda, attendance,
                    participation, summary)


__all__ = ["read_workbook", "inspect_workbook", "Inspection"]
