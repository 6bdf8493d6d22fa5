"""The annual plan: built from the sample it carries every line of the real seed plan."""

from __future__ import annotations

import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from generator.build import build
from generator.documents.kinds import DocumentKind, parse_only

from .helpers import (
    BASE,
    SEED,
    assert_clean_text,
    assert_xml_strict,
    cell_paragraphs,
    continues_above,
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
        # Meeting 1 decided «Утвердить план работы…»: the approval stamp above the title.
        "УТВЕРЖДЁН\nпротоколом заседания РМО\nот 15.10.2025 №\u00a01",
        "План работы РМО школьных библиотекарей",
        "на 2025/2026 учебный год",
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
    """The rows of the block whose first row opens with `title` in its second column: that
    row and the rows whose period cell continues it (its top rule hidden)."""
    block = []
    for tr in table.iterchildren(qn("w:tr")):
        if block and continues_above(tr.find(qn("w:tc"))):
            block.append(tr)
        elif block:
            break
        elif _texts(tr)[1:2] and _texts(tr)[1].split("\n")[0] == title:
            block.append(tr)
    assert block, f"no block {title!r}"
    return block


def _texts(tr):
    return ["\n".join(cell_paragraphs(tc)) for tc in tr.iterchildren(qn("w:tc"))]


def _rule(tc, side):
    rule = tc.find(f"{qn('w:tcPr')}/{qn('w:tcBorders')}/{qn('w:' + side)}")
    return "none" if rule is not None and rule.get(qn("w:val")) == "nil" else "line"


def test_each_meeting_is_rows_of_the_one_table_under_one_period(sample_plan):
    (table,) = tables(sample_plan)
    assert table.find(f".//{qn('w:tc')}/{qn('w:tbl')}") is None  # no table inside a cell
    rows = [_texts(tr) for tr in _block(table, "Заседание МО №\u00a01.")]
    assert rows[0][:2] == ["Сентябрь\u00a0– октябрь\u00a0– ноябрь", "Заседание МО №\u00a01.\n1. "
                           "Планирование и организация методической работы школьных "
                           "библиотекарей на 2025/2026 учебный год. Утверждение плана "
                           "методической работы"]
    assert rows[0][2] == "\nРуководитель МО"  # level with the item, not with the title
    assert [row[0] for row in rows[1:]] == [""] * 4  # the period stands once
    assert [row[1][:3] for row in rows[1:]] == ["2. ", "3. ", "4. ", "5. "]
    assert [row[2].split("\n")[-1].replace("\u00a0", " ") for row in rows[1:]] == [
        "Леонтьева Н.А., методист МАУ «БМЦ»",
        "Мазеева Р.В., педагог-библиотекарь СОШ п. Сорум",
        "Попова Н.Я., библиотекарь СОШ с. Казым",
        "Даудова Д.М., библиотекарь СОШ № 3",
    ]
    assert rows[1][2].split("\n")[0] == ("Щербинина\u00a0С.П., региональный менеджер "
                                          "АО «Просвещение» ХМАО")
    # Three meetings and the May block, each one period over its rows.
    assert len(table_blocks(table)) == 1 + 1 + 2 + 3 + 1


def test_a_block_keeps_its_rows_together_and_lets_the_last_go(sample_plan):
    """Word and LibreOffice keep a row with the next when its paragraphs are; every row of a
    block but the last is, so a meeting does not start on one page and end on the next. The
    period column reads as one cell: no rule between its cells within a block."""
    (table,) = tables(sample_plan)
    block = _block(table, "Заседание МО №\u00a02.")
    kept = [all(p.find(f"{qn('w:pPr')}/{qn('w:keepNext')}") is not None
                for p in tr.iter(qn("w:p"))) for tr in block]
    assert kept == [True, True, True, False]
    rules = [(_rule(tr.find(qn("w:tc")), "top"), _rule(tr.find(qn("w:tc")), "bottom"))
             for tr in block]
    assert rules == [("line", "none"), ("none", "none"), ("none", "none"), ("none", "line")]


def test_may_rows_keep_their_people_item_by_item(sample_plan):
    (table,) = tables(sample_plan)
    rows = [_texts(tr) for tr in list(table.iterchildren(qn("w:tr")))[-2:]]
    assert rows == [
        ["май", "1. Подготовка и сдача анализа работы РМО школьных библиотекарей",
         "Руководитель МО"],
        ["", "2. Планирование работы на 2026/27 учебный год", "Руководитель МО; члены РМО"],
    ]


def test_the_approval_stamp_is_a_block_at_the_right_with_lines_flush_left(sample_plan):
    doc = Document(str(sample_plan))
    stamp = doc.paragraphs[0]
    assert stamp.text.startswith("УТВЕРЖДЁН")
    form = stamp.paragraph_format
    assert round(form.left_indent.cm, 1) == 9.5 and form.first_line_indent.cm == 0
    assert form.alignment == 0  # left within the block


def _stamp(tmp_path, decision, item="Утверждение плана работы", **changes):
    agenda = [dict(row) for row in BASE["Повестка"]]
    agenda[0] = {**agenda[0], "Содержание": item, "Решили": decision}
    path = workbook(tmp_path, Повестка=agenda, **changes)
    lines = paragraphs(build(path, tmp_path / "out", kinds=parse_only("план")).written[0].path)
    return lines[0] if not lines[0].startswith("План работы") else ""


@pytest.mark.slow
def test_the_stamp_says_what_the_meeting_decided(tmp_path):
    assert _stamp(tmp_path / "a", "Утвердить план работы.") == (
        "УТВЕРЖДЁН\nпротоколом заседания РМО\nот 15.10.2025 №\u00a01")
    # The decision speaks of the plan: its word wins over the item's.
    assert _stamp(tmp_path / "b", "Проект плана работы рассмотрен, доработать к ноябрю.",
                  "Утверждение плана работы") == (
        "РАССМОТРЕН\nна заседании РМО\nпротокол от 15.10.2025 №\u00a01")
    assert _stamp(tmp_path / "c", "Рассмотреть план работы, внести предложения.") == (
        "РАССМОТРЕН\nна заседании РМО\nпротокол от 15.10.2025 №\u00a01")
    # A decision silent about the plan: the item's words decide.
    assert _stamp(tmp_path / "d", "Принять к сведению.") == (
        "УТВЕРЖДЁН\nпротоколом заседания РМО\nот 15.10.2025 №\u00a01")
    assert _stamp(tmp_path / "f", "Принять к сведению.", "Обсуждение направлений работы") == ""
    assert _stamp(tmp_path / "g", "Утвердить план работы на 2026-2027 учебный год.",
                  "Планирование работы") == ""
    # Next year's plan approved in May is not this year's.
    assert _stamp(tmp_path / "e", "Утвердить план работы на 2026/2027 учебный год.",
                  "Планирование работы на 2026/2027 учебный год") == ""


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
