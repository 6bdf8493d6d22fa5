"""Warnings about a workbook that reads well but will give documents with something missing:
printed after the errors, never stopping the build."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import contract
from .cells import Context

if TYPE_CHECKING:
    from ..model import AgendaItem, Person, Workbook
    from .collect import Row
    from .reading import Parameters

_SHEET = contract.ASSOCIATION.name
_WITHOUT = {contract.AGENDA_DECIDED: "без решений протоколы не готовы — ни они, ни выписки и "
                                     "справки по ним не будут сделаны.",
            contract.AGENDA_SPEAKERS: "справок о выступлении не будет."}


def advise(ctx: Context, workbook: Workbook, params: Parameters,
           item_rows: list[tuple[AgendaItem, Row | None]],
           people_rows: dict[str, Row] | None = None) -> None:
    from ..russian.talks import talk

    association = workbook.association
    held = {m.number: m for m in workbook.held_meetings}

    def at_parameter(parameter: contract.Parameter, message: str, fix: str) -> None:
        row = params.rows.get(parameter.name)
        if row is not None:
            ctx.warn(message, row, contract.ASSOCIATION_VALUE.name, fix=fix)
        else:
            ctx.collector.warn(message, _SHEET, fix=fix)

    people = contract.PEOPLE.name
    if held and association.secretary is None:
        at_parameter(contract.SECRETARY, "не указан секретарь, а заседания уже проводились: в "
                     "протоколах подпись секретаря останется пустой.",
                     f"Впишите параметр «{contract.SECRETARY.name}» — ФИО с листа «{people}».")
    head_talks: list[int] = []
    unknown: list[Person] = []  # speakers whose certificate needs the gender
    # a column missing from the sheet → the sheet: said once
    absent: dict[contract.Column, str] = {}

    def at_item(row: Row, column: contract.Column, message: str, fix: str) -> None:
        if column.name in row.cells:
            ctx.warn(message, row, column.name, fix=fix)
        else:
            absent.setdefault(column, row.sheet)

    for item, row in item_rows:
        meeting = held.get(item.meeting)
        if meeting is None or not item.given or row is None:
            continue
        kind = talk(item.text, item.kind)
        if not item.decisions:
            at_item(row, contract.AGENDA_DECIDED, f"«{contract.AGENDA_DECIDED.name}» не "
                    "заполнено: без решения протокол этого заседания не готов — ни он, ни "
                    "выписки и справки по нему не будут сделаны.",
                    "Впишите решение, например «Информацию принять к сведению.», или «нет» в "
                    f"«{contract.AGENDA_GIVEN.name}», если вопрос сняли с повестки.")
        if kind.named and kind.certified and not item.speakers and not item.responsible:
            at_item(row, contract.AGENDA_SPEAKERS, f"пункт — {kind.kind.value}, но докладчик не "
                    "указан: справки о выступлении не будет.",
                    f"Впишите ФИО докладчика с листа «{people}».")
        if kind.certified and association.head in item.speakers:
            head_talks.append(item.meeting)
        if kind.certified:
            unknown += [p for p in item.speakers if p.is_member and p.sex is None]
    _genders(ctx, unknown, people_rows or {})
    for column, sheet in absent.items():
        ctx.collector.warn(f"нет столбца «{column.name}»: {_WITHOUT[column]}", sheet,
                           fix=f"Добавьте столбец «{column.name}» (он есть в пустой книге).")
    if head_talks and not association.certificate_signer:
        numbers = ", ".join(f"№ {n}" for n in dict.fromkeys(head_talks))
        at_parameter(contract.SIGNER,
                     f"не указано, кто подписывает справки, а у руководителя есть выступление "
                     f"(заседание {numbers}): справку руководителя подписать некому — она не "
                     "будет сделана.",
                     f"Впишите параметр «{contract.SIGNER.name}», например «Директор МАУ «БМЦ» "
                     "Е.А. Иванова».")


def _genders(ctx: Context, speakers: list[Person], rows: dict[str, Row]) -> None:
    """A certificate for someone whose name does not tell the gender is phrased without it
    («заслушано выступление А.В. Касьян»): one «ж» or «м» in «Пол» makes it read naturally."""
    from ..russian.declension import gender

    for person in dict.fromkeys(speakers):
        row = rows.get(person.name)
        if row is None or gender(person) is not None:
            continue
        sex = contract.PEOPLE_SEX.name
        at = sex if sex in row.cells else contract.PEOPLE_NAME.name
        ctx.warn(f"по ФИО «{person.name}» не понять, женщина это или мужчина: справка о "
                 "выступлении будет написана без рода («заслушано выступление …»).", row, at,
                 fix=f"Впишите «ж» или «м» в столбец «{sex}».")
