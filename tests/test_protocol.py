"""The minutes of every held meeting, read back as the secretary would read them."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.build import build
from generator.documents.kinds import DocumentKind
from generator.errors import RmoError

from .helpers import (
    BASE,
    assert_clean_text,
    assert_xml_strict,
    paragraphs,
    to_pdf_text,
    workbook,
)


def minutes(results, number):
    (path,) = [r.path for r in results
               if r.kind is DocumentKind.PROTOCOL and f"№ {number} " in r.path.name]
    return path


@pytest.mark.slow
def test_every_held_meeting_gets_minutes_named_by_number_and_date(tmp_path):
    results = build(workbook(tmp_path), tmp_path / "out").written
    names = sorted(r.path.name for r in results if r.kind is DocumentKind.PROTOCOL)
    assert names == ["Протокол № 1 от 15.10.2025.docx", "Протокол № 2 от 22.04.2026.docx"]


@pytest.mark.slow
def test_minutes_read_as_a_secretary_writes_them(tmp_path):
    results = build(workbook(tmp_path), tmp_path / "out").written
    lines = paragraphs(minutes(results, 1))
    assert lines == [
        "МАУ «БМЦ»",
        "Районное методическое объединение школьных библиотекарей",
        "",
        "ПРОТОКОЛ",
        "15.10.2025\t№\u00a01",
        "",  # no «Населённый пункт»: nothing under the date, never the venue again
        "заседания РМО школьных библиотекарей",
        "",
        "Место проведения: МАУ «БМЦ»",
        "Председатель – А.Б.\u00a0Иванова",
        "Присутствовали: 3\u00a0человека из 4\u00a0членов РМО",
        "1. Иванова\u00a0А.Б., методист, МАУ «БМЦ»",
        "2. Петрова\u00a0В.Г., педагог-библиотекарь, СОШ\u00a0№\u00a01",
        "3. Сидорова\u00a0Д.Е., библиотекарь, СОШ\u00a0№\u00a02",
        "Отсутствовали: 1\u00a0человек",
        "1. Орлова\u00a0Ю.А.",
        "Приглашённые:",
        "1. Гостева\u00a0Ж.З., региональный менеджер, АО «Просвещение»",
        "ПОВЕСТКА ДНЯ:",
        "1. Утверждение плана работы.",
        "2. Выступление по теме «Читательские конференции».",
        # «Руководитель МО» is the head: named, in the accusative, by her role.
        "1. СЛУШАЛИ: Иванову\u00a0А.Б., руководителя РМО, по вопросу «Утверждение плана "
        "работы».",
        "РЕШИЛИ:",
        "1.1. Утвердить план работы.",
        "2. СЛУШАЛИ: Петрову\u00a0В.Г., педагога-библиотекаря СОШ\u00a0№\u00a01, с выступлением "
        "по теме «Читательские конференции».",
        "РЕШИЛИ:",
        "2.1. Информацию принять к сведению.",
        "Председатель\t______________\tА.Б.\u00a0Иванова",
        "Секретарь\t______________\t______________",
    ]


@pytest.mark.slow
def test_absence_reasons_secretary_and_an_item_without_decisions(tmp_path):
    from .helpers import set_param

    path = workbook(tmp_path, Объединение=set_param(BASE["Объединение"], "Секретарь",
                                                    "Петрова В.Г."))
    results = build(path, tmp_path / "out").written
    lines = paragraphs(minutes(results, 2))
    assert "Секретарь – В.Г.\u00a0Петрова" in lines
    assert lines[-1] == "Секретарь\t______________\tВ.Г.\u00a0Петрова"
    absent = lines.index("Отсутствовали: 1\u00a0человек")
    assert lines[absent + 1] == "1. Сидорова\u00a0Д.Е.\u00a0– болезнь"
    assert "Приглашённые:" not in lines  # the guest came only to meeting 1
    second = next(i for i, line in enumerate(lines) if line.startswith("2. СЛУШАЛИ:"))
    assert lines[second:second + 3] == [
        "2. СЛУШАЛИ: Орлову\u00a0Ю.А., педагога-библиотекаря СОШ п.\u00a0Сорум, с "
        "выступлением по теме «Краеведение».", "РЕШИЛИ:", "2.1. Информацию принять к сведению."]


def _people(n):
    return [{"ФИО": f"Участникова{chr(0x430 + i)} А.А.", "Должность": "библиотекарь",
             "Учреждение": f"СОШ № {i + 1}"} for i in range(n)]


@pytest.mark.slow
def test_more_than_fifteen_present_refers_to_the_registration_sheet(tmp_path):
    people = BASE["Участники"] + _people(14)
    marks = BASE["Посещаемость"] + [{"ФИО": row["ФИО"], 1: "+", 2: "+"} for row in _people(14)]
    path = workbook(tmp_path, Участники=people, Посещаемость=marks)
    results = build(path, tmp_path / "out").written
    lines = paragraphs(minutes(results, 1))
    assert "Присутствовали: 17\u00a0человек из 18\u00a0членов РМО (лист регистрации прилагается)" \
        in lines
    assert not any(line.startswith("4. Участникова") for line in lines)
    # 15 present is still listed in full.
    people = BASE["Участники"] + _people(12)
    marks = BASE["Посещаемость"] + [{"ФИО": row["ФИО"], 1: "+", 2: "+"} for row in _people(12)]
    results = build(workbook(tmp_path, name="b.xlsx", Участники=people, Посещаемость=marks),
                    tmp_path / "out2").written
    lines = paragraphs(minutes(results, 1))
    assert "Присутствовали: 15\u00a0человек из 16\u00a0членов РМО" in lines
    assert "15. Участниковал\u00a0А.А., библиотекарь, СОШ\u00a0№\u00a012" in lines
    assert lines.index("1. Иванова\u00a0А.Б., методист, МАУ «БМЦ»") < \
        lines.index("4. Участниковаа\u00a0А.А., библиотекарь, СОШ\u00a0№\u00a01")


@pytest.mark.slow
def test_two_speakers_an_item_not_given_special_characters_and_several_decisions(tmp_path):
    agenda = [
        {"Заседание": 1, "Содержание": "Обзор «новинок» & <новые> поступления",
         "Докладчики": "Петрова В.Г.; Сидорова Д.Е.",
         "Слушали": "Рассказали о поступлениях.\nПоказали выставку.",
         "Решили": "Информацию принять к сведению.\nПровести выставку в школах\n"
                   "3) Подготовить обзор"},
        {"Заседание": 1, "Содержание": "Выступление по теме «Отменённое»",
         "Докладчики": "Орлова Ю.А.", "Проведено": "нет"},
        {"Заседание": 1, "Содержание": "Выступление по теме «Последнее»",
         "Докладчики": "Петрова В.Г.", "Решили": "Принять."},
    ]
    results = build(workbook(tmp_path, Повестка=agenda), tmp_path / "out").written
    path = minutes(results, 1)
    assert_xml_strict(path)
    assert_clean_text(path)
    lines = paragraphs(path)
    agenda_at = lines.index("ПОВЕСТКА ДНЯ:")
    assert lines[agenda_at + 1: agenda_at + 3] == [
        "1. Обзор «новинок» & <новые> поступления.",
        "2. Выступление по теме «Отменённое» (вопрос снят с повестки).",
    ]
    # The withdrawn item keeps its number: an auditor comparing with the programme finds
    # no gap; the attendance says why.
    assert ("2. СНЯТ С ПОВЕСТКИ: выступление по теме «Отменённое». Причина: отсутствие "
            "докладчика (Орлова\u00a0Ю.А.).") in lines
    first = next(i for i, line in enumerate(lines) if line.startswith("1. СЛУШАЛИ:"))
    assert lines[first: first + 7] == [
        "1. СЛУШАЛИ: Петрову\u00a0В.Г., педагога-библиотекаря СОШ\u00a0№\u00a01, и "
        "Сидорову\u00a0Д.Е., библиотекаря СОШ\u00a0№\u00a02, по вопросу «Обзор „новинок“ & "
        "<новые> поступления».",
        "Рассказали о поступлениях.",
        "Показали выставку.",
        "РЕШИЛИ:",
        "1.1. Информацию принять к сведению.",
        "1.2. Провести выставку в школах.",
        "1.3. Подготовить обзор.",
    ]
    assert "3.1. Принять." in lines


@pytest.mark.slow
def test_cancelled_and_undated_meetings_get_no_minutes(tmp_path):
    meetings = [
        {"№": 1, "Срок": "Сентябрь – октябрь", "Дата": dt.date(2025, 10, 15),
         "Статус": "отменено: карантин"},
        {"№": 2, "Срок": "Март – апрель"},
    ]
    results = build(workbook(tmp_path, Заседания=meetings), tmp_path / "out").written
    kinds = {r.kind for r in results}
    assert DocumentKind.PROTOCOL not in kinds and DocumentKind.ANALYSIS not in kinds
    assert list((tmp_path / "out" / "2025-2026").glob("Протокол*")) == []


def _problems(path):
    with pytest.raises(RmoError) as caught:
        build(path, path.parent / "out")
    assert not (path.parent / "out").exists()
    return [str(p) for p in caught.value.problems]


@pytest.mark.slow
def test_references_to_people_and_meetings_that_do_not_exist(tmp_path):
    agenda = BASE["Повестка"] + [{"Заседание": 7, "Содержание": "Лишний пункт"},
                                 {"Заседание": 2, "Содержание": "Пункт",
                                  "Докладчики": "Неизвестная К.К."}]
    marks = [("ФИО", 1, 2, 9), *BASE["Посещаемость"][1:], ["Чужая Л.Л.", "+", "+", "+"]]
    problems = _problems(workbook(tmp_path, Повестка=agenda, Посещаемость=marks))
    assert problems == [
        "Лист «Повестка», ячейка A6: заседания № 7 нет на листе «Заседания». Исправьте номер или "
        "добавьте заседание на лист «Заседания».",
        "Лист «Повестка», ячейка C7: «Неизвестная К.К.» нет на листе «Участники». Впишите "
        "человека туда или исправьте ФИО, чтобы оно совпадало.",
        "Лист «Посещаемость», ячейка D1: столбец «9»: заседания № 9 нет на листе «Заседания». "
        "Исправьте номер в заголовке столбца.",
        "Лист «Посещаемость», ячейка A7: «Чужая Л.Л.» нет на листе «Участники». Впишите "
        "человека туда или исправьте ФИО, чтобы оно совпадало.",
    ]


@pytest.mark.slow
def test_a_member_without_a_mark_for_a_held_meeting(tmp_path):
    marks = [("ФИО", 1, 2), ["Иванова А.Б.", "+", "+"], ["Петрова В.Г.", "+", None],
             ["Сидорова Д.Е.", "+", "+"]]
    problems = _problems(workbook(tmp_path, Посещаемость=marks))
    assert problems == [
        "Лист «Посещаемость»: нет строки для «Орлова Ю.А.». Впишите ФИО и отметки по "
        "проведённым заседаниям.",
        "Лист «Посещаемость», ячейка C3: нет отметки о заседании № 2 (22.04.2026) для "
        "«Петрова В.Г.»: поставьте + (был), - (не был) или причину.",
    ]


@pytest.mark.libreoffice
def test_sample_minutes_render_in_libreoffice(sample_build, tmp_path):
    path = minutes(sample_build.written, 2)
    pdf = " ".join(to_pdf_text(path, tmp_path).split())
    for expected in ("ПРОТОКОЛ", "18.02.2026", "Место проведения: дистанционно, платформа "
                     "«Сферум»", "Присутствовали: 9 человек из 10 членов РМО",
                     "Отсутствовали: 1 человек", "Даудова Д.М. – болезнь",
                     "4. СЛУШАЛИ: Алимурзаеву Н.С., педагога-библиотекаря",
                     "4.1. Информацию принять",
                     "Председатель", "Н.А. Леонтьева"):
        assert expected in pdf, expected
