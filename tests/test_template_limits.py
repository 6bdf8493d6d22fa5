"""A user's template has a budget: what it may not do is refused in Russian, naming the
template and the tag, quickly, at upload and at build alike (generator.render.sandbox)."""

from __future__ import annotations

import time
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.documents.kinds import documents
from generator.errors import RmoError
from generator.render import template_limits
from generator.render.render import Properties, render
from generator.workbook.reader import read_workbook

from .helpers import SAMPLE
from .test_safety import custom_plan

AROUND = "Методическая тема МО: "
FIX = ("Шаблон только расставляет сведения из книги по местам: уберите из тега лишние "
       "вычисления или исправьте его, как во встроенном шаблоне.")
SAME_FILE = "Шаблон должен быть одним документом: перенесите нужный текст в него самого."


@pytest.fixture(scope="module")
def plan():
    return next(d for d in documents(read_workbook(SAMPLE)) if d.template == "plan.docx")


def refusal(tmp_path: Path, plan, tag: str) -> str:
    """The message and the fix of rendering the plan with its theme's tag replaced; how fast
    it is refused is test_work_beyond_the_budget_is_refused_quickly's (slow: no clock in the
    quick run)."""
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", escape(tag, quote=False))
    with pytest.raises(RmoError) as caught:
        render(folder / "plan.docx", plan.context, Properties("План", "Иванова", plan.date))
    problem = caught.value.problems[0]
    return f"{problem.message} {problem.fix}"


def said(what: str, tag: str, fix: str = FIX) -> str:
    return f"Шаблон «plan.docx»: {what} — в тексте «{AROUND}{tag}»; такой шаблон не принят. {fix}"


WORK = [
    # Loops that would burn a core after the client has gone.
    ("{% for i in range(100000) %}{% endfor %}",
     "ряд range(…) длиннее 10 000 чисел"),
    # Strings and lists that would take gigabytes.
    ("{{ 'x' * 100000000 }}", "тег составляет текст или список длиннее 1 000 000 знаков"),
    ("{{ [0] * 30000000 }}", "тег составляет текст или список длиннее 1 000 000 знаков"),
    ("{{ theme|center(100000000) }}", "ширина или число 100 000 000 больше 10 000"),
    ("{{ theme|indent(100000000) }}", "ширина или число 100 000 000 больше 10 000"),
    ("{{ '%100000000s' % theme }}", "ширина или число 100000000 больше 10 000"),
    ("{{ '%*s' % (100000000, theme) }}", "ширина или число * больше 10 000"),
    ("{{ '{:>100000000}'.format(theme) }}", "ширина или число 100000000 больше 10 000"),
    ("{{ theme.ljust(100000000) }}", "ширина или число 100 000 000 больше 10 000"),
    ("{{ ('x' * 999999)|replace('', 'yy') }}",
     "тег составляет текст или список длиннее 1 000 000 знаков"),
    ("{{ range(10)|batch(100000000, 'x')|list }}", "ширина или число 100 000 000 больше 10 000"),
    ("{{ 2 ** 100000000 }}", "число в теге получается слишком большим"),
    ("{{ 1 / 0 }}", "в теге деление на ноль или слишком большое число"),
]


LOOPS_IN_LOOPS = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
DOUBLING = ("{% set ns = namespace(s='x') %}{% for i in range(40) %}"
            "{% set ns.s = ns.s ~ ns.s %}{% endfor %}")
MANY_STRINGS = "{% for a in range(1000) %}{{ ('x' * 999999)|length }}{% endfor %}"
MUTUAL_MACROS = ("{% macro f() %}{{ g() }}{% endmacro %}{% macro g() %}{{ f() }}{% endmacro %}"
                 "{{ f() }}")


TOO_BIG_TO_COMPILE = [
    ("{{ " + "1+" * 100_000 + "1 }}", "выражение в теге вложено слишком глубоко"),
    ("{{ theme" + ".a" * 100_000 + " }}", "выражение в теге вложено слишком глубоко"),
    ("{{ [" + "1," * 40_000 + "1]|length }}", "в шаблоне больше 30 000 частей выражений"),
]


