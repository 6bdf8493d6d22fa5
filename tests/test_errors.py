"""The errors-and-warnings interface the CLI and the web page read."""

from __future__ import annotations

import pytest

from generator.errors import Problem, RmoError, Severity, problem, warning
from generator.workbook.reader import inspect_workbook, read_workbook

from .helpers import SAMPLE


def test_a_problem_reads_as_sheet_cell_message_and_fix():
    found = problem("столбец «Докладчик» программа не знает.", "Повестка", "D1",
                    fix="Переименуйте заголовок.")
    assert str(found) == ("Лист «Повестка», ячейка D1: столбец «Докладчик» программа не знает. "
                          "Переименуйте заголовок.")
    assert (found.row, found.column, found.severity) == (1, 4, Severity.ERROR)
    assert str(problem("нет листа.", "Итоги")) == "Лист «Итоги»: нет листа."


def test_a_warning_sorts_with_errors_but_says_it_is_a_warning():
    first = warning("а", "Повестка", "B2")
    second = problem("б", "Повестка", "A3")
    assert first.severity is Severity.WARNING and first.is_warning
    assert sorted([second, first]) == [first, second]
    assert isinstance(first, Problem)


def test_an_error_carries_its_warnings():
    error = RmoError([problem("плохо", "Участники", "A2")], [warning("странно", "Итоги", "C1")])
    assert [str(p) for p in error.problems] == ["Лист «Участники», ячейка A2: плохо"]
    assert [str(p) for p in error.warnings] == ["Лист «Итоги», ячейка C1: странно"]
    assert RmoError.single("x").warnings == ()


@pytest.mark.slow
def test_inspecting_the_sample_finds_nothing_wrong():
    found = inspect_workbook(SAMPLE)
    assert found.ok and found.errors == () and found.workbook is not None
    assert found.workbook.warnings == found.warnings
    assert read_workbook(SAMPLE) == found.workbook


def test_inspecting_a_missing_file_returns_the_error(tmp_path):
    found = inspect_workbook(tmp_path / "нет.xlsx")
    assert found.workbook is None
    assert [str(p) for p in found.errors] == [
        f"Файл «{tmp_path / 'нет.xlsx'}» не найден. Проверьте имя и папку."]


def test_what_the_system_said_is_russian():
    import errno

    from generator.errors import os_reason

    assert os_reason(NotADirectoryError(errno.ENOTDIR, "Not a directory")) == \
        "в пути вместо папки стоит файл"
    assert os_reason(OSError(errno.ENOSPC, "No space left on device")) == \
        "на диске не осталось места"
    assert os_reason(PermissionError(errno.EACCES, "Permission denied")) == \
        "нет доступа: не хватает прав или файл открыт в другой программе"
    sharing = PermissionError(errno.EACCES, "The process cannot access the file")
    sharing.winerror = 32  # Windows: the file is open in Word or Excel
    assert os_reason(sharing) == "файл открыт в другой программе"
    assert os_reason(OSError(errno.ETXTBSY, "Text file busy")) == \
        f"ошибка системы № {errno.ETXTBSY}"  # a rare one: its number, never English


def test_an_archive_under_a_file_is_said_in_russian(tmp_path):
    from generator.archive.store import lock
    from generator.web.server import serve

    (tmp_path / "заметка.txt").write_text("x")
    folder = tmp_path / "заметка.txt" / "архив"
    with pytest.raises(RmoError) as refused:
        serve(folder, open_browser=False)
    assert str(refused.value) == (f"Не удалось создать папку архива «{folder}»: в пути вместо "
                                  "папки стоит файл.")
    with pytest.raises(RmoError) as refused, lock(folder):
        pass
    assert str(refused.value) == (f"Не удалось создать папку архива «{folder}»: в пути вместо "
                                  "папки стоит файл.")
