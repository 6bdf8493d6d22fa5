"""The centre server through Django's test client, on SQLite and on PostgreSQL: who sees what.

Every test runs twice (tests/centre_site.py): the queries go to SQLite, then to PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import threading
import time
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from .centre_site import PASSWORD, centre_fixture  # noqa: F401 — the fixture «centre»
from .helpers import SAMPLE, full_text
from .test_web import rows, text

# What each role may open, written here independently of generator.web.centre.access: the
# pages of `rmo serve` are the head's; a URL added later is closed to the other roles until
# this table (and the access module) say otherwise.
READ = {"archive", "archive-year", "archive-year-zip", "file"}
ACCOUNT = {"logout", "password", "password-done"}
# «Справка за годы» of one association (a page of rmo serve) is the head's and the methodist's.
RECORD = {"archive-record"}
METHODIST = READ | ACCOUNT | RECORD | {"centre", "centre-open", "status", "deadlines", "summary",
                                       "summary-docx", "summary-xlsx", "associations", "people",
                                       "person-password", "person-disable", "person-enable",
                                       "person-remove", "records", "record-docx"}
OFFICE = READ | ACCOUNT | {"centre", "centre-open"}
CENTRE_ONLY = (METHODIST - READ - ACCOUNT - RECORD) | {"login"}


def patterns() -> list[URLPattern]:
    """Every URL pattern of the centre's URL configuration."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, URLResolver):
                walk(item.url_patterns)
            else:
                found.append(item)

    walk(get_resolver("generator.web.centre.urls").url_patterns)
    return found


def url(pattern: URLPattern, values: dict) -> str:
    """The pattern's address with these parameter values (unknown ones: a plain word)."""
    route = str(pattern.pattern)
    if route.startswith("^"):  # the static files' regular expression
        return "/static/rmo/rmo.css"
    if route.startswith("templates/"):  # a template's name, not a file of the archive
        values = {**values, "name": "plan.docx"}
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), "x")),
                        route)


def status(response) -> int:
    """The status of a response, its file (if any) closed."""
    response.close()
    return response.status_code


def head_names() -> set[str]:
    # whoami: the local page's answer to a second `rmo serve` of its folder, nobody's here
    return {p.name for p in patterns() if p.name} - CENTRE_ONLY - {"whoami"}


