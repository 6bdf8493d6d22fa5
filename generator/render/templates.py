"""Choosing a template: the built-in one or the user's own (a `--templates` folder, the
archive's «Шаблоны»), copying the built-ins out to restyle them, and checking a user's
template. The one module that resolves, copies and checks templates: build, report, the
person's record and the pages all come here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import Problem, RmoError, problem
from .builtin import builtin_templates
from .template_source import TemplateSource


def own_folder(templates: str | Path | None) -> Path | None:
    """The user's templates folder, or None for the built-ins; refused when it is not there."""
    if templates is None:
        return None
    folder = Path(templates)
    if not folder.is_dir():
        raise RmoError([problem(f"Папка шаблонов «{folder}» не найдена. Создайте её "
                                "командой «rmo templates ПАПКА».")])
    return folder


# An archive's own templates: the pages keep them in ARCHIVE/Шаблоны under the package's names —
# the folder `rmo build --templates` takes — so the page and the command line build alike. A
# replaced or dropped one is moved to ARCHIVE/Шаблоны/прежние, never deleted.
ARCHIVE_TEMPLATES = "Шаблоны"
FORMER = "прежние"


def archive_templates(archive: Path) -> Path:
    """The archive's folder of own templates (made by the first upload)."""
    return archive / ARCHIVE_TEMPLATES


def archive_own_templates(archive: Path) -> Path | None:
    """The archive's templates folder for a build when it holds any template, else None
    (the built-ins)."""
    path = archive_templates(archive)
    return path if path.is_dir() and any(path.glob("*.docx")) else None


def own_template(archive: Path, name: str) -> Path | None:
    """The archive's own version of the template `name` (plan.docx), if there is one."""
    path = archive_templates(archive) / name
    return path if path.is_file() else None


def former_templates(archive: Path) -> Path:
    """Where the archive's replaced and dropped templates are kept."""
    return archive_templates(archive) / FORMER


def retire_own_template(archive: Path, name: str, title: str) -> None:
    """Move the archive's own template `name` aside to «прежние», stamped with the time and
    the document's `title` («План работы до 2025-09-01 10-00-00.docx»), never delete it."""
    current = own_template(archive, name)
    if current is None:
        return
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H-%M-%S")
    target = former_templates(archive) / f"{title} до {stamp}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    number = 1
    while target.exists():
        number += 1
        target = target.with_name(f"{title} до {stamp} ({number}).docx")
    current.replace(target)


def save_own_template(archive: Path, name: str, title: str, data: bytes) -> None:
    """The archive's own template `name` is now `data`; the one it replaces is retired."""
    from ..archive.store import write_new

    retire_own_template(archive, name, title)
    write_new(archive_templates(archive) / name, data)


def template_path(name: str, custom: Path | None) -> Path:
    """The user's own version of a template when there is one, else the built-in."""
    if custom is not None and (custom / name).is_file():
        return custom / name
    return builtin_templates() / name


def check_templates(folder: Path) -> tuple[Problem, ...]:
    """Warnings for the files of a user's templates folder that rmo does not read
    («Протокол.docx», protocol.odt): each says which names it does read."""
    from ..documents.kinds import KINDS, TEMPLATES
    from .template_check import unused_files

    words = {word: spec.template for spec in KINDS
             for word in (spec.label, spec.title, spec.word, *spec.aliases)}
    return unused_files(folder, TEMPLATES, words)


def copy_templates(target: str | Path) -> list[Path]:
    """Copy the built-in templates into a folder to restyle them; never overwrite."""
    from ..archive.store import write_new
    from ..documents.kinds import TEMPLATES

    target = Path(target)
    source = builtin_templates()
    existing = [name for name in TEMPLATES if (target / name).exists()]
    if existing:
        raise RmoError([problem(f"В папке «{target}» уже есть {', '.join(existing)}; rmo не "
                                "перезаписывает файлы. Укажите пустую папку.")])
    copied = []
    for name in TEMPLATES:
        write_new(target / name, (source / name).read_bytes())
        copied.append(target / name)
    return copied


def same_kind(template: TemplateSource, kind: str) -> None:
    """Refuse another kind's template (the protocol uploaded in the plan's place) by naming
    it, before its fields are reported one by one as unknown."""
    from ..documents.kinds import KINDS
    from .template_check import closer_kind

    names = {spec.template: spec.title for spec in KINDS}
    if kind not in names:
        return
    other = closer_kind(template, kind, {name: builtin_templates() / name for name in names})
    if other:
        raise RmoError([problem(
            f"Похоже, это шаблон другого документа — «{names[other]}», а не «{names[kind]}».",
            fix=f"Загрузите его в строку «{names[other]}», а сюда — шаблон "
                f"«{names[kind]}».")])


def check_template(template: TemplateSource, out_dir: str | Path, kind: str = "") -> None:
    """Check a changed template as `--templates` would use it: render every document made
    from it with the newest workbook kept in the archive, or, with none yet, parse its tags.
    The template is a file or the bytes of an upload (TemplateBytes) with its name. `kind` is
    the built-in template it replaces (plan.docx) when the file is named otherwise, as the
    person named it («План мой.docx»). Raises RmoError naming the template and what to
    retype."""
    from xml.etree.ElementTree import ParseError
    from zipfile import BadZipFile

    from docx.opc.exceptions import PackageNotFoundError

    from ..archive.contents import newest_workbook
    from ..archive.issued import Ledger, stamp
    from ..documents.kinds import documents
    from ..workbook.reader import read_workbook
    from .render import Properties, check_syntax, check_work, render
    from .template_check import check_file

    not_word = RmoError([problem(f"Файл «{template.name}» — не документ Word (.docx).",
                                 fix="Сохраните шаблон в Word как «Документ Word (.docx)».")])
    try:
        check_file(template)  # its size and links, before any part is parsed
        check_syntax(template)
    except (BadZipFile, PackageNotFoundError, KeyError, ValueError, ParseError) as error:
        raise not_word from error
    kind = kind or template.name
    same_kind(template, kind)
    source = newest_workbook(Path(out_dir))
    if source is None:
        check_work(template)  # no workbook yet: its own work, with every value empty
        return
    try:
        workbook = read_workbook(source)
    except RmoError:
        return  # the archive's workbook is not this template's business
    from .template_limits import CHECK_SECONDS, budget

    author = workbook.association.head.name
    with budget(CHECK_SECONDS):  # a template renders dozens of certificates: one deadline
        for document in stamp(documents(workbook), Ledger(Path())):
            if document.template == kind:
                render(template, document.context, Properties(document.title, author,
                                                              document.date))
