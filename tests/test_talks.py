"""The kind and the topic of a talk, the typography every document shares, the accusative."""

from __future__ import annotations

import pytest

from generator.model import Person, TalkKind
from generator.russian.declension import name_accusative, position_accusative
from generator.russian.talks import quoted, talk
from generator.russian.text import typography

NB = "\u00a0"


@pytest.mark.parametrize(("text", "kind", "title"), [
    ("Выступление по теме «Мастер-класс в библиотеке как форма работы с читателями»",
     "выступление", "«Мастер-класс в библиотеке как форма работы с читателями»"),
    # A straight opening quote and a «» closing one, as the sample has it.
    ('Выступление по теме "Мастер-класс в библиотеке как форма работы с читателями»',
     "выступление", "«Мастер-класс в библиотеке как форма работы с читателями»"),
    ("Мастер-класс «Буктрейлер за 30 минут»", "мастер-класс", f"«Буктрейлер за 30{NB}минут»"),
    ("Сообщение «Сетевые проекты чтения»", "сообщение", "«Сетевые проекты чтения»"),
    ("Доклад на тему: Чтение летом", "доклад", "«Чтение летом»"),
    ("Сообщение из опыта работы «Клуб любителей книги»", "сообщение",
     "«Клуб любителей книги»"),
    ("Открытое занятие «Путешествие в страну каталогов»", "открытое занятие",
     "«Путешествие в страну каталогов»"),
    ("Презентация «Школьный ИБЦ»", "презентация", "«Школьный ИБЦ»"),
    ("Консультация «Заявка на учебники»", "консультация", "«Заявка на учебники»"),
    ("Выступление по теме: «Сотрудничество школьной библиотеки»", "выступление",
     "«Сотрудничество школьной библиотеки»"),
    # Quotes inside a title become „лапки“, also when the outer closing quote is missing.
    ("Выступление по теме «Проект «Читаем вместе»»", "выступление",
     "«Проект „Читаем вместе“»"),
    ("Мастер-класс «Буктрейлер «Книга за 30 минут»", "мастер-класс",
     f"«Буктрейлер „Книга за 30{NB}минут“»"),
    ("Работа с АИС «Книгозаказ»", "выступление", "«Работа с АИС „Книгозаказ“»"),
    # A topic that only starts with the name of a kind is a topic, not a kind.
    ("Мастер-класс в библиотеке как форма работы", "выступление",
     "«Мастер-класс в библиотеке как форма работы»"),
    ("Обсуждение основных направлений работы РМО", "обсуждение",
     "«Обсуждение основных направлений работы РМО»"),
    ("2. Выступление по теме «Краеведение».", "выступление", "«Краеведение»"),
])
def test_kind_and_topic_of_a_talk(text, kind, title):
    found = talk(text)
    assert (found.kind.value, found.title) == (kind, title)


def test_the_kind_column_wins_over_the_text():
    found = talk("Выступление по теме «Сетевые проекты чтения»", TalkKind.MESSAGE)
    assert (found.kind, found.topic, found.named) == (TalkKind.MESSAGE,
                                                      "Сетевые проекты чтения", True)
    assert not talk("Утверждение плана работы").named
    assert not talk("Обсуждение плана", TalkKind.DISCUSSION).certified


def test_quoted_balances_and_nests():
    assert quoted("Проект «Читаем вместе") == "«Проект „Читаем вместе“»"
    assert quoted("Книги-юбиляры") == "«Книги-юбиляры»"


@pytest.mark.parametrize(("typed", "printed"), [
    ("МБОУ «Гимназия им. А.И. Яковлева»", f"МБОУ «Гимназия им.{NB}А.И.{NB}Яковлева»"),
    ("СОШ п. Сорум", f"СОШ п.{NB}Сорум"),
    ("СОШ с. Казым", f"СОШ с.{NB}Казым"),
    ("МБОУ «СОШ № 2» г. Урай", f"МБОУ «СОШ{NB}№{NB}2» г.{NB}Урай"),
    ("Мухаметова А. Р.", f"Мухаметова{NB}А.Р."),
    ("Н.А. Леонтьева", f"Н.А.{NB}Леонтьева"),
    ("Маслова А.П. — призёр", f"Маслова{NB}А.П.{NB}– призёр"),
    ("чтение - это труд", f"чтение{NB}– это труд"),
    ("педагог-библиотекарь", "педагог-библиотекарь"),
    ("в 2025 г. и далее", "в 2025 г. и далее"),
    ("«Проект „Читаем“»", "«Проект „Читаем“»"),
])
def test_typography(typed, printed):
    assert typography(typed) == printed


