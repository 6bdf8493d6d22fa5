"""One form for every new password of the centre: the own one («Пароль»), another person's
set by the methodist and a new account's refuse alike, in the same Russian words."""

from __future__ import annotations

import html
import re

import pytest

from .centre_site import PASSWORD, centre_fixture  # noqa: F401 — the fixture «centre»

SHORT = ("Пароль не подходит: Введённый пароль слишком короткий. Он должен состоять из как "
         "минимум 8 символов.")  # Django's own Russian
DIGITS = "Пароль не подходит: Введённый пароль состоит только из цифр."
MISMATCH = "Пароль и повтор пароля не совпадают. Введите их ещё раз."
REFUSALS = [({"new": "к1", "again": "к1"}, SHORT),
            ({"new": "20252026", "again": "20252026"}, DIGITS),
            ({"new": "Новый-пароль-2026", "again": "Новый-пароль-2027"}, MISMATCH)]


def alert(response) -> list[str]:
    """The lines of the page's red notice."""
    body = response.content.decode("utf-8")
    found = re.search(r'class="notice notice-bad" role="alert">(.*?)</div>', body, re.S)
    assert found, "no refusal on the page"
    return [html.unescape(re.sub(r"<[^>]+>", "", line)).strip()
            for line in re.findall(r"<p>(.*?)</p>", found.group(1), re.S)]


@pytest.mark.parametrize(("typed", "said"), REFUSALS)
def test_the_own_password_is_refused_in_the_forms_words(centre, typed, said):
    centre.person("metod", "методист")
    browser = centre.client("metod")
    page = browser.post("/password/", {"old_password": PASSWORD,
                                       "new_password1": typed["new"],
                                       "new_password2": typed["again"]})
    assert page.status_code == 200
    assert alert(page) == [said]
    assert centre.login(centre.client(), "metod").status_code == 302  # the old one holds


@pytest.mark.parametrize(("typed", "said"), REFUSALS)
def test_a_password_the_methodist_gives_is_refused_in_the_same_words(centre, typed, said):
    centre.person("metod", "методист")
    centre.person("kadry", "методист")
    page = centre.client("metod").post("/centre/people/password/", {
        "login": "kadry", "password": typed["new"], "password2": typed["again"]})
    assert page.status_code == 400
    assert alert(page) == [said]
    assert centre.login(centre.client(), "kadry").status_code == 302  # unchanged


@pytest.mark.parametrize(("typed", "said"), REFUSALS)
def test_a_new_accounts_password_is_refused_in_the_same_words(centre, typed, said):
    centre.person("metod", "методист")
    page = centre.client("metod").post("/centre/people/", {
        "login": "novikova", "role": "методист", "password": typed["new"],
        "password2": typed["again"]})
    assert page.status_code == 400
    assert alert(page) == [said]
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="novikova").exists()


def test_a_password_the_methodist_gives_opens_the_account(centre):
    centre.person("metod", "методист")
    centre.person("kadry", "методист")
    done = centre.client("metod").post("/centre/people/password/", {
        "login": "kadry", "password": "Другой-пароль-77", "password2": "Другой-пароль-77"})
    assert (done.status_code, done["Location"]) == (302, "/centre/people/?password=kadry")
    assert centre.login(centre.client(), "kadry", "Другой-пароль-77").status_code == 302
    assert centre.login(centre.client(), "kadry").status_code == 200  # the old one: refused
