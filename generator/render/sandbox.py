"""The Jinja environment templates are rendered in: no Python internals, and a budget of
work for each render (generator.render.template_limits), so that a template — a head's own, uploaded
to the centre — cannot take the server's memory or a core.

What a template may not do at all (read another file, call itself, print unescaped text) is
refused when it is read, so at upload. A refusal says what, in Russian, and where: the line of
the template's XML, from which the place is shown in the words of the document.
"""

from __future__ import annotations

import html
import re
from collections import OrderedDict
from functools import lru_cache, update_wrapper

from jinja2 import ChainableUndefined, StrictUndefined, Template, nodes
from jinja2.compiler import CodeGenerator
from jinja2.exceptions import TemplateError
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..russian.text import thousands
from . import template_limits as limits
from .template_limits import Failed, Refusal, budget, weight

_SAME_FILE = "Шаблон должен быть одним документом: перенесите нужный текст в него самого."


class _Generator(CodeGenerator):
    """Jinja's code, with each piece of output counted, concatenation weighed first."""

    def _output_const_repr(self, group) -> str:
        return f"environment.rmo_put({super()._output_const_repr(group)})"

    def visit_Concat(self, node: nodes.Concat, frame) -> None:
        self.write(f"environment.rmo_concat({bool(frame.eval_ctx.autoescape)!r}, (")
        for argument in node.nodes:
            self.visit(argument, frame)
            self.write(", ")
        self.write("))")


class _Template(Template):
    """A template whose render has a budget and whose refusals say where they stand."""

    rmo_source = ""

    def render(self, *args, **kwargs) -> str:
        with budget():
            try:
                return super().render(*args, **kwargs)
            except Refusal as error:
                error.line = error.line or _line(self.rmo_source, _template_line(error))
                raise
            except RecursionError as error:
                refusal = _recursion()
                refusal.line = _line(self.rmo_source, _template_line(error))
                raise refusal from error
            except TemplateError:
                raise
            except Exception as error:  # noqa: BLE001 — a tag failed: said where, in Russian
                failed = Failed(error)
                failed.line = _line(self.rmo_source, _template_line(error))
                raise failed from error


def _recursion() -> Refusal:
    return Refusal("шаблон вызывает сам себя без конца (рекурсия)",
                   r"\bmacro\b|\brecursive\b|\bself\b|\bcaller\b",
                   "Уберите из шаблона макросы, которые вызывают сами себя.")


def _template_line(error: BaseException) -> int:
    """The line of the template where the error was raised, from Jinja's traceback."""
    line, trace = 0, error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_filename == "<template>":
            line = trace.tb_lineno
        trace = trace.tb_next
    return line


def _line(source: str, number: int) -> str:
    """The text of a line of a template's XML: a paragraph, as docxtpl renders it."""
    lines = source.splitlines() if number else []
    if not 0 < number <= len(lines):
        return ""
    return html.unescape(re.sub(r"<[^>]+>", "", lines[number - 1]))


# Jinja compiles, and walks, each expression recursively: a chain «1+1+1…» of a hundred
# thousand terms overflowed Python's stack, a list of 300 000 items took 18 s to compile. The
# built-in templates have at most 330 parts of expressions, nested at most 6 deep.
MAX_NODES = 30_000
MAX_DEPTH = 100


def _too_deep() -> Refusal:
    return Refusal("выражение в теге вложено слишком глубоко", r"[(\[.+~]")


def _measure(tree: nodes.Template, source: str) -> None:
    """Refuse a template too big or too deep to compile, walking it without recursion."""
    count = 0
    stack: list[tuple[nodes.Node, int]] = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        count += 1
        if depth > MAX_DEPTH or count > MAX_NODES:
            refusal = _too_deep() if depth > MAX_DEPTH else Refusal(
                f"в шаблоне больше {thousands(MAX_NODES)} частей выражений", r".")
            refusal.line = _line(source, getattr(node, "lineno", 0))
            raise refusal
        stack.extend((child, depth + 1) for child in node.iter_child_nodes())


