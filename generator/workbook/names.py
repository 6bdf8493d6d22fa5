"""Names typed in the workbook that are not what they look like: a Latin letter inside a
Cyrillic name, a totals row under a list of people. One message each, at the cell."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..russian import text

if TYPE_CHECKING:
    from .cells import Context
    from .collect import Row


def is_totals(name: str) -> bool:
    """«Итого», «Всего: 12»: a totals row typed under a list of people."""
    return text.normalize_key(name).startswith(("итого", "всего"))


def totals_row(ctx: Context, row: Row, column: str, name: str) -> None:
    ctx.warn(f"строка «{name}» — итоговая, а не человек; программа её пропускает.", row,
             column, fix="Итоги программа считает сама.")


_LATIN = "ABCEHKMOPTXaceopxyBM"
_CYRILLIC = "АВСЕНКМОРТХасеорхуВМ"
_ORDINALS = ("первая", "вторая", "третья", "четвёртая", "пятая", "шестая", "седьмая", "восьмая",
             "девятая", "десятая")


def latin_letter(ctx: Context, row: Row, column: str, name: str) -> bool:
    """A Latin letter that looks Cyrillic inside a Cyrillic name, named as such (one message,
    instead of two about names that look identical). True when found."""
    for word in name.split():
        if not re.search("[а-яё]", word, re.IGNORECASE):
            continue
        for i, ch in enumerate(word):
            if "a" <= ch.lower() <= "z":
                where = name.index(word) + i
                count = sum(c.isalpha() for c in name[:where]) + 1
                nth = _ORDINALS[count - 1] if count <= len(_ORDINALS) else f"{count}-я"
                ctx.add(f"в «{name}» {nth} буква латинская («{ch}»).", row, column,
                        fix="Наберите её русской буквой.")
                return True
    return False


def fold_latin(name: str) -> str:
    """The name with Latin look-alikes typed as the Cyrillic letters they look like."""
    return name.translate(str.maketrans(_LATIN, _CYRILLIC))
