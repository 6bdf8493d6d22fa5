"""The centre's summary as a methodist reads it: the table's rows and totals, the overview,
each association's conclusions, the errors, and `rmo summary`."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import pytest
from click.testing import CliRunner

from generator.archive import issued
from generator.cli.main import main
from generator.errors import RmoError
from generator.figures.centre import read_centre_summary
from generator.report import write_summary

from .helpers import (
    BASE,
    SAMPLE,
    assert_clean_text,
    assert_xml_strict,
    paragraphs,
    set_param,
    table_rows,
    tables,
    to_pdf_text,
    workbook,
)

NB = "\u00a0"
HEADER = ["№", "Объединение, руководитель", "Состав", "Заседания", "Выступления",
          "Участий в мероприятиях по уровням", "Победители, призёры, лауреаты",
          "Курсы повышения квалификации, часов"]
# The school level is empty in both books: its column is left out.
SUBHEADER = ["членов", "учреждений", "запланировано", "проведено", "средняя посещаемость",
             "выступлений", "доля выступивших членов", "муниципальный", "региональный",
             "всероссийский", "международный"]


def mathematics(tmp_path, name: str = "math.xlsx", year: str = "2025/2026"):
    """A second association, unlike the first: one meeting held of three (one cancelled, one
    still ahead), other schools, participation on every level but the school's, conclusions."""
    association = set_param(set_param(BASE["Объединение"], "Название", "РМО учителей математики"),
                            "Руководитель", "Кузнецова Е.В.")
    return workbook(
        tmp_path, name,
        Объединение=set_param(association, "Учебный год", year),
        Участники=[
            ["Кузнецова Е.В.", "учитель математики", "СОШ № 1", None],
            ["Лебедев П.С.", "учитель математики", "СОШ № 5", None],
            ["Морозова Т.И.", "учитель математики", "Гимназия г. Белоярский", None],
        ],
        Календарный_план=[[None, None, None, None, n] for n in (1, 2, 3)],
        Заседания=[
            [1, "Октябрь – ноябрь", dt.date(int(year[:4]), 11, 20), None, None],
            [2, "Январь – февраль", None, None, "отменено: карантин"],
            [3, "Апрель – май", None, None, None],
        ],
        Повестка=[
            [1, "Утверждение плана работы", None, "Руководитель МО", None, "Утвердить план.",
             None],
            [1, "Выступление по теме «Функциональная грамотность»", "Лебедев П.С.", None, None,
             "Принять к сведению.", None],
            [2, "Выступление по теме «Олимпиадная математика»", "Морозова Т.И.", None, None,
             None, None],
            [3, "Выступление по теме «Итоги ОГЭ»", "Кузнецова Е.В.", None, None, None, None],
        ],
        Посещаемость=[("ФИО", 1, 2, 3), ["Кузнецова Е.В.", "+", None, None],
                      ["Лебедев П.С.", "+", None, None], ["Морозова Т.И.", "болезнь", None, None]],
        Участие=[
            ["Лебедев П.С.", "Конкурс «Учитель года»", "конкурс", "муниципальный", "победитель",
             None, None],
            ["Морозова Т.И.", "Конкурс «Методическая копилка»", "конкурс", "региональный",
             "призёр", None, None],
            ["Кузнецова Е.В.", "Конференция «Математика для всех»", "конференция",
             "всероссийский", "лауреат", None, None],
            ["Лебедев П.С.", "Вебинар «Математическая грамотность»", "вебинар", "международный",
             "сертификат", None, None],
            ["Морозова Т.И.", "Курсы «Обновлённые ФГОС»", "курсы повышения квалификации",
             "региональный", "удостоверение", None, 36],
            ["Кузнецова Е.В.", "Курсы «Наставничество»", "курсы повышения квалификации",
             "муниципальный", "удостоверение", None, 16],
        ],
        Итоги=[["Выводы", "Проведено одно заседание из трёх: второе отменено из-за карантина"],
               ["Выводы", "Педагоги стали чаще участвовать в конкурсах"],
               ["Проблемы", "Не все учителя выступают с опытом работы"]],
    )


@pytest.fixture
def two(tmp_path):
    """The summary of the mathematicians and the test library association (helpers.BASE)."""
    libraries = workbook(tmp_path, "libraries.xlsx")
    target = tmp_path / "Сводный отчёт.docx"
    write_summary([mathematics(tmp_path), libraries], target)
    return target


def summary_table(path):
    [table] = tables(path)
    return table_rows(table)


