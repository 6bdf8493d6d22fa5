"""Rendering a docxtpl template into the bytes of a .docx, safely and reproducibly."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from ..errors import RmoError, problem
from ..ooxml import docx_bytes
from .template_source import TemplateSource, readable, version


@dataclass(frozen=True)
class Properties:
    """What Word shows under File → Properties; taken from the data, never from the clock."""

    title: str
    author: str
    date: dt.date


def environment():
    """The sandboxed Jinja environment with a budget per render (generator.render.sandbox)."""
    from .sandbox import environment as sandboxed

    return sandboxed()


def render(template: TemplateSource, context: dict, properties: Properties) -> bytes:
    """Render one template with prepared strings and lists; return reproducible .docx bytes.

    A template that fails, or that holds a piece of a tag outside its tags, is an error in
    Russian naming the template and the text around the tag.
    """
    from jinja2 import TemplateError

    from ..documents.chart import BarChart
    from .charts import ChartRun
    from .columns import template_class
    from .template_limits import Failed, budget

    _check_package(template)
    document = template_class()(readable(template))
    document.init_docx()
    _refuse_broken_tags(template, document)
    try:
        charts = iter(range(1, 100))
        values = {key: ChartRun(document, value, next(charts))
                  if isinstance(value, BarChart) else value for key, value in context.items()}
        with budget():
            document.render(values, environment(), autoescape=True)
    except TemplateError as error:
        from .builtin import builtin_templates

        if isinstance(error, Failed) and isinstance(template, Path) and \
                template.parent == builtin_templates():
            raise error.original from error  # a built-in template is right: a bug of ours
        message, fix = _template_message(error, document, context)
        raise RmoError([problem(f"Шаблон «{template.name}»: {message}", fix=fix)]) from error
    core = document.docx.core_properties
    # Word keeps at most 255 characters of each (python-docx refuses more): a very long name
    # of an association is cut in the properties, never in the document.
    core.title = _fit(properties.title)
    core.author = core.last_modified_by = _fit(properties.author)
    moment = dt.datetime.combine(properties.date, dt.time(0, 0))
    core.created = core.modified = moment
    core.revision = 1
    return docx_bytes(document)


def check_work(template: TemplateSource) -> None:
    """Fill a template with no workbook, every value empty, under the budget of a build: the
    work it does by itself (loops over numbers, long strings) is refused before any workbook
    is there to fill it. What depends on the data is left to the render with the data."""
    from docxtpl import DocxTemplate

    from .sandbox import environment as sandboxed
    from .template_limits import Failed, Refusal, budget

    document = DocxTemplate(readable(template))
    document.init_docx()
    try:
        with budget():
            document.render({}, sandboxed(dry=True), autoescape=True)
    except Failed:
        return  # a value computed from empty data: the workbook's render will tell
    except Refusal as error:
        message, fix = _template_message(error, document, {})
        raise RmoError([problem(f"Шаблон «{template.name}»: {message}", fix=fix)]) from error
    except Exception:  # noqa: BLE001, S110 — empty data may trip anything; the real render tells
        return


def _fit(text: str, limit: int = 255) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def check_syntax(template: TemplateSource) -> None:
    """Parse every tag of a template without data: RmoError naming a broken tag. For a
    template checked before any workbook can fill it (render checks the rest)."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    _check_package(template)
    document = DocxTemplate(readable(template))
    document.init_docx()
    _refuse_broken_tags(template, document)
    try:
        document.get_undeclared_template_variables(environment())
    except TemplateError as error:
        message, fix = _template_message(error, document, {})
        raise RmoError([problem(f"Шаблон «{template.name}»: {message}", fix=fix)]) from error


def _check_package(template: TemplateSource) -> None:
    """The size limits of an uploaded template, held at build too (a template put in the
    folder by hand): checked once per file and version, before python-docx unpacks it."""
    from . import template_check

    key = version(template)
    if key not in _PACKAGES:
        template_check.check_package(template)
        _PACKAGES.add(key)


_PACKAGES: set[tuple[str, int, int | str]] = set()


def _refuse_broken_tags(template: TemplateSource, document) -> None:
    from . import template_check

    broken, left = _read_once(template, document)
    if broken:
        raise RmoError([problem(
            f"Шаблон «{template.name}»: тег начат и не закончен — в тексте {broken}.",
            fix="Word мог потерять фигурную скобку или знак %. " + template_check.RETYPE)])
    if left:
        raise RmoError([problem(
            f"Шаблон «{template.name}»: в документе остался кусок тега — в тексте {left}.",
            fix="Word мог потерять или разбить фигурную скобку. " + template_check.RETYPE)])


def _read_once(template: TemplateSource, document) -> tuple[str, str]:
    """A tag begun and never ended, and a piece of a tag outside any tag, checked once per
    template file and version. Both are read in the template, never in a document: the
    workbook's text may hold «{{» and is printed as it is."""
    from . import template_check

    key = version(template)
    if key not in _CHECKED:
        _CHECKED[key] = (template_check.unclosed(document), template_check.stray(document))
    return _CHECKED[key]


_CHECKED: dict[tuple[str, int, int | str], tuple[str, str]] = {}


def _template_message(error, document, context: dict) -> tuple[str, str]:
    """What is wrong and what to do, in Russian: Jinja's English never reaches the user."""
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    from . import template_check
    from .template_limits import Refusal

    if isinstance(error, UndefinedError):
        return template_check.undefined_message(error, document, context)
    if isinstance(error, Refusal):
        where = template_check.place(document, error.line, error.pattern)
        return (error.what + (f" — в тексте {where}" if where else "")
                + "; такой шаблон не принят.", error.fix)
    if isinstance(error, SecurityError):
        where = template_check.tag_with(document, "__")
        return ("шаблон пытается обратиться к внутренностям программы"
                + (f" — в тексте {where}" if where else "") + "; такой шаблон не принят.",
                "Уберите из тегов имена с двумя подчёркиваниями.")
    if isinstance(error, TemplateSyntaxError):
        where = template_check.broken_tag(document, environment())
        what = template_check.syntax_message(error.message or "")
        return (what + (f" — в тексте {where}." if where else "."),
                "Word мог разбить тег или заменить кавычки на «ёлочки». "
                + template_check.RETYPE)
    return "шаблон не удалось заполнить.", template_check.RETYPE
