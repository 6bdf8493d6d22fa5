"""docs/workbook.md, generated from the declaration in generator.workbook.contract.

Regenerate with `python -m generator.workbook.contract_docs > docs/workbook.md`; a test fails
when the committed file differs from what this writes.
"""

from __future__ import annotations

from . import contract
from .cells import Choice
from .contract import Layout


def _values(column_type) -> str:
    if not isinstance(column_type, Choice) or column_type.options is None:
        return ""
    parts = []
    for option in column_type.options:
        if not option.value:
            continue
        others = column_type.synonyms.get(option, ())
        parts.append(f"`{option.value}`" + (f" (также {', '.join(f'`{w}`' for w in others)})"
                                             if others else ""))
    return "; ".join(parts)


def _cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def markdown() -> str:
    out = [
        "# Книга Excel РМО",
        "",
        "<!-- Этот файл создан командой "
        "`python -m generator.workbook.contract_docs > docs/workbook.md` из "
        "описания книги в generator/workbook/contract.py. Не правьте его вручную. -->",
        "",
        contract.INTRODUCTION,
        "",
        "Названия листов и столбцов сравниваются без учёта регистра, пробелов по краям, "
        "`ё`/`е` и двоеточия в конце. Заголовок, который похож на известный, но написан иначе "
        f"(«Докладчик» вместо «{contract.AGENDA_SPEAKERS.name}»), — ошибка с подсказкой; "
        "незнакомый столбец или лист "
        "с данными — предупреждение: программа его не читает. Ошибки останавливают сборку "
        "документов, предупреждения — нет.",
        "",
        "Столбец «Очищается» говорит, что команда `rmo new-year` очищает при переходе на "
        "следующий учебный год.",
        "",
    ]
    for sheet in contract.SHEETS:
        need = "обязательный лист" if sheet.required else "необязательный лист"
        out += [f"## «{sheet.name}» ({need})", "", sheet.help, ""]
        if sheet.missing:
            out += [f"Если листа нет, в анализе сказано: «{sheet.missing}».", ""]
        if sheet.emptied:
            out += ["`rmo new-year` удаляет все строки этого листа.", ""]
        if sheet.layout is Layout.PARAMETERS:
            out += ["| Параметр | Обязательный | Что это | Пример |", "|---|---|---|---|"]
            for p in contract.PARAMETERS:
                out.append(f"| {p.name} | {'да' if p.required else 'нет'} | {_cell(p.help)} | "
                           f"{_cell(p.example)} |")
            out.append("")
            continue
        out += ["| Столбец | Обязательный | Тип | Значения | Очищается | Ширина | Что это |",
                "|---|---|---|---|---|---|---|"]
        for c in sheet.columns:
            name = c.name + (f" (также {', '.join(c.aliases)})" if c.aliases else "")
            out.append(
                f"| {_cell(name)} | {'да' if c.required else 'нет'} | "
                f"{_cell(c.type.describe())} | {_cell(_values(c.type))} | "
                f"{'да' if c.cleared else 'нет'} | {c.width} | {_cell(c.help)} |")
        if sheet.layout is Layout.ATTENDANCE:
            out += ["", "Столбцов заседаний может быть сколько угодно: заголовок — номер "
                        "заседания (`1`, `№ 2`, `Заседание 3`)."]
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":
    print(markdown(), end="")