def test_one_row_per_association_alphabetical_with_totals(two):
    rows = summary_table(two)
    assert rows[0] == HEADER
    assert rows[1] == ["", "", *SUBHEADER, "", ""]  # «№», the name and the last two: merged
    assert rows[2:] == [
        ["1", f"РМО учителей математики\nрук. Кузнецова{NB}Е.В.\nданные на 20.11.2025",
         "3", "3", "3", "1", f"67{NB}%", "1", f"33{NB}%", "2", "2", "1", "1", "3", "52"],
        ["2", f"РМО школьных библиотекарей\nрук. Иванова{NB}А.Б.",
         "4", "4", "2", "2", f"75{NB}%", "3", f"75{NB}%", "0", "0", "0", "0", "0", "0"],
        # Shares of the sums, not averages of shares: 8 presences of 11, 4 speakers of 7.
        ["", "Итого", "7", "6", "5", "3", f"73{NB}%", "4", f"57{NB}%", "2", "2", "1", "1",
         "3", "52"],
    ]


def test_the_header_repeats_and_rows_do_not_split(two):
    [table] = tables(two)
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    rows = list(table.iterchildren(f"{ns}tr"))
    assert [r.find(f"{ns}trPr/{ns}tblHeader") is not None for r in rows] == \
        [True, True, False, False, False]
    assert all(r.find(f"{ns}trPr/{ns}cantSplit") is not None for r in rows)


def test_overview_notes_and_conclusions(two):
    text = paragraphs(two)
    start = text.index("Сводный отчёт о работе районных методических объединений")
    assert text[start - 1:start + 4] == [
        "МАУ «БМЦ»",
        "Сводный отчёт о работе районных методических объединений",
        "за 2025/2026 учебный год",
        "(по состоянию на 22.04.2026)",  # the latest meeting of all
        "",
    ]
    assert text[start + 4:start + 9] == [
        f"В 2025/2026 учебном году работали 2{NB}методических объединения: 7{NB}членов из 6 "
        "учреждений.",
        f"Запланировано 5{NB}заседаний, проведено 3 (60{NB}%); средняя посещаемость заседаний "
        f"составила 73{NB}%.",
        f"На заседаниях прозвучали 4{NB}выступления; выступили 4 из 7 членов объединений "
        f"(57{NB}%).",
        f"Участий в мероприятиях вне заседаний{NB}– 6 (победители, призёры и лауреаты{NB}– 3).",
        f"Курсы повышения квалификации – всего 52{NB}часа.",
    ]
    assert "Учреждения в строке «Итого» считаются без повторов: одно учреждение может входить " \
           "в несколько объединений." in text
    assert "Где указано «данные на …», учебный год объединения ещё не завершён: не все " \
           "заседания проведены." in text
    conclusions = text[text.index("Выводы объединений"):]
    assert conclusions == [
        "Выводы объединений",
        f"1. РМО учителей математики (руководитель Кузнецова{NB}Е.В.)",
        "Проведено одно заседание из трёх: второе отменено из-за карантина.",
        "Педагоги стали чаще участвовать в конкурсах.",
        f"2. РМО школьных библиотекарей (руководитель Иванова{NB}А.Б.)",
        "Выводы объединением не представлены.",
        # No signer named: the position and a line to sign by hand; the date of the report.
        "Директор\t______________\t",
        issued.today().strftime("%d.%m.%Y"),
    ]
    assert "Не все учителя выступают" not in "\n".join(text)  # problems are not conclusions


@pytest.mark.slow
def test_the_sample_alone(tmp_path):
    target = tmp_path / "one.docx"
    write_summary([SAMPLE], target)
    rows = summary_table(target)
    # The same figures as the sample's May analysis: 10 members from 9 institutions, 3 of 3
    # meetings, 83 % attendance, 11 talks by all 10 members, 6 participations, 72 hours.
    # Participation on three levels (no school, no international): three level columns.
    assert rows[1][9:12] == ["муниципальный", "региональный", "всероссийский"]
    assert rows[2] == ["1", f"РМО школьных библиотекарей\nрук. Леонтьева{NB}Н.А.", "10", "9",
                       "3", "3", f"83{NB}%", "11", f"100{NB}%", "3", "2", "1", "1", "72"]
    assert rows[3][1:] == ["Итого", *rows[2][2:]]
    # As many columns as the template drew (its two tag cells gone): still refitted.
    [table] = tables(target)
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = [int(c.get(f"{ns}w")) for c in table.iterfind(f"{ns}tblGrid/{ns}gridCol")]
    assert [round(w / 567, 2) for w in grid[9:12]] == [2.0] * 3
    text = paragraphs(target)
    assert f"В 2025/2026 учебном году работало 1{NB}методическое объединение: 10{NB}членов из " \
           "9 учреждений." in text
    assert not any(line.startswith("Учреждения в строке «Итого»") for line in text)
    assert "(по состоянию на" not in "\n".join(text)
    assert f"На заседаниях прозвучало 11{NB}выступлений; выступили 10 из 10 членов " \
           f"объединений (100{NB}%)." in text
    assert text[-4:-2] == [
        "Работа РМО школьных библиотекарей в 2025/2026 учебном году проведена в соответствии с "
        "планом; поставленные задачи в основном выполнены.",
        "Заседания проходили в очной и дистанционной форме, опыт коллег обсуждался и "
        "рекомендован к использованию.",
    ]


