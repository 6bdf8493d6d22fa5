"""Ordinary spreadsheet edits never lose data in silence (issue 12): each edit gives the exact
error or warning naming the sheet and the cell, or the documents it still builds."""

from __future__ import annotations

import copy
import datetime as dt

import openpyxl
from click.testing import CliRunner

from generator.build import build
from generator.cli.main import main
from generator.model import Level, MemberStatus, Result
from generator.workbook.reader import inspect_workbook, read_workbook

from .helpers import BASE, full_text, set_param, workbook

SECRETARY = ("Лист «Объединение»: не указан секретарь, а заседания уже проводились: в "
             "протоколах подпись секретаря останется пустой. Впишите параметр «Секретарь» — "
             "ФИО с листа «Участники».")
NO_DECISION = ("Лист «Повестка», ячейка F5: «Решили» не заполнено: без решения протокол этого "
               "заседания не готов — ни он, ни выписки и справки по нему не будут сделаны. "
               "Впишите решение, например «Информацию принять к сведению.», или «нет» в "
               "«Проведено», если вопрос сняли с повестки.")
BASE_WARNINGS = [SECRETARY]


def edit(path, change):
    book = openpyxl.load_workbook(path)
    change(book)
    book.save(path)
    return path


def errors(path) -> list[str]:
    return [str(p) for p in inspect_workbook(path).errors]


def warnings(path) -> list[str]:
    return [str(p) for p in inspect_workbook(path).warnings]


def rename(sheet: str, cell: str, value: str):
    def change(book):
        book[sheet][cell] = value
    return change


# --- renamed headers and sheets -----------------------------------------------------------

def test_a_header_in_the_singular_is_an_error_naming_the_probable_column(tmp_path):
    path = edit(workbook(tmp_path), rename("Повестка", "C1", "Докладчик"))
    assert errors(path) == [
        "Лист «Повестка», ячейка C1: столбец «Докладчик» программа не знает. Может быть, это "
        "«Докладчики»? Переименуйте заголовок."]


def test_decisions_renamed_and_a_date_with_an_added_word(tmp_path):
    def change(book):
        book["Повестка"]["F1"] = "Решение"
        book["Заседания"]["C1"] = "Дата проведения"
    assert errors(edit(workbook(tmp_path), change)) == [
        "Лист «Заседания», ячейка C1: столбец «Дата проведения» программа не знает. Может "
        "быть, это «Дата»? Переименуйте заголовок.",
        "Лист «Повестка», ячейка F1: столбец «Решение» программа не знает. Может быть, это "
        "«Решили»? Переименуйте заголовок.",
    ]


def test_a_misspelled_required_column_is_one_message(tmp_path):
    path = edit(workbook(tmp_path), rename("Участники", "B1", "Должнсть"))
    assert errors(path) == [
        "Лист «Участники», ячейка B1: столбец «Должнсть» программа не знает. Может быть, это "
        "«Должность»? Переименуйте заголовок."]


def test_a_sheet_with_a_year_appended(tmp_path):
    def change(book):
        book["Участие"].title = "Участие 2025"
    path = workbook(tmp_path, Участие=[{"ФИО": "Петрова В.Г.", "Мероприятие": "Конкурс",
                                        "Вид": "конкурс", "Уровень": "школьный"}])
    assert errors(edit(path, change)) == [
        "Лист «Участие 2025»: такого листа программа не знает. Может быть, это «Участие»? "
        "Переименуйте лист в «Участие»."]


def test_a_sheet_named_by_excel_is_recognised_by_its_columns(tmp_path):
    def change(book):
        book["Участники"].title = "Лист1"
    assert errors(edit(workbook(tmp_path), change)) == [
        "Лист «Лист1»: такого листа программа не знает. По столбцам это лист «Участники». "
        "Переименуйте лист в «Участники»."]


def test_a_missing_sheet_and_a_typo_in_a_sheet_name(tmp_path):
    def change(book):
        del book["Заседания"]
        book["Повестка"].title = "Повестк"
    assert errors(edit(workbook(tmp_path), change)) == [
        "нет листа «Заседания». Добавьте лист «Заседания» (он есть в пустой книге).",
        "Лист «Повестк»: такого листа программа не знает. Может быть, это «Повестка»? "
        "Переименуйте лист в «Повестка».",
    ]