@pytest.mark.parametrize(("tag", "what"), WORK)
def test_work_beyond_the_budget_is_refused_where_it_stands(tmp_path, plan, tag, what):
    assert refusal(tmp_path, plan, tag) == said(what, tag)


def test_loops_in_loops_are_counted_step_by_step(tmp_path, plan):
    tag = LOOPS_IN_LOOPS
    assert refusal(tmp_path, plan, tag) == (
        "Шаблон «plan.docx»: шаблон делает больше 200 000 шагов (циклы, вызовы, вычисления) — "
        "в тексте «Методическая тема МО: {% for i in range(10000) %}{% for j in range(10000) %}"
        "{% endfor %}{…»; такой шаблон не принят. " + FIX)


def test_a_string_doubled_in_a_loop_is_stopped_at_the_limit(tmp_path, plan):
    tag = DOUBLING
    assert refusal(tmp_path, plan, tag) == (
        "Шаблон «plan.docx»: тег составляет текст или список длиннее 1 000 000 знаков — в "
        "тексте «…espace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}»; такой шаблон не принят. " + FIX)


def test_everything_a_render_makes_is_counted(tmp_path, plan):
    tag = MANY_STRINGS
    assert refusal(tmp_path, plan, tag) == said(
        "шаблон составляет больше 20 000 000 знаков текста", tag)


def test_a_render_has_a_deadline(tmp_path, plan, monkeypatch):
    """Work no count catches (a long search, again and again) meets the clock."""
    monkeypatch.setattr(template_limits, "SECONDS", 0.5)
    tag = ("{% set big = 'x' * 999999 %}{% for i in range(10000) %}{% for j in range(19) %}"
           "{% if 'y' in big %}{% endif %}{% endfor %}{% endfor %}")
    assert refusal(tmp_path, plan, tag) == (
        "Шаблон «plan.docx»: шаблон заполняется слишком долго (дольше 0,5 с) — в тексте «…ая "
        "тема МО: {% set big = 'x' * 999999 %}{% for i in range(10000) %}{% for j in range(19) "
        "%}{% if 'y' in big…»; такой шаблон не принят. " + FIX)


REFUSED_BY_NAME = [
    ("{% include 'word/document.xml' %}", "команда {% include %} подключает другой файл",
     SAME_FILE),
    ("{% import 'macros' as m %}", "команда {% import %} подключает другой файл", SAME_FILE),
    ("{% from 'macros' import m %}", "команда {% from %} подключает другой файл", SAME_FILE),
    ("{% extends 'plan' %}", "команда {% extends %} подключает другой файл", SAME_FILE),
    ("{{ lipsum(100000) }}", "текст-заполнитель lipsum в шаблонах не разрешён",
     "Уберите lipsum и напишите нужный текст в самом шаблоне."),
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "макрос «f» вызывает сам себя",
     "Уберите из макроса вызов его самого."),
    ("{% for x in [1] recursive %}{{ loop([1]) }}{% endfor %}",
     "цикл {% for … recursive %} вызывает сам себя", "Уберите recursive из команды for."),
    ("{{ theme|safe }}", "фильтр safe вставляет текст в документ без проверки",
     "Уберите «|safe» из тега."),
    ("{% autoescape false %}{{ theme }}{% endautoescape %}",
     "команда {% autoescape %} вставляет текст в документ без проверки",
     "Уберите {% autoescape %} и {% endautoescape %}."),
]


@pytest.mark.parametrize(("tag", "what", "fix"), REFUSED_BY_NAME)
def test_what_a_template_may_not_do_is_refused_by_name(tmp_path, plan, tag, what, fix):
    assert refusal(tmp_path, plan, tag) == said(what, tag, fix)


