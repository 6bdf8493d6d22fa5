"""The command line as a user meets it: exit codes, Russian output, help with examples."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from generator import __version__
from generator.cli.main import main

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


@pytest.mark.slow
def test_build_writes_the_year_folder_and_says_what_it_wrote(tmp_path):
    result = run("build", SAMPLE, "-o", tmp_path / "archive")
    assert result.exit_code == 0, result.output
    plan = tmp_path / "archive" / "2025-2026" / "План работы на 2025-2026 учебный год.docx"
    assert plan.is_file()
    assert f"новый          {plan}" in result.output


@pytest.mark.slow
def test_build_again_changes_nothing_and_says_only_the_total(tmp_path):
    first = run("build", SAMPLE, "-o", tmp_path)
    assert first.output.endswith("\nИтого: 33 новых документа.\n")
    before = {p: p.read_bytes() for p in tmp_path.rglob("*.docx")}
    result = run("build", SAMPLE, "-o", tmp_path)
    assert result.exit_code == 0
    assert result.output == \
        "Итого: ничего нового — 33 документа без изменений.\n"
    assert {p: p.read_bytes() for p in tmp_path.rglob("*.docx")} == before
    verbose = run("build", SAMPLE, "-o", tmp_path, "-v")
    lines = verbose.output.splitlines()
    assert len(lines) == 34 and all(line.startswith("  без изменений ") for line in lines[:33])
    assert lines[-1] == "Итого: ничего нового — 33 документа без изменений."


@pytest.mark.slow
def test_only_a_changed_document_is_listed_with_the_total(tmp_path):
    run("build", SAMPLE, "-o", tmp_path, "--only", "план")
    result = run("build", SAMPLE, "-o", tmp_path, "--only", "план,анализ")
    analysis = tmp_path / "2025-2026" / "Анализ работы за 2025-2026 учебный год.docx"
    assert result.output == (f"  новый          {analysis}\n"
                                               "Итого: 1 новый документ, 1 без изменений.\n")


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
    # The sample is clean: a secretary and a signer of certificates are set.
    assert result.output.splitlines() == [
        "Книга в порядке: РМО школьных библиотекарей, 2025/2026 учебный год."]


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
        (["build"], "Ошибка: не указан аргумент КНИГА.\nСправка: rmo build --help\n"),
        (["new-year", "x.xlsx"],
         "Ошибка: не указан параметр -o / --out.\nСправка: rmo new-year --help\n"),
        (["build", "x.xlsx", "--only", ""],
         "Ошибка: --only: не указан ни один вид документов. Допустимо: план, паспорт, "
         "программы, протоколы, анализ, выписки, справки, листы, списки (через запятую).\n"
         "Справка: rmo build --help\n"),
        (["help", "bild"], "Ошибка: нет команды «bild». Может быть, build?\n"
                           "Справка: rmo --help\n"),
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


def test_rmo_alone_and_rmo_help_print_the_help():
    for args in ([], ["help"]):
        result = run(*args)
        assert result.exit_code == 0, args
        assert result.output == run("--help").output, args
    assert run("help", "build").output == run("build", "--help").output


def test_arguments_have_russian_names_and_a_line_of_help():
    build_help = run("build", "--help").output
    assert "Запуск: rmo build [ПАРАМЕТРЫ] КНИГА\n" in build_help
    assert "  КНИГА              Книга Excel учебного года (.xlsx).\n" in build_help
    assert "Запуск: rmo init [ПАРАМЕТРЫ] ФАЙЛ\n" in run("init", "--help").output
    assert "Запуск: rmo templates [ПАРАМЕТРЫ] ПАПКА\n" in run("templates", "--help").output
    new_year = run("new-year", "--help").output
    assert "[обязательно]" in new_year and "required" not in new_year
    for name in main.commands:
        page = run(name, "--help").output
        for english in ("WORKBOOK", "FOLDER", "FILE", "OUT_DIR", "[required]"):
            assert english not in page, (name, english)


@pytest.mark.slow
def test_rmo_archive_takes_the_archive_or_one_year_folder(tmp_path):
    run("build", SAMPLE, "-o", tmp_path, "--only", "план,анализ")
    whole = run("archive", tmp_path)
    year = run("archive", tmp_path / "2025-2026")
    assert whole.exit_code == year.exit_code == 0
    assert whole.output == year.output
    # Two documents and the workbook they were made from.
    assert whole.output.startswith("2025/2026 учебный год — 3 файла, реестр: ")


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal is POSIX")
def test_messages_wrap_at_word_boundaries_to_the_terminal_width(tmp_path):
    """What a person sees in a 40-column terminal: no word cut in two."""
    import fcntl
    import pty
    import struct
    import termios

    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 40, 0, 0))
    process = subprocess.Popen([sys.executable, "-m", "generator", "build", "нет.xlsx"],
                               stdin=follower, stdout=follower, stderr=follower, cwd=tmp_path,
                               env={**os.environ, "COLUMNS": "", "LINES": ""})
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 1024)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    lines = b"".join(chunks).decode().replace("\r\n", "\n").strip().split("\n")
    assert process.returncode == 1
    assert all(len(line) <= 39 for line in lines), lines
    assert len(lines) > 1
    assert " ".join(lines) == "Ошибка: Файл «нет.xlsx» не найден. Проверьте имя и папку."
