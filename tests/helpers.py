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

from generator.workbook.blank import write_workbook

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "rmo-2025-2026.xlsx"
# A copy of shared/seed/plan-2025-2026.txt: the tests must not depend on where the repo lies.
SEED = ROOT / "tests" / "data" / "plan-2025-2026.txt"

# The base workbook, row by row and column by column by NAME: a column added to or moved in
# the contract never shifts a fixture. A sheet's first row may be a tuple: a header of its own
# (attendance's meetings, columns in another order, a column of the user's own).
BASE: dict[str, list] = {
    "Объединение": [
        {"Параметр": "Название", "Значение": "РМО школьных библиотекарей"},
        {"Параметр": "Учебный год", "Значение": "2025/2026"},
        {"Параметр": "Методическая тема", "Значение": "Чтение как основа успешного обучения"},
        {"Параметр": "Руководитель", "Значение": "Иванова А.Б."},
        {"Параметр": "Полное название",
         "Значение": "Районное методическое объединение школьных библиотекарей"},
        {"Параметр": "Организация", "Значение": "МАУ «БМЦ»"},
        {"Параметр": "Место проведения", "Значение": "МАУ «БМЦ»"},
    ],
    "Разделы плана": [
        {"Раздел": "Задачи", "Текст": "Развивать читательскую грамотность",
         "Выполнение": "выполнена"},
        {"Раздел": "Задачи", "Текст": "Обобщать опыт коллег",
         "Выполнение": "частично: не все выступили"},
        {"Раздел": "Направления работы", "Текст": "Продвижение чтения"},
        {"Раздел": "Формы работы", "Текст": "Доклады"},
        {"Раздел": "Ожидаемые результаты", "Текст": "Обобщение опыта"},
    ],
    "Участники": [
        {"ФИО": "Иванова А.Б.", "Должность": "методист", "Учреждение": "МАУ «БМЦ»",
         "Статус": "член РМО"},
        {"ФИО": "Петрова В.Г.", "Должность": "педагог-библиотекарь", "Учреждение": "СОШ № 1"},
        {"ФИО": "Сидорова Д.Е.", "Должность": "библиотекарь", "Учреждение": "СОШ № 2"},
        {"ФИО": "Орлова Ю.А.", "Должность": "педагог-библиотекарь",
         "Учреждение": "СОШ п. Сорум"},
        {"ФИО": "Гостева Ж.З.", "Должность": "региональный менеджер",
         "Учреждение": "АО «Просвещение»", "Статус": "приглашённый"},
    ],
    "Календарный план": [
        {"Раздел": "Методическая подготовка", "Срок": "В течение года",
         "Содержание": "Самообразование", "Ответственный": "Члены РМО"},
        {"Заседание": 1},
        {"Заседание": 2},
        {"Срок": "май", "Содержание": "Анализ работы", "Ответственный": "Руководитель МО"},
    ],
    "Заседания": [
        {"№": 1, "Срок": "Сентябрь – октябрь", "Дата": dt.date(2025, 10, 15)},
        {"№": 2, "Срок": "Март – апрель", "Дата": dt.date(2026, 4, 22),
         "Место": "дистанционно"},
    ],
    "Повестка": [
        {"Заседание": 1, "Содержание": "Утверждение плана работы",
         "Ответственный": "Руководитель МО", "Решили": "Утвердить план работы."},
        {"Заседание": 1, "Содержание": "Выступление по теме «Читательские конференции»",
         "Докладчики": "Петрова В.Г.", "Решили": "Информацию принять к сведению."},
        {"Заседание": 2, "Содержание": "Выступление по теме «Книги-юбиляры»",
         "Докладчики": "Сидорова Д.Е.", "Решили": "Информацию принять к сведению."},
        {"Заседание": 2, "Содержание": "Выступление по теме «Краеведение»",
         "Докладчики": "Орлова Ю.А.", "Решили": "Информацию принять к сведению."},
    ],
    "Посещаемость": [
        ("ФИО", 1, 2),
        {"ФИО": "Иванова А.Б.", 1: "+", 2: "+"},
        {"ФИО": "Петрова В.Г.", 1: "+", 2: "+"},
        {"ФИО": "Сидорова Д.Е.", 1: "+", 2: "болезнь"},
        {"ФИО": "Орлова Ю.А.", 1: "-", 2: "+"},
        {"ФИО": "Гостева Ж.З.", 1: "+"},
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
    """The «Объединение» rows with one parameter set (added when missing)."""
    rows = copy.deepcopy(rows)
    for row in rows:
        if row["Параметр"] == name:
            row["Значение"] = value
            return rows
    rows.append({"Параметр": name, "Значение": value})
    return rows


def without_warnings(output: str) -> str:
    """A command's output without the workbook's warnings block printed at its end (the test
    workbooks have no secretary; the sample has none and is built as it is)."""
    lines = output.split("\n")
    for i, line in enumerate(lines):
        if re.match(r"^(Предупреждение: |\d+ предупреждени[еяй]+:$)", line):
            tail = lines[i + 1:]
            if all(t.startswith(("• ", "  ")) or not t for t in tail):
                return "\n".join(lines[:i]) + ("\n" if output.endswith("\n") else "")
    return output


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
    """The paragraphs of a cell; a table inside it is read column by column (the plan keeps
    a meeting's items level with their people in such an inner table)."""
    out: list[str] = []
    for child in tc.iterchildren(qn("w:p"), qn("w:tbl")):
        if child.tag == qn("w:p"):
            out.append(_text(child))
            continue
        rows = [list(tr.iterchildren(qn("w:tc"))) for tr in child.iterchildren(qn("w:tr"))]
        for column in range(max((len(r) for r in rows), default=0)):
            for row in rows:
                if column < len(row):
                    out.extend(cell_paragraphs(row[column]))
    # The paragraph a cell must end with after an inner table says nothing.
    if out and out[-1] == "" and tc.find(qn("w:tbl")) is not None:
        out.pop()
    return out


def table_rows(tbl) -> list[list[str]]:
    """Each table row as the text of its cells (paragraphs joined by line breaks)."""
    return [["\n".join(cell_paragraphs(tc)) for tc in tr.iterchildren(qn("w:tc"))]
            for tr in tbl.iterchildren(qn("w:tr"))]


def continues_above(tc) -> bool:
    """A first cell that continues the one above: a vertical merge, or (the plan's period)
    a cell whose top rule is hidden."""
    merge = tc.find(qn("w:tcPr") + "/" + qn("w:vMerge"))
    top = tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:top')}")
    return (merge is not None and merge.get(qn("w:val")) in (None, "continue")) or (
        top is not None and top.get(qn("w:val")) == "nil")


def table_blocks(tbl) -> list[list[str]]:
    """Rows grouped into blocks (vertical merges, or rows joined by a hidden rule), each block
    read column by column."""
    blocks: list[list[list[str]]] = []
    for tr in tbl.iterchildren(qn("w:tr")):
        cells = list(tr.iterchildren(qn("w:tc")))
        continues = continues_above(cells[0])
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

