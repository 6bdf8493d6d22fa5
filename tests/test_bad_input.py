"""Every mistake a person can make in Excel: a Russian message with the sheet and the cell,
all at once, exit code 1, and nothing written."""

from __future__ import annotations

import datetime as dt
import time
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli.main import main

from .helpers import BASE, full_text, set_param, workbook


def check(path):
    """Run `rmo check`, expecting failure: the errors it printed, without the heading (the
    warnings printed after them are the business of test_workbook_edits)."""
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    _every_problem_says_what_to_do(path)
    lines = result.output.splitlines()
    end = next((i for i, line in enumerate(lines)
                if line.startswith("Предупреждение:") or "предупрежд" in line.split(":")[0]),
               len(lines))
    lines = lines[:end]
    if lines[0].startswith("Найдено"):
        return [line.removeprefix("• ") for line in lines[1:]]
    return [line.removeprefix("Ошибка: ") for line in lines]


def _every_problem_says_what_to_do(path):
    """The page shows «что не так» and «что сделать» in two columns: each problem of the
    corpus must fill both."""
    from generator.workbook.reader import inspect_workbook

    found = inspect_workbook(path)
    silent = [str(p) for p in (*found.errors, *found.warnings) if not p.fix.strip()]
    assert found.errors and not silent


def edit(path, change):
    """Change a written workbook with openpyxl, as a person would in Excel."""
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


# --- not a workbook ----------------------------------------------------------------------

def test_a_file_that_does_not_exist(tmp_path):
    assert check(tmp_path / "книга.xlsx") == [
        f"Файл «{tmp_path / 'книга.xlsx'}» не найден. Проверьте имя и папку."]


def test_an_empty_file(tmp_path):
    (tmp_path / "пусто.xlsx").write_bytes(b"")
    assert check(tmp_path / "пусто.xlsx") == [
        "Файл «пусто.xlsx» пуст. Нужна книга Excel (.xlsx)."]


def test_a_csv_renamed(tmp_path):
    (tmp_path / "книга.xlsx").write_text("ФИО;Должность\nИванова;методист\n", encoding="utf-8")
    assert check(tmp_path / "книга.xlsx") == [
        "Файл «книга.xlsx» — не книга Excel: похоже, это текст или CSV. Откройте его в Excel "
        "и сохраните как «Книга Excel (.xlsx)»."]


def test_an_old_xls_or_a_password(tmp_path):
    (tmp_path / "книга.xlsx").write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 512)
    assert check(tmp_path / "книга.xlsx") == [
        "Файл «книга.xlsx» — старая книга Excel (.xls) или книга, защищённая паролем. "
        "Откройте её в Excel, снимите пароль, если он есть, и сохраните как «Книга Excel "
        "(.xlsx)»."]


def test_an_ods(tmp_path):
    with zipfile.ZipFile(tmp_path / "книга.ods", "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    assert check(tmp_path / "книга.ods") == [
        "Файл «книга.ods» — таблица OpenDocument (.ods). Откройте её в LibreOffice или Excel "
        "и сохраните как «Книга Excel (.xlsx)»."]


def test_excels_lock_file(tmp_path):
    (tmp_path / "~$книга.xlsx").write_bytes(b"\x0bowner")
    assert check(tmp_path / "~$книга.xlsx") == [
        "«~$книга.xlsx» — это служебный файл Excel, который появляется, пока книга открыта. "
        "Укажите саму книгу: «книга.xlsx»."]


def test_a_damaged_zip(tmp_path):
    (tmp_path / "книга.xlsx").write_bytes(b"PK\x03\x04" + b"\0" * 100)
    assert check(tmp_path / "книга.xlsx") == [
        "Файл «книга.xlsx» повреждён или сохранён не полностью. Откройте его в Excel и "
        "сохраните заново."]


# --- sheets, columns, parameters ---------------------------------------------------------

@pytest.mark.slow
def test_a_missing_sheet_and_a_typo_in_a_sheet_name(tmp_path):
    def change(book):
        del book["Заседания"]
        book["Повестка"].title = "Повестк"
    path = edit(workbook(tmp_path), change)
    assert check(path) == [
        "нет листа «Заседания». Добавьте лист «Заседания» (он есть в пустой книге).",
        "Лист «Повестк»: такого листа программа не знает. Может быть, это «Повестка»? "
        "Переименуйте лист в «Повестка».",
    ]


