"""People leave the centre: the methodist disables, enables and removes them on «Люди».

Every test runs on SQLite and on PostgreSQL (tests/centre_site.py) and, where it matters, for
each role: a head, a methodist, office staff. What `rmo centre user …` prints is tested with
real processes in tests/test_centre_server.py.
"""

from __future__ import annotations

import pytest

from .centre_site import PASSWORD, centre_fixture  # noqa: F401 — the fixture «centre»
from .test_centre import two  # noqa: F401 — the fixture «two»: a built archive
from .test_web import rows, text

LIBRARIANS = "РМО школьных библиотекарей"
HOME = {"руководитель": "/", "методист": "/centre/", "делопроизводитель": "/centre/"}
DISABLED = ("Вход для этого логина отключён. Если вы снова работаете с центром, попросите "
            "методиста центра включить вход.")
WRONG = "Пожалуйста, введите правильные имя пользователя и пароль"


@pytest.fixture
def staff(centre):
    """A centre with one association, the acting methodist «metod» and one person of each
    role: «ivanova» (head), «petrova» (a second methodist), «sidorova» (office)."""
    association = centre.association(LIBRARIANS)
    centre.person("metod", "методист")
    centre.person("ivanova", "руководитель", association)
    centre.person("petrova", "методист")
    centre.person("sidorova", "делопроизводитель", association)
    return centre, association


ROLES = pytest.mark.parametrize("login, role", [("ivanova", "руководитель"),
                                                 ("petrova", "методист"),
                                                 ("sidorova", "делопроизводитель")])


def row_of(page, login: str) -> list[str]:
    return next(r for r in rows(page, "Люди центра") if r[0] == login)


def signed_out(browser, role: str) -> bool:
    """The person's next request goes to the login page."""
    response = browser.get(HOME[role])
    return response.status_code == 302 and response["Location"].startswith("/login/?next=")


@ROLES
def test_a_disabled_person_is_signed_out_at_once_and_cannot_sign_in(staff, login, role):
    centre, _ = staff
    person, other_tab = centre.client(login), centre.client(login)
    assert person.get(HOME[role]).status_code == 200
    methodist = centre.client("metod")
    done = methodist.post("/centre/people/disable/", {"login": login})
    assert (done.status_code, done["Location"]) == (302, f"/centre/people/?disabled={login}")
    page = methodist.get(done["Location"])
    assert f"Вход для {login} отключён: открытые сеансы закрыты, войти под этим логином " \
           "нельзя, пока вход не включат снова. Документы объединения остались в архиве." \
           in text(page)
    assert row_of(page, login)[4:] == ["отключён", "Включить вход Удалить…"]
    assert signed_out(person, role) and signed_out(other_tab, role)
    refused = centre.login(centre.client(), login)
    assert refused.status_code == 200 and DISABLED in text(refused)
    wrong = centre.login(centre.client(), login, "не тот пароль")
    assert WRONG in text(wrong) and DISABLED not in text(wrong)  # says nothing to a guesser

    again = methodist.post("/centre/people/enable/", {"login": login})
    assert again["Location"] == f"/centre/people/?enabled={login}"
    page = methodist.get(again["Location"])
    assert f"Вход для {login} снова включён: действует прежний пароль." in text(page)
    assert row_of(page, login)[4:] == ["открыт", "Отключить вход Удалить…"]
    assert signed_out(person, role)  # the old session stays ended
    assert centre.login(person, login).status_code == 302  # the old password again
    assert person.get(HOME[role]).status_code == 200


@ROLES
def test_a_removed_person_is_asked_about_then_gone_and_the_archive_stays(staff, login, role):
    from django.contrib.auth.models import User

    from generator.web.centre.models import Association, Person

    centre, association = staff
    archive = centre.archive(association) / "2025-2026"
    archive.mkdir(parents=True)
    (archive / "План работы на 2025-2026 учебный год.docx").write_bytes(b"PK")
    person = centre.client(login)
    methodist = centre.client("metod")
    asked = methodist.get(f"/centre/people/remove/?login={login}")
    assert asked.status_code == 200
    where = "все объединения" if role == "методист" else LIBRARIANS
    assert text(asked).startswith(
        f"Удалить {login}? {login} — {role}, {where}. Последний вход: ")
    assert "Документы и архив объединения остаются на месте." in text(asked)
    # A POST without the confirmation's field only asks again.
    assert "Удалить " + login in text(methodist.post("/centre/people/remove/",
                                                     {"login": login}))
    assert User.objects.filter(username=login).exists()

    done = methodist.post("/centre/people/remove/", {"login": login, "confirm": "yes"})
    assert (done.status_code, done["Location"]) == (302, f"/centre/people/?removed={login}")
    page = methodist.get(done["Location"])
    assert f"Учётная запись {login} удалена. Документы и архив объединения остались на " \
           "месте." in text(page)
    assert login not in [r[0] for r in rows(page, "Люди центра")]
    assert not User.objects.filter(username=login).exists()
    assert not Person.objects.filter(user__username=login).exists()
    assert signed_out(person, role)
    assert WRONG in text(centre.login(centre.client(), login))
    assert Association.objects.filter(name=LIBRARIANS).exists()
    assert (archive / "План работы на 2025-2026 учебный год.docx").read_bytes() == b"PK"
    assert methodist.get(f"/centre/people/remove/?login={login}").status_code == 400


