"""Rendering a docxtpl template into the bytes of a .docx, safely and reproducibly."""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .errors import RmoError, problem
from .ooxml import docx_bytes


def builtin_templates() -> Path:
    """The templates shipped with the package: inside it when installed, beside it in a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "plan.docx").is_file():
            return candidate
    raise RmoError([problem("Не найдены шаблоны документов (plan.docx). Переустановите rmo.")])


@dataclass(frozen=True)
class Properties:
    """What Word shows under File → Properties; taken from the data, never from the clock."""

    title: str
    author: str
    date: dt.date


@lru_cache(maxsize=1)
def environment():
    """A sandboxed Jinja environment: user templates cannot reach Python internals, a missing
    value is an error, not an empty string, and every value is XML-escaped.

    docxtpl compiles the XML of every part anew for each document; the same template gives
    the same source, so compiled templates are kept (a year has dozens of certificates).
    """
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    class Caching(SandboxedEnvironment):
        limit = 64

        def __init__(self, **options):
            super().__init__(**options)
            self.compiled: OrderedDict[str, object] = OrderedDict()

        def from_string(self, source, globals=None, template_class=None):
            if globals is not None or template_class is not None or not isinstance(source, str):
                return super().from_string(source, globals, template_class)
            template = self.compiled.get(source)
            if template is None:
                template = super().from_string(source)
                self.compiled[source] = template
                if len(self.compiled) > self.limit:
                    self.compiled.popitem(last=False)
            else:
                self.compiled.move_to_end(source)
            return template

    return Caching(undefined=StrictUndefined, autoescape=True, keep_trailing_newline=True)


def render(template: Path, context: dict, properties: Properties) -> bytes:
    """Render one template with prepared strings and lists; return reproducible .docx bytes."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateError

    from .charts import BarChart, ChartRun

    try:
        document = DocxTemplate(template)
        charts = iter(range(1, 100))
        context = {key: ChartRun(document, value, next(charts))
                   if isinstance(value, BarChart) else value for key, value in context.items()}
        document.render(context, environment(), autoescape=True)
    except TemplateError as error:
        raise RmoError([problem(
            f"Шаблон «{template.name}»: {_template_message(error, document)}"
        )]) from error
    core = document.docx.core_properties
    core.title = properties.title
    core.author = properties.author
    core.last_modified_by = properties.author
    moment = dt.datetime.combine(properties.date, dt.time(0, 0))
    core.created = core.modified = moment
    core.revision = 1
    return docx_bytes(document)


def _template_message(error, document) -> str:
    from jinja2 import TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError

    if isinstance(error, UndefinedError):
        return (f"в шаблоне есть поле, которого программа не знает ({error.message}). "
                "Проверьте написание поля в фигурных скобках.")
    if isinstance(error, SecurityError):
        return "шаблон пытается обратиться к внутренностям программы; такой шаблон не принят."
    if isinstance(error, TemplateSyntaxError):
        where = _broken_tag(document)
        return (f"ошибка в теге{where} ({error.message}). Word мог разбить тег или заменить "
                "кавычки на «ёлочки» или «умные»: наберите тег заново одним куском, с прямыми "
                "кавычками \"…\".")
    return f"ошибка шаблона ({error})."


def _broken_tag(document) -> str:
    """The first tag of the template that does not parse alone, or that holds quotes Word
    «corrected»: what the user has to retype."""
    import re

    from jinja2 import TemplateSyntaxError

    try:
        text = re.sub(r"<[^>]+>", "", document.patch_xml(document.get_xml()))
    except Exception:  # noqa: BLE001 — only a hint for the message
        return ""
    env = environment()
    for tag in re.findall(r"\{\{.*?\}\}|\{%.*?%\}", text):
        if re.search("[«»“”„]", tag):
            return f" «{tag}»"
        if tag.startswith("{{"):
            try:
                env.parse(tag)
            except TemplateSyntaxError:
                return f" «{tag}»"
    return ""