@pytest.mark.slow
def test_a_missing_column_names_the_closest_header(tmp_path):
    def change(book):
        book["Участники"]["B1"] = "Должнсть"
        book["Повестка"]["B1"] = "Тема"
    path = edit(workbook(tmp_path), change)
    assert check(path) == [
        "Лист «Участники», ячейка B1: столбец «Должнсть» программа не знает. Может быть, это "
        "«Должность»? Переименуйте заголовок.",
        "Лист «Повестка»: в первой строке нет столбца «Содержание». Добавьте столбец "
        "«Содержание» в первую строку.",
    ]


@pytest.mark.slow
def test_a_missing_parameter_and_a_misspelled_one(tmp_path):
    rows = [row for row in BASE["Объединение"]
            if row["Параметр"] not in ("Название", "Руководитель")]
    rows.append({"Параметр": "Руководител", "Значение": "Иванова А.Б."})
    assert check(workbook(tmp_path, Объединение=rows)) == [
        "Лист «Объединение»: нет строки с параметром «Название» (столбец «Параметр»). "
        "Добавьте строку «Название» и впишите значение.",
        "Лист «Объединение», ячейка A7: «Руководител» — может быть, это параметр "
        "«Руководитель»? Напишите его название точно так.",
    ]


# --- cells -------------------------------------------------------------------------------

@pytest.mark.slow
def test_empty_required_cells(tmp_path):
    people = BASE["Участники"] + [{"ФИО": "Новикова Н.Н.", "Учреждение": "СОШ № 5"}]
    agenda = BASE["Повестка"] + [{"Заседание": 2}]
    marks = BASE["Посещаемость"] + [{"ФИО": "Новикова Н.Н.", 1: "+", 2: "+"}]
    assert check(workbook(tmp_path, Участники=people, Повестка=agenda,
                          Посещаемость=marks)) == [
        "Лист «Участники», ячейка B7: не заполнен столбец «Должность». Нужен текст "
        "(должность).",
        "Лист «Повестка», ячейка B6: не заполнен столбец «Содержание». Нужен текст "
        "(пункт повестки).",
    ]


@pytest.mark.slow
def test_merged_cells_in_a_table(tmp_path):
    path = edit(workbook(tmp_path), lambda book: book["Повестка"].merge_cells("A2:A3"))
    assert check(path) == [
        "Лист «Повестка», ячейка A2: объединённые ячейки A2:A3. В таблице каждая строка — "
        "отдельная запись: снимите объединение (Главная → Объединить и поместить в центре) и "
        "заполните каждую ячейку.",
    ]


@pytest.mark.slow
def test_a_formula_with_no_saved_value(tmp_path):
    def change(book):
        book["Заседания"]["A3"] = "=A2+1"
    assert check(edit(workbook(tmp_path), change)) == [
        "Лист «Заседания», ячейка A3: в ячейке формула, но её значение не сохранено. "
        "Откройте файл в Excel и сохраните его (или впишите значение вместо формулы).",
    ]


@pytest.mark.slow
def test_excel_error_values(tmp_path):
    def change(book):
        book["Участники"]["C3"] = "#REF!"
        book["Заседания"]["C2"] = "#DIV/0!"
    assert check(edit(workbook(tmp_path), change)) == [
        "Лист «Участники», ячейка C3: в ячейке ошибка Excel #REF!. Исправьте формулу или "
        "впишите значение.",
        "Лист «Заседания», ячейка C2: в ячейке ошибка Excel #DIV/0!. Впишите дату.",
    ]


@pytest.mark.slow
def test_a_number_where_text_belongs_and_text_where_a_number_belongs(tmp_path):
    people = BASE["Участники"] + [{"ФИО": 12345, "Должность": "библиотекарь",
                                   "Учреждение": "СОШ № 5"}]
    participation = [{"ФИО": "Петрова В.Г.", "Мероприятие": "Курсы",
                      "Вид": "курсы повышения квалификации", "Уровень": "региональный",
                      "Часы": "много"}]
    meetings = BASE["Заседания"] + [{"№": "третье", "Срок": "май"}]
    assert check(workbook(tmp_path, Участники=people, Заседания=meetings,
                          Участие=participation)) == [
        "Лист «Участники», ячейка A7: здесь число 12345, а нужен ФИО. Впишите ФИО вместо "
        "числа.",
        "Лист «Заседания», ячейка A4: «третье» — не номер заседания. Нужно целое число: "
        "1, 2, 3…",
        "Лист «Участие», ячейка G2: «много» — не число. Нужно число часов, например 72.",
    ]


