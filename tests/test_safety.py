"""Safe rendering, the user's own templates, safe writing, and arbitrary text in every cell."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.archive import store as archive
from generator.archive.store import safe_filename
from generator.build import build
from generator.cli.main import main
from generator.documents.kinds import TEMPLATES, DocumentKind, parse_only
from generator.render.templates import builtin_templates
from generator.workbook.cells import EXCEL_ERRORS

from .helpers import (
    BASE,
    SAMPLE,
    assert_xml_strict,
    full_text,
    set_param,
    words,
    workbook,
)


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def custom_plan(folder: Path, old: str, new: str) -> Path:
    """A copy of the built-in plan template with one piece of its text changed, as in Word."""
    folder.mkdir(exist_ok=True)
    source = builtin_templates() / "plan.docx"
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(folder / "plan.docx", "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                assert old.encode() in data
                data = data.replace(old.encode(), new.encode())
            out.writestr(info, data)
    return folder


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_rmo_templates_copies_the_builtins_and_never_overwrites(tmp_path):
    result = run("templates", tmp_path / "мои")
    assert result.exit_code == 0
    assert sorted(p.name for p in (tmp_path / "мои").iterdir()) == sorted(TEMPLATES)
    assert {"plan.docx", "registration.docx", "summary.docx"} <= set(TEMPLATES)
    again = run("templates", tmp_path / "мои")
    assert again.exit_code == 1
    assert again.output == (f"Ошибка: В папке «{tmp_path / 'мои'}» уже есть "
                            f"{', '.join(TEMPLATES)}; rmo не перезаписывает файлы. "
                            "Укажите пустую папку.\n")


@pytest.mark.slow
def test_a_restyled_template_is_used_and_the_others_fall_back(tmp_path):
    folder = custom_plan(tmp_path / "мои", "Методическая тема МО:", "Тема нашего МО:")
    results = build(SAMPLE, tmp_path / "out", templates=folder).written
    plan = full_text(results[0].path)
    assert "Тема нашего МО:" in plan and "Методическая тема МО:" not in plan
    assert any(r.kind is DocumentKind.PROTOCOL for r in results)  # built from the built-in template


@pytest.mark.slow
def test_a_template_asking_for_an_unknown_value_fails_before_writing(tmp_path):
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", "{{ thema }}")
    out = tmp_path / "out"
    result = run("build", SAMPLE, "-o", out, "--templates", folder)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: Шаблон «plan.docx»: поле «thema» программа не знает — в тексте «Методическая "
        "тема МО: {{ thema }}». Может быть, «theme»? Исправьте имя в фигурных скобках так, "
        "как оно написано во встроенном шаблоне.\n")
    assert not out.exists()


@pytest.mark.slow
def test_a_template_reaching_python_internals_is_refused(tmp_path):
    folder = custom_plan(tmp_path / "мои", "{{ theme }}",
                         "{{ theme.__class__.__mro__[1].__subclasses__() }}")
    result = run("build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 1
    assert result.output == (
        "Ошибка: Шаблон «plan.docx»: шаблон пытается обратиться к внутренностям программы — "
        "в тексте «Методическая тема МО: {{ theme.__class__.__mro__[1].__subclasses__() }}»; "
        "такой шаблон не принят. Уберите из тегов имена с двумя подчёркиваниями.\n")


RETYPE = ("Наберите тег заново одним куском, с прямыми кавычками \"…\": поле пишется "
          "{{ имя }}, команда — {% … %}.")


@pytest.mark.parametrize(("old", "new", "expected"), [
    ("{{ theme }}", "{{ theme ~ «!» }}",
     "непонятный знак ««» внутри тега — в тексте «Методическая тема МО: {{ theme ~ «!» }}». "
     "Word мог разбить тег или заменить кавычки на «ёлочки». " + RETYPE),
    ("{{ theme }}", "{{ theme theme }}",
     "внутри тега ожидалось «}}», а стоит «theme» — в тексте «Методическая тема МО: "
     "{{ theme theme }}». Word мог разбить тег или заменить кавычки на «ёлочки». " + RETYPE),
    ("{{ theme }}", "{% iff theme %}",
     "неизвестная команда «iff» в {% … %} — в тексте «Методическая тема МО: {% iff theme %}». "
     "Word мог разбить тег или заменить кавычки на «ёлочки». " + RETYPE),
    ("<w:t>{%p endfor %}</w:t>", "<w:t></w:t>",
     "команда {% for %} не закрыта (нет парной {% endfor %}) — в тексте «Задачи {{ name }}: "
     "{%p for task in tasks %}». Word мог разбить тег или заменить кавычки на «ёлочки». "
     + RETYPE),
    # A brace lost in Word: Jinja alone would swallow the text up to the next tag.
    ("{{ theme }}", "{{ theme }",
     "тег начат и не закончен — в тексте «Методическая тема МО: {{ theme }». Word мог "
     "потерять фигурную скобку или знак %. " + RETYPE),
    # ... or leave the tag as plain text in the document.
    ("{{ theme }}", "{ theme }}",
     "в документе остался кусок тега — в тексте «Методическая тема МО: { theme }}». Word мог "
     "потерять или разбить фигурную скобку. " + RETYPE),
])
@pytest.mark.slow
def test_a_broken_tag_is_named_in_russian_with_the_text_around_it(tmp_path, old, new,
                                                                  expected):
    folder = custom_plan(tmp_path / "мои", old, new)
    result = run("build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 1
    assert result.output == f"Ошибка: Шаблон «plan.docx»: {expected}\n"
    for english in ("undefined", "unexpected", "expected token", "Encountered"):
        assert english not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_template_files_rmo_does_not_read_are_named_with_the_names_it_does(tmp_path):
    folder = tmp_path / "мои"
    folder.mkdir()
    (folder / "Протокол.docx").write_bytes((builtin_templates() / "protocol.docx").read_bytes())
    (folder / "plan.odt").write_bytes(b"odt")
    (folder / "~$plan.docx").write_bytes(b"Word's lock file")
    result = run("build", SAMPLE, "-o", tmp_path / "out", "--templates", folder)
    assert result.exit_code == 0, result.output
    names = ", ".join(TEMPLATES)
    lines = result.output.split("\n")
    assert "2 предупреждения:" in lines  # the folder's two: the sample has none
    for expected in (
            f"• В папке шаблонов «{folder}» файл «plan.odt» программа не использует: она "
            f"читает только {names}, а для остальных документов берёт встроенные шаблоны. "
            "Шаблон должен быть документом Word: откройте «plan.odt» в Word и сохраните как "
            "plan.docx.",
            f"• В папке шаблонов «{folder}» файл «Протокол.docx» программа не использует: она "
            f"читает только {names}, а для остальных документов берёт встроенные шаблоны. "
            "Если это шаблон, переименуйте файл в protocol.docx."):
        assert expected in lines
    assert len(list((tmp_path / "out" / "2025-2026").glob("*.docx"))) == 33


@pytest.mark.slow
def test_a_tag_word_split_across_runs_still_works(tmp_path):
    split = '{{ the</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">me }}'
    folder = custom_plan(tmp_path / "мои", "{{ theme }}", split)
    results = build(SAMPLE, tmp_path / "out", templates=folder).written
    assert "Библиотеки как центры внеклассной работы" in full_text(results[0].path)


@pytest.mark.slow
def test_a_missing_templates_folder(tmp_path):
    result = run("build", SAMPLE, "-o", tmp_path / "out", "--templates", tmp_path / "нет")
    assert result.exit_code == 1
    assert "Папка шаблонов" in result.output and "rmo templates" in result.output


@pytest.mark.slow
def test_a_file_open_in_word_is_named_and_the_archive_kept(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(SAMPLE, out)
    before = snapshot(out)
    path = workbook(tmp_path)  # another workbook, same year: new versions would be written

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(os, "replace", locked)
    result = run("build", path, "-o", out)
    assert result.exit_code == 1
    assert "файл открыт в другой программе (Word, Excel). Закройте файл" in result.output
    assert snapshot(out) == before
    assert not [p for p in out.rglob(".~rmo-*")]


@pytest.mark.slow
def test_a_failure_midway_leaves_the_folder_exactly_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "out"
    build(workbook(tmp_path), out)
    before = snapshot(out)
    calls = []
    real = archive.write_new

    def failing(path, data):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        real(path, data)
    monkeypatch.setattr(archive, "write_new", failing)
    changed = workbook(tmp_path, name="changed.xlsx",
                       Объединение=set_param(BASE["Объединение"], "Название",
                                             "РМО библиотекарей школ"))
    with pytest.raises(OSError):
        build(changed, out)
    assert len(calls) == 3
    assert snapshot(out) == before


def test_an_internal_error_is_an_apology_with_a_log_and_exit_code_3(tmp_path, monkeypatch):
    import generator.build as core

    def broken(*args, **kwargs):
        raise ZeroDivisionError("bug")
    monkeypatch.setattr(core, "build", broken)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)
    result = run("build", SAMPLE, "-o", tmp_path / "out")
    assert result.exit_code == 3
    log = tmp_path / "rmo-error.log"
    assert result.output == ("Извините, в программе rmo произошла внутренняя ошибка. "
                             f"Подробности записаны в файл {log} — пришлите его "
                             "разработчикам.\n")
    assert "ZeroDivisionError: bug" in log.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "expected"), [
    ("Протокол № 3 от 18.02.2026.docx", "Протокол № 3 от 18.02.2026.docx"),
    ('Справка «Орловой» <Ю/А>: 1?.docx', "Справка Орловой Ю А 1.docx"),
    ("CON.docx", "_CON.docx"),
    ("lpt1.docx", "_lpt1.docx"),
    ("Тема… . .docx", "Тема….docx"),
    ("a\tb\nc.docx", "a b c.docx"),
])
def test_file_names_are_safe_for_windows(name, expected):
    assert safe_filename(name) == expected


def test_long_file_names_are_cut_with_room_for_a_version():
    name = safe_filename("Справка " + "очень длинная тема " * 20 + ".docx")
    assert len(name) <= archive.MAX_NAME - len(" (версия 99)")
    assert name.endswith("….docx")


# --- arbitrary text in every text cell -----------------------------------------------------

_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFFF),
    min_size=1, max_size=300,
).filter(lambda s: words(s.replace("_x", "")))  # something a reader can find again
# A text that starts with «=» is a formula in Excel too, and «#REF!» typed alone is an error
# value: both have their own messages (test_bad_input).
_TEXT = _TEXT.filter(lambda s: not s.startswith("=") and s.strip() not in EXCEL_ERRORS)


@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(theme=_TEXT, task=_TEXT, item=_TEXT, heard=_TEXT, decision=_TEXT, event=_TEXT,
       conclusion=_TEXT)
@example(theme="Тема " * 1500, task="\u202eзадача справа налево\u202c & <b>",
         item='"Кавычки" «ёлочки» „лапки“ \'одинарные\' {{ x }} {% if %}',
         heard="\x01\x02\x1f управляющие\u200f символы\u200e", decision="1)\n2)\n3) Решение",
         event="\U0001f4da Книги — 📖", conclusion="</w:t></w:r><w:r><w:t>взлом")
@pytest.mark.slow
def test_any_unicode_in_text_cells_builds_clean_documents(tmp_path_factory, theme, task, item,
                                                          heard, decision, event, conclusion):
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    def excel(value: str) -> str:
        # What Excel itself would store: characters XML cannot hold become _xHHHH_.
        return ILLEGAL_CHARACTERS_RE.sub(lambda m: f"_x{ord(m.group(0)):04X}_", value)

    tmp = tmp_path_factory.mktemp("prop")
    path = workbook(
        tmp,
        Объединение=set_param(BASE["Объединение"], "Методическая тема", excel(theme)),
        Разделы_плана=[{"Раздел": "Задачи", "Текст": excel(task)}],
        Повестка=[{"Заседание": 1, "Содержание": excel(item), "Докладчики": "Петрова В.Г.",
                   "Слушали": excel(heard), "Решили": excel(decision)},
                  {"Заседание": 2, "Содержание": "Выступление", "Докладчики": "Сидорова Д.Е."}],
        Участие=[{"ФИО": "Петрова В.Г.", "Мероприятие": excel(event), "Вид": "конкурс",
                  "Уровень": "школьный"}],
        Итоги=[{"Раздел": "Выводы", "Текст": excel(conclusion)}],
    )
    results = build(path, tmp / "out").written
    everything: set[str] = set()
    for result in results:
        assert_xml_strict(result.path)
        everything.update(words(full_text(result.path)))
    from generator.russian.text import clean

    for value in (theme, task, item, heard, decision, event, conclusion):
        for word in words(clean(value)):
            assert word in everything, (word, value)


@pytest.mark.slow
def test_template_syntax_typed_in_the_workbook_is_printed_as_typed(tmp_path):
    """«{{», «{%» and «}}» in a cell are the head's text: printed literally in every document
    that shows it, never blamed on a template (the analysis quotes the item in a table)."""
    agenda = [dict(row) for row in BASE["Повестка"]]
    agenda[0]["Содержание"] = "Разбор шаблона {{ x }} и команды {% if %}"
    agenda[1]["Содержание"] = "Выступление по теме «Скобки {{ и }} в тексте»"
    agenda[1]["Решили"] = "Писать {% endif %} только в шаблонах."
    path = workbook(tmp_path, Повестка=agenda)
    results = build(path, tmp_path / "out").written
    texts = {r.kind: full_text(r.path) for r in results if r.meeting in (None, 1)}
    for kind in (DocumentKind.PROTOCOL, DocumentKind.PROGRAMME):
        assert "Разбор шаблона {{ x }} и команды {% if %}" in texts[kind]
        assert "Скобки {{ и }} в тексте" in texts[kind]
    assert "Писать {% endif %} только в шаблонах." in texts[DocumentKind.PROTOCOL]
    analysis = texts[DocumentKind.ANALYSIS]
    assert "1. Разбор шаблона {{ x }} и команды {% if %}" in analysis
    assert "2. «Скобки {{ и }} в тексте»" in analysis


def test_a_very_long_name_is_cut_in_the_properties_not_in_the_document(tmp_path):
    """Word keeps 255 characters of a title: a longer name of the association no longer stops
    the build with an error in English."""
    from docx import Document

    name = "РМО " + "очень длинного названия " * 20
    path = workbook(tmp_path, Объединение=set_param(BASE["Объединение"], "Название", name))
    plan = build(path, tmp_path / "out", kinds=parse_only("план")).written[0].path
    title = Document(str(plan)).core_properties.title
    assert len(title) == 255 and title.endswith("…")
    assert name.strip() in " ".join(full_text(plan).split())
