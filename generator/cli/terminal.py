"""The terminal side of the `rmo` command: Russian help pages, Russian usage errors, messages
wrapped to the terminal's width, and the exit codes (1 input, 2 command line, 3 bug).

Kept apart from generator.cli.main so that the commands themselves stay a short, thin layer.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import RmoError
from ..russian.text import plural

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def terminal_width(err: bool) -> int | None:
    """The terminal's width, or None when the output goes to a file or a pipe (kept unwrapped
    there, so that a line can be searched for whole)."""
    import shutil

    stream = sys.stderr if err else sys.stdout
    try:
        if not stream.isatty():
            return None
    except (AttributeError, ValueError):
        return None
    return max(shutil.get_terminal_size().columns - 1, 20)


def wrap(text: str, width: int | None) -> str:
    """Lines broken at word boundaries, never inside a word; a continued line keeps the indent
    of its bullet or listing."""
    if width is None:
        return text
    import textwrap

    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        indent = " " * (len(line) - len(body)) + ("  " if body.startswith("• ") else "")
        lines.append(textwrap.fill(line, width, subsequent_indent=indent,
                                   break_long_words=False, break_on_hyphens=False)
                     if len(line) > width else line)
    return "\n".join(lines)


def say(text: str = "", *, err: bool = False, nl: bool = True) -> None:
    """Print a message for a person: wrapped to the terminal's width."""
    click.echo(wrap(text, terminal_width(err)), err=err, nl=nl)


def number_of(n: int, one: str, few: str, many: str) -> str:
    """«33 файла»: the number and its noun, with an ordinary space for the terminal."""
    return f"{n} {plural(n, one, few, many)}"


def _fail(error: RmoError) -> None:
    count = len(error.problems)
    if count > 1:
        say(f"Найдено {number_of(count, 'ошибка', 'ошибки', 'ошибок')}, "
            "документы не записаны:", err=True)
    for item in error.problems:
        say(("• " if count > 1 else "Ошибка: ") + str(item), err=True)
    warn(error.warnings)
    sys.exit(1)


def warn(warnings) -> None:
    """Warnings come after the errors and never stop anything."""
    count = len(warnings)
    if count == 1:
        say(f"Предупреждение: {warnings[0]}", err=True)
    elif count > 1:
        say(f"{number_of(count, 'предупреждение', 'предупреждения', 'предупреждений')}:",
            err=True)
        for item in warnings:
            say(f"• {item}", err=True)


def _crash(error: BaseException) -> None:
    """An internal error: a short apology for the user, the traceback to a log file."""
    import tempfile
    import traceback

    log = Path(tempfile.gettempdir()) / "rmo-error.log"
    try:
        log.write_text("".join(traceback.format_exception(error)), encoding="utf-8")
        where = f" Подробности записаны в файл {log} — пришлите его разработчикам."
    except OSError:
        where = ""
    say(f"Извините, в программе rmo произошла внутренняя ошибка.{where}", err=True)
    sys.exit(3)


_USAGE: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [  # click's, in Russian
    (r"No such command '(.+?)'\.(?: Did you mean '(.+?)'\?)?",
     lambda m: f"нет команды «{m[1]}»." + (f" Может быть, {m[2]}?" if m[2] else "")),
    (r"No such option:? '?([^'\s.]+)'?\.?(?: Did you mean '?([^'\s?]+)'?\?)?",
     lambda m: f"нет параметра {m[1]}." + (f" Может быть, {m[2]}?" if m[2] else "")),
    (r"Option '(.+)' requires an argument\.", r"параметру \1 нужно значение."),
    (r"Got unexpected extra arguments? \((.+)\)", r"лишнее в команде: \1."),
    (r"Invalid value for (.+): Directory '(.+)' is a file\.",
     lambda m: f"{m[1].replace(chr(39), '')}: «{m[2]}» — файл, а нужна папка."),
    (r"Invalid value for (.+): File '(.+)' is a directory\.",
     lambda m: f"{m[1].replace(chr(39), '')}: «{m[2]}» — папка, а нужен файл."),
    (r"Invalid value for (.+?): (.+)", lambda m: f"{m[1].replace(chr(39), '')}: {m[2]}"),
]


def _russian_usage(error: click.UsageError) -> str:
    import re

    if isinstance(error, click.MissingParameter) and error.param is not None:
        param = error.param
        if isinstance(param, click.Argument):
            return f"не указан аргумент {param.make_metavar(error.ctx)}." if error.ctx \
                else f"не указан аргумент {param.human_readable_name}."
        return f"не указан параметр {' / '.join(param.opts)}."
    message = error.format_message()
    for pattern, replacement in _USAGE:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


# click 8.2 on raises this for a bare `rmo`; 8.1 printed the help and exited by itself.
_NO_ARGS = getattr(click.exceptions, "NoArgsIsHelpError", ())


class RussianHelp(click.Command):
    """Help pages in Russian: click writes «Usage», «Options» and «Commands» in English."""

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "Показать эту справку и выйти."
        return option

    def format_usage(self, ctx, formatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Запуск: ")

    def format_options(self, ctx, formatter) -> None:
        records = []
        for param in self.get_params(ctx):
            if isinstance(param, click.Argument):
                records.append((param.make_metavar(ctx), getattr(param, "description", "")))
            elif record := param.get_help_record(ctx):
                records.append((record[0], record[1].replace("[required]", "[обязательно]")))
        if records:
            with formatter.section("Параметры"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            commands = [(name, self.get_command(ctx, name)) for name in self.list_commands(ctx)]
            rows = [(name, cmd.get_short_help_str(formatter.width - 20))
                    for name, cmd in commands if cmd is not None and not cmd.hidden]
            if rows:
                with formatter.section("Команды"):
                    formatter.write_dl(rows)


class Argument(click.Argument):
    """An argument with a Russian name (КНИГА) and a line of help in the «Параметры» list
    (click's own `help` for arguments is new in 8.5; rmo supports 8.1 on)."""

    def __init__(self, param_decls, description: str = "", **attrs):
        super().__init__(param_decls, **attrs)
        self.description = description


class Command(RussianHelp, click.Command):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[ПАРАМЕТРЫ]")
        super().__init__(*args, **kwargs)


class Group(RussianHelp, click.Group):
    """Turns every error into a Russian message and an exit code: 1 for input, 2 for a wrong
    command line, 3 for a bug."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True,
             **extra):
        # Not standalone: click would print its usage errors in English and exit itself.
        try:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS as error:
            click.echo(error.ctx.get_help())  # `rmo` alone: the help, not an error
            sys.exit(0)
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "rmo"
            say(f"Ошибка: {_russian_usage(error)}\nСправка: {command} --help", err=True)
            sys.exit(2)
        except click.Abort:
            say("Прервано.", err=True)
            sys.exit(1)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[ПАРАМЕТРЫ]")
        kwargs.setdefault("subcommand_metavar", "КОМАНДА [АРГУМЕНТЫ]...")
        super().__init__(*args, **kwargs)
        self.command_class = Command

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except RmoError as error:
            _fail(error)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise
        except KeyboardInterrupt:
            say("Прервано.", err=True)
            sys.exit(130)
        except Exception as error:  # noqa: BLE001 — the last line of defence
            _crash(error)