# --- dates and the school year -----------------------------------------------------------

def _dates(tmp_path, first, second, **kwargs):
    meetings = [{"№": 1, "Срок": "осень", "Дата": first}, {"№": 2, "Срок": "весна", "Дата": second}]
    return workbook(tmp_path, Заседания=meetings, **kwargs)


@pytest.mark.slow
def test_dates_as_date_cells_text_and_serial_numbers(tmp_path):
    from generator.workbook.reader import read_workbook

    path = _dates(tmp_path, "15.10.2025", 46134)  # 46134 is 22.04.2026 in a General cell
    meetings = read_workbook(path).meetings
    assert [m.date for m in meetings] == [dt.date(2025, 10, 15), dt.date(2026, 4, 22)]


@pytest.mark.slow
def test_impossible_and_out_of_year_dates(tmp_path):
    assert check(_dates(tmp_path, "31.02.2026", dt.date(2024, 10, 15))) == [
        "Лист «Заседания», ячейка C2: «31.02.2026» — такой даты нет. Нужна дата в виде "
        "ДД.ММ.ГГГГ, например 15.10.2025.",
        "Лист «Заседания», ячейка C3: дата 15.10.2024 не входит в учебный год "
        "(01.08.2025 – 31.07.2026). Проверьте год в дате или учебный год на листе "
        "«Объединение».",
    ]


@pytest.mark.slow
def test_the_1904_date_system(tmp_path):
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    from generator.workbook.reader import read_workbook

    def change(book):
        book.epoch = CALENDAR_MAC_1904
        book["Заседания"]["C2"] = dt.datetime(2025, 10, 15)
        book["Заседания"]["C3"] = 44672  # 22.04.2026 counted from 1904
    path = edit(_dates(tmp_path, None, None), change)
    assert [m.date for m in read_workbook(path).meetings] == [dt.date(2025, 10, 15),
                                                              dt.date(2026, 4, 22)]


@pytest.mark.slow
@pytest.mark.parametrize("year", ["2025-2026", "2025/26", " 2025 / 2026 ", "2025–2026"])
def test_school_year_spellings(tmp_path, year):
    from generator.workbook.reader import read_workbook

    path = workbook(tmp_path, Объединение=set_param(BASE["Объединение"], "Учебный год", year))
    assert read_workbook(path).association.year.label == "2025/2026"


@pytest.mark.slow
def test_a_school_year_of_two_years_apart(tmp_path):
    path = workbook(tmp_path, Объединение=set_param(BASE["Объединение"], "Учебный год",
                                                    "2025/2027"))
    assert check(path) == [
        "Лист «Объединение», ячейка B3: «2025/2027» — не учебный год. Нужно два соседних "
        "года: 2025/2026.",
    ]


# --- closed lists ------------------------------------------------------------------------

