"""The annual plan: built from the sample it carries every line of the real seed plan."""

from __future__ import annotations

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator.build import build
from generator.kinds import DocumentKind

from .helpers import (
    SEED,
    assert_clean_text,
    assert_xml_strict,
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
    assert lines[:4] == [
        "План работы РМО школьных библиотекарей",
        "на 2025/2026 учебный год",
        "Методическая тема МО:",
        "Библиотеки как центры внеклассной работы и творческого развития.",
    ]
    tasks = lines[lines.index("Задачи РМО школьных библиотекарей:") + 1:]
    assert [t[:3] for t in tasks[:7]] == ["1. ", "2. ", "3. ", "4. ", "5. ", "6. ", "7. "]
    assert tasks[7] == "Направления работы:"
    assert lines[-1] == "Руководитель РМО\t________________ Н.А.\u00a0Леонтьева"


def test_lists_are_bulleted_with_a_word_style(sample_plan):
    doc = Document(str(sample_plan))
    bullets = [p.text for p in doc.paragraphs if p.style.name == "List Bullet"]
    assert len(bullets) == 4 + 3 + 2
    assert bullets[-1] == "Оказание методической помощи."


def test_calendar_is_a_three_column_table_with_a_repeating_header(sample_plan):
    (table,) = tables(sample_plan)
    rows = table_rows(table)
    assert all(len(row) == 3 or len(row) == 1 for row in rows)
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


def _meeting_rows(table, number):
    """The rows of one meeting's block: from its title to the next block."""
    rows = table_rows(table)
    start = next(i for i, r in enumerate(rows)
                 if len(r) == 3 and r[1].startswith(f"Заседание МО №\u00a0{number}."))
    block = [rows[start]]
    for row in rows[start + 1:]:
        if row[0]:
            break
        block.append(row)
    return block


def test_each_meeting_is_one_block_with_items_level_with_their_people(sample_plan):
    (table,) = tables(sample_plan)
    block = _meeting_rows(table, 1)
    assert block[0][0] == "Сентябрь – октябрь – ноябрь"
    assert [row[1].split("\n")[-1][:3] for row in block] == ["1. ", "2. ", "3. ", "4. ", "5. "]
    assert [row[2].split("\n")[-1].replace("\u00a0", " ") for row in block] == [
        "Руководитель МО",
        "Леонтьева Н.А., методист МАУ «БМЦ»",
        "Мазеева Р.В., педагог-библиотекарь СОШ п. Сорум",
        "Попова Н.Я., библиотекарь СОШ с. Казым",
        "Даудова Д.М., библиотекарь СОШ № 3",
    ]
    assert block[1][2].split("\n")[0] == ("Щербинина\u00a0С.П., региональный менеджер "
                                          "АО «Просвещение» ХМАО")
    # The title line of the block has an empty line beside it in the third column.
    assert block[0][2].split("\n")[0] == ""
    # The period cell is merged down the block: the meeting reads as one row.
    trs = list(table.iterchildren(qn("w:tr")))
    merges = [tr.find(qn("w:tc") + "/" + qn("w:tcPr") + "/" + qn("w:vMerge")) for tr in trs]
    starts = [m.get(qn("w:val")) for m in merges if m is not None]
    assert starts.count("restart") == 4  # three meetings and the May block
    assert len(table_blocks(table)) == 1 + 1 + 2 + 3 + 1


def test_may_rows_keep_their_people_item_by_item(sample_plan):
    (table,) = tables(sample_plan)
    rows = table_rows(table)
    assert rows[-2:] == [
        ["май", "1. Подготовка и сдача анализа работы РМО школьных библиотекарей",
         "Руководитель МО"],
        ["", "2. Планирование работы на 2026/27 учебный год", "Руководитель МО; члены РМО"],
    ]


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
