"""Workbooks made in tests, and reading generated documents back as a person sees them."""

from __future__ import annotations

import copy
import datetime as dt
import os
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from lxml import etree

from generator.blank import write_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "rmo-2025-2026.xlsx"
# A copy of shared/seed/plan-2025-2026.txt: the tests must not depend on where the repo lies.
SEED = ROOT / "tests" / "data" / "plan-2025-2026.txt"

BASE: dict[str, list] = {
    "Объединение": [
        ["Название", "РМО школьных библиотекарей"],
        ["Учебный год", "2025/2026"],
        ["Методическая тема", "Чтение как основа успешного обучения"],
        ["Руководитель", "Иванова А.Б."],
        ["Полное название", "Районное методическое объединение школьных библиотекарей"],
        ["Организация", "МАУ «БМЦ»"],
        ["Место проведения", "МАУ «БМЦ»"],
    ],
    "Разделы плана": [
        ["Задачи", "Развивать читательскую грамотность", "выполнена"],
        ["Задачи", "Обобщать опыт коллег", "частично: не все выступили"],
        ["Направления работы", "Продвижение чтения", None],
        ["Формы работы", "Доклады", None],
        ["Ожидаемые результаты", "Обобщение опыта", None],
    ],
    "Участники": [
        ["Иванова А.Б.", "методист", "МАУ «БМЦ»", "член РМО"],
        ["Петрова В.Г.", "педагог-библиотекарь", "СОШ № 1", None],
        ["Сидорова Д.Е.", "библиотекарь", "СОШ № 2", None],
        ["Орлова Ю.А.", "педагог-библиотекарь", "СОШ п. Сорум", None],
        ["Гостева Ж.З.", "региональный менеджер", "АО «Просвещение»", "приглашённый"],
    ],
    "Календарный план": [
        ["Методическая подготовка", "В течение года", "Самообразование", "Члены РМО", None],
        [None, None, None, None, 1],
        [None, None, None, None, 2],
        [None, "май", "Анализ работы", "Руководитель МО", None],
    ],
    "Заседания": [
        [1, "Сентябрь – октябрь", dt.date(2025, 10, 15), None, None],
        [2, "Март – апрель", dt.date(2026, 4, 22), "дистанционно", None],
    ],
    "Повестка": [
        [1, "Утверждение плана работы", None, "Руководитель МО", None,
         "Утвердить план работы.", None],
        [1, "Выступление по теме «Читательские конференции»", "Петрова В.Г.", None, None,
         "Информацию принять к сведению.", None],
        [2, "Выступление по теме «Книги-юбиляры»", "Сидорова Д.Е.", None, None,
         "Информацию принять к сведению.", None],
        [2, "Выступление по теме «Краеведение»", "Орлова Ю.А.", None, None, None, None],
    ],
    "Посещаемость": [
        ("ФИО", 1, 2),
        ["Иванова А.Б.", "+", "+"],
        ["Петрова В.Г.", "+", "+"],
        ["Сидорова Д.Е.", "+", "болезнь"],
        ["Орлова Ю.А.", "-", "+"],
        ["Гостева Ж.З.", "+", None],
    ],
    "Участие": [],
    "Итоги": [],
}


def workbook(tmp_path: Path, name: str = "rmo.xlsx", **changes) -> Path:
    """A valid workbook with sheets replaced by `changes` (sheet name with _ for spaces)."""
    rows = copy.deepcopy(BASE)
    for key, value in changes.items():
        rows[key.replace("_", " ")] = value
    path = tmp_path / name
    write_workbook(path, rows)
    return path


def set_param(rows: list, name: str, value) -> list:
    rows = copy.deepcopy(rows)
    for row in rows:
        if row[0] == name:
            row[1] = value
            return rows
    rows.append([name, value])
    return rows


# --- reading documents back ------------------------------------------------------------