@pytest.mark.slow
def test_values_outside_closed_lists_list_the_allowed_ones(tmp_path):
    plan = BASE["Разделы плана"] + [
        {"Раздел": "Цели", "Текст": "Расти"},
        {"Раздел": "Задачи", "Текст": "Учиться", "Выполнение": "сделано"}]
    people = BASE["Участники"] + [{"ФИО": "Новикова Н.Н.", "Должность": "библиотекарь",
                                   "Учреждение": "СОШ № 5", "Статус": "наблюдатель"}]
    participation = [{"ФИО": "Петрова В.Г.", "Мероприятие": "Конкурс", "Вид": "олимпиада",
                      "Уровень": "сельский", "Результат": "грамота"}]
    marks = [("ФИО", 1, 2), *BASE["Посещаемость"][1:3], {"ФИО": "Сидорова Д.Е.", 1: "1", 2: "+"},
             *BASE["Посещаемость"][4:], {"ФИО": "Новикова Н.Н.", 1: "+", 2: "+"}]
    meetings = [{"№": 1, "Срок": "осень", "Дата": dt.date(2025, 10, 15)},
                {"№": 2, "Срок": "весна", "Дата": dt.date(2026, 4, 22), "Статус": "закрыто"}]
    assert check(workbook(tmp_path, Разделы_плана=plan, Участники=people, Заседания=meetings,
                          Участие=participation, Посещаемость=marks)) == [
        "Лист «Разделы плана», ячейка A7: «Цели» — такого значения нет. Допустимо: «Задачи», "
        "«Направления работы», «Формы работы», «Ожидаемые результаты».",
        "Лист «Разделы плана», ячейка C8: «сделано» — такого значения нет. Допустимо: "
        "«выполнена», «частично», «не выполнена» (после них можно комментарий через "
        "двоеточие).",
        "Лист «Участники», ячейка D7: «наблюдатель» — такого значения нет. Допустимо: «член РМО», "
        "«приглашённый».",
        "Лист «Заседания», ячейка E3: «закрыто» — такого статуса нет. Допустимо: пусто, "
        "«отменено» или «перенесено», причина — после двоеточия.",
        "Лист «Посещаемость», ячейка B4: «1» — непонятная отметка. Допустимо: + (был), - или "
        "н (не был), или причина словами: «болезнь», «курсы ПК».",
        "Лист «Участие», ячейка C2: «олимпиада» — такого значения нет. Допустимо: «конкурс», "
        "«конференция», «семинар», «вебинар», «мастер-класс», «открытое мероприятие», "
        "«курсы повышения квалификации», «публикация».",
        "Лист «Участие», ячейка D2: «сельский» — такого значения нет. Допустимо: «школьный», "
        "«муниципальный», «региональный», «всероссийский», «международный».",
        "Лист «Участие», ячейка E2: «грамота» — такого значения нет. Допустимо: "
        "«участник», «лауреат», «призёр», «победитель», «диплом», «сертификат», "
        "«удостоверение».",
    ]


@pytest.mark.slow
def test_case_yo_and_spaces_are_forgiven(tmp_path):
    from generator.model import MemberStatus
    from generator.workbook.reader import read_workbook

    people = [{**row, "Статус": " ПРИГЛАШЕННЫЙ "} if row.get("Статус") == "приглашённый" else row
              for row in BASE["Участники"]]
    plan = [{"Раздел": " задачи ", "Текст": "Учиться", "Выполнение": "Выполнена: полностью"}]
    data = read_workbook(workbook(tmp_path, Участники=people, Разделы_плана=plan))
    assert data.people[-1].status is MemberStatus.GUEST
    assert data.plan.tasks[0].comment == "полностью"


# --- references and duplicates -----------------------------------------------------------

@pytest.mark.slow
def test_head_secretary_and_participant_not_on_the_roster(tmp_path):
    params = set_param(set_param(BASE["Объединение"], "Руководитель", "Главная Г.Г."),
                       "Секретарь", "Пишущая П.П.")
    participation = [{"ФИО": "Забытая З.З.", "Мероприятие": "Конкурс", "Вид": "конкурс",
                      "Уровень": "школьный"}]
    problems = check(workbook(tmp_path, Объединение=params, Участие=participation))
    assert problems == [
        "Лист «Объединение», ячейка B5: «Главная Г.Г.» нет на листе «Участники». Впишите "
        "человека туда или исправьте ФИО, чтобы оно совпадало.",
        "Лист «Объединение», ячейка B9: «Пишущая П.П.» нет на листе «Участники». Впишите "
        "человека туда или исправьте ФИО, чтобы оно совпадало.",
        "Лист «Участие», ячейка A2: «Забытая З.З.» нет на листе «Участники». Впишите человека "
        "туда или исправьте ФИО, чтобы оно совпадало.",
    ]


@pytest.mark.slow
def test_duplicate_person_and_meeting_number(tmp_path):
    people = BASE["Участники"] + [{"ФИО": "Петрова  В. Г.", "Должность": "библиотекарь",
                                   "Учреждение": "СОШ № 9"}]
    meetings = BASE["Заседания"] + [{"№": 2, "Срок": "май"}]
    assert check(workbook(tmp_path, Участники=people, Заседания=meetings)) == [
        "Лист «Участники», ячейка A7: «Петрова В. Г.» уже есть в ячейке A3. ФИО в списке "
        "участников не должны повторяться.",
        "Лист «Заседания», ячейка A4: заседание № 2 уже есть в ячейке A3. Номера заседаний не "
        "должны повторяться.",
    ]


