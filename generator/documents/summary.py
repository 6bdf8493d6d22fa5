"""«Сводный отчёт о работе районных методических объединений за 2025/2026 учебный год»:
the centre's table of every association's figures, the totals, a chart, and each association's
own conclusions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..charts import BarChart
from ..summary import LEVELS, AssociationRow, CentreSummary
from ..text import (
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
NO_CONCLUSIONS = "Выводы в книге объединения не записаны (лист «Итоги», раздел «Выводы»)."


def summary_document(summary: CentreSummary) -> Report:
    year = summary.year
    totals = summary.totals
    context = {
        "title": TITLE,
        "year": year.label,
        "organisation": typography(summary.organisation),
        "as_of": (f"по состоянию на {date_numeric(summary.as_of)}"
                  if summary.interim and summary.as_of else ""),
        "overview": _overview(summary),
        "rows": [_row(i, r) for i, r in enumerate(summary.rows, start=1)],
        "total": {
            "name": "Итого",
            "members": str(totals.members),
            "institutions": str(totals.institutions),
            "planned": str(totals.planned),
            "held": str(totals.held),
            "attendance": percent(totals.average_attendance) if totals.held else "—",
            "talks": str(totals.talks),
            "speakers": percent(totals.speakers_share),
            **_levels(totals.by_level),
            "results": str(totals.high_results),
            "hours": number(totals.course_hours),
        },
        "notes": _notes(summary),
        "attendance_chart": BarChart(
            title="Средняя посещаемость заседаний, % (номера — строки таблицы)",
            series="Посещаемость, %",
            categories=tuple(str(i) for i in range(1, len(summary.rows) + 1)),
            values=tuple(r.average_attendance for r in summary.rows),
            maximum=100,
            width_cm=24.0,
            height_cm=7.0,
        ) if totals.held else "",
        "level_chart": BarChart(
            title="Участие членов объединений в мероприятиях по уровням",
            series="Число участий",
            categories=tuple(level.label for level in LEVELS),
            values=totals.by_level,
            width_cm=18.0,
            height_cm=7.0,
        ) if any(totals.by_level) else "",
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


def _row(index: int, row: AssociationRow) -> dict:
    return {
        "number": str(index),
        "name": _name(row),
        "head": typography(f"рук. {surname_first(row.head.name)}"),
        "as_of": f"данные на {date_numeric(row.as_of)}" if row.interim and row.as_of else "",
        "members": str(row.members),
        "institutions": str(row.institutions),
        "planned": str(row.planned),
        "held": str(row.held),
        "attendance": percent(row.average_attendance) if row.held else "—",
        "talks": str(row.talks),
        "speakers": percent(row.speakers_share),
        **_levels(row.by_level),
        "results": str(row.high_results),
        "hours": number(row.course_hours),
    }


def _levels(values: tuple[int, ...]) -> dict:
    """One field per level: a table cell of the template names its column."""
    return {f"level{i}": str(v) for i, v in enumerate(values, start=1)}


def _overview(summary: CentreSummary) -> list[str]:
    """The paragraph a methodist reads before the table: the district in four sentences."""
    t = summary.totals
    n = t.associations
    lines = [
        f"В {summary.year.label} учебном году "
        + ("работало " if singular(n) else "работали ")
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
            f"На заседаниях {'прозвучало' if singular(t.talks) else 'прозвучали'} "
            f"{count(t.talks, 'выступление', 'выступления', 'выступлений')}; "
            f"{'выступил' if singular(t.speakers) else 'выступили'} "
            f"{t.speakers} из {t.members} {plural(t.members, 'члена', 'членов', 'членов')} "
            f"объединений ({percent(t.speakers_share)}).")
    entries = sum(t.by_level)
    if entries:
        lines.append(f"Участий в мероприятиях вне заседаний — {entries}"
                     + (f" (победители, призёры и лауреаты — {t.high_results})"
                        if t.high_results else "") + ".")
    if t.course_hours:
        lines.append(f"Курсы повышения квалификации — всего {number(t.course_hours)}{NBSP}"
                     f"{plural(int(t.course_hours), 'час', 'часа', 'часов')}.")
    return lines


def _notes(summary: CentreSummary) -> list[str]:
    notes = []
    if summary.totals.associations > 1:
        notes.append("Учреждения в строке «Итого» считаются без повторов: одно учреждение может "
                     "входить в несколько объединений.")
    if summary.interim:
        notes.append("Где указано «данные на …», учебный год объединения ещё не завершён: "
                     "не все заседания проведены.")
    return notes


def _conclusions(index: int, row: AssociationRow) -> dict:
    return {
        "heading": typography(f"{index}. {row.name} (руководитель "
                              f"{surname_first(row.head.name)})"),
        "lines": [typography(sentence(t)) for t in row.conclusions] or [NO_CONCLUSIONS],
    }
