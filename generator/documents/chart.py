"""What a chart of a document shows: the data a builder puts in a document's context. How it
is drawn in Word is generator.render.charts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BarChart:
    """A column chart of one series: what the template gets in place of a chart."""

    title: str
    series: str
    categories: tuple[str, ...]
    values: tuple[int, ...]
    maximum: int | None = None  # 100 for percentages
    width_cm: float = 16.0
    height_cm: float = 7.5
    horizontal: bool = False  # bars lying down, named at the left, the first on top
