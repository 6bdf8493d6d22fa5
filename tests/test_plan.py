"""The annual plan: built from the sample it carries every line of the real seed plan."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator.build import build
from generator.kinds import DocumentKind

from .helpers import (
    SEED,
    assert_clean_text,
    assert_xml_strict,
    cell_paragraphs,
    full_text,
    is_subsequence,
    paragraphs,
    table_blocks,
    table_rows,
    tables,
    to_pdf_text,
    words,
    workbook,
)


@pytest.fixture(scope="module")
def sample_plan(sample_build):
    (plan,) = [r.path for r in sample_build.written if r.kind is DocumentKind.PLAN]
    return plan


def test_plan_is_filed_under_the_school_year(sample_plan):
    assert sample_plan.parent.name == "2025-2026"
    assert sample_plan.name == "План работы на 2025-2026 учебный год.docx"


def test_plan_carries_every_line_of_the_seed_in_order(sample_plan):
    seed = words(SEED.read_text(encoding="utf-8"))
    generated = words(full_text(sample_plan))
    found, reached = is_subsequence(seed, generated)
    assert found, f"seed word {reached}: {' '.join(seed[max(0, reached - 8):reached + 3])!r}"
    # Nothing of the seed is lost, and little is added: the title and the numbering.
    assert len(generated) - len(seed) < 40


def test_plan_opens_with_title_theme_and_numbered_tasks(sample_plan):
    lines = paragraphs(sample_plan)
    assert lines[:5] == [
        "План работы РМО школьных библиотекарей",
        "на 2025/2026 учебный год",
        # Meeting 1 approved the plan: its mark stands under the title.
        "Рассмотрен на заседании РМО, протокол от 15.10.2025 №\u00a01",
        "Методическая тема МО:",
        "Библиотеки как центры внеклассной работы и творческого развития.",
    ]
    tasks = lines[lines.index("Задачи РМО школьных библиотекарей:") + 1:]
    assert [t[:3] for t in tasks[:7]] == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. "]
    assert tasks[7] == "Направления работы:"
    assert lines[-1] == "Руководитель РМО\t______________\tН.А.\u00a0Леонтьева"


def test_lists_are_bulleted_with_a_word_style(sample_plan):
    doc = Document(str(sample_plan))
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 4 + 3 + 2
    assert bullets[-1] == "Оказание методической помощи."


def test_calendar_is_a_three_column_table_with_a_repeating_header(sample_plan):
    (table,) = tables(sample_plan)
    rows = table_rows(table)
    # Three columns; a heading spans them, a block puts items and people in one cell.
    assert all(len(row) in (1, 2, 3) for row in rows)
    assert rows[0] == ["месяц", "содержание работы", "ответственный"]
    first = table.find(qn("w:tr"))
    assert first.find(qn("w:trPr") + "/" + qn("w:tblHeader")) is not None
    for tr in table.iterchildren(qn("w:tr")):
        assert tr.find(qn("w:trPr") + "/" + qn("w:cantSplit")) is not None
    assert rows[1] == ["Повышение уровня научно-теоретической и методической подготовки "
                       "школьных библиотекарей"]
    assert rows[2] == ["В течение года", "1. Самообразовательная работа библиотекарей",
                       "РМО библиотекарей"]
    assert rows[3] == ["В течение года", "2. Оказание методической помощи школьным "
                       "библиотекарям", "Руководитель МО"]


def _block(table, title):
    """The period and the (content, people) rows of the block that opens with `title`."""
    for tr in table.iterchildren(qn("w:tr")):
        cells = list(tr.iterchildren(qn("w:tc")))
        inner = cells[-1].find(qn("w:tbl"))
        if inner is None:
            continue
        pairs = table_rows(inner)
        if pairs[0][0] == title or not title:
            return "\n".join(cell_paragraphs(cells[0])), pairs
    raise AssertionError(f"no block {title!r}")


def test_each_meeting_is_one_row_with_items_level_with_their_people(sample_plan):
    (table,) = tables(sample_plan)
    period, pairs = _block(table, "Заседание МО №\u00a01.")
    assert period == "Сентябрь\u00a0– октябрь\u00a0– ноябрь"
    assert pairs[0] == ["Заседание МО №\u00a01.", ""]
    assert [row[0][:3] for row in pairs[1:]] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    assert [row[1].split("\n")[-1].replace("\u00a0", " ") for row in pairs[1:]] == [
        "Руководитель МО",
        "Леонтьева Н.А., методист МАУ «БМЦ»",
        "Мазеева Р.В., педагог-библиотекарь СОШ п. Сорум",
        "Попова Н.Я., библиотекарь СОШ с. Казым",
        "Даудова Д.М., библиотекарь СОШ № 3",
    ]
    assert pairs[2][1].split("\n")[0] == ("Щербинина\u00a0С.П., региональный менеджер "
                                          "АО «Просвещение» ХМАО")
    # Three meetings and the May block are rows holding an inner table, which never split.
    blocks = [tr for tr in table.iterchildren(qn("w:tr"))
              if tr.find(qn("w:tc") + "/" + qn("w:tbl")) is not None]
    assert len(blocks) == 4
    assert len(table_blocks(table)) == 1 + 1 + 2 + 3 + 1


def test_may_rows_keep_their_people_item_by_item(sample_plan):
    (table,) = tables(sample_plan)
    rows = table_rows(table)
    last = list(table.iterchildren(qn("w:tr")))[-1]
    period, pairs = "\n".join(cell_paragraphs(last.find(qn("w:tc")))), \
        table_rows(last.findall(qn("w:tc"))[-1].find(qn("w:tbl")))
    assert period == "май"
    assert pairs == [
        ["1. Подготовка и сдача анализа работы РМО школьных библиотекарей",
         "Руководитель МО"],
        ["2. Планирование работы на 2026/27 учебный год", "Руководитель МО; члены РМО"],
    ]
    assert rows[-1][0] == "май"


def test_page_layout_is_gost(sample_plan):
    doc = Document(str(sample_plan))
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert [round(m.mm) for m in (section.left_margin, section.right_margin,
                                  section.top_margin, section.bottom_margin)] == [30, 15, 20, 20]
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size.pt == 14
    assert round(normal.paragraph_format.first_line_indent.cm, 2) == 1.25
    assert doc.styles["РМО Текст таблицы"].font.size.pt == 12
    # Page numbers from page 2: a different first page with an empty header.
    assert section.different_first_page_header_footer
    assert "PAGE" in section.header._element.xml
    assert "PAGE" not in section.first_page_header._element.xml


def test_plan_xml_is_strict_and_text_clean(sample_plan):
    assert_xml_strict(sample_plan)
    assert_clean_text(sample_plan)


@pytest.mark.slow
def test_special_characters_come_out_intact(tmp_path):
    path = workbook(
        tmp_path,
        Разделы_плана=[
            {"Раздел": "Задачи", "Текст": "Сотрудничество школ & библиотек <новые> формы «Ёлка»"},
            {"Раздел": "Задачи", "Текст": "Первая строка\nвторая строка"},
            {"Раздел": "Направления работы", "Текст": 'Проект "Читаем вместе"'},
        ],
    )
    plan = build(path, tmp_path / "out").written[0].path
    assert_xml_strict(plan)
    lines = paragraphs(plan)
    assert "1. Сотрудничество школ & библиотек <новые> формы «Ёлка»." in lines
    assert "2. Первая строка\nвторая строка." in lines
    assert "Проект «Читаем вместе»." in lines
    assert_clean_text(plan)


@pytest.mark.slow
def test_a_meeting_not_placed_in_the_calendar_still_appears(tmp_path):
    from .helpers import BASE

    calendar = [row for row in BASE["Календарный план"] if row.get("Заседание") != 2]
    path = workbook(tmp_path, Календарный_план=calendar)
    text = full_text(build(path, tmp_path / "out").written[0].path)
    assert text.index("Заседание МО №\u00a01.") < text.index("Заседание МО №\u00a02.") \
        < text.index("Анализ работы")


@pytest.mark.libreoffice
def test_libreoffice_renders_the_theme_and_every_speaker(sample_plan, tmp_path):
    pdf = " ".join(to_pdf_text(sample_plan, tmp_path).split())
    assert "Библиотеки как центры внеклассной работы и творческого развития." in pdf
    for speaker in ("Щербинина С.П.", "Леонтьева Н.А.", "Мазеева Р.В.", "Попова Н.Я.",
                    "Даудова Д.М.", "Джелилова Г.Н.", "Маслова А.П.", "Лихачева О.В.",
                    "Алимурзаева Н.С.", "Данилова Т.В.", "Касьян А.В."):
        assert speaker in pdf, speaker
    assert "Руководитель РМО" in pdf and "Н.А. Леонтьева" in pdf


@pytest.mark.libreoffice
def test_no_meeting_block_of_a_long_plan_splits_across_pages(tmp_path):
    """The second association's plan: four meetings of long items. Page by page in the PDF,
    every block that starts on a page ends on it, and no page starts with an item."""
    from .second_sample import write

    plan = build(write(tmp_path / "urai.xlsx"), tmp_path / "out").written[0].path
    pages = to_pdf_text(plan, tmp_path).split("\f")
    assert len([p for p in pages if p.strip()]) >= 2
    blocks = {
        1: ("Заседание МО № 1.", "5. Методическая консультация", "Ковалёва Н.М."),
        2: ("Заседание МО № 2.", "2. Открытое занятие", "Лебедева Н.И."),
        3: ("Заседание МО № 3.", "4. Обсуждение участия", "Исмагилова Г.Ф."),
        4: ("Заседание МО № 4.", "4. Подведение итогов", "Сидоренко А.А."),
    }
    for number, parts in blocks.items():
        found = [i for i, page in enumerate(pages)
                 if all(part in " ".join(page.split()) for part in parts)]
        assert found, f"meeting {number} is split across pages"
    for page in pages[1:]:
        body = [line for line in page.splitlines() if line.strip()]
        header = [i for i, line in enumerate(body) if "месяц" in line and "ответственный" in line]
        if header and header[0] + 1 < len(body):
            # Under the repeated header comes a period or a heading, never a lone item.
            first = body[header[0] + 1].split()[0]
            assert not re.fullmatch(r"\d+\.", first), body[header[0] + 1]