def test_an_unknown_column_and_sheet_with_data_are_warnings(tmp_path):
    def change(book):
        book["Участники"]["F1"] = "Телефон"
        book["Участники"]["F3"] = "8-900-000-00-00"
        book["Участники"]["G1"] = "Пустой столбец"
        book.create_sheet("Заметки")["A1"] = "позвонить в МАУ"
        book.create_sheet("Пустой лист")
    path = edit(workbook(tmp_path), change)
    assert errors(path) == []
    assert warnings(path) == [
        SECRETARY,
        "Лист «Участники», ячейка F1: столбец «Телефон» программа не знает и его не читает. "
        "Если в нём нужные сведения, перенесите их в столбцы книги.",
        "Лист «Заметки»: такого листа программа не знает и его не читает. Если в нём нужные "
        "сведения, перенесите их на листы книги.",
    ]


def test_rmo_check_prints_the_warnings_after_the_book_is_found_in_order(tmp_path):
    result = CliRunner().invoke(main, ["check", str(workbook(tmp_path))])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Книга в порядке: РМО школьных библиотекарей, 2025/2026 учебный год.",
        f"Предупреждение: {SECRETARY}"]


def test_a_missing_participation_sheet_is_not_entered_not_nothing(tmp_path):
    path = edit(workbook(tmp_path), lambda book: book.remove(book["Участие"]))
    assert warnings(path) == [
        "нет листа «Участие»: в анализе будет сказано, что сведения об участии в мероприятиях "
        "не внесены. Если сведения есть, добавьте лист «Участие».", *BASE_WARNINGS]
    written = build(path, tmp_path / "out").written
    analysis = next(w.path for w in written if w.path.name.startswith("Анализ"))
    text = full_text(analysis)
    assert "Сведения об участии членов РМО в мероприятиях вне заседаний не внесены." in text
    assert "не отмечено" not in text and "не участвовали" not in text
    assert "Не выступали на заседаниях:\nИванова\u00a0А.Б." in text


def test_a_missing_summary_sheet_is_said_in_the_analysis(tmp_path):
    path = edit(workbook(tmp_path), lambda book: book.remove(book["Итоги"]))
    assert warnings(path)[0] == (
        "нет листа «Итоги»: в анализе будет сказано, что итоги года не внесены. Если сведения "
        "есть, добавьте лист «Итоги».")
    written = build(path, tmp_path / "out").written
    analysis = next(w.path for w in written if w.path.name.startswith("Анализ"))
    assert "Выводы\nИтоги года не внесены." in full_text(analysis)


# --- one cause, one message ---------------------------------------------------------------

def test_a_latin_letter_in_a_name_is_named_once(tmp_path):
    marks = [dict(row) if isinstance(row, dict) else row for row in BASE["Посещаемость"]]
    marks[3]["ФИО"] = "Cидорова Д.Е."  # a Latin C
    assert errors(workbook(tmp_path, Посещаемость=marks)) == [
        "Лист «Посещаемость», ячейка A4: в «Cидорова Д.Е.» первая буква латинская («C»). "
        "Наберите её русской буквой."]


def test_speakers_separated_by_commas(tmp_path):
    agenda = [dict(row) for row in BASE["Повестка"]]
    agenda[3]["Докладчики"] = "Орлова Ю.А., Петрова В.Г."
    data = read_workbook(workbook(tmp_path, Повестка=agenda))
    assert [p.name for p in data.meetings[1].items[1].speakers] == ["Орлова Ю.А.",
                                                                    "Петрова В.Г."]
    agenda[3]["Докладчики"] = "Орлова Ю.А., Незнакомая Н.Н."
    assert errors(workbook(tmp_path, name="b.xlsx", Повестка=agenda)) == [
        "Лист «Повестка», ячейка C5: «Орлова Ю.А., Незнакомая Н.Н.» нет на листе «Участники». "
        "Если это несколько докладчиков, разделите их знаком «;», а ФИО пишите, как на листе "
        "«Участники»."]


def test_a_totals_row_is_skipped_with_a_warning(tmp_path):
    marks = [*BASE["Посещаемость"], {"ФИО": "Итого", 1: 4, 2: 3}]
    path = workbook(tmp_path, Посещаемость=marks)
    assert errors(path) == []
    assert "Лист «Посещаемость», ячейка A7: строка «Итого» — итоговая, а не человек; " \
           "программа её пропускает. Итоги программа считает сама." in warnings(path)


