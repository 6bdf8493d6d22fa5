"""Rendering a docxtpl template into the bytes of a .docx, safely and reproducibly."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path

from .errors import RmoError, problem

BUILTIN_NAMES = ("plan.docx", "protocol.docx", "analysis.docx", "extract.docx",
                 "certificate.docx", "registration.docx")
# Zip entries get this time: the same input gives the same bytes (ZIP cannot store earlier).
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


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


def environment():
    """A sandboxed Jinja environment: user templates cannot reach Python internals, a missing
    value is an error, not an empty string, and every value is XML-escaped."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import SandboxedEnvironment

    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=True,
                                keep_trailing_newline=True)


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
    stream = io.BytesIO()
    document.save(stream)
    return reproducible(stream.getvalue())


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


def reproducible(docx: bytes, fix=None) -> bytes:
    """The same package with fixed zip timestamps, so that the same input gives the same bytes.

    ``fix(name, data)`` may rewrite a part on the way (e.g. a time stamped inside it).
    """
    source = zipfile.ZipFile(io.BytesIO(docx))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            data = source.read(info.filename)
            target.writestr(fixed, fix(info.filename, data) if fix else data)
    return out.getvalue()