def paragraphs(path: Path) -> list[str]:
    """The text of a document in reading order, one entry per paragraph or table block.

    A table row whose first cell continues a vertical merge belongs to the row above: the
    cells of such a block are read column by column, as a person reads one row of a table.
    """
    doc = Document(str(path))
    out: list[str] = []
    for element in doc.element.body.iterchildren():
        if element.tag == qn("w:p"):
            out.append(_text(element))
        elif element.tag == qn("w:tbl"):
            for block in table_blocks(element):
                out.extend(block)
    return out


def _text(element) -> str:
    parts = []
    for node in element.iter(qn("w:t"), qn("w:br"), qn("w:tab")):
        if node.tag == qn("w:t"):
            parts.append(node.text or "")
        elif node.tag == qn("w:br"):
            parts.append("\n")
        else:
            parts.append("\t")
    return "".join(parts)


def cell_paragraphs(tc) -> list[str]:
    return [_text(p) for p in tc.iterchildren(qn("w:p"))]


def table_rows(tbl) -> list[list[str]]:
    """Each table row as the text of its cells (paragraphs joined by line breaks)."""
    return [["\n".join(cell_paragraphs(tc)) for tc in tr.iterchildren(qn("w:tc"))]
            for tr in tbl.iterchildren(qn("w:tr"))]


def table_blocks(tbl) -> list[list[str]]:
    """Rows grouped into blocks (vertical merges), each block read column by column."""
    blocks: list[list[list[str]]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = list(tr.iterchildren(qn("w:tc")))
        first = cells[0].find(qn("w:tcPr") + "/" + qn("w:vMerge"))
        continues = first is not None and first.get(qn("w:val")) in (None, "continue")
        columns = [cell_paragraphs(tc) for tc in cells]
        # A header whose upper row spans columns (gridSpan) has fewer cells: a block of its own.
        if continues and blocks and len(blocks[-1]) == len(columns):
            for i, col in enumerate(columns[1:], start=1):
                blocks[-1][i].extend(col)
        else:
            blocks.append(columns)
    return [[line for col in block for line in col] for block in blocks]


def tables(path: Path):
    doc = Document(str(path))
    return list(doc.element.body.iterchildren(qn("w:tbl")))


def full_text(path: Path) -> str:
    return "\n".join(paragraphs(path))


def words(text: str) -> list[str]:
    """A text as its sequence of words: spacing, punctuation and «№» set aside."""
    text = text.replace("[bookmark: _GoBack]", "").replace("\u00a0", " ")
    return re.findall(r"[^\W_]+", text.lower())


def is_subsequence(needle: list[str], haystack: list[str]) -> tuple[bool, int]:
    """Whether needle stands in haystack in order; and how far it got."""
    position = 0
    for i, word in enumerate(needle):
        try:
            position = haystack.index(word, position) + 1
        except ValueError:
            return False, i
    return True, len(needle)


def assert_xml_strict(path: Path) -> None:
    """Every XML part parses with a strict parser, no recovery."""
    parser = etree.XMLParser(recover=False, resolve_entities=False)
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith((".xml", ".rels")):
                etree.fromstring(archive.read(name), parser)


def assert_clean_text(path: Path) -> None:
    text = full_text(path)
    for bad in ("{{", "}}", "{%", "%}", "None", "nan", "00:00:00", "_x000"):
        assert bad not in text, f"{bad!r} in {path.name}"
    assert not re.search(r"\b\d+\.0\b", text), f"a float in {path.name}"


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is required in CI")
        pytest.skip("LibreOffice is not installed")
    return found


def to_pdf_text(docx: Path, tmp_path: Path) -> str:
    """Convert with LibreOffice and read the PDF back; the PDF, not the exit code, is checked."""
    out = tmp_path / "pdf"
    out.mkdir(exist_ok=True)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [soffice(), f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(out), str(docx)],
        check=False, capture_output=True, timeout=180,
    )
    pdf = out / (docx.stem + ".pdf")
    assert pdf.exists() and pdf.stat().st_size > 1000, f"no PDF for {docx.name}"
    result = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                            capture_output=True, timeout=60)
    return result.stdout.decode("utf-8")