def test_macros_calling_each_other_without_end_are_stopped(tmp_path, plan):
    tag = MUTUAL_MACROS
    assert refusal(tmp_path, plan, tag) == (
        "Шаблон «plan.docx»: шаблон вызывает сам себя без конца (рекурсия) — в тексте "
        "«Методическая тема МО: {% macro f() %}{{ g() }}{% endmacro %}{% macro g() %}{{…»; "
        "такой шаблон не принят. Уберите из шаблона макросы, которые вызывают сами себя.")


def test_brackets_nested_too_deep_are_refused(tmp_path, plan):
    tag = "{{ " + "[" * 400 + "1" + "]" * 400 + " }}"
    assert refusal(tmp_path, plan, tag).startswith(
        "Шаблон «plan.docx»: выражение в теге вложено слишком глубоко — в тексте «Методическая "
        "тема МО: {{ [[[[")


def test_small_sums_and_loops_still_work(tmp_path, plan):
    """The limits are far above what a template does: a restyled plan computes a little."""
    tag = ("{% for i in range(3) %}{{ loop.index }}{% endfor %} {{ ('=' * 5)|center(9) }} "
           "{{ '%05.1f' % 2.5 }} {{ '{:>4}'.format(7) }} {{ theme|upper|truncate(12) }}")
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", escape(tag, quote=False))
    render(folder / "plan.docx", plan.context, Properties("План", "Иванова", plan.date))


@pytest.mark.slow
def test_the_same_limits_hold_when_building(tmp_path):
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", "{{ 'x' * 100000000 }}")
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path / "out"),
                                       "--templates", str(folder)])
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: " + said("тег составляет текст или список длиннее 1 000 000 знаков",
                          "{{ 'x' * 100000000 }}") + "\n")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_with_no_workbook_yet_a_template_is_tried_with_every_value_empty(tmp_path):
    """At upload, before any build, its own work is tried under the same budget: nested
    loops are refused then, and every built-in template passes."""
    from generator.render.templates import builtin_templates, check_template

    loops = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", loops)
    with pytest.raises(RmoError) as caught:
        check_template(folder / "plan.docx", tmp_path / "archive")
    assert caught.value.problems[0].message == (
        "Шаблон «plan.docx»: шаблон делает больше 200 000 шагов (циклы, вызовы, вычисления) — "
        "в тексте «Методическая тема МО: {% for i in range(10000) %}{% for j in range(10000) %}"
        "{% endfor %}{…»; такой шаблон не принят.")
    for path in sorted(builtin_templates().glob("*.docx")):
        copy = tmp_path / "copies" / path.name
        copy.parent.mkdir(exist_ok=True)
        copy.write_bytes(path.read_bytes())
        if path.name != "summary.docx":  # the centre's, not an association's
            check_template(copy, tmp_path / "archive")


@pytest.mark.parametrize(("tag", "what"), TOO_BIG_TO_COMPILE)
def test_an_expression_too_big_to_compile_is_refused_with_its_beginning(tmp_path, plan, tag,
                                                                       what):
    """A chain of a hundred thousand terms overflowed Python's stack; a list of 300 000
    items took 18 s to compile. The message shows the tag's beginning, not a megabyte."""
    message = refusal(tmp_path, plan, tag)
    assert message.startswith(f"Шаблон «plan.docx»: {what} — в тексте «{AROUND}{tag[:60]}")
    assert len(message) < 600


@pytest.mark.slow
@pytest.mark.parametrize("tag", [
    *(tag for tag, _ in WORK), LOOPS_IN_LOOPS, DOUBLING, MANY_STRINGS, MUTUAL_MACROS,
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "{{ " + "[" * 400 + "1" + "]" * 400 + " }}",
    *(tag for tag, _ in TOO_BIG_TO_COMPILE)])
def test_work_beyond_the_budget_is_refused_quickly(tmp_path, plan, tag):
    """Refused long before it could hurt: in seconds, whatever the tag asks for."""
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", escape(tag, quote=False))
    start = time.perf_counter()
    with pytest.raises(RmoError):
        render(folder / "plan.docx", plan.context, Properties("План", "Иванова", plan.date))
    assert time.perf_counter() - start < 5
