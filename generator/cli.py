"""The `rmo` command: a thin click layer over generator.build; the only place that talks to
the terminal and chooses exit codes."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__
from .errors import RmoError
from .text import plural

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(error: RmoError) -> None:
    count = len(error.problems)
    if count > 1:
        click.echo(f"Найдено {count} {plural(count, 'ошибка', 'ошибки', 'ошибок')}, "
                   "документы не записаны:", err=True)
    for item in error.problems:
        click.echo(("• " if count > 1 else "Ошибка: ") + str(item), err=True)
    _warn(error.warnings)
    sys.exit(1)


def _warn(warnings) -> None:
    """Warnings come after the errors and never stop anything."""
    count = len(warnings)
    if count == 1:
        click.echo(f"Предупреждение: {warnings[0]}", err=True)
    elif count > 1:
        noun = plural(count, "предупреждение", "предупреждения", "предупреждений")
        click.echo(f"{count} {noun}:", err=True)
        for item in warnings:
            click.echo(f"• {item}", err=True)


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
    click.echo(f"Извините, в программе rmo произошла внутренняя ошибка.{where}", err=True)
    sys.exit(3)


_USAGE = [  # click's own messages, in Russian
    (r"Missing argument '(.+)'\.", r"не указан аргумент \1."),
    (r"Missing option '(.+)'\.", r"не указан параметр \1."),
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
]


def _russian_usage(message: str) -> str:
    import re

    for pattern, replacement in _USAGE:
        translated, count = re.subn(pattern, replacement, message)
        if count:
            return translated
    return message


class RussianHelp:
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
        records = [r for p in self.get_params(ctx) if (r := p.get_help_record(ctx))]
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
        except click.UsageError as error:
            command = error.ctx.command_path if error.ctx else "rmo"
            click.echo(f"Ошибка: {_russian_usage(error.format_message())}\n"
                       f"Справка: {command} --help", err=True)
            sys.exit(2)
        except click.Abort:
            click.echo("Прервано.", err=True)
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
            click.echo("Прервано.", err=True)
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


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path))
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
@click.option("--only", metavar="ВИДЫ",
              help="Только эти виды документов, через запятую: план, протоколы, анализ, "
                   "выписки, справки, листы.")
@click.option("--dry-run", is_flag=True, help="Показать, что будет записано, ничего не записывая.")
def build(workbook: Path, out_dir: Path, templates: Path | None, pdf: bool, only: str | None,
          dry_run: bool) -> None:
    """Сделать документы учебного года из книги WORKBOOK.

    Сначала вся книга проверяется; если есть ошибки, программа перечисляет их все
    и не записывает ничего. Документы, которые не изменились, не трогаются;
    изменившийся документ записывается рядом как новая версия.

    \b
    Примеры:
      rmo build data/rmo-2025-2026.xlsx -o archive
      rmo build data/rmo-2025-2026.xlsx --only выписки,справки --pdf
    """
    from .archive import State
    from .build import build as run_build

    def report(item) -> None:
        status = item.status.label if not dry_run or item.status is State.UNCHANGED else \
            f"будет: {item.status.label}"
        extra = f" + {item.pdf.name}" if item.pdf else ""
        click.echo(f"  {status:<14} {item.path}{extra}")

    if pdf and not dry_run:
        click.echo("Документы готовятся, PDF делает LibreOffice — это может занять минуту…")
    done = run_build(workbook, out_dir, templates=templates, dry_run=dry_run, pdf=pdf,
                     only=only, progress=report)
    results = done.written
    counts = {status: sum(1 for r in results if r.status is status) for status in State}
    pdfs = sum(1 for r in results if r.pdf)
    head = "Будет записано" if dry_run else "Итого"
    click.echo(f"{head}: новых документов — {counts[State.NEW]}, "
               f"новых версий — {counts[State.VERSION]}, "
               f"без изменений — {counts[State.UNCHANGED]}" + (f", PDF — {pdfs}" if pdf else "")
               + ("; ничего не записано." if dry_run else "."))
    _warn(done.warnings)


@main.command()
@click.argument("workbook", type=click.Path(path_type=Path))
def check(workbook: Path) -> None:
    """Проверить книгу WORKBOOK, ничего не записывая.

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
    click.echo(f"Книга в порядке: {data.association.name}, {data.association.year.label} "
               "учебный год.")
    _warn(found.warnings)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
def templates(folder: Path) -> None:
    """Скопировать встроенные шаблоны в папку FOLDER, чтобы изменить их в Word.

    Шаблоны — обычные документы Word с полями в фигурных скобках. Меняйте
    оформление (стили, шрифты, поля), но не текст в скобках. Потом укажите
    папку при сборке: rmo build книга.xlsx --templates FOLDER.

    \b
    Пример:
      rmo templates мои-шаблоны
    """
    from .build import copy_templates

    for path in copy_templates(folder):
        click.echo(f"  {path}")
    click.echo(f"Шаблоны скопированы в «{folder}».")


@main.command("archive")
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False),
                default=Path("archive"))
def archive_command(out_dir: Path) -> None:
    """Показать реестр архива OUT_DIR (по умолчанию archive): что и когда записано.

    Для каждого учебного года — файлы с видом, номером заседания, версией,
    временем записи и началом контрольной суммы SHA-256.

    \b
    Пример:
      rmo archive archive
    """
    from .register import JSON_NAME, load

    years = sorted(p for p in out_dir.glob("*") if (p / JSON_NAME).is_file()) \
        if out_dir.is_dir() else []
    if not years:
        raise RmoError.single(f"В папке «{out_dir}» нет архива rmo: сначала выполните "
                              "«rmo build книга.xlsx».")
    for year in years:
        entries = load(year)
        click.echo(f"{year.name.replace('-', '/')} учебный год — {len(entries)} файлов, "
                   f"реестр: {year / 'Реестр документов.xlsx'}")
        for e in entries:
            meeting = f"№ {e.meeting}" if e.meeting else ""
            click.echo(f"  {e.written}  {e.kind:<16} {meeting:<5} в.{e.version}  "
                       f"{e.sha256[:12]}  {e.file}")


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def init(file: Path) -> None:
    """Создать новую пустую книгу FILE для учебного года.

    В книге все листы с заголовками, выпадающие списки и лист «Инструкция».
    Существующий файл не перезаписывается.

    \b
    Пример:
      rmo init rmo-2026-2027.xlsx
    """
    from .newyear import init as run_init

    path = run_init(file)
    click.echo(f"Создана книга «{path}». Начните с листа «Инструкция», затем заполните "
               "«Объединение» и «Участники».")


@main.command("new-year")
@click.argument("workbook", type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              required=True, metavar="ФАЙЛ",
              help="Имя новой книги; существующий файл не перезаписывается.")
def new_year(workbook: Path, target: Path) -> None:
    """Сделать книгу следующего учебного года из книги WORKBOOK.

    Остаются участники, разделы плана, календарный план и заседания со сроками;
    очищаются даты заседаний, повестка, отметки посещаемости, участие, итоги и
    выполнение задач. Учебный год сдвигается на один.

    \b
    Пример:
      rmo new-year rmo-2025-2026.xlsx -o rmo-2026-2027.xlsx
    """
    from .newyear import new_year as run_new_year

    year = run_new_year(workbook, target)
    click.echo(f"Создана книга «{target}» на {year.label} учебный год. Проверьте план и "
               "впишите повестку новых заседаний.")
