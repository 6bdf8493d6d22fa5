"""The limits of the work a template may do in one render, and the checks that keep them.

Jinja's sandbox guards attributes, not work. Here every loop step and call is counted, every
string or list a template makes is weighed before it is made, everything a render puts out is
counted, and the processor time of a render is bounded (generator.render.sandbox calls these
from the code Jinja compiles). Each refusal is a Refusal: what, in Russian, and a pattern
that finds the tag when the line of the template is not known.
"""


from __future__ import annotations

import re
import string
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import update_wrapper

from jinja2.exceptions import SecurityError

from ..russian.text import thousands

# A year's documents take hundreds of loop steps and a few hundred kilobytes of XML per
# render; each limit is far above that and far below what would hurt a server.
MAX_STEPS = 200_000  # loop steps, calls and operations in one render
MAX_RANGE = 10_000  # numbers in one range(…)
MAX_TEXT = 1_000_000  # characters of one string (or list, weighed) a template makes
MAX_WIDTH = 10_000  # a width or precision: center(…), «%…s», «{:…}»
MAX_CHARS = 20_000_000  # characters a render makes and puts out, all told
MAX_BITS = 100_000  # the size of a number a template computes
SECONDS = 10.0  # processor time of one render
CHECK_SECONDS = 30.0  # of all the renders that check an uploaded template

FIX = ("Шаблон только расставляет сведения из книги по местам: уберите из тега лишние "
       "вычисления или исправьте его, как во встроенном шаблоне.")


class Refusal(SecurityError):
    """What a template may not do, in Russian. `pattern` finds the tag in the text when the
    line of the template is not known; `line` is the text of that line, once known."""

    def __init__(self, what: str, pattern: str, fix: str = FIX) -> None:
        super().__init__(what)
        self.what, self.pattern, self.fix = what, pattern, fix
        self.line = ""


class Failed(Refusal):
    """A tag whose value could not be computed (a division by zero, a wrong argument):
    the template's fault in a user's template, a bug of the program in a built-in one."""

    def __init__(self, error: Exception) -> None:
        super().__init__("в теге не удалось вычислить значение", r".",
                         "Проверьте вычисления в теге или уберите их.")
        self.original = error


def too_long() -> Refusal:
    return Refusal(f"тег составляет текст или список длиннее {thousands(MAX_TEXT)} знаков",
                   r"\*|~|\+|\|")


def _too_wide(width: object, pattern: str) -> Refusal:
    shown = thousands(width) if isinstance(width, int) else width
    return Refusal(f"ширина или число {shown} больше {thousands(MAX_WIDTH)}", pattern)


class Budget:
    """The work one render may still do; renders nested in a scope share its deadline."""

    def __init__(self, seconds: float, outer: Budget | None) -> None:
        self.seconds, self.deadline = seconds, time.thread_time() + seconds
        if outer is not None and outer.deadline < self.deadline:
            self.seconds, self.deadline = outer.seconds, outer.deadline
        self.steps = 0
        self.chars = 0

    def step(self, count: int = 1) -> None:
        before, self.steps = self.steps, self.steps + count
        if self.steps > MAX_STEPS:
            raise Refusal(f"шаблон делает больше {thousands(MAX_STEPS)} шагов (циклы, вызовы, "
                          "вычисления)", r"\bfor\b|\(")
        if before >> 8 != self.steps >> 8:  # the clock is read every 256 steps
            self.clock()

    def spend(self, chars: int) -> None:
        self.chars += chars
        if self.chars > MAX_CHARS:
            raise Refusal(f"шаблон составляет больше {thousands(MAX_CHARS)} знаков текста",
                          r"\bfor\b|\*|~")
        self.step()

    def clock(self) -> None:
        if time.thread_time() > self.deadline:
            seconds = f"{self.seconds:g}".replace(".", ",")
            raise Refusal(f"шаблон заполняется слишком долго (дольше {seconds} с)", r"\bfor\b")


