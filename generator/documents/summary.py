"""«Сводный отчёт о работе районных методических объединений за 2025/2026 учебный год»:
the centre's table of every association's figures, the totals, a chart, and each association's
own conclusions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..archive.issued import today
from ..figures.centre import LEVELS, AssociationRow, CentreSummary
from ..russian.text import (
    NBSP,
    count,
    date_numeric,
    number,
    percent,
    plural,
    sentence,
    singular,
    surname_first,
    typography,
)
from .chart import BarChart
from .common import split_signer

TITLE = "Сводный отчёт о работе районных методических объединений"
TEMPLATE = "summary.docx"  # one of kinds.REPORT_TEMPLATES


@dataclass(frozen=True)
class Report:
    """The summary to render: not a Document of a build, whose kind is one of the registry's."""

    filename: str  # what a download offers
    context: dict
    title: str
    date: dt.date  # for the document's properties
    template: str = TEMPLATE
NO_CONCLUSIONS = "Выводы объединением не представлены."
DASH = "–"  # a figure that cannot be given (no meeting held): the dash of every document
SIGNER = "Директор"  # the position under the report when the centre did not name its signer


def summary_document(summary: CentreSummary, organisation: str = "",
                     signer: str = "") -> Report:
    """The report; ``organisation`` (the centre, the originator) and ``signer`` («Директор
    Е.А. Иванова») come from the centre's settings. Without them the originator is the
    «Организация» all the workbooks name, and the report is signed «Директор ______» with
    the name left to write by hand."""
    year = summary.year
    totals = summary.totals
    levels = [i for i, total in enumerate(totals.by_level) if total]  # columns with data
    title, name = split_signer(signer) if signer.strip() else ("", "")
    context = {
        "title": TITLE,
        "year": year.label,
        "organisation": typography(organisation.strip() or summary.organisation),
        "signer_title": title or SIGNER,
        "signer": name,
        "date": date_numeric(today()),
        "levels": [LEVELS[i].label for i in levels],
        "as_of": (f"по состоянию на {date_numeric(summary.as_of)}"
                  if summary.interim and summary.as_of else ""),
        "overview": _overview(summary),
        "rows": [_row(i, r, levels) for i, r in enumerate(summary.rows, start=1)],
        "total": {
            "name": "Итого",
            "members": str(totals.members),
            "institutions": str(totals.institutions),
            "planned": str(totals.planned),
            "held": str(totals.held),
            "attendance": percent(totals.average_attendance) if totals.held else DASH,
            "talks": str(totals.talks),
            "speakers": percent(totals.speakers_share),
            **_levels(totals.by_level, levels),
            "results": str(totals.high_results),
            "hours": number(totals.course_hours),
        },
        "notes": notes(summary),
        "attendance_chart": _attendance_chart(summary) if totals.held else "",
        "level_chart": BarChart(
            title="Участие членов объединений в мероприятиях по уровням",
            series="Число участий",
            categories=tuple(LEVELS[i].label for i in levels),
            values=tuple(totals.by_level[i] for i in levels),
            width_cm=18.0,
            height_cm=7.0,
        ) if levels else "",
        "conclusions": [_conclusions(i, r) for i, r in enumerate(summary.rows, start=1)],
    }
    date = summary.as_of or year.last_day
    return Report(
        filename=f"Сводный отчёт за {year.folder} учебный год.docx",
        context=context,
        title=f"{TITLE} за {year.label} учебный год",
        date=date,
    )


def _name(row: AssociationRow) -> str:
    return typography(row.name)


def _attendance_chart(summary: CentreSummary) -> BarChart:
    """Bars named by association, lying down so that the names read: the associations that
    held a meeting, in the table's order from the top."""
    held = [r for r in summary.rows if r.held]
    return BarChart(
        title="Средняя посещаемость заседаний, %",
        series="Посещаемость, %",
        categories=tuple(r.name for r in held),
        values=tuple(r.average_attendance for r in held),
        maximum=100,
        width_cm=24.0,
        height_cm=min(3.0 + 1.0 * len(held), 15.0),
        horizontal=True,
    )


def _row(index: int, row: AssociationRow, levels: list[int]) -> dict:
    return {
        "number": str(index),
        "name": _name(row),
        "head": typography(f"рук. {surname_first(row.head.name)}"),
        "as_of": f"данные на {date_numeric(row.as_of)}" if row.interim and row.as_of else "",
        "members": str(row.members),
        "institutions": str(row.institutions),
        "planned": str(row.planned),
        "held": str(row.held),
        "attendance": percent(row.average_attendance) if row.held else DASH,
        "talks": str(row.talks),
        "speakers": percent(row.speakers_share),
        **_levels(row.by_level, levels),
        "results": str(row.high_results),
        "hours": number(row.course_hours),
    }


def _levels(values: tuple[int, ...], shown: list[int]) -> dict:
    """The levels that have data somewhere, as the template's column loop takes them; and one
    field per level, as a template of an earlier rmo names each column."""
    return {"levels": [str(values[i]) for i in shown],
            **{f"level{i}": str(v) for i, v in enumerate(values, start=1)}}


def _overview(summary: CentreSummary) -> list[str]:
    """The paragraph a methodist reads before the table: the district in four sentences."""
    t = summary.totals
    n = t.associations
    lines = [
        f"В {summary.year.label} учебном году "
        + plural(n, "работало ", "работали ", "работало ")
        + count(n, "методическое объединение", "методических объединения",
                "методических объединений")
        + f": {count(t.members, 'член', 'члена', 'членов')} из {t.institutions} "
        + f"{plural(t.institutions, 'учреждения', 'учреждений', 'учреждений')}.",
        f"Запланировано {count(t.planned, 'заседание', 'заседания', 'заседаний')}, проведено "
        f"{t.held} ({percent(t.held_share)})"
        + (f"; средняя посещаемость заседаний составила {percent(t.average_attendance)}."
           if t.held else "."),
    ]
    if t.talks:
        lines.append(
            f"На заседаниях {plural(t.talks, 'прозвучало', 'прозвучали', 'прозвучало')} "
            f"{count(t.talks, 'выступление', 'выступления', 'выступлений')}; "
            f"{'выступил' if singular(t.speakers) else 'выступили'} "
            f"{t.speakers} из {t.members} {plural(t.members, 'члена', 'членов', 'членов')} "
            f"объединений ({percent(t.speakers_share)}).")
    entries = sum(t.by_level)
    if entries:
        lines.append(f"Участий в мероприятиях вне заседаний{NBSP}– {entries}"
                     + (f" (победители, призёры и лауреаты{NBSP}– {t.high_results})"
                        if t.high_results else "") + ".")
    if t.course_hours:
        lines.append(f"Курсы повышения квалификации – всего {number(t.course_hours)}{NBSP}"
                     f"{plural(int(t.course_hours), 'час', 'часа', 'часов')}.")
    return lines


def notes(summary: CentreSummary) -> list[str]:
    """The remarks under the table (the spreadsheet's «Сведения» repeats them)."""
    found = []
    if summary.totals.associations > 1:
        found.append("Учреждения в строке «Итого» считаются без повторов: одно учреждение может "
                     "входить в несколько объединений.")
    if summary.interim:
        found.append("Где указано «данные на …», учебный год объединения ещё не завершён: "
                     "не все заседания проведены.")
    return found


def _conclusions(index: int, row: AssociationRow) -> dict:
    return {
        "heading": typography(f"{index}. {row.name} (руководитель "
                              f"{surname_first(row.head.name)})"),
        "lines": [typography(sentence(t)) for t in row.conclusions] or [NO_CONCLUSIONS],
    }