def test_the_last_methodist_can_be_neither_disabled_nor_removed(staff):
    from generator.errors import RmoError
    from generator.web.centre.people import disable_user, remove_user

    centre, _ = staff
    assert disable_user("petrova")
    for act, word in ((disable_user, "отключите"), (remove_user, "удалите")):
        with pytest.raises(RmoError) as refused:
            act("metod")  # petrova is disabled: metod is the last who can sign in
        assert str(refused.value.problems[0].message) == (
            "metod — последний методист центра: без методиста некому добавлять людей и "
            "задавать пароли. Сначала добавьте другого методиста (на странице «Люди» или "
            f"командой rmo centre user add ПАПКА ЛОГИН --role методист), потом {word} этого.")
    assert remove_user("petrova").login == "petrova"  # a disabled methodist may go
    browser = centre.client("metod")
    assert browser.get("/centre/people/").status_code == 200


def test_a_methodist_cannot_disable_or_remove_themselves_on_the_page(staff):
    centre, _ = staff
    browser = centre.client("metod")
    page = browser.get("/centre/people/")
    assert row_of(page, "metod")[4:] == ["открыт", "это вы"]
    refused = browser.post("/centre/people/disable/", {"login": "metod"})
    assert refused.status_code == 400
    assert "Себя отключить нельзя. Это может сделать другой методист на странице «Люди» или " \
           "администратор сервера командой rmo centre user." in text(refused)
    asked = browser.get("/centre/people/remove/?login=metod")
    assert "Себя удалить нельзя." in text(asked)
    assert "confirm" not in asked.content.decode()  # no button to press
    removed = browser.post("/centre/people/remove/", {"login": "metod", "confirm": "yes"})
    assert removed.status_code == 400 and "Себя удалить нельзя." in text(removed)
    assert browser.get("/centre/").status_code == 200  # still signed in


def test_an_unknown_login_is_named(staff):
    centre, _ = staff
    browser = centre.client("metod")
    for address in ("/centre/people/disable/", "/centre/people/enable/"):
        refused = browser.post(address, {"login": "nobody"})
        assert refused.status_code == 400
        assert "Человека с логином «nobody» на сервере центра нет. Проверьте логин по списку " \
               "людей центра." in text(refused)
    assert browser.get("/centre/people/remove/").status_code == 302  # no login: the list


@pytest.mark.parametrize("login", ["ivanova", "sidorova"])
def test_only_the_methodist_may_let_people_go(staff, login):
    centre, _ = staff
    browser = centre.client(login)
    for address in ("/centre/people/disable/", "/centre/people/enable/",
                    "/centre/people/remove/"):
        assert browser.post(address, {"login": "petrova", "confirm": "yes"}).status_code == 404
    assert browser.get("/centre/people/remove/?login=petrova").status_code == 404
    assert centre.login(centre.client(), "petrova").status_code == 302  # untouched


def test_enabling_someone_who_can_sign_in_changes_nothing(staff):
    from generator.web.centre.people import disable_user, enable_user

    assert not enable_user("ivanova")
    assert disable_user("ivanova") and not disable_user("ivanova")
    assert enable_user("ivanova")
    centre, _ = staff
    assert centre.login(centre.client(), "ivanova", PASSWORD).status_code == 302


@pytest.mark.slow  # builds an archive
def test_a_removed_heads_documents_stay_for_the_next_head(two):  # noqa: F811
    from generator.web.centre.people import remove_user

    centre, _, b, values = two
    head = centre.client("head-b")
    assert remove_user("head-b").described == "head-b — руководитель, РМО школьных библиотекарей"
    assert head.get("/").status_code == 302
    methodist = centre.client("metod")
    status = rows(methodist.get("/centre/status/"), "Документы объединений")[1]
    assert status[:2] == ["РМО школьных библиотекарей", "2025/2026"]
    assert status[2] == status[3] == f"сдан {status[6][:10]}"  # the day of the build
    centre.person("head-b2", "руководитель", b)
    successor = centre.client("head-b2")
    page = successor.get("/archive/2025-2026/")
    assert page.status_code == 200 and values["name"] in text(page)
    download = successor.get(f"/files/2025-2026/{values['name']}")
    download.close()
    assert download.status_code == 200