def test_two_native_charts_and_a_clean_package(two):
    assert_xml_strict(two)
    assert_clean_text(two)
    with zipfile.ZipFile(two) as package:
        names = package.namelist()
        charts = sorted(n for n in names if n.startswith("word/charts/chart"))
        assert charts == ["word/charts/chart1.xml", "word/charts/chart2.xml"]
        attendance = package.read(charts[0]).decode()
        levels = package.read(charts[1]).decode()
    # Bars named by association, lying down, in the table's order from the top.
    assert "<a:t>Средняя посещаемость заседаний, %</a:t>" in attendance
    assert '<c:barDir val="bar"/>' in attendance
    assert '<c:orientation val="maxMin"/>' in attendance
    assert re.findall(r'<c:pt idx="\d"><c:v>([^<]+)</c:v>', attendance)[1:] == [
        "РМО учителей математики", "РМО школьных библиотекарей", "67", "75"]
    assert "Участие членов объединений в мероприятиях по уровням" in levels
    assert re.findall(r'<c:pt idx="\d"><c:v>([^<]+)</c:v>', levels)[1:] == [
        "муниципальный", "региональный", "всероссийский", "международный", "2", "2", "1", "1"]


def test_the_level_columns_left_take_the_width_of_those_left_out(two):
    """One level is empty: four level columns share the five's 6 cm, the table keeps its
    25.2 cm, and every cell is as wide as its grid column (Word and LibreOffice agree)."""
    [table] = tables(two)
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = [int(c.get(f"{ns}w")) for c in table.iterfind(f"{ns}tblGrid/{ns}gridCol")]
    assert len(grid) == 15
    assert abs(sum(grid) - 14288) < 5  # 25.2 cm in twentieths of a point
    assert [round(w / 567, 2) for w in grid[9:13]] == [1.5] * 4
    rows = list(table.iterfind(f"{ns}tr"))
    data = [int(tc.find(f"{ns}tcPr/{ns}tcW").get(f"{ns}w"))
            for tc in rows[2].iterfind(f"{ns}tc")]
    assert data == grid
    group = rows[0].findall(f"{ns}tc")[5]  # «Участий в мероприятиях по уровням»
    assert group.find(f"{ns}tcPr/{ns}gridSpan").get(f"{ns}val") == "4"
    assert int(group.find(f"{ns}tcPr/{ns}tcW").get(f"{ns}w")) == sum(grid[9:13])


@pytest.mark.slow
def test_no_participation_no_level_columns_and_no_level_chart(tmp_path):
    target = tmp_path / "отчёт.docx"
    write_summary([workbook(tmp_path, "libraries.xlsx")], target)
    rows = summary_table(target)
    assert rows[0] == [h for h in HEADER if h != "Участий в мероприятиях по уровням"]
    assert rows[2][9:] == ["0", "0"]  # results and hours follow the talks
    [table] = tables(target)
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    grid = [int(c.get(f"{ns}w")) for c in table.iterfind(f"{ns}tblGrid/{ns}gridCol")]
    assert len(grid) == 11 and abs(sum(grid) - 14288) < 5
    assert round(grid[1] / 567, 1) == 5.5 + 6.0  # the name takes the levels' width
    with zipfile.ZipFile(target) as package:
        assert [n for n in package.namelist() if n.startswith("word/charts/chart")] == \
            ["word/charts/chart1.xml"]