current: ContextVar[Budget | None] = ContextVar("rmo_template_budget", default=None)


@contextmanager
def budget(seconds: float | None = None) -> Iterator[Budget]:
    """A budget for the renders inside: each render gets its own counts, and none may run
    past this deadline (a check of an uploaded template renders many documents)."""
    found = Budget(SECONDS if seconds is None else seconds, current.get())
    token = current.set(found)
    try:
        yield found
    finally:
        current.reset(token)


def active() -> Budget:
    """The budget of the render under way (a fresh one outside any)."""
    found = current.get()
    return found if found is not None else Budget(SECONDS, None)


def weight(value: object) -> int:
    """About how many characters a value takes when printed: its strings, counted over
    nested lists without recursion (a template can nest a list a hundred thousand deep)."""
    total, stack, seen = 0, [value], 0
    while stack:
        item = stack.pop()
        if isinstance(item, (str, bytes)):
            total += len(item)
        elif isinstance(item, (list, tuple, set, frozenset)):
            total += len(item) + 1
            stack.extend(item)
        elif isinstance(item, dict):
            total += len(item) + 1
            stack.extend(item.keys())
            stack.extend(item.values())
        else:
            total += 1
        seen += 1
        if total > MAX_TEXT * 4:
            break
    if seen > 64:
        active().step(seen // 64)
    return total


def made(value: object) -> object:
    """Count a string or list a template made; refuse it if it is too long."""
    size = weight(value) if isinstance(value, (str, bytes, list, tuple, dict)) else 0
    if size > MAX_TEXT:
        raise too_long()
    active().spend(size)
    return value


def check_sizes(operator: str, left: object, right: object) -> None:
    sequence = (str, bytes, list, tuple)
    if operator == "*":
        for items, times in ((left, right), (right, left)):
            if isinstance(items, sequence) and isinstance(times, int) and \
                    weight(items) * max(times, 0) > MAX_TEXT:
                raise too_long()
        if isinstance(left, int) and isinstance(right, int) and \
                abs(left).bit_length() + abs(right).bit_length() > MAX_BITS:
            raise _too_big()
    elif operator == "+" and isinstance(left, sequence) and isinstance(right, sequence):
        if weight(left) + weight(right) > MAX_TEXT:
            raise too_long()
    elif operator == "**" and isinstance(left, int) and isinstance(right, int) and \
            abs(left) > 1 and right > 0 and abs(left).bit_length() * right > MAX_BITS:
        raise _too_big()
    elif operator == "%" and isinstance(left, (str, bytes)):
        _check_printf(left if isinstance(left, str) else left.decode("latin-1"))
        if weight(left) + weight(right) > MAX_TEXT:
            raise too_long()


def _too_big() -> Refusal:
    return Refusal("число в теге получается слишком большим", r"\*\*|\*")


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _check_printf(text: str) -> None:
    """Widths of «%10s»: a star takes its width from the data, a number may be huge."""
    for width, precision in _PRINTF.findall(text):
        for number in (width, precision):
            if number == "*" or (number and int(number) > MAX_WIDTH):
                raise _too_wide(number, r"^\{\{.*%|\bformat\b")


def check_format(text: str) -> None:
    """Widths of «{:>10}»; a width taken from an argument («{:{w}}») is refused."""
    for _, _, spec, _ in string.Formatter().parse(text):
        if spec and "{" in spec:
            raise _too_wide(spec, r"\bformat")
        for number in re.findall(r"\d+", spec or ""):
            if int(number) > MAX_WIDTH:
                raise _too_wide(number, r"\bformat")


def safe_range(*args: int) -> range:
    numbers = range(*args)
    if len(numbers) > MAX_RANGE:
        raise Refusal(f"ряд range(…) длиннее {thousands(MAX_RANGE)} чисел", r"\brange\b")
    return numbers


def no_lipsum(*args, **kwargs) -> str:
    raise lipsum()


def lipsum() -> Refusal:
    return Refusal("текст-заполнитель lipsum в шаблонах не разрешён", r"\blipsum\b",
                   "Уберите lipsum и напишите нужный текст в самом шаблоне.")


# Arguments that size what a filter or a string method makes.
_WIDTH_ARGUMENT = {"center": 1, "ljust": 1, "rjust": 1, "zfill": 1, "indent": 1}
_COUNT_ARGUMENT = {"batch": 1, "slice": 1}


def _check_filter(name: str, args: tuple, kwargs: dict) -> None:
    value = args[0] if args else None
    if weight(value) > MAX_TEXT:
        raise too_long()
    if name in _WIDTH_ARGUMENT:
        width = kwargs.get("width", args[1] if len(args) > 1 else 0)
        size = len(width) if isinstance(width, str) else width
        if isinstance(size, int) and size > MAX_WIDTH:
            raise _too_wide(size, rf"\b{name}\b")
        if name == "indent" and isinstance(value, str) and isinstance(size, int) and \
                len(value) + (value.count("\n") + 1) * size > MAX_TEXT:
            raise too_long()
    elif name in _COUNT_ARGUMENT:
        count = kwargs.get("linecount", kwargs.get("slices", args[1] if len(args) > 1 else 0))
        if isinstance(count, int) and count > MAX_RANGE:
            raise _too_wide(count, rf"\b{name}\b")
    elif name == "wordwrap" and isinstance(value, str):
        width = kwargs.get("width", args[1] if len(args) > 1 else 79)
        wrap = kwargs.get("wrapstring", args[4] if len(args) > 4 else None) or "\n"
        lines = len(value) // max(width, 1) + value.count("\n") + 1 if isinstance(width, int) \
            else len(value)
        if len(value) + lines * len(str(wrap)) > MAX_TEXT:
            raise too_long()
    elif name == "replace" and isinstance(value, str) and len(args) > 2:
        _check_replace(value, str(args[1]), str(args[2]))
    elif name == "format" and isinstance(value, str):
        _check_printf(value)
        if weight(value) + weight(args[1:]) + weight(kwargs) > MAX_TEXT:
            raise too_long()
    elif name == "join":
        joiner = kwargs.get("d", args[1] if len(args) > 1 else "")
        items = list(value) if isinstance(value, (list, tuple)) else []
        if weight(items) + len(items) * len(str(joiner)) > MAX_TEXT:
            raise too_long()


def _check_replace(value: str, old: str, new: str) -> None:
    times = len(value) + 1 if not old else value.count(old)
    if len(value) + times * max(len(new) - len(old), 0) > MAX_TEXT:
        raise too_long()


def check_method(method: object, args: tuple, kwargs: dict) -> None:
    """The methods of a string that can make one far longer than itself."""
    owner, name = getattr(method, "__self__", None), getattr(method, "__name__", "")
    if not isinstance(owner, (str, bytes)):
        return
    if name in ("center", "ljust", "rjust", "zfill"):
        width = args[0] if args else 0
        if isinstance(width, int) and width > MAX_WIDTH:
            raise _too_wide(width, rf"\b{name}\b")
    elif name == "expandtabs":
        size = args[0] if args else kwargs.get("tabsize", 8)
        if isinstance(size, int) and size > MAX_WIDTH:
            raise _too_wide(size, r"\bexpandtabs\b")
    elif name == "join":
        items = args[0] if args and isinstance(args[0], (list, tuple)) else []
        if weight(items) + len(items) * len(owner) > MAX_TEXT:
            raise too_long()
    elif name == "replace" and len(args) > 1 and isinstance(owner, str):
        _check_replace(owner, str(args[0]), str(args[1]))


def guarded_filter(name: str, function):
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    def guarded(*args, **kwargs):
        active().step()
        _check_filter(name, args[skip:], kwargs)
        return made(function(*args, **kwargs))

    return update_wrapper(guarded, function)


def counted(items):
    """A loop's items, each counted as a step."""
    spend = active().step
    for item in items:
        spend()
        yield item
