"""The pages make and check files in memory: the empty workbook, next year's workbook and an
uploaded template go from the core's bytes to the answer, never through a folder of the
page's; the messages still name the file the person chose."""

from __future__ import annotations

import io
import re
import tempfile
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from generator.errors import RmoError
from generator.render.template_source import TemplateBytes
from generator.render.templates import builtin_templates, check_template
from generator.workbook.newyear import blank_book, init, next_year_book

from .helpers import BASE, SAMPLE, workbook
from .test_web import rows, text


def _no_temporary_files(monkeypatch):
    """Any temporary file or folder asked for fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("a temporary file was made")

    for name in ("mkdtemp", "mkstemp", "TemporaryDirectory", "NamedTemporaryFile",
                 "TemporaryFile", "SpooledTemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)


def _left_behind(folder: Path) -> list[Path]:
    temporary = folder / ".rmo" / "tmp"
    return list(temporary.rglob("*")) if temporary.exists() else []


def test_the_blank_workbook_is_sent_from_memory(site, monkeypatch):
    browser, folder = site
    _no_temporary_files(monkeypatch)
    response = browser.get("/new-year/blank.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        "attachment; filename*=utf-8''%D0%9A%D0%BD%D0%B8%D0%B3%D0%B0%20%D0%A0%D0%9C%D0%9E%20"
        "%28%D0%BF%D1%83%D1%81%D1%82%D0%B0%D1%8F%29.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert book.sheetnames[0] == "Инструкция"
    assert [row[0] for row in book["Объединение"].iter_rows(min_row=2, values_only=True)][0] \
        == "Название"
    assert _left_behind(folder) == []


def test_rmo_init_writes_the_blank_workbooks_bytes(tmp_path):
    path = init(tmp_path / "Книга.xlsx")
    written, made = (openpyxl.load_workbook(source) for source in
                     (path, io.BytesIO(blank_book())))
    assert written.sheetnames == made.sheetnames
    for sheet in made.sheetnames:
        assert list(written[sheet].values) == list(made[sheet].values)


def test_next_years_workbook_is_made_from_the_uploaded_bytes(site):
    browser, folder = site
    response = browser.post("/new-year/next/", {"workbook": SimpleUploadedFile(
        "Книга 2025.xlsx", SAMPLE.read_bytes())})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert ["Учебный год", "2026/2027"] in [list(row[:2]) for row in
                                           book["Объединение"].iter_rows(values_only=True)]
    assert _left_behind(folder) == []


def test_next_years_refusal_names_the_uploaded_file(site, tmp_path):
    browser, folder = site
    people = BASE["Участники"] + [{"ФИО": 12345, "Должность": "библиотекарь",
                                   "Учреждение": "СОШ № 5"}]
    data = workbook(tmp_path, name="book.xlsx", Участники=people).read_bytes()
    response = browser.post("/new-year/next/", {"workbook": SimpleUploadedFile(
        "Книга Петровой.xlsx", data)})
    assert response.status_code == 400
    assert "Книга Петровой.xlsx" in text(response)
    assert rows(response, "Ошибки: исправьте их") == [
        ["Участники", "A7", "здесь число 12345, а нужен ФИО.", "Впишите ФИО вместо числа."]]
    csv = browser.post("/new-year/next/", {"workbook": SimpleUploadedFile(
        "Книга «итог».xlsx", "ФИО;Должность\n".encode())})
    assert "Файл «Книга «итог».xlsx» — не книга Excel: похоже, это текст или CSV." \
        in text(csv)
    assert _left_behind(folder) == []


def test_next_year_book_takes_bytes_and_names_the_file_in_messages():
    following, data = next_year_book(SAMPLE.read_bytes(), "Моя книга.xlsx")
    assert following.label == "2026/2027"
    assert openpyxl.load_workbook(io.BytesIO(data)).sheetnames[0] == "Инструкция"
    with pytest.raises(RmoError) as raised:
        next_year_book(b"PK\x03\x04 not really a zip", "Моя книга.xlsx")
    assert [p.message for p in raised.value.problems] == [
        "Файл «Моя книга.xlsx» повреждён или сохранён не полностью."]


def _broken_plan() -> tuple[bytes, str]:
    """The built-in plan with one field's closing brace lost, and the tag as it was."""
    source = zipfile.ZipFile(builtin_templates() / "plan.docx")
    xml = source.read("word/document.xml").decode("utf-8")
    tag = re.search(r"\{\{ ?[a-z_.]+ ?\}\}", xml).group(0)
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = xml.replace(tag, tag.replace("}}", "}"), 1).encode("utf-8")
            target.writestr(item, data)
    return stream.getvalue(), tag


def test_an_uploaded_template_is_checked_in_memory(site, monkeypatch):
    browser, folder = site
    _no_temporary_files(monkeypatch)
    good = (builtin_templates() / "plan.docx").read_bytes()
    sent = browser.post("/templates/upload/plan.docx", {"template": SimpleUploadedFile(
        "План мой.docx", good)})
    assert (sent.status_code, sent["Location"]) == (302, "/templates/#done")
    assert "Шаблон «План мой.docx» проверен и сохранён" in text(browser.get("/templates/"))
    assert (folder / "Шаблоны" / "plan.docx").read_bytes() == good

    bad, tag = _broken_plan()
    sent = browser.post("/templates/upload/protocol.docx", {"template": SimpleUploadedFile(
        "Протокол мой.docx", bad)})
    assert sent["Location"] == "/templates/#refused"
    assert (f"Шаблон «Протокол мой.docx» не принят, ничего не изменено: Шаблон «Протокол "
            f"мой.docx»: тег начат и не закончен — в тексте «{tag[:-1]}».") \
        in text(browser.get("/templates/"))
    assert not (folder / "Шаблоны" / "protocol.docx").exists()
    assert _left_behind(folder) == []


def test_check_template_takes_the_bytes_and_names_them(tmp_path):
    bad, tag = _broken_plan()
    with pytest.raises(RmoError) as raised:
        check_template(TemplateBytes("Мой план.docx", bad), tmp_path / "archive",
                       kind="plan.docx")
    assert [p.message for p in raised.value.problems] == [
        f"Шаблон «Мой план.docx»: тег начат и не закончен — в тексте «{tag[:-1]}»."]
    with pytest.raises(RmoError) as raised:
        check_template(TemplateBytes("записка.docx", b"not a zip"), tmp_path / "archive")
    assert [p.message for p in raised.value.problems] == [
        "Файл «записка.docx» — не документ Word (.docx)."]
    # The same bytes as a file on disk: the same check, the same message.
    (tmp_path / "Мой план.docx").write_bytes(bad)
    with pytest.raises(RmoError) as on_disk:
        check_template(tmp_path / "Мой план.docx", tmp_path / "archive", kind="plan.docx")
    assert [p.message for p in on_disk.value.problems] == [
        f"Шаблон «Мой план.docx»: тег начат и не закончен — в тексте «{tag[:-1]}»."]
