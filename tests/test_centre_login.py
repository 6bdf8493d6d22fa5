"""Signing in to the centre against password guessing, through Django's test client on SQLite
and on PostgreSQL: a burst of parallel tries, an attacker at another address, the own
password's page, a login too long. (Behind a proxy, a real server: tests/test_centre_server.py.)
"""

from __future__ import annotations

import threading
import time

from .centre_site import PASSWORD, centre_fixture  # noqa: F401 — the fixture «centre»
from .test_web import text


def browser_at(address: str):
    """A browser whose requests come from this address (REMOTE_ADDR, as waitress gives it)."""
    from django.test import Client

    from .centre_site import HOST

    return Client(HTTP_HOST=HOST, REMOTE_ADDR=address)


WRONG = "Пожалуйста, введите правильные имя пользователя и пароль"
WAIT = "Слишком много неудачных попыток входа. Подождите"


def test_a_burst_of_parallel_tries_checks_at_most_five_passwords(centre, monkeypatch):
    from django.contrib.auth.backends import ModelBackend
    from django.db import connections

    centre.person("metod", "методист")
    checked = []
    original = ModelBackend.authenticate

    def slow(self, request, username=None, password=None, **kwargs):
        checked.append(password)
        time.sleep(0.2)  # a slow hasher: every try of the burst arrives while others check
        return original(self, request, username=username, password=password, **kwargs)

    monkeypatch.setattr(ModelBackend, "authenticate", slow)
    start = threading.Barrier(16)
    answers = []

    def attack(number: int) -> None:
        try:
            browser = browser_at("10.0.0.66")
            start.wait()
            answers.append(text(centre.login(browser, "metod", f"угадал-{number}")))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attack, args=(n,)) for n in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(answers) == 16
    assert len(checked) <= 5
    assert sum(WRONG in a for a in answers) == len(checked)
    assert sum(WAIT in a for a in answers) == 16 - len(checked)
    # How many of a burst get through depends on how the inserts and counts interleave (on a
    # busy machine all 16 may count each other and wait): the tries refused were not counted,
    # so the address then has exactly its checked tries left before it waits.
    browser = browser_at("10.0.0.66")
    for _ in range(5 - len(checked)):
        assert WRONG in text(centre.login(browser, "metod", "ещё попытка"))
    assert WAIT in text(centre.login(browser, "metod", "ещё попытка"))


def test_an_attacker_does_not_lock_out_the_person_from_another_address(centre):
    centre.person("metod", "методист")
    attacker, person = browser_at("10.0.0.66"), browser_at("10.0.0.7")
    for _ in range(5):
        assert WRONG in text(centre.login(attacker, "metod", "угадал?"))
    assert WAIT in text(centre.login(attacker, "metod", "угадал?"))
    assert centre.login(person, "metod").status_code == 302  # the right password, at once
    assert WAIT in text(centre.login(attacker, "metod"))  # the attacker still waits
    # Once the login has failed five times, an address that fails too waits as well.
    colleague = browser_at("10.0.0.8")
    assert WRONG in text(centre.login(colleague, "metod", "опечатка"))
    assert WAIT in text(centre.login(colleague, "metod"))


def test_a_login_too_long_is_refused_in_russian_and_counted(centre):
    from generator.web.centre.models import FailedLogin

    page = centre.login(browser_at("10.0.0.66"), "x" * 400, "угадал?")
    assert page.status_code == 200
    assert "Логин длиннее 150 знаков: такого нет. Введите логин, который дал методист " \
           "центра." in text(page)
    assert list(FailedLogin.objects.values_list("login", "address")) == [
        ("x" * 150, "10.0.0.66")]


def test_the_current_password_on_the_password_page_is_throttled_too(centre):
    centre.person("metod", "методист")
    browser = centre.client("metod")
    form = {"new_password1": "Новый-пароль-2026", "new_password2": "Новый-пароль-2026"}
    for _ in range(5):
        page = browser.post("/password/", {**form, "old_password": "угадал?"})
        assert "Ваш старый пароль введен неправильно" in text(page)
    page = browser.post("/password/", {**form, "old_password": PASSWORD})
    assert page.status_code == 200 and WAIT in text(page)
    assert centre.login(centre.client(), "metod").status_code == 200  # from there: waits too
    assert centre.login(browser_at("10.0.0.7"), "metod").status_code == 302
