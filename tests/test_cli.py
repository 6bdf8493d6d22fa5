"""The command line as a user meets it: exit codes, Russian output, help with examples."""

from __future__ import annotations

from click.testing import CliRunner

from generator import __version__
from generator.cli import main

from .helpers import SAMPLE


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


def test_help_lists_the_commands_in_russian():
    result = run("--help")
    assert result.exit_code == 0
    assert "документы методического объединения" in result.output
    assert "build" in result.output and "check" in result.output


def test_every_command_has_help_with_an_example():
    for name, command in main.commands.items():
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help and "Пример" in result.output, name


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.output == f"rmo, версия {__version__}\n"


def test_build_writes_the_year_folder_and_says_what_it_wrote(tmp_path):
    result = run("build", SAMPLE, "-o", tmp_path / "archive")
    assert result.exit_code == 0, result.output
    plan = tmp_path / "archive" / "2025-2026" / "План работы на 2025-2026 учебный год.docx"
    assert plan.is_file()
    assert f"новый          {plan}" in result.output


def test_build_again_changes_nothing(tmp_path):
    run("build", SAMPLE, "-o", tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.docx")}
    result = run("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0
    assert "без изменений" in result.output
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.docx")} == before


def test_missing_workbook_is_a_russian_error_with_exit_code_1(tmp_path):
    result = run("build", tmp_path / "нет.xlsx", "-o", tmp_path / "out")
    assert result.exit_code == 1
    assert result.output == (
        f"Ошибка: Файл «{tmp_path / 'нет.xlsx'}» не найден. Проверьте имя и папку.\n"
    )
    assert not (tmp_path / "out").exists()


def test_check_reports_a_good_workbook():
    result = run("check", SAMPLE)
    assert result.exit_code == 0
    assert result.output == "Книга в порядке: РМО школьных библиотекарей, 2025/2026 учебный год.\n"


def test_help_pages_are_in_russian():
    for args in (["--help"], ["build", "--help"], ["check", "--help"]):
        output = run(*args).output
        assert output.startswith("Запуск: rmo")
        assert "Параметры:" in output and "Показать эту справку и выйти." in output
        for english in ("Usage:", "Options:", "Commands:", "Show this message"):
            assert english not in output


def test_command_line_mistakes_are_answered_in_russian(tmp_path):
    (tmp_path / "файл").write_text("")
    cases = [
        (["buid"], "Ошибка: нет команды «buid». Может быть, build?\nСправка: rmo --help\n"),
        (["build"], "Ошибка: не указан аргумент WORKBOOK.\nСправка: rmo build --help\n"),
        (["build", "x.xlsx", "--pfd"],
         "Ошибка: нет параметра --pfd. Может быть, --pdf?\nСправка: rmo build --help\n"),
        (["build", "x.xlsx", "-o", tmp_path / "файл"],
         f"Ошибка: -o / --out: «{tmp_path / 'файл'}» — файл, а нужна папка.\n"
         "Справка: rmo build --help\n"),
    ]
    for args, expected in cases:
        result = run(*args)
        assert result.exit_code == 2, args
        assert result.output == expected, args
