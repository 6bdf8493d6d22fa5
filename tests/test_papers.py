"""Speakers' papers, registration sheets, a blank workbook and next year's workbook."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest
from click.testing import CliRunner

from generator.build import build
from generator.cli.main import main
from generator.documents.kinds import WORDS, DocumentKind
from generator.model import Person, Sex
from generator.russian.declension import gender, name_dative, position_dative
from generator.workbook.reader import inspect_workbook, read_workbook

from .helpers import BASE, SAMPLE, paragraphs, table_rows, tables, workbook


def person(name: str, sex: str = "") -> Person:
    return Person(name, "педагог-библиотекарь", "СОШ № 1", sex=Sex(sex) if sex else None)


@pytest.mark.parametrize(("name", "dative"), [
    ("Орлова Ю.А.", "Орловой\u00a0Ю.А."),
    ("Мазеева Раиса Викторовна", "Мазеевой Раисе Викторовне"),
    ("Иванов Пётр Ильич", "Иванову Петру Ильичу"),
    ("Лихачева Ольга Васильевна", "Лихачевой Ольге Васильевне"),
    ("Кузьмина Любовь Ильинична", "Кузьминой Любови Ильиничне"),
    ("Петренко Иван Петрович", "Петренко Ивану Петровичу"),
    ("Бойко Анна Сергеевна", "Бойко Анне Сергеевне"),
    ("Ланге Анна Карловна", "Ланге Анне Карловне"),
    ("Ким Сергей Петрович", "Киму Сергею Петровичу"),
    ("Ким Елена Олеговна", "Ким Елене Олеговне"),
    ("Дюма Александр Петрович", "Дюма Александру Петровичу"),
    ("Петрова-Водкина Е.Е.", "Петровой-Водкиной\u00a0Е.Е."),
    ("Соколов И.И.", "Соколову\u00a0И.И."),
])
def test_names_in_the_dative(name, dative):
    assert name_dative(person(name)) == dative


@pytest.mark.parametrize("name", ["Бойко А.А.", "Петренко И.П.", "Ланге А.К.", "Ким Ю.",
                                  "Дюма А.", "Касьян А.В."])
def test_an_ambiguous_surname_with_initials_is_not_guessed(name):
    assert gender(person(name)) is None
    assert name_dative(person(name)) is None


def test_the_sex_column_overrides_the_guess():
    assert name_dative(person("Касьян А.В.", sex="ж")) == "Касьян\u00a0А.В."
    assert name_dative(person("Касьян А.В.", sex="м")) == "Касьяну\u00a0А.В."


@pytest.mark.parametrize(("position", "dative"), [
    ("педагог-библиотекарь", "педагогу-библиотекарю"),
    ("заведующий библиотекой", "заведующему библиотекой"),
    ("заведующая библиотекой", "заведующей библиотекой"),
    ("методист", "методисту"),
    ("библиотекарь", "библиотекарю"),
    ("учитель русского языка", "учителю русского языка"),
    ("региональный менеджер", "региональному менеджеру"),
    ("главный библиотекарь МАУ «БМЦ»", "главному библиотекарю МАУ «БМЦ»"),
])
def test_positions_in_the_dative(position, dative):
    assert position_dative(position) == dative


AGENDA = [
    {"Заседание": 1, "Содержание": "Утверждение плана работы", "Ответственный": "Руководитель МО",
     "Решили": "Утвердить план."},
    {"Заседание": 1, "Содержание": "Выступление по теме «Читательские конференции»",
     "Докладчики": "Петрова В.Г.", "Решили": "Информацию принять к сведению.\nОпыт рекомендовать."},
    {"Заседание": 2, "Содержание": "Выступление по теме «Книги-юбиляры»",
     "Докладчики": "Сидорова Д.Е.", "Проведено": "нет"},
    {"Заседание": 2, "Содержание": "Выступление по теме «Краеведение»",
     "Докладчики": "Орлова Ю.А.; Бойко А.А.", "Решили": "Информацию принять к сведению."},
]
PEOPLE = BASE["Участники"] + [{"ФИО": "Бойко А.А.", "Должность": "учитель русского языка",
                               "Учреждение": "СОШ № 2"},
                              {"ФИО": "Соколов И.И.", "Должность": "заведующий библиотекой",
                               "Учреждение": "СОШ № 4"}]
MARKS = BASE["Посещаемость"] + [{"ФИО": "Бойко А.А.", 1: "+", 2: "+"},
                                {"ФИО": "Соколов И.И.", 1: "+", 2: "-"}]
MEETINGS = BASE["Заседания"] + [{"№": 3, "Срок": "май", "Дата": dt.date(2026, 5, 20),
                                 "Статус": "отменено: карантин"},
                                {"№": 4, "Срок": "июнь"}]


@pytest.fixture(scope="module")
def papers(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("papers")
    path = workbook(tmp, Повестка=AGENDA, Участники=PEOPLE, Посещаемость=MARKS,
                    Заседания=MEETINGS)
    return {r.path.name: r for r in build(path, tmp / "out").written}


def test_papers_only_for_talks_given_at_held_meetings(papers):
    extracts = sorted(n for n, r in papers.items() if r.kind is DocumentKind.EXTRACT)
    certificates = sorted(n for n, r in papers.items() if r.kind is DocumentKind.CERTIFICATE)
    # Сидорова's talk was withdrawn: no papers for it, but it keeps its number 1 in the
    # minutes, so the talk given is item 2.
    assert extracts == ["Выписка из протокола № 1, п. 2 (Петрова В.Г.).docx",
                        "Выписка из протокола № 2, п. 2 (Орлова Ю.А., Бойко А.А.).docx"]
    assert certificates == [
        "Справка о выступлении (Бойко А.А., протокол № 2, п. 2).docx",
        "Справка о выступлении (Орлова Ю.А., протокол № 2, п. 2).docx",
        "Справка о выступлении (Петрова В.Г., протокол № 1, п. 2).docx",
    ]


def test_a_certificate_in_the_dative_with_the_verb_in_her_gender(papers):
    lines = paragraphs(papers["Справка о выступлении (Орлова Ю.А., протокол № 2, п. 2)"
                              ".docx"].path)
    assert lines[lines.index("СПРАВКА") + 1] == (
        "Дана Орловой\u00a0Ю.А., педагогу-библиотекарю СОШ п.\u00a0Сорум, в том, что она "
        "22.04.2026 выступила на заседании РМО школьных библиотекарей по теме «Краеведение» "
        "(протокол от 22.04.2026\u00a0№\u00a02).")
    assert lines[-1] == "Руководитель РМО\t______________\tА.Б.\u00a0Иванова"


def test_a_certificate_with_an_ambiguous_name_uses_a_neutral_phrasing(papers):
    lines = paragraphs(papers["Справка о выступлении (Бойко А.А., протокол № 2, п. 2)"
                              ".docx"].path)
    assert lines[lines.index("СПРАВКА") + 1] == (
        # The position in the dative (it needs no gender); the speaker named in a genitive
        # that is the same for a woman and a man.
        "Дана Бойко\u00a0А.А., учителю русского языка СОШ\u00a0№\u00a02, в том, что 22.04.2026 "
        "на заседании РМО школьных библиотекарей заслушано выступление А.А.\u00a0Бойко по теме "
        "«Краеведение» "
        "(протокол от 22.04.2026\u00a0№\u00a02).")


def test_a_name_whose_genitive_tells_the_gender_is_given_in_brackets(tmp_path):
    """«Касьян А.В.» is «Касьяна» for a man and «Касьян» for a woman: the neutral phrasing
    names the speaker in the nominative, beside the protocol, and `rmo check` says to fill
    «Пол»."""
    people = BASE["Участники"] + [{"ФИО": "Касьян А.В.", "Должность": "педагог-библиотекарь",
                                   "Учреждение": "СОШ № 3"}]
    marks = BASE["Посещаемость"] + [{"ФИО": "Касьян А.В.", 1: "+", 2: "+"}]
    agenda = [*BASE["Повестка"], {"Заседание": 1, "Содержание": "Сообщение «Книги-юбиляры»",
                                  "Докладчики": "Касьян А.В.", "Решили": "Принять к сведению."}]
    path = workbook(tmp_path, Участники=people, Посещаемость=marks, Повестка=agenda)
    assert [str(p) for p in inspect_workbook(path).warnings if "Пол" in str(p)] == [
        "Лист «Участники», ячейка E7: по ФИО «Касьян А.В.» не понять, женщина это или "
        "мужчина: справка о выступлении будет написана без рода («заслушано выступление …»). "
        "Впишите «ж» или «м» в столбец «Пол»."]
    found = {w.path.name: w.path for w in build(path, tmp_path / "out").written}
    lines = paragraphs(found["Справка о выступлении (Касьян А.В., протокол № 1, п. 3).docx"])
    assert lines[lines.index("СПРАВКА") + 1] == (
        "Дана Касьян\u00a0А.В., педагогу-библиотекарю СОШ\u00a0№\u00a03, в том, что 15.10.2025 "
        "на заседании РМО школьных библиотекарей заслушано сообщение «Книги-юбиляры» "
        "(докладчик\u00a0– А.В.\u00a0Касьян; протокол от 15.10.2025\u00a0№\u00a01).")


def test_an_extract_holds_the_one_item_with_its_decisions_and_the_certification(papers):
    from generator.archive import issued

    lines = paragraphs(papers["Выписка из протокола № 1, п. 2 (Петрова В.Г.).docx"].path)
    assert lines[3:9] == ["ВЫПИСКА ИЗ ПРОТОКОЛА", "15.10.2025\t№\u00a01", "",
                          "заседания РМО школьных библиотекарей", "",
                          "Место проведения: МАУ «БМЦ»"]
    start = lines.index("Присутствовали: 5\u00a0человек из 6\u00a0членов РМО.")
    assert lines[start + 1:] == [
        "ПОВЕСТКА ДНЯ:",
        "2. Выступление по теме «Читательские конференции».",
        "2. СЛУШАЛИ: Петрову\u00a0В.Г., педагога-библиотекаря СОШ\u00a0№\u00a01, с выступлением "
        "по теме «Читательские конференции».",
        "РЕШИЛИ:",
        "2.1. Информацию принять к сведению.",
        "2.2. Опыт рекомендовать.",
        # No secretary: no blank secretary line, and the head signs once, certifying.
        "Выписка верна",
        "Руководитель РМО\t______________\tА.Б.\u00a0Иванова",
        issued.today().strftime("%d.%m.%Y"),  # the day the extract was made
    ]


def test_registration_sheets_for_every_in_person_meeting_not_cancelled(papers):
    sheets = sorted(n for n, r in papers.items() if r.kind is DocumentKind.REGISTRATION)
    # Meeting 2 is held online: nobody signs a sheet remotely. Meeting 3 is cancelled.
    assert sheets == ["Лист регистрации, заседание № 1 от 15.10.2025.docx",
                      "Лист регистрации, заседание № 4.docx"]
    path = papers["Лист регистрации, заседание № 4.docx"].path
    lines = paragraphs(path)
    assert lines[2:5] == ["Лист регистрации участников заседания №\u00a04 РМО школьных "
                          "библиотекарей", "Дата: «____» ____________ 20___ г.",
                          "Место проведения: МАУ «БМЦ»"]
    first = paragraphs(papers["Лист регистрации, заседание № 1 от 15.10.2025.docx"].path)
    # Held: attached to its minutes, as the protocol says («лист регистрации прилагается»).
    assert first[0] == "Приложение к протоколу от 15.10.2025 №\u00a01"
    assert first[3] == ("Лист регистрации участников заседания №\u00a01 РМО школьных "
                        "библиотекарей от 15.10.2025")
    (table,) = tables(path)
    rows = table_rows(table)
    assert rows[0] == ["№", "ФИО", "Должность", "Учреждение", "Подпись"]
    assert rows[1] == ["1", "Бойко\u00a0А.А.", "учитель русского языка", "СОШ\u00a0№\u00a02",
                       ""]
    assert len(rows) == 1 + 6 + 5  # every member (guests aside) and five blank rows
    assert rows[-1] == ["11", "", "", "", ""]


@pytest.mark.slow
def test_only_some_kinds(tmp_path):
    result = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path),
                                       "--only", "Справки, протокол"])
    assert result.exit_code == 0, result.output
    names = [p.name for p in (tmp_path / "2025-2026").glob("*.docx")]
    assert len(names) == 3 + 11  # the guest who spoke needs no certificate
    assert all(n.startswith(("Протокол", "Справка")) for n in names)
    wrong = CliRunner().invoke(main, ["build", str(SAMPLE), "-o", str(tmp_path),
                                      "--only", "грамоты"])
    assert wrong.exit_code == 1
    assert wrong.output == ("Ошибка: «грамоты» — такого вида документов нет. Допустимо: "
                            f"{', '.join(WORDS)} (через запятую).\n")
    assert WORDS[:4] == ("план", "паспорт", "программы", "протоколы")


@pytest.mark.slow
def test_init_then_build_lists_what_to_fill_in_first(tmp_path):
    target = tmp_path / "новая.xlsx"
    runner = CliRunner()
    result = runner.invoke(main, ["init", str(target)])
    assert result.exit_code == 0
    built = runner.invoke(main, ["build", str(target), "-o", str(tmp_path / "out")])
    assert built.exit_code == 1
    assert built.output == (
        "Найдено 4 ошибки, документы не записаны:\n"
        "• Лист «Объединение», ячейка B2: не заполнено значение параметра «Название». "
        "Впишите его в столбец «Значение».\n"
        "• Лист «Объединение», ячейка B3: не заполнено значение параметра «Учебный год». "
        "Впишите его в столбец «Значение».\n"
        "• Лист «Объединение», ячейка B4: не заполнено значение параметра «Методическая "
        "тема». Впишите его в столбец «Значение».\n"
        "• Лист «Объединение», ячейка B5: не заполнено значение параметра «Руководитель». "
        "Впишите его в столбец «Значение».\n")
    again = runner.invoke(main, ["init", str(target)])
    assert again.exit_code == 1
    assert "уже есть; rmo не перезаписывает файлы" in again.output


def test_the_blank_workbook_guides_the_user(tmp_path):
    from generator.workbook.newyear import init

    book = openpyxl.load_workbook(init(tmp_path / "new.xlsx"))
    assert book.sheetnames[0] == "Инструкция"
    assert book.sheetnames[1:] == ["Объединение", "Разделы плана", "Участники",
                                   "Календарный план", "Заседания", "Повестка", "Посещаемость",
                                   "Участие", "Итоги"]
    for ws in book.worksheets[1:]:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold
    lists = {ws.title: [(str(dv.sqref), dv.formula1) for dv in ws.data_validations.dataValidation]
             for ws in book.worksheets}
    assert ("C2:C500", '"конкурс,конференция,семинар,вебинар,мастер-класс,открытое '
            'мероприятие,курсы повышения квалификации,публикация"') in lists["Участие"]
    assert ("A2:A500", "'Участники'!$A$2:$A$500") in lists["Участие"]
    assert ("D2:D500", '"член РМО,приглашённый"') in lists["Участники"]
    assert ("B5", "'Участники'!$A$2:$A$500") in lists["Объединение"]


@pytest.mark.slow
def test_new_year_keeps_the_roster_and_clears_the_year(tmp_path):
    target = tmp_path / "rmo-2026-2027.xlsx"
    result = CliRunner().invoke(main, ["new-year", str(SAMPLE), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith(f"Создана книга «{target}» на 2026/2027 учебный год.")
    old, new = read_workbook(SAMPLE), read_workbook(target)
    assert new.association.year.label == "2026/2027"
    assert new.people == old.people
    assert new.calendar == old.calendar
    assert [t.text for t in new.plan.tasks] == [t.text for t in old.plan.tasks]
    assert all(t.fulfilment is None for t in new.plan.tasks)
    assert [(m.number, m.period, m.date, m.items) for m in new.meetings] == [
        (m.number, m.period, None, ()) for m in old.meetings]
    assert all(not m.attendance for m in new.meetings)
    assert new.participation == () and not any(new.summary.values())
    again = CliRunner().invoke(main, ["new-year", str(SAMPLE), "-o", str(target)])
    assert again.exit_code == 1