def test_an_empty_row_above_the_header_is_tolerated(tmp_path):
    path = edit(workbook(tmp_path), lambda book: book["Участники"].insert_rows(1))
    data = read_workbook(path)
    assert [p.name for p in data.people][:2] == ["Иванова А.Б.", "Петрова В.Г."]


def test_alt_enter_inside_a_position_is_joined_with_a_warning(tmp_path):
    people = [dict(row) for row in BASE["Участники"]]
    people[1]["Должность"] = "педагог-\nбиблиотекарь"
    path = workbook(tmp_path, Участники=people)
    assert read_workbook(path).people[1].position == "педагог-библиотекарь"
    assert warnings(path)[1] == (
        "Лист «Участники», ячейка B3: перенос строки внутри «Должность»: программа читает "
        "текст в одну строку — «педагог-библиотекарь». Уберите перенос (Alt+Enter), если "
        "он лишний.")


def test_a_wrong_guest_status_is_the_only_message_about_that_guest(tmp_path):
    people = [*BASE["Участники"], {"ФИО": "Новикова Н.Н.", "Должность": "методист",
                                   "Учреждение": "ИРО", "Статус": "слушатель"}]
    assert errors(workbook(tmp_path, Участники=people)) == [
        "Лист «Участники», ячейка D7: «слушатель» — такого значения нет. Допустимо: "
        "«член РМО», «приглашённый»."]


def test_the_synonyms_of_the_contract_are_accepted(tmp_path):
    people = [*BASE["Участники"],
              {"ФИО": "Новикова Н.Н.", "Должность": "методист", "Учреждение": "ИРО",
               "Статус": "гость"},
              {"ФИО": "Старова С.С.", "Должность": "методист", "Учреждение": "ИРО",
               "Статус": "приглашенная"}]
    plan = [{"Раздел": "Задачи", "Текст": "Учиться", "Выполнение": "выполнено"}]
    participation = [
        {"ФИО": "Петрова В.Г.", "Мероприятие": "Конкурс", "Вид": "конкурс",
         "Уровень": "районный", "Результат": "2 место"},
        {"ФИО": "Орлова Ю.А.", "Мероприятие": "Конференция", "Вид": "конференция",
         "Уровень": "окружной", "Результат": "1 место"}]
    data = read_workbook(workbook(tmp_path, Участники=people, Разделы_плана=plan,
                                  Участие=participation))
    assert [p.status for p in data.people[-2:]] == [MemberStatus.GUEST] * 2
    assert data.plan.tasks[0].fulfilment.value == "выполнена"
    assert [(p.level, p.result) for p in data.participation] == [
        (Level.MUNICIPAL, Result.PRIZE_WINNER), (Level.REGIONAL, Result.WINNER)]


# --- warnings about documents that would come out with something missing ------------------

def test_a_talk_with_no_speaker_and_the_heads_own_certificate(tmp_path):
    agenda = [*BASE["Повестка"],
              {"Заседание": 1, "Содержание": "Выступление по теме «Новинки»"},
              {"Заседание": 2, "Содержание": "Сообщение «Итоги года»",
               "Докладчики": "Иванова А.Б.", "Решили": "Принять к сведению."}]
    params = set_param(BASE["Объединение"], "Секретарь", "Петрова В.Г.")
    path = workbook(tmp_path, Повестка=agenda, Объединение=params)
    assert warnings(path) == [
        "Лист «Объединение»: не указано, кто подписывает справки, а у руководителя есть "
        "выступление (заседание № 2): справку руководителя подписать некому — она не будет "
        "сделана. Впишите параметр «Подписывает справки», "
        "например «Директор МАУ «БМЦ» Е.А. Иванова».",
        "Лист «Повестка», ячейка C6: пункт — выступление, но докладчик не указан: справки о "
        "выступлении не будет. Впишите ФИО докладчика с листа «Участники».",
        NO_DECISION.replace("F5", "F6"),
    ]
    assert dt.date  # the dates of the base workbook make both meetings held


def test_an_item_given_without_a_decision_is_said_before_the_build(tmp_path):
    agenda = copy.deepcopy(BASE["Повестка"])
    del agenda[3]["Решили"]
    assert warnings(workbook(tmp_path, Повестка=agenda)) == [SECRETARY, NO_DECISION]
