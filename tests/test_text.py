"""Russian text helpers: plural forms, dates, names, typography, cleaning of cells."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.russian import text


@pytest.mark.parametrize(("n", "expected"), [
    (0, "заседаний"), (1, "заседание"), (2, "заседания"), (5, "заседаний"), (11, "заседаний"),
    (12, "заседаний"), (14, "заседаний"), (21, "заседание"), (22, "заседания"),
    (25, "заседаний"), (101, "заседание"), (111, "заседаний"), (112, "заседаний"),
])
def test_plural_forms(n, expected):
    assert text.plural(n, "заседание", "заседания", "заседаний") == expected


def test_count_keeps_number_and_noun_together():
    assert text.count(2, "человек", "человека", "человек") == "2\u00a0человека"


@pytest.mark.parametrize(("part", "whole", "expected"), [
    (1, 2, 50), (2, 3, 67), (1, 3, 33), (1, 8, 13), (0, 0, 0), (5, 5, 100), (17, 40, 43),
])
def test_share_rounds_half_up(part, whole, expected):
    assert text.share(part, whole) == expected


def test_people_count():
    assert [text.people_count(n) for n in (1, 3, 8, 11, 21)] == [
        "1\u00a0человек", "3\u00a0человека", "8\u00a0человек", "11\u00a0человек",
        "21\u00a0человек"]


def test_thousands_are_set_apart_by_a_space():
    """The limits a template's refusal names: «10 000», «1 000 000»; below a thousand as is."""
    assert [text.thousands(n) for n in (999, 6_000, 10_000, 200_013, 20_000_000)] == [
        "999", "6 000", "10 000", "200 013", "20 000 000"]


def test_dates():
    day = dt.date(2025, 10, 15)
    assert text.date_numeric(day) == "15.10.2025"
    assert text.date_numeric(dt.date(2026, 3, 1)) == "01.03.2026"


@pytest.mark.parametrize(("name", "listed", "signed"), [
    ("Мазеева Р.В.", "Мазеева\u00a0Р.В.", "Р.В.\u00a0Мазеева"),
    ("Мазеева, Р. В.", "Мазеева\u00a0Р.В.", "Р.В.\u00a0Мазеева"),
    ("Мазеева Раиса Викторовна", "Мазеева\u00a0Р.В.", "Р.В.\u00a0Мазеева"),
    ("Лихачёва О.В.", "Лихачёва\u00a0О.В.", "О.В.\u00a0Лихачёва"),
])
def test_names(name, listed, signed):
    assert text.surname_first(name) == listed
    assert text.initials_first(name) == signed


@pytest.mark.parametrize(("raw", "expected"), [
    ('Проект "Читаем вместе"', "Проект «Читаем вместе»"),
    ('по теме "Мастер-класс в библиотеке»', "по теме «Мастер-класс в библиотеке»"),
    ("СОШ№3", "СОШ\u00a0№\u00a03"),  # nor between the school and its number
    ("СОШ № 1", "СОШ\u00a0№\u00a01"),
    ("Протокол №4", "Протокол\u00a0№\u00a04"),
    ("ёлка", "ёлка"),
])
def test_typography(raw, expected):
    assert text.typography(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("  текст  ", "текст"),
    ("строка_x000D_\nвторая", "строка\nвторая"),
    ("a_x000B_b", "a\nb"),
    ("a\x0bb", "a\nb"),
    ("a\r\nb", "a\nb"),
    ("a\u00a0b", "a b"),
    ("a\u200bb\ufeff", "ab"),
    ("a\x01b\x1f", "ab"),
    ("один    два", "один два"),
    ("\n\nтекст\n\n", "текст"),
    ("a\u202eb", "ab"),
])
def test_clean(raw, expected):
    assert text.clean(raw) == expected


def test_normalize_key_forgives_case_yo_spaces_and_colon():
    assert text.normalize_key("  Приглашённый: ") == text.normalize_key("приглашенный")


def test_strip_numbering():
    assert text.strip_numbering("1.Самообразование") == "Самообразование"
    assert text.strip_numbering("2) Анализ") == "Анализ"
    assert text.strip_numbering("2026 год") == "2026 год"