def _refuse_when_read(tree: nodes.Template, source: str) -> None:
    """What a template may not do at all, refused before it renders anything."""
    def refuse(node: nodes.Node, refusal: Refusal) -> None:
        refusal.line = _line(source, node.lineno)
        raise refusal

    for kind, word in ((nodes.Include, "include"), (nodes.Import, "import"),
                       (nodes.FromImport, "from"), (nodes.Extends, "extends")):
        for node in tree.find_all(kind):
            refuse(node, Refusal(f"команда {{% {word} %}} подключает другой файл",
                                 rf"\b{word}\b", _SAME_FILE))
    for loop in tree.find_all(nodes.For):
        if loop.recursive:
            refuse(loop, Refusal("цикл {% for … recursive %} вызывает сам себя",
                                 r"\brecursive\b", "Уберите recursive из команды for."))
    for macro in tree.find_all(nodes.Macro):
        for call in macro.find_all(nodes.Call):
            if isinstance(call.node, nodes.Name) and call.node.name == macro.name:
                refuse(macro, Refusal(f"макрос «{macro.name}» вызывает сам себя",
                                      rf"\bmacro\s+{re.escape(macro.name)}\b",
                                      "Уберите из макроса вызов его самого."))
    for name in tree.find_all(nodes.Name):
        if name.name == "lipsum":
            refuse(name, limits.lipsum())
    for used in tree.find_all(nodes.Filter):
        if used.name == "safe":
            refuse(used, Refusal("фильтр safe вставляет текст в документ без проверки",
                                 r"\bsafe\b", "Уберите «|safe» из тега."))
    for modifier in tree.find_all(nodes.EvalContextModifier):
        refuse(modifier, Refusal("команда {% autoescape %} вставляет текст в документ без "
                                 "проверки", r"\bautoescape\b",
                                 "Уберите {% autoescape %} и {% endautoescape %}."))


class Sandbox(ImmutableSandboxedEnvironment):
    """The sandbox with a budget (see the module's text). Compiled templates are kept:
    docxtpl compiles the XML of every part anew for each document, and the same template
    gives the same source (a year has dozens of certificates)."""

    code_generator_class = _Generator
    template_class = _Template
    intercepted_binops = frozenset({"*", "**", "+", "%", "/", "//"})
    limit = 64

    def __init__(self, **options) -> None:
        super().__init__(finalize=self._put_value, **options)
        self.compiled: OrderedDict[str, Template] = OrderedDict()
        self.globals.update(range=limits.safe_range, lipsum=limits.no_lipsum)
        self.filters = {name: limits.guarded_filter(name, function)
                        for name, function in self.filters.items()}
        self.filters["rmo_steps"] = limits.counted

    def from_string(self, source, globals=None, template_class=None):
        if globals is not None or template_class is not None or not isinstance(source, str):
            return super().from_string(source, globals, template_class)
        template = self.compiled.get(source)
        if template is None:
            template = super().from_string(source)
            template.rmo_source = source  # type: ignore[attr-defined]  # a _Template: ours
            self.compiled[source] = template
            if len(self.compiled) > self.limit:
                self.compiled.popitem(last=False)
        else:
            self.compiled.move_to_end(source)
        return template

    def _parse(self, source, name, filename):
        try:
            tree = super()._parse(source, name, filename)
        except RecursionError as error:
            raise _too_deep() from error
        _measure(tree, source)
        _refuse_when_read(tree, source)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, "rmo_steps", [], [], None, None,
                                     lineno=loop.lineno)
        return tree

    def compile(self, source, name=None, filename=None, raw=False, defer_init=False):
        try:
            return super().compile(source, name, filename, raw, defer_init)
        except (RecursionError, SyntaxError) as error:
            if isinstance(error, TemplateError):
                raise
            raise _too_deep() from error

    # --- what templates do while they render --------------------------------------------

    def call_binop(self, context, operator, left, right):
        limits.active().step()
        limits.check_sizes(operator, left, right)
        try:
            result = super().call_binop(context, operator, left, right)
        except ArithmeticError as error:
            raise Refusal("в теге деление на ноль или слишком большое число",
                          r"/|\*\*|%") from error
        return limits.made(result) if isinstance(result, (str, bytes, list, tuple)) else result

    def call(__self, __context, __obj, *args, **kwargs):  # noqa: N805 — Jinja's signature
        limits.active().step()
        limits.check_method(__obj, args, kwargs)
        return limits.made(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value):
        wrapped = super().wrap_str_format(value)
        if wrapped is None:
            return None
        text = value.__self__

        def checked(*args, **kwargs):
            limits.check_format(text)
            if weight(text) + weight(args) + weight(kwargs) > limits.MAX_TEXT:
                raise limits.too_long()
            return wrapped(*args, **kwargs)

        return update_wrapper(checked, wrapped)

    def rmo_put(self, text: str) -> str:
        limits.active().spend(len(text))
        return text

    def rmo_concat(self, markup: bool, values: tuple) -> str:
        if sum(weight(value) for value in values) > limits.MAX_TEXT:
            raise limits.too_long()
        return limits.made(markup_join(values) if markup else str_join(values))  # type: ignore

    @staticmethod
    def _put_value(value: object) -> object:
        found = limits.current.get()
        if found is not None:  # None: a constant printed when the template is compiled
            found.spend(weight(value))
        return value


@lru_cache(maxsize=2)
def environment(dry: bool = False) -> Sandbox:
    """The one environment: a missing value is an error, not an empty string, and every
    value is XML-escaped. `dry`: every value missing is empty, to try a template's own work
    with no workbook (its loops over numbers, its arithmetic) before one is there."""
    return Sandbox(undefined=ChainableUndefined if dry else StrictUndefined, autoescape=True,
                   keep_trailing_newline=True)