@pytest.mark.parametrize(("name", "accusative"), [
    ("Леонтьева Н.А.", f"Леонтьеву{NB}Н.А."),
    ("Мазеева Р.В.", f"Мазееву{NB}Р.В."),
    ("Петров И.И.", f"Петрова{NB}И.И."),
    # A full name given: the minutes still name her with initials, as their lists do.
    ("Орлова Юлия Андреевна", f"Орлову{NB}Ю.А."),
    ("Бойко А.В.", None),
])
def test_names_in_the_accusative(name, accusative):
    assert name_accusative(Person(name, "", "")) == accusative


@pytest.mark.parametrize(("position", "accusative"), [
    ("педагог-библиотекарь", "педагога-библиотекаря"),
    ("заведующий библиотекой", "заведующего библиотекой"),
    ("заведующая библиотекой", "заведующую библиотекой"),
    ("руководитель РМО", "руководителя РМО"),
    ("региональный менеджер", "регионального менеджера"),
    ("учитель русского языка", "учителя русского языка"),
])
def test_positions_in_the_accusative(position, accusative):
    assert position_accusative(position) == accusative


def test_the_second_association_reads_without_errors(tmp_path):
    from generator.workbook.reader import read_workbook

    from .second_sample import write

    book = read_workbook(write(tmp_path / "urai.xlsx"))
    assert len(book.members) == 19
    assert [m.held for m in book.meetings] == [True, False, True, True]


def test_a_consultation_is_on_a_matter_not_a_title():
    found = talk("Методическая консультация по формированию и заявке учебников по ФПУ. "
                 "Работа с АИС «Книгозаказ»")
    assert found.kind is TalkKind.CONSULTATION
    # What it was on, as one clause of the certificate's sentence.
    # A second sentence cannot be declined into it safely: in brackets, as typed.
    assert found.about == ("по формированию и заявке учебников по ФПУ (работа с АИС "
                           "«Книгозаказ»)")
    assert talk("Консультация «Заявка на учебники»").about == "по теме «Заявка на учебники»"


@pytest.mark.parametrize(("reason", "said"), [
    ("карантин по гриппу", " в связи с карантином по гриппу"),
    ("болезнь руководителя", " в связи с болезнью руководителя"),
    # A free text that does not start with a noun is never forced into the instrumental.
    ("из-за морозов", ". Причина: из-за морозов"),
    ("нет связи", ". Причина: нет связи"),
    ("", ""),
])
def test_why_a_meeting_was_cancelled(reason, said):
    from generator.documents.common import cancelled

    assert cancelled(reason) == said


_CRAFTED = {
    "blank lines": lambda n: "x" + "\n \n" * n + "x",
    "blank lines before «по теме»": lambda n: "Доклад" + "\n \n" * n + "по теме «x»",
    "«по» without «теме»": lambda n: "Доклад " + "по \n" * n + "«x»",
}


@pytest.mark.slow  # a clock, kept out of the quick run
@pytest.mark.parametrize("shape", sorted(_CRAFTED))
def test_reading_a_crafted_agenda_item_takes_time_in_proportion_to_its_length(shape):
    """A cell of thousands of blank lines once took 40 s to read (a pattern backtracked over
    them from every position): eight times the text may take about eight times as long."""
    import time

    def timed(n: int) -> float:
        text = _CRAFTED[shape](n)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            talk(text)
            best = min(best, time.perf_counter() - start)
        return best

    small, large = timed(1_000), timed(8_000)
    assert large / small < 20, (small, large)
