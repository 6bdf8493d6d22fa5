"""The `rmo` command: a thin click layer over the core (build, check, init, new-year, serve,
summary, centre). With generator.cli.terminal, the only place that talks to the terminal and
chooses exit codes."""

# The declarations and Russian help of every rmo command, thin; what a build says on the
# screen is in build_output, the centre's and the person's commands are apart.

from __future__ import annotations

from pathlib import Path

import click

from .. import __version__
from ..documents.kinds import WORDS
from ..errors import RmoError
from ..model import year_label
from .terminal import (
    CONTEXT,
    Argument,
    Group,
    number_of,
    say,
    warn,
)


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
    from ..build import build as run_build
    from ..documents.kinds import parse_only
    from .build_output import Screen, summary, unready

    screen = Screen(verbose=verbose, dry_run=dry_run)
    if pdf and not dry_run:
        say("Документы готовятся, PDF делает LibreOffice — это может занять минуту…")
    kinds = parse_only(only)  # parsed here, at the edge: the core takes kinds
    results = run_build(workbook, out_dir, templates=templates, dry_run=dry_run, pdf=pdf,
                        kinds=kinds, progress=screen.document, pdf_progress=screen.pdf_step)
    screen.clear_counter()
    say(summary(results.written, dry_run=dry_run, pdf=pdf))
    unready(results.not_ready)
    warn(results.warnings)
    if results.pdf_problem is not None:
        raise RmoError([results.pdf_problem])  # said last, once; exit code 1


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
    from ..workbook.reader import inspect_workbook  # checking needs none of the rendering

    found = inspect_workbook(workbook)
    if found.workbook is None:
        raise RmoError(found.errors, found.warnings)
    data = found.workbook
    say(f"Книга в порядке: {data.association.name}, {data.association.year.label} "
        "учебный год.")
    warn(found.warnings)


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
    from ..render.templates import copy_templates

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
    from ..archive.register import JSON_NAME, XLSX_NAME, exists, load
    from ..archive.service import prepare

    # A year folder given (rmo 0.x kept its register inside it), or the archive itself.
    one_year = exists(out_dir) or (out_dir / JSON_NAME).is_file()
    warn(prepare(out_dir.parent if one_year else out_dir))
    if one_year:
        years = [out_dir] if exists(out_dir) else []
    else:
        years = sorted(p for p in out_dir.glob("*") if exists(p)) if out_dir.is_dir() else []
    if not years:
        raise RmoError.single(f"В папке «{out_dir}» нет архива rmo: сначала выполните "
                              "«rmo build книга.xlsx».")
    for year in years:
        entries = load(year)
        say(f"{year_label(year.name)} учебный год — "
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
              help="Порт на 127.0.0.1 (по умолчанию 8765, а если он занят — следующий "
                   "свободный).")
@click.option("--no-browser", is_flag=True, help="Не открывать браузер, только напечатать адрес.")
@click.option("--host", metavar="АДРЕС",
              help="Адрес сервера методического центра (ПАПКА — папка центра, см. "
                   "«rmo centre init»); по умолчанию 127.0.0.1.")
def serve(folder: Path, port: int | None, no_browser: bool, host: str | None) -> None:
    """Открыть страницу rmo в браузере: проверка книги, документы, архив.

    Страница работает с папкой архива ПАПКА и доступна только на этом компьютере.
    Программа печатает адрес с ключом входа и открывает его в браузере. Адрес
    постоянный: его можно открыть в любом браузере этого компьютера и сохранить
    в закладки. Остановить — Ctrl+C.

    \b
    Пример:
      rmo serve
      rmo serve мой-архив --port 9000 --no-browser
    """
    from ..web.centre.folder import is_centre

    if is_centre(folder):
        from ..web.centre.server import serve as serve_centre

        serve_centre(folder, host or "127.0.0.1", port or 8000, say=click.echo)
        return
    if host not in (None, "127.0.0.1"):
        raise RmoError.single("Страница одного объединения открывается только на этом "
                              "компьютере (127.0.0.1); --host — для папки методического "
                              "центра (rmo centre init).")
    from ..web.server import serve as run_server

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
    from ..workbook.newyear import init as run_init

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
    from ..workbook.newyear import new_year as run_new_year

    year = run_new_year(workbook, target)
    say(f"Создана книга «{target}» на {year.label} учебный год. Проверьте план и "
        "впишите повестку новых заседаний.")


@main.command("summary")
@click.argument("workbooks", nargs=-1, required=True, metavar="КНИГА...",
                type=click.Path(path_type=Path, dir_okay=False))
@click.option("-o", "--out", "target", type=click.Path(path_type=Path, dir_okay=False),
              required=True, metavar="ФАЙЛ",
              help="Имя отчёта: .docx — документ, .xlsx — таблица; существующий файл не "
                   "перезаписывается.")
@click.option("--templates", "templates", type=click.Path(path_type=Path, file_okay=False),
              metavar="ПАПКА",
              help="Папка со своими шаблонами (см. «rmo templates»): берётся её summary.docx.")
@click.option("--organisation", "organisation", default="", metavar="НАЗВАНИЕ",
              help="Составитель отчёта — методический центр. По умолчанию — «Организация» "
                   "из книг, если во всех она одна.")
@click.option("--signer", "signer", default="", metavar="КТО",
              help="Кто подписывает: «Директор Е.А. Иванова». По умолчанию — «Директор» "
                   "и пустая строка для подписи.")
def summary_command(workbooks: tuple[Path, ...], target: Path, templates: Path | None,
                    organisation: str, signer: str) -> None:
    """Сводный отчёт методического центра по книгам нескольких объединений.

    По строке на объединение: члены и учреждения, заседания, посещаемость,
    выступления, участие в мероприятиях по уровням, победители и призёры, курсы;
    строка «Итого»; затем выводы каждого объединения с листа «Итоги». Все книги
    должны быть одного учебного года, по одной книге на объединение. Файл .xlsx —
    та же таблица с числами в ячейках, для свода по области.

    \b
    Пример:
      rmo summary библиотекари.xlsx математики.xlsx -o "Сводный отчёт.docx"
      rmo summary *.xlsx -o отчёт.docx --signer "Директор Е.А. Иванова"
      rmo summary *.xlsx -o "Сводная таблица.xlsx"
    """
    from ..errors import warning
    from ..report import write_summary

    result = write_summary(workbooks, target, templates, organisation, signer)
    associations = number_of(len(result.rows), "объединение", "объединения", "объединений")
    what = "Записана сводная таблица" if target.suffix.lower() == ".xlsx" else \
        "Записан сводный отчёт"
    say(f"{what} «{target}»: {result.year.label} учебный год, {associations}.")
    if not organisation.strip() and not result.organisation:
        # An official paper names its originator: the books do not agree on one.
        warn((warning("в отчёте не указан составитель: в книгах объединений разные "
                      "«Организация».", fix="Сделайте отчёт заново с --organisation "
                      "«название методического центра»."),))


# The centre's administration and the person's record live in their own modules.
from .centre import centre as _centre  # noqa: E402

main.add_command(_centre)

from .person import person as _person  # noqa: E402

main.add_command(_person)