@pytest.mark.slow
def test_all_problems_at_once_sorted_by_sheet_and_row(tmp_path):
    people = BASE["Участники"] + [{"ФИО": "Новикова Н.Н.", "Учреждение": "СОШ № 5"}]
    params = set_param(BASE["Объединение"], "Учебный год", "прошлый")
    marks = BASE["Посещаемость"] + [{"ФИО": "Новикова Н.Н.", 1: "+", 2: "+"}]
    result = CliRunner().invoke(main, ["check", str(workbook(
        tmp_path, Участники=people, Объединение=params, Посещаемость=marks))])
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == "Найдено 2 ошибки, документы не записаны:"
    assert result.output.index("«Объединение»") < result.output.index("«Участники»")


# --- invisible characters, empty rows, hostile files -------------------------------------

@pytest.mark.slow
def test_invisible_characters_never_reach_a_document(tmp_path):
    plan = [{"Раздел": "Задачи", "Текст": "Первая_x000B_вторая\u00a0строка\u200b"},
            {"Раздел": "Задачи", "Текст": "Окно\r\nв мир_x000B_книг\ufeff"}]
    path = workbook(tmp_path, Разделы_плана=plan)
    result = CliRunner().invoke(main, ["build", str(path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    text = full_text(next((tmp_path / "out").rglob("План*.docx")))
    assert "1. Первая\nвторая строка." in text
    assert "2. Окно\nв мир\nкниг." in text
    for bad in ("_x000B_", "\u200b", "\ufeff", "\r", "\x0b"):
        assert bad not in text


@pytest.mark.slow
def test_thousands_of_formatted_empty_rows_are_read_quickly(tmp_path):
    from openpyxl.styles import Font

    from generator.workbook.reader import read_workbook

    def change(book):
        sheet = book["Повестка"]
        for row in range(10, 30010):
            sheet.cell(row, 1).font = Font(bold=True)
            sheet.cell(row, 6).number_format = "@"
    path = edit(workbook(tmp_path), change)
    start = time.perf_counter()
    data = read_workbook(path)
    assert time.perf_counter() - start < 5
    assert sum(len(m.items) for m in data.meetings) == 4


def _with_part(path, name, data):
    """A copy of the workbook with one part replaced."""
    target = path.with_name("hostile.xlsx")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w") as out:
        for info in source.infolist():
            out.writestr(info, data if info.filename == name else source.read(info.filename))
    return target


def _entity_bomb(tmp_path):
    """A billion laughs in «Участники»: a gigabyte of «lol» if the entities were expanded."""
    bomb = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else
                                                   b"&lol;" * 10) for i in range(1, 10))
            + b']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
              b"</sheetData></worksheet>")
    return _with_part(workbook(tmp_path), "xl/worksheets/sheet2.xml", bomb)


def test_an_entity_bomb_is_refused(tmp_path):
    assert check(_entity_bomb(tmp_path)) == [
        "Файл «hostile.xlsx» содержит XML с объявлениями DTD или сущностей (часть "
        "xl/worksheets/sheet2.xml). В книгах Excel их не бывает; файл не прочитан. Сохраните "
        "книгу заново в Excel."]


@pytest.mark.slow
def test_an_entity_bomb_is_refused_quickly(tmp_path):
    """Refused before any entity is expanded; the message is test_an_entity_bomb_is_refused's
    (this one is slow only to keep the clock out of the quick run)."""
    path = _entity_bomb(tmp_path)
    start = time.perf_counter()
    assert check(path)
    assert time.perf_counter() - start < 2


def test_an_external_entity_is_refused(tmp_path):
    xxe = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
           b"</sheetData></worksheet>")
    path = _with_part(workbook(tmp_path), "xl/worksheets/sheet3.xml", xxe)
    assert "содержит XML с объявлениями DTD или сущностей" in check(path)[0]


@pytest.mark.slow
def test_a_zip_bomb_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (210 * 1024 * 1024))
    assert path.stat().st_size < 1024 * 1024
    start = time.perf_counter()
    assert check(path) == [
        "Файл «bomb.xlsx» распаковывается в 210 МБ — это не похоже на книгу РМО. Файл не "
        "прочитан. Проверьте, тот ли файл выбран; картинки из книги лучше удалить."]
    assert time.perf_counter() - start < 2


