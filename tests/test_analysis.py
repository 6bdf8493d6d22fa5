"""The May analysis: figures on hand-made workbooks with known answers, and the document."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from generator.build import build
from generator.documents.kinds import DocumentKind
from generator.figures.association import compute
from generator.model import EventKind, Fulfilment, Level
from generator.workbook.reader import read_workbook

from .helpers import (
    BASE,
    assert_clean_text,
    assert_xml_strict,
    paragraphs,
    table_rows,
    tables,
    to_pdf_text,
    workbook,
)

NEVER = ["Никогдаева Н.Н.", "библиотекарь", "СОШ № 2", None]
MEETINGS = BASE["Заседания"] + [{"№": 3, "Срок": "май", "Статус": "отменено: карантин"}]
MARKS = BASE["Посещаемость"] + [{"ФИО": "Никогдаева Н.Н.", 1: "-", 2: "отпуск"}]
PARTICIPATION = [
    {"ФИО": "Петрова В.Г.", "Мероприятие": "Конкурс «Библиотекарь года»", "Вид": "конкурс",
     "Уровень": "муниципальный", "Результат": "победитель", "Дата": dt.date(2026, 3, 1)},
    {"ФИО": "Сидорова Д.Е.", "Мероприятие": "Конкурс «Библиотекарь года»", "Вид": "конкурс",
     "Уровень": "муниципальный", "Результат": "участник"},
    {"ФИО": "Сидорова Д.Е.", "Мероприятие": "Курсы «Цифровая библиотека»",
     "Вид": "курсы повышения квалификации", "Уровень": "региональный",
     "Результат": "удостоверение", "Дата": "ноябрь 2025", "Часы": 36},
    {"ФИО": "Петрова В.Г.", "Мероприятие": "Курсы «Читательская грамотность»",
     "Вид": "курсы повышения квалификации", "Уровень": "всероссийский",
     "Результат": "удостоверение", "Часы": "72"},
    {"ФИО": "Гостева Ж.З.", "Мероприятие": "Вебинар «Новинки»", "Вид": "вебинар",
     "Уровень": "всероссийский", "Результат": "призёр"},
]


@pytest.fixture
def figures(tmp_path):
    path = workbook(tmp_path, Участники=BASE["Участники"] + [NEVER], Заседания=MEETINGS,
                    Посещаемость=MARKS)
    return compute(read_workbook(path))


def test_members_and_meetings(figures):
    assert len(figures.members) == 5
    assert figures.institutions == 4
    assert figures.by_position == (("библиотекарь", 2), ("педагог-библиотекарь", 2),
                                   ("методист", 1))
    assert (figures.planned, figures.held, figures.held_share) == (3, 2, 67)
    assert [m.number for m in figures.cancelled] == [3]
    assert figures.cancelled[0].reason == "карантин"
    assert [(r.present, r.members, r.share, r.guests) for r in figures.meetings] == [
        (3, 5, 60, 1), (3, 5, 60, 0)]
    assert figures.average_attendance == 60
    assert not figures.interim


def test_talks_and_speakers(figures):
    assert figures.talks_planned == 3
    assert [t.topic for t in figures.talks_given] == [
        "Читательские конференции", "Книги-юбиляры", "Краеведение"]
    assert [p.name for p in figures.speakers] == ["Петрова В.Г.", "Сидорова Д.Е.",
                                                  "Орлова Ю.А."]
    assert figures.speakers_share == 60


def test_nobody_on_participation(figures):
    assert figures.participation == () and figures.by_kind == () and figures.by_level == ()
    assert figures.participants == 0 and figures.course_hours == 0
    # Neither a talk nor any participation: the head and the member who never came.
    assert [p.name for p in figures.inactive] == ["Иванова А.Б.", "Никогдаева Н.Н."]


def test_attendance_by_member_and_institution(figures):
    assert [(a.person.name, a.attended, a.share) for a in figures.by_member] == [
        ("Никогдаева Н.Н.", 0, 0), ("Орлова Ю.А.", 1, 50), ("Сидорова Д.Е.", 1, 50),
        ("Иванова А.Б.", 2, 100), ("Петрова В.Г.", 2, 100)]
    assert [(i.institution, i.members, i.attended, i.possible, i.share)
            for i in figures.by_institution] == [
        ("СОШ № 2", 2, 1, 4, 25), ("СОШ п. Сорум", 1, 1, 2, 50),
        ("МАУ «БМЦ»", 1, 2, 2, 100), ("СОШ № 1", 1, 2, 2, 100)]


def test_tasks_fulfilment(figures):
    assert figures.tasks_by_fulfilment == {Fulfilment.DONE: 1, Fulfilment.PARTLY: 1,
                                           Fulfilment.NOT_DONE: 0}
    assert figures.tasks[1].comment == "не все выступили"


@pytest.mark.slow
def test_participation_by_kind_level_results_and_courses(tmp_path):
    figures = compute(read_workbook(workbook(tmp_path, Участие=PARTICIPATION)))
    assert figures.by_kind == ((EventKind.CONTEST, 2, 2), (EventKind.WEBINAR, 1, 1),
                               (EventKind.COURSES, 2, 2))
    assert figures.by_level == ((Level.MUNICIPAL, 2), (Level.REGIONAL, 1), (Level.FEDERAL, 2))
    assert figures.events == 4
    assert [(p.person.name, p.result.value) for p in figures.high_results] == [
        ("Петрова В.Г.", "победитель"), ("Гостева Ж.З.", "призёр")]
    assert figures.course_hours == 108
    assert figures.participants == 2  # members only; the guest is not counted
    assert [p.name for p in figures.inactive] == ["Иванова А.Б."]


def _analysis(results):
    (path,) = [r.path for r in results if r.kind is DocumentKind.ANALYSIS]
    return path


@pytest.mark.slow
def test_the_document_says_the_figures_in_standard_phrasing(tmp_path):
    path = workbook(tmp_path, Участники=BASE["Участники"] + [NEVER], Заседания=MEETINGS,
                    Посещаемость=MARKS, Участие=PARTICIPATION[:3])
    doc = _analysis(build(path, tmp_path / "out").written)
    assert doc.name == "Анализ работы за 2025-2026 учебный год.docx"
    assert_xml_strict(doc)
    assert_clean_text(doc)
    lines = paragraphs(doc)
    for sentence in (
        "Анализ работы РМО школьных библиотекарей",
        "за 2025/2026 учебный год",
        "В 2025/2026 учебном году РМО школьных библиотекарей работало над методической темой "
        "«Чтение как основа успешного обучения».",
        "Для её реализации были поставлены 2\u00a0задачи:",
        "Из 2 задач полностью выполнена 1, частично\u00a0– 1.",
        "В состав объединения входят 5\u00a0человек из 4 учреждений.",
        "По должностям: библиотекарь\u00a0– 2\u00a0человека, педагог-библиотекарь\u00a0– "
        "2\u00a0человека, методист\u00a0– 1\u00a0человек.",
        "Запланировано 3\u00a0заседания, проведено 2 (67\u00a0%).",
        "Средняя посещаемость заседаний составила 60\u00a0%.",
        "Заседание №\u00a03 (май) отменено в связи с карантином.",
        "Запланировано 3\u00a0выступления, проведено 3 (100\u00a0%).",
        "Выступили 3 из 5 членов РМО (60\u00a0%).",
        "Петрова\u00a0В.Г.\u00a0– «Читательские конференции».",
        "Члены РМО приняли участие в 2 мероприятиях вне заседаний (3\u00a0участия). Число "
        "участников\u00a0– 2 из 5 членов РМО (40\u00a0%).",
        "Петрова\u00a0В.Г.\u00a0– победитель муниципального конкурса «Библиотекарь года».",
        "Прошли курсы повышения квалификации: 1\u00a0человек, всего 36\u00a0часов.",
        "Не выступали на заседаниях и не участвовали в мероприятиях:",
        "Иванова\u00a0А.Б.",
        "Никогдаева\u00a0Н.Н.",
        "Больше всего пропусков: Никогдаева\u00a0Н.Н. (2 из 2).",
        "Руководитель РМО\t______________\tА.Б.\u00a0Иванова",
    ):
        assert sentence in lines, sentence
    meetings = table_rows(tables(doc)[1])
    assert meetings[0] == ["№", "Дата", "Содержание", "Присутствовало членов РМО", "%",
                           "Гости"]
    assert meetings[1] == ["1", "15.10.2025",
                           "1. Утверждение плана работы\n2. «Читательские конференции»",
                           "3 из 5", "60\u00a0%", "1"]
    assert len(meetings) == 3


@pytest.mark.slow
def test_interim_analysis_is_dated_by_the_latest_meeting_not_today(tmp_path):
    meetings = BASE["Заседания"] + [{"№": 3, "Срок": "май"}]
    doc = _analysis(build(workbook(tmp_path, Заседания=meetings), tmp_path / "out").written)
    assert doc.name == "Анализ работы за 2025-2026 учебный год на 22.04.2026.docx"
    lines = paragraphs(doc)
    assert lines[2] == "(по состоянию на 22.04.2026)"
    assert "Запланировано 3\u00a0заседания, проведено 2 (67\u00a0%)." in lines


@pytest.mark.slow
def test_no_analysis_before_the_first_meeting(tmp_path):
    meetings = [{"№": 1, "Срок": "осень"}, {"№": 2, "Срок": "весна"}]
    results = build(workbook(tmp_path, Заседания=meetings), tmp_path / "out").written
    kinds = {r.kind for r in results}
    assert DocumentKind.ANALYSIS not in kinds and DocumentKind.PROTOCOL not in kinds


@pytest.mark.slow
def test_charts_are_native_word_charts_with_their_data(tmp_path):
    doc = _analysis(build(workbook(tmp_path, Участие=PARTICIPATION), tmp_path / "out").written)
    with zipfile.ZipFile(doc) as archive:
        names = archive.namelist()
        assert {"word/charts/chart1.xml", "word/charts/chart2.xml"} <= set(names)
        assert sum(n.startswith("word/embeddings/") for n in names) == 2
        rels = archive.read("word/_rels/document.xml.rels").decode()
        assert rels.count("relationships/chart") == 2
        types = archive.read("[Content_Types].xml").decode()
        assert "drawingml.chart+xml" in types
        chart = archive.read("word/charts/chart1.xml").decode()
        assert "Посещаемость заседаний, % членов РМО" in chart
        assert "<c:v>75</c:v>" in chart
        level = archive.read("word/charts/chart2.xml").decode()
        assert "<c:v>муниципальный</c:v>" in level and "<c:v>всероссийский</c:v>" in level


@pytest.mark.libreoffice
def test_sample_analysis_in_libreoffice_has_its_sentences_and_charts(sample_build, tmp_path):
    doc = _analysis(sample_build.written)
    pdf = " ".join(to_pdf_text(doc, tmp_path).split())
    for expected in ("Запланировано 3 заседания, проведено 3 (100 %).",
                     "Средняя посещаемость заседаний составила 83 %.",
                     "Посещаемость заседаний, % членов РМО",  # the chart's title, drawn
                     "Участие в мероприятиях по уровням",
                     "Маслова А.П. – призёр муниципального конкурса «Лучший школьный "
                     "библиотекарь»"):
        assert expected in pdf, expected