@pytest.mark.slow
def test_the_centre_is_the_originator_and_its_director_signs(tmp_path):
    target = tmp_path / "отчёт.docx"
    result = run("summary", SAMPLE, mathematics(tmp_path), "-o", target,
                 "--organisation", "МАУ \"Белоярский методический центр\"",
                 "--signer", "Директор Е.А. Иванова")
    assert result.exit_code == 0, result.output
    text = paragraphs(target)
    assert text[0] == "МАУ «Белоярский методический центр»"
    assert text[-2:] == [f"Директор\t______________\tЕ.А.{NB}Иванова",
                         issued.today().strftime("%d.%m.%Y")]
    words = "\n".join(text)
    for internal in ("лист", "книг", "строки таблицы", "—"):
        assert internal not in words, internal


def test_the_table_page_is_landscape_and_the_conclusions_portrait(two):
    from docx import Document

    sections = Document(str(two)).sections
    assert [(round(s.page_width.mm), round(s.page_height.mm)) for s in sections] == \
        [(297, 210), (210, 297)]
    assert [(round(s.left_margin.mm), round(s.right_margin.mm), round(s.top_margin.mm),
             round(s.bottom_margin.mm)) for s in sections] == [(30, 15, 20, 20)] * 2


@pytest.mark.libreoffice
def test_libreoffice_prints_the_table(two, tmp_path):
    text = to_pdf_text(two, tmp_path)
    assert "Сводный отчёт о работе районных методических объединений" in text
    assert "РМО учителей математики" in text and "Итого" in text
    assert "Выводы объединений" in text


@pytest.mark.slow
def test_books_of_different_years_are_refused(tmp_path):
    books = [workbook(tmp_path, "libraries.xlsx"), mathematics(tmp_path, year="2026/2027"),
             mathematics(tmp_path, "math-old.xlsx", year="2024/2025")]
    with pytest.raises(RmoError) as caught:
        read_centre_summary(books)
    assert [str(p) for p in caught.value.problems] == [
        "Лист «Объединение»: книги относятся к разным учебным годам: 2024/2025 — "
        "«math-old.xlsx»; 2025/2026 — «libraries.xlsx»; 2026/2027 — «math.xlsx». Сводный отчёт "
        "составляется за один учебный год: укажите книги одного года (учебный год записан в "
        "строке «Учебный год»)."]


@pytest.mark.slow
def test_two_books_of_one_association_are_refused(tmp_path):
    books = [workbook(tmp_path, "a.xlsx"), workbook(tmp_path, "b.xlsx")]
    with pytest.raises(RmoError) as caught:
        read_centre_summary(books)
    assert [str(p) for p in caught.value.problems] == [
        "Лист «Объединение»: книги «a.xlsx», «b.xlsx» — об одном объединении «РМО школьных "
        "библиотекарей». В сводный отчёт входит одна книга каждого объединения (его "
        "последняя): уберите лишние."]


@pytest.mark.slow
def test_a_bad_book_is_named_in_each_of_its_messages(tmp_path):
    good = workbook(tmp_path, "good.xlsx")
    bad = workbook(tmp_path, "bad.xlsx",
                   Объединение=set_param(BASE["Объединение"], "Руководитель", "Нетова Н.Н."))
    with pytest.raises(RmoError) as caught:
        read_centre_summary([good, bad, tmp_path / "missing.xlsx"])
    messages = [str(p) for p in caught.value.problems]
    assert len(messages) == 2
    assert messages[0].startswith("Книга «bad.xlsx», лист «Объединение», ячейка B5: ")
    assert "Нетова Н.Н." in messages[0]
    assert messages[1].startswith("Книга «missing.xlsx», ")


@pytest.mark.slow
def test_figures_of_each_association_and_of_the_district(tmp_path):
    summary = read_centre_summary([workbook(tmp_path, "libraries.xlsx"), mathematics(tmp_path)])
    assert [(r.source, r.name, r.members, r.institutions, r.planned, r.held,
             r.average_attendance, r.talks, r.speakers_share, r.by_level, r.high_results,
             r.course_hours, r.interim) for r in summary.rows] == [
        ("math.xlsx", "РМО учителей математики", 3, 3, 3, 1, 67, 1, 33, (0, 2, 2, 1, 1), 3,
         52, True),
        ("libraries.xlsx", "РМО школьных библиотекарей", 4, 4, 2, 2, 75, 3, 75,
         (0, 0, 0, 0, 0), 0, 0, False),
    ]
    t = summary.totals
    # Schools once each (СОШ № 1 is in both); shares of the sums, not averages of the shares.
    assert (t.associations, t.members, t.institutions, t.planned, t.held, t.held_share,
            t.average_attendance, t.talks, t.speakers, t.speakers_share, t.by_level,
            t.high_results, t.course_hours) == (2, 7, 6, 5, 3, 60, 73, 4, 4, 57,
                                                (0, 2, 2, 1, 1), 3, 52)
    assert summary.rows[0].conclusions == (
        "Проведено одно заседание из трёх: второе отменено из-за карантина",
        "Педагоги стали чаще участвовать в конкурсах")
    assert (summary.year.label, summary.organisation, summary.interim) == \
        ("2025/2026", "МАУ «БМЦ»", True)


