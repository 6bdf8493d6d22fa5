"""Warnings about a workbook that reads well but will give documents with something missing:
printed after the errors, never stopping the build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import contract
from .cells import Context

if TYPE_CHECKING:
    from ..model import AgendaItem, Person, Workbook
    from .reading import Parameters
    from .sheets import Row

_SHEET = contract.ASSOCIATION.name
_WITHOUT = {"Решили": "без решений протоколы не готовы — ни они, ни выписки и справки по ним не "
                      "будут сделаны.",
            "Докладчики": "справок о выступлении не будет."}


def advise(ctx: Context, workbook: Workbook, params: Parameters,
           item_rows: list[tuple[AgendaItem, Row | None]],
           people_rows: dict[str, Row] | None = None) -> None:
    from ..russian.talks import talk

    association = workbook.association
    held = {m.number: m for m in workbook.held_meetings}

    def at_parameter(name: str, message: str, fix: str) -> None:
        row = params.rows.get(name)
        if row is not None:
            ctx.warn(message, row, "Значение", fix=fix)
        else:
            ctx.collector.warn(message, _SHEET, fix=fix)

    if held and association.secretary is None:
        at_parameter("Секретарь", "не указан секретарь, а заседания уже проводились: в "
                     "протоколах подпись секретаря останется пустой.",
                     "Впишите параметр «Секретарь» — ФИО с листа «Участники».")
    head_talks: list[int] = []
    unknown: list[Person] = []  # speakers whose certificate needs the gender
    absent: dict[str, str] = {}  # a column missing from the sheet → the sheet: said once

    def at_item(row: Row, column: str, message: str, fix: str) -> None:
        if column in row.cells:
            ctx.warn(message, row, column, fix=fix)
        else:
            absent.setdefault(column, row.sheet)

    for item, row in item_rows:
        meeting = held.get(item.meeting)
        if meeting is None or not item.given or row is None:
            continue
        kind = talk(item.text, item.kind)
        if not item.decisions:
            at_item(row, "Решили", "«Решили» не заполнено: без решения протокол этого заседания "
                    "не готов — ни он, ни выписки и справки по нему не будут сделаны.",
                    "Впишите решение, например «Информацию принять к сведению.», или «нет» в "
                    "«Проведено», если вопрос сняли с повестки.")
        if kind.named and kind.certified and not item.speakers and not item.responsible:
            at_item(row, "Докладчики", f"пункт — {kind.kind.value}, но докладчик не указан: "
                    "справки о выступлении не будет.",
                    "Впишите ФИО докладчика с листа «Участники».")
        if kind.certified and association.head in item.speakers:
            head_talks.append(item.meeting)
        if kind.certified:
            unknown += [p for p in item.speakers if p.is_member and p.sex is None]
    _genders(ctx, unknown, people_rows or {})
    for column, sheet in absent.items():
        ctx.collector.warn(f"нет столбца «{column}»: {_WITHOUT[column]}", sheet,
                           fix=f"Добавьте столбец «{column}» (он есть в пустой книге).")
    if head_talks and not association.certificate_signer:
        numbers = ", ".join(f"№ {n}" for n in dict.fromkeys(head_talks))
        at_parameter("Подписывает справки",
                     f"не указано, кто подписывает справки, а у руководителя есть выступление "
                     f"(заседание {numbers}): справку руководителя подписать некому — она не "
                     "будет сделана.",
                     "Впишите параметр «Подписывает справки», например «Директор МАУ «БМЦ» "
                     "Е.А. Иванова».")


def _genders(ctx: Context, speakers: list[Person], rows: dict[str, Row]) -> None:
    """A certificate for someone whose name does not tell the gender is phrased without it
    («заслушано выступление А.В. Касьян»): one «ж» or «м» in «Пол» makes it read naturally."""
    from ..russian.declension import gender

    for person in dict.fromkeys(speakers):
        row = rows.get(person.name)
        if row is None or gender(person) is not None:
            continue
        at = "Пол" if "Пол" in row.cells else "ФИО"
        ctx.warn(f"по ФИО «{person.name}» не понять, женщина это или мужчина: справка о "
                 "выступлении будет написана без рода («заслушано выступление …»).", row, at,
                 fix="Впишите «ж» или «м» в столбец «Пол».")