# --- a crafted sheet: reading time grows with the file, never with its square ------------

_SHEET = (b'<?xml version="1.0" encoding="UTF-8"?>'
          b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
          b'<sheetData><row r="1"><c r="A1"><f>1+1</f></c>%s</row></sheetData></worksheet>')

# What made a regular expression over the raw XML backtrack: cells begun and never ended,
# hidden where the XML parser does not look for cells.
_ADVERSARIAL = {
    "comment": lambda n: b"<!--" + b'<c r="A1">' * n + b"-->",
    "cdata": lambda n: b'<c r="B1" t="inlineStr"><is><t><![CDATA[' + b'<c r="A1"><f>' * n
                       + b"]]></t></is></c>",
    "instruction": lambda n: b"<?rmo " + b'<c r="A1">' * n + b"?>",
    "text": lambda n: b'<c r="B1" t="inlineStr"><is><t>' + b"&lt;c r=&quot;A1&quot;&gt;" * n
                      + b"</t></is></c>",
}


def _time_to_open(path) -> float:
    from generator.workbook.opening import open_workbook

    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        book, facts = open_workbook(path)
        best = min(best, time.perf_counter() - start)
        book.close()
    assert facts["Заседания"].formulas == {"A1"}
    return best


@pytest.mark.slow  # a clock, kept out of the quick run
@pytest.mark.parametrize("shape", sorted(_ADVERSARIAL))
def test_reading_a_crafted_sheet_takes_time_in_proportion_to_its_size(tmp_path, shape):
    """Eight times the XML may take about eight times as long, never sixty-four."""
    template = workbook(tmp_path)
    times = []
    for n in (4_000, 32_000):
        xml = _SHEET % _ADVERSARIAL[shape](n)
        path = _with_part(template, "xl/worksheets/sheet6.xml", xml)  # «Заседания»
        times.append(_time_to_open(path))
    assert times[1] / times[0] < 20, times


@pytest.mark.slow
def test_a_crafted_sheet_is_read_as_excel_reads_it(tmp_path):
    """The cells in a comment are not cells; the book is read, the formula named."""
    def change(book):
        book["Заседания"]["A3"] = "=A2+1"
    path = edit(workbook(tmp_path), change)
    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet6.xml")
    xml = xml.replace(b"<sheetData>", b"<sheetData>" + _ADVERSARIAL["comment"](20_000))
    path = _with_part(path, "xl/worksheets/sheet6.xml", xml)
    start = time.perf_counter()
    assert check(path)[0].startswith("Лист «Заседания», ячейка A3: в ячейке формула, но её "
                                     "значение не сохранено.")
    assert time.perf_counter() - start < 10


_CELLS = st.lists(st.tuples(st.sampled_from(["A", "B", "AA"]), st.integers(1, 30),
                            st.booleans(), st.sampled_from([None, "", " ", "7"]),
                            st.booleans()),
                  max_size=12)


@settings(max_examples=60, deadline=None)
@given(cells=_CELLS, noise=st.sampled_from(sorted(_ADVERSARIAL)))
def test_formulas_with_no_value_are_found_wherever_the_sheet_puts_them(cells, noise):
    """Cells with and without their address, formula and value, among crafted noise: those
    found are the cells with a formula and no saved value, and only real cells count."""
    import io

    from generator.workbook.opening import _scan_sheet

    rows, expected = [], set()
    for letter, row, formula, value, addressed in cells:
        address = f"{letter}{row}"
        rows.append(f'<row r="{row}">' + (f'<c r="{address}">' if addressed else "<c>")
                    + ("<f>1+1</f>" if formula else "")
                    + ("" if value is None else f"<v>{value}</v>") + "</c></row>")
        if formula and not value:
            expected.add(address if addressed else f"A{row}")  # the first cell of its row
    sheet = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             b'<sheetData><row r="100">' + _ADVERSARIAL[noise](3) + b"</row>"
             + "".join(rows).encode() + b"</sheetData></worksheet>")
    assert _scan_sheet(io.BytesIO(sheet), "sheet.xml", None).formulas == expected