def run(*args):
    return CliRunner().invoke(main, list(map(str, args)))


@pytest.mark.slow
def test_command_writes_the_report_and_never_overwrites(tmp_path):
    target = tmp_path / "Сводный отчёт.docx"
    result = run("summary", SAMPLE, mathematics(tmp_path), "-o", target)
    assert result.exit_code == 0, result.output
    assert result.output == f"Записан сводный отчёт «{target}»: 2025/2026 учебный год, " \
                            "2 объединения.\n"
    assert summary_table(target)[-1][1] == "Итого"
    before = target.read_bytes()
    again = run("summary", SAMPLE, "-o", target)
    assert again.exit_code == 1
    assert again.output == f"Ошибка: Файл «{target}» уже есть; rmo не перезаписывает файлы. " \
                           "Укажите другое имя.\n"
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["math.xlsx", "Сводный отчёт.docx"]


@pytest.mark.slow
def test_command_errors_in_russian(tmp_path):
    result = run("summary", SAMPLE, "-o", tmp_path / "отчёт.pdf")
    assert result.exit_code == 1
    assert result.output == "Ошибка: Имя «отчёт.pdf» должно оканчиваться на .docx (документ) " \
                            "или .xlsx (таблица).\n"
    result = run("summary", "-o", tmp_path / "отчёт.docx")
    assert result.exit_code == 2
    assert result.output.startswith("Ошибка: не указан аргумент КНИГА...")
    mixed = run("summary", SAMPLE, mathematics(tmp_path, year="2026/2027"), "-o",
                tmp_path / "отчёт.docx")
    assert mixed.exit_code == 1
    assert mixed.output.startswith("Ошибка: Лист «Объединение»: книги относятся к разным "
                                   "учебным годам: 2025/2026 — «rmo-2025-2026.xlsx»; "
                                   "2026/2027 — «math.xlsx».")
    assert not (tmp_path / "отчёт.docx").exists()


@pytest.mark.slow
def test_same_books_give_the_same_bytes(tmp_path):
    books = [SAMPLE, mathematics(tmp_path)]
    write_summary(books, tmp_path / "1.docx")
    write_summary(list(reversed(books)), tmp_path / "2.docx")
    assert (tmp_path / "1.docx").read_bytes() == (tmp_path / "2.docx").read_bytes()


@pytest.mark.slow
def test_word_finds_properties_in_schema_order_and_every_field_supplied(two, tmp_path):
    from docxtpl import DocxTemplate

    from generator.documents.summary import summary_document
    from generator.render.render import environment
    from generator.render.templates import builtin_templates

    from .test_word import out_of_order

    with zipfile.ZipFile(two) as package:
        for name in package.namelist():
            if name.startswith("word/") and name.endswith(".xml"):
                assert out_of_order(package.read(name)) == [], name
    document = summary_document(read_centre_summary([SAMPLE, mathematics(tmp_path)]))
    template = DocxTemplate(builtin_templates() / document.template)
    assert template.get_undeclared_template_variables(environment(), document.context) == set()


@pytest.mark.slow
def test_a_restyled_summary_template_is_used(tmp_path):
    assert run("templates", tmp_path / "мои").exit_code == 0
    template = tmp_path / "мои" / "summary.docx"
    with zipfile.ZipFile(template) as source:
        parts = {info: source.read(info.filename) for info in source.infolist()}
    with zipfile.ZipFile(template, "w") as changed:
        for info, data in parts.items():
            if info.filename == "word/document.xml":
                data = data.replace("Выводы объединений".encode(), "Выводы РМО района".encode())
            changed.writestr(info, data)
    target = tmp_path / "отчёт.docx"
    result = run("summary", SAMPLE, "-o", target, "--templates", tmp_path / "мои")
    assert result.exit_code == 0, result.output
    assert "Выводы РМО района" in paragraphs(target)
