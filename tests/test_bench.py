"""The benchmark's inputs: every workbook bench/associations.py writes passes `rmo check`.

bench/centre.py and bench/summary.py time the centre over these workbooks; if the sample gains
a rule the generator does not follow, their figures can no longer be reproduced. This test
notices it in the quick run.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.associations import SAMPLE, association, write_associations
from generator.workbook.reader import inspect_workbook


def messages(path: Path) -> tuple[list[str], list[str]]:
    found = inspect_workbook(path)
    return ([f"{p.message} {p.fix}".strip() for p in found.errors],
            [f"{p.message} {p.fix}".strip() for p in found.warnings])


@pytest.mark.parametrize("scale", [1.0, 0.2])  # 0.2: the smallest association, three members
def test_every_benchmark_workbook_passes_the_check(tmp_path, scale):
    written = write_associations(5, tmp_path, scale)
    assert [p.name for p in written] == [f"rmo-00{i}.xlsx" for i in range(1, 6)]
    for path in written:
        assert messages(path) == ([], []), path.name


def test_a_second_group_of_one_subject_passes_the_check(tmp_path):
    """Beyond 30 associations the subjects repeat as «(группа 2)»."""
    book = load_workbook(SAMPLE)
    figures = association(book, 31)
    book.save(tmp_path / "group.xlsx")
    assert figures["name"] == "РМО учителей начальных классов (группа 2)"
    assert messages(tmp_path / "group.xlsx") == ([], [])
    found = inspect_workbook(tmp_path / "group.xlsx").workbook
    assert found is not None and found.association.name == figures["name"]