def upload(browser, path=SAMPLE, name="rmo-2025-2026.xlsx"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return browser.post("/check/", {"workbook": SimpleUploadedFile(name, path.read_bytes())})


def build(browser, path=SAMPLE) -> tuple[str, str]:
    """Check and build a workbook as a head does; the upload's and the build's ids."""
    response = upload(browser, path)
    assert response.status_code == 302, text(response)
    upload_id = response["Location"].split("/")[2]
    response = browser.post(f"/build/{upload_id}/")
    assert response.status_code == 302, text(response)
    return upload_id, response["Location"].split("/")[2]


_BUILT: dict[str, tuple] = {}  # B's archive as the first test built it, and its ids


@pytest.fixture
def two(centre, tmp_path_factory):
    """Associations A (nothing built) and B (a build, an own template), a person of each role."""
    a = centre.association("РМО учителей математики")
    b = centre.association("РМО школьных библиотекарей")
    centre.person("head-a", "руководитель", a)
    centre.person("head-b", "руководитель", b)
    centre.person("metod", "методист")
    centre.person("office-b", "делопроизводитель", b)
    if "b" not in _BUILT:  # built through the pages once; later tests get a copy of it
        from django.core.files.uploadedfile import SimpleUploadedFile

        from generator.render.templates import builtin_templates

        browser = centre.client("head-b")
        _, build_id = build(browser)  # the build removes its upload: another one to check
        ids = (upload(browser)["Location"].split("/")[2], build_id)
        response = browser.post("/templates/upload/plan.docx", {"template": SimpleUploadedFile(
            "plan.docx", (builtin_templates() / "plan.docx").read_bytes())})
        assert response.status_code == 302
        copy = tmp_path_factory.mktemp("built") / "b"
        shutil.copytree(centre.archive(b), copy)
        _BUILT["b"] = (copy, ids)
    else:
        shutil.rmtree(centre.archive(b))
        shutil.copytree(_BUILT["b"][0], centre.archive(b))
    upload_id, build_id = _BUILT["b"][1]
    year = centre.archive(b) / "2025-2026"
    plan = next(p.name for p in year.glob("План работы*.docx"))
    values = {"upload_id": upload_id, "build_id": build_id, "year": "2025-2026",
              "name": plan, "association_id": b.pk}
    return centre, a, b, values


def snapshot(folder) -> dict:
    return {p.relative_to(folder): p.stat().st_mtime_ns for p in folder.rglob("*")
            if p.is_file() and "tmp" not in p.parts}


# --- every URL, every role ------------------------------------------------------------------

def test_the_table_of_roles_covers_every_url():
    from .web_client import configure

    configure()
    names = [p.name for p in patterns()]
    unnamed = [str(p.pattern) for p in patterns() if not p.name]
    assert unnamed == [r"^static/rmo/(?P<path>[a-z]+\.(?:css|js))$"], "access is by name"
    assert len(names) == len(set(names))
    assert METHODIST - set(names) == set()


def test_every_section_of_the_menu_is_its_own_address():
    from django.urls import resolve

    from generator.web import menu
    from generator.web.centre.models import Role

    from .web_client import configure

    configure()
    for section in menu.SECTIONS:
        assert resolve(section.path, "generator.web.centre.urls").url_name == section.name
        assert section.roles | section.chosen <= set(Role.values), section
    local = [s.name for s in menu.sections(menu.HEAD)]
    assert local == [p.name for p in get_resolver("generator.web.urls").url_patterns
                     if p.name in local], "the local page's menu lists its own addresses"


def test_each_role_sees_its_menu_before_and_after_choosing_an_association(centre):
    from .test_centre_faults import menu

    b = centre.association("РМО школьных библиотекарей")
    centre.person("head-b", "руководитель", b)
    centre.person("metod", "методист")
    centre.person("office-b", "делопроизводитель", b)
    assert menu(centre.client("head-b").get("/")) == ["Книга года", "Архив", "Новый год",
                                                      "Шаблоны"]
    for login, before, after in (
            ("metod", ["Объединения", "Состояние", "Сводный отчёт", "Справки за годы", "Люди"],
             ["Объединения", "Архив", "Состояние", "Сводный отчёт", "Справки за годы", "Люди"]),
            ("office-b", ["Объединения"], ["Объединения", "Архив"])):
        browser = centre.client(login)
        assert menu(browser.get("/centre/")) == before, login
        assert browser.get(f"/centre/open/{b.pk}/").status_code == 302
        assert menu(browser.get("/archive/")) == after, login


@pytest.mark.slow  # builds an archive
def test_a_head_of_a_gets_404_for_every_url_of_b(two):
    centre, a, b, values = two
    before = snapshot(centre.archive(b))
    browser = centre.client("head-a")
    owned = {"upload_id", "build_id", "year", "name"}  # what names something of B's archive
    checked = []
    for pattern in patterns():
        keys = set(re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern)))
        if pattern.name not in head_names() or not keys & owned or (
                pattern.name.startswith("template")):
            continue
        address = url(pattern, values)
        # A form's target sends a GET back to its page (which then is B's, so 404).
        answers = {status(browser.get(address, follow=True)), status(browser.post(address))}
        assert answers <= {404, 405} and 404 in answers, (address, answers)
        checked.append(pattern.name)
    assert sorted(checked) == ["archive-year", "archive-year-zip", "build", "check", "file",
                               "pdf", "pdf-status", "result", "result-zip"]
    for address in ("/files/2025-2026/..%2F..%2FРМО школьных библиотекарей%2F2025-2026%2F"
                    + values["name"], "/files/..%2FРМО школьных библиотекарей%2F2025-2026/"
                    + values["name"], "/archive/..%2FРМО школьных библиотекарей%2F2025-2026/",
                    "/files/2025-2026/../../РМО школьных библиотекарей/2025-2026/"
                    + values["name"], f"/centre/open/{b.pk}/", f"/centre/open/{a.pk}/",
                    "/templates/own/plan.docx", "/centre/summary/", "/centre/people/",
                    "/centre/people/disable/", "/centre/people/remove/?login=head-b"):
        assert status(browser.get(address)) == 404, address
        assert status(browser.post(address)) in (404, 405), address
    # Their own pages show nothing of B either.
    for address in ("/", "/archive/", "/templates/", "/new-year/"):
        page = browser.get(address)
        assert page.status_code == 200
        assert "библиотекар" not in page.content.decode(), address
    assert snapshot(centre.archive(b)) == before


