"""The `rmo` command: a thin click layer over generator.build; the only place that talks to
the terminal and chooses exit codes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from . import __version__
from .errors import RmoError
from .kinds import WORDS
from .text import plural

if TYPE_CHECKING:
    import re
    from collections.abc import Callable

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _width(err: bool) -> int | None:
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
    click.echo(wrap(text, _width(err)), err=err, nl=nl)


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
    _warn(error.warnings)
    sys.exit(1)


def _warn(warnings) -> None:
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


@click.group("rmo", cls=Group, context_settings=CONTEXT)
@click.version_option(__version__, "-V", "--version", prog_name="rmo",
                      message="%(prog)s, версия %(version)s", help="Показать версию и выйти.")
def main() -> None:
    """rmo — документы методического объединения из одной книги Excel.

    Книга Excel с планом, участниками, заседаниями и посещаемостью превращается в
    готовые к печати документы Word: план работы, протоколы заседаний, анализ работы.

    \b
    Пример:
      rmo build data/rmo-2025-2026.xlsx
    """


BOOK = "Книга Excel учебного года (.xlsx)."


def _kinds_given(ctx, param, value: str | None) -> str | None:
    """`--only ""` is a slip, not a wish for every document: say so instead of building all."""
    if value is not None and not value.replace(",", " ").replace(";", " ").strip():
        raise click.BadParameter(f"не указан ни один вид документов. Допустимо: "
                                 f"{', '.join(WORDS)} (через запятую).")
    return value


@main.command()
@click.argument("workbook", cls=Argument, metavar="КНИГА", type=click.Path(path_type=Path),
                description=BOOK)
@click.option("-o", "--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=Path("archive"), metavar="ПАПКА",
              help="Папка архива (по умолчанию archive); документы года ложатся в её "
                   "подпапку, например 2025-2026.")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False),
              metavar="ПАПКА",
              help="Папка со своими шаблонами (см. «rmo templates»); "
                   "недостающие берутся встроенные.")
@click.option("--pdf", is_flag=True,
              help="Сделать ещё и PDF каждого документа, у которого его нет "
                   "(нужен LibreOffice).")
@click.option("--only", metavar="ВИДЫ", callback=_kinds_given,
              help=f"Только эти виды документов, через запятую: {', '.join(WORDS)}.")
@click.option("--dry-run", is_flag=True, help="Показать, что будет записано, ничего не записывая.")
@click.option("-v", "--verbose", is_flag=True,
              help="Перечислить все документы, и те, что не изменились.")
def build(workbook: Path, out_dir: Path, templates: Path | None, pdf: bool, only: str | None,
          dry_run: bool, verbose: bool) -> None:
    """Сделать документы учебного года из книги КНИГА.

    Сначала вся книга проверяется; если есть ошибки, программа перечисляет их все
    и не записывает ничего. Документы, которые не изменились, не трогаются;
    изменившийся документ записывается рядом как новая версия. На экран выводится
    то, что изменилось, и итог (с -v — все документы).

    \b
    Примеры:
      rmo build data/rmo-2025-2026.xlsx -o archive
      rmo build data/rmo-2025-2026.xlsx --only выписки,справки --pdf
    """
    from .archive import State
    from .build import build as run_build

    def report(item) -> None:
        if item.status is State.UNCHANGED and not verbose:
            return
        extra = f" + {item.pdf.name}" if item.pdf else ""
        if item.note:  # «…docx: изменён вручную после записи — оставлен как есть»
            say(f"  {item.path}: {item.note}{extra}")
            return
        status = item.status.label if not dry_run or item.status is State.UNCHANGED else \
            f"будет: {item.status.label}"
        say(f"  {status:<14} {item.path}{extra}")

    width = _width(err=False)

    def pdf_step(done: int, total: int, path: Path) -> None:
        """A counter and the file LibreOffice is on: one line rewritten in a terminal,
        a line each elsewhere (a log)."""
        line = f"  PDF {done} из {total}: {path.name}"
        if width is None:
            say(line)
            return
        click.echo("\r" + line[:width].ljust(width), nl=False)
        if done == total:
            click.echo("\r" + " " * width + "\r", nl=False)

    if pdf and not dry_run:
        say("Документы готовятся, PDF делает LibreOffice — это может занять минуту…")
    results = run_build(workbook, out_dir, templates=templates, dry_run=dry_run, pdf=pdf,
                        only=only, progress=report, pdf_progress=pdf_step)
    say(summary(results.written, dry_run=dry_run, pdf=pdf))
    _warn(results.warnings)


def summary(results, *, dry_run: bool = False, pdf: bool = False) -> str:
    """The one-line total of a build: «Итого: 2 новых документа, 28 без изменений.»"""
    from .archive import State

    def tally(status: State) -> int:
        return sum(1 for r in results if r.status is status)

    new, version, unchanged = tally(State.NEW), tally(State.VERSION), tally(State.UNCHANGED)
    edited, earlier = tally(State.EDITED), tally(State.EARLIER)
    pdfs = sum(1 for r in results if r.pdf)
    parts = []
    if new:
        parts.append(number_of(new, "новый документ", "новых документа", "новых документов"))
    if version:
        parts.append(number_of(version, "новая версия", "новые версии", "новых версий"))
    if edited:
        parts.append(number_of(edited, "изменён вручную", "изменены вручную",
                               "изменены вручную"))
    if earlier:
        parts.append(number_of(earlier, "совпадает с прежней версией",
                               "совпадают с прежними версиями", "совпадают с прежними версиями"))
    if pdf and pdfs:
        parts.append(f"{pdfs} PDF")
    if not parts:
        total = len(results)
        return (f"{'Будет записано' if dry_run else 'Итого'}: ничего нового — "
                f"{number_of(total, 'документ', 'документа', 'документов')} без изменений.")
    if unchanged:
        parts.append(f"{unchanged} без изменений")
    if dry_run:
        return f"Будет записано: {', '.join(parts)}; ничего не записано."
    return f"Итого: {', '.join(parts)}."


@main.command()
@click.argument("workbook", cls=Argument, metavar="КНИГА", type=click.Path(path_type=Path),
                description=BOOK)
def check(workbook: Path) -> None:
    """Проверить книгу КНИГА, ничего не записывая.

    Перечисляет все ошибки сразу: лист, ячейку и что нужно исправить.

    \b
    Пример:
      rmo check data/rmo-2025-2026.xlsx
    """
    from .reader import inspect_workbook  # checking needs none of the rendering

    found = inspect_workbook(workbook)
    if found.workbook is None:
        raise RmoError(found.errors, found.warnings)
    data = found.workbook
    say(f"Книга в порядке: {data.association.name}, {data.association.year.label} "
        "учебный год.")
    _warn(found.warnings)


@main.command()
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False),
                description="Новая или пустая папка для шаблонов.")
def templates(folder: Path) -> None:
    """Скопировать встроенные шаблоны в папку ПАПКА, чтобы изменить их в Word.

    Шаблоны — обычные документы Word с полями в фигурных скобках. Меняйте
    оформление (стили, шрифты, поля), но не текст в скобках. Потом укажите
    папку при сборке: rmo build книга.xlsx --templates ПАПКА.

    \b
    Пример:
      rmo templates мои-шаблоны
    """
    from .build import copy_templates

    for path in copy_templates(folder):
        say(f"  {path}")
    say(f"Шаблоны скопированы в «{folder}».")


@main.command("archive")
@click.argument("out_dir", cls=Argument, metavar="[ПАПКА]",
                type=click.Path(path_type=Path, file_okay=False), default=Path("archive"),
                description="Папка архива или папка одного учебного года в ней "
                            "(по умолчанию archive).")
def archive_command(out_dir: Path) -> None:
    """Показать реестр архива ПАПКА (по умолчанию archive): что и когда записано.

    Для каждого учебного года — файлы с видом, номером заседания, версией,
    временем записи и началом контрольной суммы SHA-256.

    \b
    Примеры:
      rmo archive archive
      rmo archive archive/2025-2026
    """
    from .register import JSON_NAME, XLSX_NAME, load

    if (out_dir / JSON_NAME).is_file():  # the folder of one year
        years = [out_dir]
    else:
        years = sorted(p for p in out_dir.glob("*") if (p / JSON_NAME).is_file()) \
            if out_dir.is_dir() else []
    if not years:
        raise RmoError.single(f"В папке «{out_dir}» нет архива rmo: сначала выполните "
                              "«rmo build книга.xlsx».")
    for year in years:
        entries = load(year)
        say(f"{year.name.replace('-', '/')} учебный год — "
            f"{number_of(len(entries), 'файл', 'файла', 'файлов')}, реестр: {year / XLSX_NAME}")
        for e in entries:
            meeting = f"№ {e.meeting}" if e.meeting else ""
            say(f"  {e.written}  {e.kind:<16} {meeting:<5} в.{e.version}  "
                f"{e.sha256[:12]}  {e.file}")


@main.command("help")
@click.argument("command", cls=Argument, metavar="[КОМАНДА]", required=False,
                description="Команда, справку которой показать.")
@click.pass_context
def help_command(ctx: click.Context, command: str | None) -> None:
    """Показать справку rmo или одной команды.

    \b
    Примеры:
      rmo help
      rmo help build
    """
    parent = ctx.parent or ctx
    if command is None:
        click.echo(parent.get_help())
        return
    found = main.get_command(parent, command)
    if found is None:
        import difflib

        close = difflib.get_close_matches(command, main.list_commands(parent), 1)
        raise click.UsageError(f"No such command '{command}'."
                               + (f" Did you mean '{close[0]}'?" if close else ""), parent)
    with click.Context(found, info_name=command, parent=parent) as sub:
        click.echo(found.get_help(sub))


@main.command()
@click.argument("folder", cls=Argument, metavar="[ПАПКА]",
                type=click.Path(path_type=Path, file_okay=False), default=Path("archive"),
                description="Папка архива (по умолчанию archive, как у «rmo build»).")
@click.option("--port", type=click.IntRange(1, 65535), metavar="ПОРТ",
              help="Порт на 127.0.0.1 (по умолчанию — любой свободный).")
@click.option("--no-browser", is_flag=True, help="Не открывать браузер, только напечатать адрес.")
@click.option("--host", metavar="АДРЕС",
              help="Адрес сервера методического центра (ПАПКА — папка центра, см. "
                   "«rmo centre init»); по умолчанию 127.0.0.1.")
def serve(folder: Path, port: int | None, no_browser: bool, host: str | None) -> None:
    """Открыть страницу rmo в браузере: проверка книги, документы, архив.

    Страница работает с папкой архива ПАПКА и доступна только на этом компьютере.
    Программа печатает адрес с ключом входа и открывает его в браузере;
    остановить — Ctrl+C.

    \b
    Пример:
      rmo serve
      rmo serve мой-архив --port 8765 --no-browser
    """
    from .web.centre.folder import is_centre

    if is_centre(folder):
        from .web.centre.server import serve as serve_centre

        serve_centre(folder, host or "127.0.0.1", port or 8000, say=click.echo)
        return
    if host not in (None, "127.0.0.1"):
        raise RmoError.single("Страница одного объединения открывается только на этом "
                              "компьютере (127.0.0.1); --host — для папки методического "
                              "центра (rmo centre init).")
    from .web.server import serve as run_server

    run_server(folder, port, open_browser=not no_browser, say=click.echo)


@main.command()
@click.argument("file", cls=Argument, metavar="ФАЙЛ",
                type=click.Path(path_type=Path, dir_okay=False),
                description="Имя новой книги (.xlsx); существующий файл не перезаписывается.")
def init(file: Path) -> None:
    """Создать новую пустую книгу ФАЙЛ для учебного года.

    В книге все листы с заголовками, выпадающие списки и лист «Инструкция».
    Существующий файл не перезаписывается.

    \b
    Пример:
      rmo init rmo-2026-2027.xlsx
    """
    from .newyear import init as run_init

    path = run_init(file)
    say(f"Создана книга «{path}». Начните с листа «Инструкция», затем заполните "
        "«Объединение» и «Участники».")


@main.command("new-year")
@click.argument("workbook", cls=Argument, metavar="КНИГА",
                type=click.Path(path_type=Path, dir_okay=False),
                description="Книга Excel прошлого учебного года (.xlsx).")
@click.option("-o", "--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              required=True, metavar="ФАЙЛ",
              help="Имя новой книги; существующий файл не перезаписывается.")
def new_year(workbook: Path, target: Path) -> None:
    """Сделать книгу следующего учебного года из книги КНИГА.

    Остаются участники, разделы плана, календарный план и заседания со сроками;
    очищаются даты заседаний, повестка, отметки посещаемости, участие, итоги и
    выполнение задач. Учебный год сдвигается на один.

    \b
    Пример:
      rmo new-year rmo-2025-2026.xlsx -o rmo-2026-2027.xlsx
    """
    from .newyear import new_year as run_new_year

    year = run_new_year(workbook, target)
    say(f"Создана книга «{target}» на {year.label} учебный год. Проверьте план и "
        "впишите повестку новых заседаний.")


@main.command("summary")
@click.argument("workbooks", nargs=-1, required=True, metavar="КНИГА...",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              required=True, metavar="ФАЙЛ",
              help="Имя отчёта (.docx); существующий файл не перезаписывается.")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False),
              metavar="ПАПКА",
              help="Папка со своими шаблонами (см. «rmo templates»): берётся её summary.docx.")
def summary_command(workbooks: tuple[Path, ...], target: Path, templates: Path | None) -> None:
    """Сводный отчёт методического центра по книгам нескольких объединений.

    По строке на объединение: члены и учреждения, заседания, посещаемость,
    выступления, участие в мероприятиях по уровням, победители и призёры, курсы;
    строка «Итого»; затем выводы каждого объединения с листа «Итоги». Все книги
    должны быть одного учебного года, по одной книге на объединение.

    \b
    Пример:
      rmo summary библиотекари.xlsx математики.xlsx -o "Сводный отчёт.docx"
    """
    from .report import write_summary

    result = write_summary(workbooks, target, templates)
    associations = number_of(len(result.rows), "объединение", "объединения", "объединений")
    say(f"Записан сводный отчёт «{target}»: {result.year.label} учебный год, {associations}.")


# The centre's administration lives in its own module, made with the classes above.
from .cli_centre import make as _make_centre  # noqa: E402

main.add_command(_make_centre(Group, Argument, say))
