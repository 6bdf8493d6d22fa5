"""The centre's summary as a spreadsheet (`rmo summary … -o ФАЙЛ.xlsx`), read back with openpyxl
as a region's methodist would merge it: cells, their types and number formats, the totals."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest
from openpyxl import load_workbook

from generator.report import write_summary

from .helpers import SAMPLE, to_pdf_text, workbook
from .test_summary import mathematics, run

HEADERS = ["№", "Объединение", "Руководитель", "Членов", "Учреждений",
           "Заседаний запланировано", "Заседаний проведено", "Средняя посещаемость заседаний",
           "Выступлений на заседаниях", "Доля выступивших членов", "Участий: школьный",
           "Участий: муниципальный", "Участий: региональный", "Участий: всероссийский",
           "Участий: международный", "Победителей, призёров, лауреатов",
           "Часов курсов повышения квалификации", "Данные на", "Учебный год", "Центр"]
CENTRE = "МАУ «Белоярский методический центр»"


@pytest.fixture
def table(tmp_path):
    target = tmp_path / "Сводная таблица.xlsx"
    write_summary([mathematics(tmp_path), workbook(tmp_path, "libraries.xlsx")], target,
                  organisation=CENTRE, signer="Директор Е.А. Иванова")
    return target


def values(sheet) -> list[list]:
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def test_one_row_per_association_then_the_totals_all_numbers(table):
    book = load_workbook(table)
    assert book.sheetnames == ["Таблица", "Сведения"]
    sheet = book["Таблица"]
    assert sheet.dimensions == "A1:T4"  # a clean rectangle from A1
    rows = values(sheet)
    assert rows[0] == HEADERS
    november = dt.datetime(2025, 11, 20)  # a date cell reads back as a datetime
    assert rows[1:] == [
        [1, "РМО учителей математики", "Кузнецова Е.В.", 3, 3, 3, 1, 0.67, 1, 0.33,
         0, 2, 2, 1, 1, 3, 52, november, "2025/2026", CENTRE],
        [2, "РМО школьных библиотекарей", "Иванова А.Б.", 4, 4, 2, 2, 0.75, 3, 0.75,
         0, 0, 0, 0, 0, 0, 0, None, "2025/2026", CENTRE],
        # Shares of the sums, as in the document: 8 presences of 11, 4 speakers of 7.
        [None, "Итого", None, 7, 6, 5, 3, 0.73, 4, 0.57, 0, 2, 2, 1, 1, 3, 52,
         dt.datetime(2026, 4, 22), "2025/2026", CENTRE],
    ]
    for row in sheet.iter_rows(min_row=2):
        figures = row[3:17]
        assert all(isinstance(c.value, int | float) and c.data_type == "n" for c in figures)
        assert [c.number_format for c in row[7:10]] == ["0%", "0", "0%"]
        assert row[17].number_format == "DD.MM.YYYY"
    assert [c.font.b for c in sheet[4]] == [True] * 20  # «Итого» stands out
    # Sorting by a column leaves «Итого» where it is; the header row stays on screen.
    assert sheet.auto_filter.ref == "A1:T3"
    assert sheet.freeze_panes == "C2"


def test_no_meeting_held_leaves_the_attendance_empty_not_zero(tmp_path):
    from dataclasses import replace

    from generator.documents.summary_table import table_rows
    from generator.figures.centre import combine, read_centre_summary

    row = read_centre_summary([mathematics(tmp_path)]).rows[0]
    idle = replace(row, held=0, presences=0, possible_presences=0, average_attendance=0)
    [line, total] = table_rows(combine([idle]))
    assert line[6:8] == total[6:8] == [0, None]  # «Заседаний проведено», «…посещаемость»


def test_the_sheet_about_the_table(table):
    about = values(load_workbook(table)["Сведения"])
    assert about == [
        ["Документ", "Сводный отчёт о работе районных методических объединений за 2025/2026 "
                     "учебный год"],
        ["Составитель", CENTRE],
        ["Учебный год", "2025/2026"],
        ["Объединений", 2],
        ["Данные на", dt.datetime(2026, 4, 22)],
        ["Подписывает", "Директор Е.А. Иванова"],
        ["Таблица", "лист «Таблица»: строка 1 — названия столбцов, строки 2–3 — объединения, "
                    "строка 4 — «Итого» (без номера)."],
        ["Проценты", "Доли хранятся числами (0,83 показано как 83 %); посещаемость — доля "
                     "присутствий от возможных, в строке «Итого» — по суммам, не среднее "
                     "долей. Пустая посещаемость: заседаний не проводили."],
        ["Примечание", "Учреждения в строке «Итого» считаются без повторов: одно учреждение "
                       "может входить в несколько объединений."],
        ["Примечание", "Где указано «данные на …», учебный год объединения ещё не завершён: "
                       "не все заседания проведены."],
    ]


def test_printed_one_page_wide_without_the_columns_for_merging(table):
    sheet = load_workbook(table)["Таблица"]
    assert sheet.print_area == "'Таблица'!$A$1:$R$4"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1
    assert sheet.oddHeader.center.text == "Сводный отчёт о работе районных методических " \
                                          "объединений за 2025/2026 учебный год"


def test_the_same_books_give_the_same_bytes_with_no_time_of_saving(tmp_path):
    books = [SAMPLE, mathematics(tmp_path)]
    write_summary(books, tmp_path / "1.xlsx")
    write_summary(list(reversed(books)), tmp_path / "2.xlsx")
    assert (tmp_path / "1.xlsx").read_bytes() == (tmp_path / "2.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "1.xlsx") as package:
        core = package.read("docProps/core.xml").decode()
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    assert core.count("2000-01-01T00:00:00Z") == 2  # created and modified: no clock time


def test_the_command_writes_a_table_and_names_the_formats_it_knows(tmp_path):
    target = tmp_path / "Сводная таблица.xlsx"
    result = run("summary", SAMPLE, mathematics(tmp_path), "-o", target)
    assert result.exit_code == 0, result.output
    assert result.output == f"Записана сводная таблица «{target}»: 2025/2026 учебный год, " \
                            "2 объединения.\n"
    assert values(load_workbook(target)["Таблица"])[-1][1] == "Итого"
    again = run("summary", SAMPLE, "-o", target)
    assert again.exit_code == 1 and "уже есть; rmo не перезаписывает файлы" in again.output
    wrong = run("summary", SAMPLE, "-o", tmp_path / "отчёт.ods")
    assert wrong.exit_code == 1
    assert wrong.output == "Ошибка: Имя «отчёт.ods» должно оканчиваться на .docx (документ) " \
                           "или .xlsx (таблица).\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["math.xlsx", "Сводная таблица.xlsx"]


@pytest.mark.libreoffice
def test_libreoffice_reads_the_table(table, tmp_path):
    text = to_pdf_text(table, tmp_path)
    lines = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    assert "1 РМО учителей математики Кузнецова Е.В. 3 3 3 1 67% 1 33% 0 2 2 1 1 3 52 " \
           "20.11.2025" in lines
    assert "Итого 7 6 5 3 73% 4 57% 0 2 2 1 1 3 52 22.04.2026" in lines
    assert "Страница 1 из 2" in text  # the table on one page, «Сведения» on the next
    assert "Подписывает Директор Е.А. Иванова" in lines