@pytest.mark.slow  # builds an archive
@pytest.mark.parametrize("login, allowed", [("head-b", None), ("metod", METHODIST),
                                            ("office-b", OFFICE)])
@pytest.mark.slow  # builds an archive
def test_each_role_opens_exactly_its_urls(two, login, allowed):
    centre, a, b, values = two
    allowed = head_names() | ACCOUNT if allowed is None else allowed
    browser = centre.client(login)
    if login != "head-b":
        assert browser.get(f"/centre/open/{b.pk}/").status_code == 302
    before = snapshot(centre.archive(b))
    for pattern in patterns():
        if pattern.name in ("logout", "login") or pattern.name is None:
            continue
        address = url(pattern, values)
        got = status(browser.get(address))
        if pattern.name in allowed:
            assert got != 404, (login, address)
        elif pattern.name == "book":  # the head's first page: the others go to the list
            assert got == status(browser.post(address)) == 302
        else:
            assert got == 404, (login, address, got)
            assert status(browser.post(address)) == 404, (login, address)
    if login != "head-b":  # reading changed nothing
        assert snapshot(centre.archive(b)) == before


@pytest.mark.slow  # builds an archive
def test_office_staff_cannot_upload_or_build(two):
    centre, a, b, values = two
    browser = centre.client("office-b")
    browser.get(f"/centre/open/{b.pk}/")
    assert upload(browser).status_code == 404
    assert browser.post(f"/build/{values['upload_id']}/").status_code == 404
    assert browser.post("/templates/upload/plan.docx",
                        {"template": io.BytesIO(b"x")}).status_code == 404
    # …but reads and downloads the documents of B.
    page = browser.get("/archive/2025-2026/")
    assert page.status_code == 200 and values["name"] in page.content.decode()
    download = browser.get(f"/files/2025-2026/{values['name']}")
    download.close()
    assert download.status_code == 200
    assert "attachment" in download["Content-Disposition"]


@pytest.mark.slow  # builds an archive
def test_office_staff_see_only_the_associations_given_to_them(two):
    centre, a, b, _ = two
    browser = centre.client("office-b")
    page = browser.get("/centre/")
    assert "РМО школьных библиотекарей" in text(page)
    assert "РМО учителей математики" not in text(page)
    assert browser.get(f"/centre/open/{a.pk}/").status_code == 404
    assert browser.get("/archive/").status_code == 302  # nothing chosen yet: to the list


@pytest.mark.slow  # builds an archive
def test_anonymous_visitors_are_sent_to_the_login_page_from_every_url(two):
    centre, _, _, values = two
    browser = centre.client()
    for pattern in patterns():
        if pattern.name in ("login",) or str(pattern.pattern).startswith("^"):
            continue
        address = url(pattern, values)
        for response in (browser.get(address), browser.post(address)):
            assert status(response) == 302, address
            assert response["Location"].startswith("/login/?next="), address
    assert status(browser.get("/static/rmo/rmo.css")) == 200


@pytest.mark.slow  # builds an archive
def test_a_methodist_never_sees_a_password_or_its_hash(two):
    from django.contrib.auth.models import User

    centre, _, b, values = two
    hashes = [u.password for u in User.objects.all()]
    assert all(h and PASSWORD not in h for h in hashes)
    browser = centre.client("metod")
    browser.get(f"/centre/open/{b.pk}/")
    for pattern in patterns():
        response = browser.get(url(pattern, values))
        body = b"".join(response.streaming_content) if response.streaming else response.content
        response.close()
        for secret in (*hashes, PASSWORD):
            assert secret.encode() not in body, pattern.name
        assert b"md5$" not in body and b"pbkdf2" not in body
    people = browser.get("/centre/people/")
    assert rows(people, "Люди центра")[0] == ["head-a", "руководитель",
                                              "РМО учителей математики", "ещё не входил",
                                              "открыт", "Отключить вход Удалить…"]


@pytest.mark.slow  # builds an archive
def test_every_post_needs_the_csrf_token(two):
    centre, _, b, values = two
    head = centre.client("head-b", csrf=True)
    methodist = centre.client("metod", csrf=True)
    posted = 0
    for pattern in patterns():
        address = url(pattern, values)
        for browser in (head, methodist, centre.client(csrf=True)):
            response = browser.post(address)
            if status(response) not in (404, 405, 302):
                assert response.status_code == 403, address
                assert text(response).startswith("Форма устарела")
                posted += 1
    assert posted >= 12


def test_another_host_is_refused(centre):
    response = centre.client().get("/login/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.content.decode().startswith("Запрос отклонён: сервер методического центра")
    assert centre.options["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]
    assert centre.options["DEBUG"] is False


def test_https_behind_a_proxy_makes_cookies_secure(tmp_path):
    from generator.errors import RmoError
    from generator.web.centre.folder import SETTINGS, create, load
    from generator.web.centre.settings import options

    create(tmp_path / "c")
    path = tmp_path / "c" / SETTINGS
    path.write_text(path.read_text(encoding="utf-8").replace("https = false", "https = true")
                    .replace('["127.0.0.1", "localhost"]', '["rmo.bmc.local"]'),
                    encoding="utf-8")
    found = options(load(tmp_path / "c"))
    assert found["SESSION_COOKIE_SECURE"] and found["CSRF_COOKIE_SECURE"]
    assert found["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert found["CSRF_TRUSTED_ORIGINS"] == ["https://rmo.bmc.local"]
    assert found["ALLOWED_HOSTS"] == ["rmo.bmc.local"]
    assert load(tmp_path / "c").proxy == ""  # the new file's line: no proxy
    path.write_text(path.read_text(encoding="utf-8").replace('proxy = ""', ""), "utf-8")
    assert load(tmp_path / "c").proxy == "127.0.0.1"  # a file of before: the proxy of README
    path.write_text(path.read_text(encoding="utf-8") + 'proxy = "nginx"\n', "utf-8")
    with pytest.raises(RmoError) as refused:
        load(tmp_path / "c")
    assert str(refused.value).endswith('proxy — адрес прокси в кавычках, например '
                                       '"127.0.0.1", или "" без прокси. Исправьте файл и '
                                       'запустите сервер снова.')


# --- signing in -----------------------------------------------------------------------------

def test_login_logout_and_a_wrong_password(centre):
    a = centre.association("РМО школьных библиотекарей")
    centre.person("ivanova", "руководитель", a)
    browser = centre.client()
    page = browser.get("/login/")
    assert re.search(r'<form method="post" action="/login/".*<button type="submit"',
                     page.content.decode(), re.S)  # Enter in a field submits it
    wrong = centre.login(browser, "ivanova", "не тот")
    assert wrong.status_code == 200
    assert "Пожалуйста, введите правильные имя пользователя и пароль" in text(wrong)
    right = centre.login(browser, "ivanova")
    assert right.status_code == 302 and right["Location"] == "/"
    assert "ivanova, руководитель" in browser.get("/").content.decode()
    browser.post("/logout/")
    assert browser.get("/").status_code == 302


def test_failed_logins_make_the_login_wait(centre):
    from generator.web.centre.models import FailedLogin

    centre.person("metod", "методист")
    browser = centre.client()
    for _ in range(5):
        assert "правильные имя пользователя" in text(centre.login(browser, "metod", "угадал?"))
    refused = centre.login(browser, "metod")  # even the right password waits
    assert refused.status_code == 200
    assert text(refused).startswith("Вход Сервер методического центра. Войдите под логином "
                                    "и паролем, которые дал методист центра. Слишком много "
                                    "неудачных попыток входа. Подождите 15 минут и "
                                    "попробуйте снова")
    FailedLogin.objects.update(at=dt.datetime.now() - dt.timedelta(minutes=16))
    assert centre.login(browser, "metod").status_code == 302


def test_a_new_password_ends_the_other_sessions(centre):
    centre.person("metod", "методист")
    first, second = centre.client("metod"), centre.client("metod")
    page = first.post("/password/", {"old_password": PASSWORD, "new_password1": "12345678",
                                     "new_password2": "12345678"})
    assert "Введённый пароль состоит только из цифр" in text(page)
    done = first.post("/password/", {"old_password": PASSWORD,
                                     "new_password1": "Новый-пароль-2026",
                                     "new_password2": "Новый-пароль-2026"})
    assert done.status_code == 302
    assert first.get("/centre/").status_code == 200
    assert second.get("/centre/").status_code == 302  # signed out
    assert centre.login(centre.client(), "metod", "Новый-пароль-2026").status_code == 302


# --- the methodist's pages ------------------------------------------------------------------

def test_the_methodist_adds_an_association_and_people_from_the_page(centre):
    centre.person("metod", "методист")
    browser = centre.client("metod")
    added = browser.post("/centre/associations/", {"name": "РМО учителей химии"})
    assert added.status_code == 302
    page = browser.get(added["Location"])
    assert "Объединение «РМО учителей химии» добавлено" in text(page)
    assert (centre.folder / "Объединения" / "РМО учителей химии").is_dir()
    again = browser.post("/centre/associations/", {"name": "рмо учителей  химии"})
    assert "Объединение «рмо учителей химии» уже есть." in text(again)
    from generator.web.centre.models import Association

    chemistry = Association.objects.get(name="РМО учителей химии")
    form = {"login": "sidorova", "role": "руководитель", "association": [chemistry.pk],
            "password": "Химия-2025-пароль", "password2": "Химия-2025-пароль"}
    made = browser.post("/centre/people/", form)
    assert made.status_code == 302
    assert rows(browser.get(made["Location"]), "Люди центра")[0][:3] == [
        "sidorova", "руководитель", "РМО учителей химии"]
    wrong = browser.post("/centre/people/", {**form, "login": "x", "association": []})
    assert wrong.status_code == 400
    assert "Руководитель ведёт одно объединение" in text(wrong)
    reset = browser.post("/centre/people/password/", {
        "login": "sidorova", "password": "Другой-пароль-77", "password2": "Другой-пароль-77"})
    assert reset.status_code == 302
    assert centre.login(centre.client(), "sidorova", "Другой-пароль-77").status_code == 302


@pytest.mark.slow  # builds an archive
def test_status_shows_each_associations_documents_and_last_build(two):
    centre, a, b, _ = two
    page = centre.client("metod").get("/centre/status/")
    table = rows(page, "Документы объединений")
    assert table[0] == ["РМО учителей математики", "документы ещё не делали"]
    name, year, plan, passport, minutes, analysis, last = table[1]
    built = f"сдан {last[:10]}"  # no deadline set: handed in the day of the build
    assert (name, year, plan, passport, minutes, analysis) == (
        "РМО школьных библиотекарей", "2025/2026", built, built, "3", built)
    assert re.fullmatch(r"\d\d\.\d\d\.20\d\d \d\d:\d\d", last)


@pytest.mark.slow  # builds an archive
def test_the_summary_page_and_its_docx(two):
    centre, a, b, _ = two
    browser = centre.client("metod")
    page = browser.get("/centre/summary/")
    assert page.status_code == 200
    table = [r for r in rows(page, "Показатели объединений") if r]
    assert table[0][0] == "РМО школьных библиотекарей"
    assert table[-1][0] == "Итого (1)"
    assert table[0][1:] == table[-1][1:]  # one association: the total is its row
    assert "Нет сделанных документов за этот год, в отчёт не вошли: РМО учителей " \
           "математики." in text(page)
    response = browser.get("/centre/summary.docx?year=2025-2026")
    assert response.status_code == 200
    path = centre.folder.parent / "summary.docx"
    path.write_bytes(response.content)
    assert "Сводный отчёт".upper() in full_text(path).upper()
    # The centre named in its settings is the originator, its director signs.
    settings = centre.folder / "rmo-centre.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'organisation = ""', 'organisation = "МАУ «Белоярский методический центр»"').replace(
        'signer = ""', 'signer = "Директор Е.А. Иванова"'), encoding="utf-8")
    path.write_bytes(browser.get("/centre/summary.docx?year=2025-2026").content)
    lines = full_text(path).split("\n")
    assert lines[0] == "МАУ «Белоярский методический центр»"
    assert lines[-2] == "Директор\t______________\tЕ.А.\u00a0Иванова"
    # The same table as a spreadsheet, linked beside the document.
    assert '<a class="button" href="/centre/summary.xlsx?year=2025-2026">Скачать таблицу ' \
           '(.xlsx)</a>' in page.content.decode()
    table = browser.get("/centre/summary.xlsx?year=2025-2026")
    assert table.status_code == 200
    assert table["Content-Disposition"].endswith(
        "filename*=utf-8''%D0%A1%D0%B2%D0%BE%D0%B4%D0%BD%D0%B0%D1%8F%20%D1%82%D0%B0%D0%B1%D0%BB"
        "%D0%B8%D1%86%D0%B0%20%D0%A0%D0%9C%D0%9E%202025-2026.xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(table.content))["Таблица"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    assert [r[1] for r in cells] == ["Объединение", "РМО школьных библиотекарей", "Итого"]
    assert cells[1][3:17] == cells[2][3:17] and cells[1][-1] == cells[2][-1] == \
        "МАУ «Белоярский методический центр»"
    assert browser.get("/centre/summary.xlsx?year=2019-2020").status_code == 404


# --- builds at the same time ----------------------------------------------------------------

@pytest.mark.slow  # builds an archive
def test_builds_of_one_association_wait_for_each_other_and_others_run_alongside(two, monkeypatch):
    from generator.web import jobs

    centre, a, b, values = two
    _lock = jobs._lock
    arrived = threading.Semaphore(0)  # a build of B has come to B's lock

    class Watched:
        """B's lock, telling when a build comes to it: the check below then knows the two
        builds of B are there, waiting, not yet started."""

        def __init__(self, lock):
            self.lock = lock

        def acquire(self, *args, **kwargs):
            arrived.release()
            return self.lock.acquire(*args, **kwargs)

        def release(self):
            self.lock.release()

    held_for_b = _lock(centre.archive(b))
    monkeypatch.setattr(jobs, "_lock", lambda folder: Watched(held_for_b)
                        if _lock(folder) is held_for_b else _lock(folder))
    head_a, head_b, tab_b = (centre.client(x) for x in ("head-a", "head-b", "head-b"))
    ids = {"a": upload(head_a)["Location"].split("/")[2],
           "b1": values["upload_id"], "b2": upload(tab_b)["Location"].split("/")[2]}
    answers: dict[str, tuple[int, float]] = {}

    def run(key, browser):
        from django.db import connections

        try:
            response = browser.post(f"/build/{ids[key]}/")
            answers[key] = (response.status_code, time.monotonic())
        finally:
            connections.close_all()  # this thread's own database connection

    lock = _lock(centre.archive(b))
    lock.acquire()  # a build of B is running
    try:
        threads = [threading.Thread(target=run, args=(k, c))
                   for k, c in (("b1", head_b), ("b2", tab_b), ("a", head_a))]
        for thread in threads:
            thread.start()
        threads[2].join(timeout=60)
        assert answers["a"][0] == 302  # A built while B was held
        assert arrived.acquire(timeout=60) and arrived.acquire(timeout=60)
        time.sleep(0.3)  # at the lock: a refusal would have answered by now
        assert "b1" not in answers and "b2" not in answers  # B's builds wait, not refused
        released = time.monotonic()
    finally:
        lock.release()
    for thread in threads[:2]:
        thread.join(timeout=120)
    assert answers["b1"][0] == answers["b2"][0] == 302
    assert answers["b1"][1] > released and answers["b2"][1] > released
    import json

    from generator.archive import register

    year = centre.archive(b) / "2025-2026"
    listed = {e["file"] for e in json.loads(register.path(year).read_text("utf-8"))
              ["documents"]}
    on_disk = {p.name for p in year.iterdir() if p.suffix in (".docx", ".xlsx")
               and p.name != "Реестр документов.xlsx"}
    assert listed == on_disk


def _copy_year(source: Path, target: Path) -> None:
    """The year's documents and its service files (register, ledger) into another archive."""
    from generator.archive.store import year_service

    shutil.copytree(source / "2025-2026", target / "2025-2026")
    shutil.copytree(year_service(source / "2025-2026"), year_service(target / "2025-2026"))


@pytest.mark.slow  # builds an archive
def test_a_row_is_the_association_of_the_archive_not_the_name_its_workbook_gives(two):
    centre, a, b, _ = two
    # The head of A builds B's workbook: it calls itself «РМО школьных библиотекарей».
    _copy_year(centre.archive(b), centre.archive(a))
    browser = centre.client("metod")
    page = browser.get("/centre/summary/")
    assert page.status_code == 200
    table = [r for r in rows(page, "Показатели объединений") if r]
    assert [r[0] for r in table] == [
        "РМО учителей математики в книге: «РМО школьных библиотекарей»",
        "РМО школьных библиотекарей", "Итого (2)"]
    assert table[0][1:] == table[1][1:]
    assert "В книге указано другое объединение. Строка отчёта — за объединением, из чьего " \
           "архива книга (под названием в центре). Проверьте книгу с его руководителем: " \
           "архив «РМО учителей математики»: в книге — «РМО школьных библиотекарей»" \
           in text(page)
    assert "Отчёт не собран" not in text(page)
    response = browser.get("/centre/summary.docx?year=2025-2026")
    assert response.status_code == 200
    path = centre.folder.parent / "summary.docx"
    path.write_bytes(response.content)
    document = full_text(path)
    assert "РМО учителей математики" in document and "РМО школьных библиотекарей" in document


@pytest.mark.slow  # builds an archive
def test_a_workbook_that_cannot_be_read_leaves_out_its_own_association_only(two):
    centre, a, b, _ = two
    _copy_year(centre.archive(b), centre.archive(a))
    book = next((centre.archive(a) / "2025-2026").glob("*.xlsx"))
    for path in (centre.archive(a) / "2025-2026").glob("*.xlsx"):
        if path.name != "Реестр документов.xlsx":
            path.write_bytes(b"not a workbook")
            book = path
    page = centre.client("metod").get("/centre/summary/")
    table = [r for r in rows(page, "Показатели объединений") if r]
    assert [r[0] for r in table] == ["РМО школьных библиотекарей", "Итого (1)"]
    assert f"Не вошли в отчёт: в книгах этих объединений есть ошибки (руководитель " \
           f"исправляет книгу и делает документы снова). «РМО учителей математики», книга " \
           f"«{book.name}»:" in text(page)


def test_a_file_over_the_limit_is_refused_in_russian_before_the_form_check(centre):
    from django.core.files.uploadedfile import SimpleUploadedFile

    centre.person("head-a", "руководитель", centre.association("РМО учителей математики"))
    head = centre.client("head-a", csrf=True)
    response = head.post("/check/", {"workbook": SimpleUploadedFile(
        "Книга с фото.xlsx", b"\0" * (21 * 2 ** 20))})
    assert response.status_code == 413
    assert text(response).startswith(
        "Файл слишком большой Файл «Книга с фото.xlsx» весит 21 МБ, а программа принимает "
        "файлы до 20 МБ — это не похоже на книгу Excel (.xlsx).")


def test_a_head_uploading_a_template_that_reaches_outside_is_refused(centre, tmp_path):
    """At the centre a template with a picture linked to an address (LibreOffice on the
    server would fetch it) is refused at upload, saying what and where it points."""
    from .test_template_files import crafted, relation

    head = centre.association("РМО школьных библиотекарей")
    centre.person("head", "руководитель", head)
    browser = centre.client("head")
    path = crafted(tmp_path, relation("image", "http://169.254.169.254/latest/meta-data/"))
    with path.open("rb") as stream:
        sent = browser.post("/templates/upload/plan.docx", {"template": stream})
    assert sent.status_code == 302
    page = text(browser.get(sent["Location"]))
    assert ("Шаблон «plan.docx» не принят, ничего не изменено: Шаблон «plan.docx»: в нём "
            "картинка, вставленная ссылкой на «http://169.254.169.254/latest/meta-data/». "
            "Шаблоны со ссылками на другие файлы и адреса не принимаются") in page
    assert not (centre.archive(head) / "Шаблоны" / "plan.docx").exists()


def test_a_build_on_the_centre_reads_its_summary_row_ahead(two, monkeypatch):
    """After a head's build the summary's row of that workbook is read in the background
    (settings' RMO_AFTER_BUILD), so the methodist's summary page finds it read."""
    from generator.web.centre import rows

    centre, a, _, _ = two
    warmed = []
    monkeypatch.setattr(rows, "warm", lambda association=None: warmed.append(association))
    build(centre.client("head-a"))
    assert [x.name for x in warmed] == [a.name]
