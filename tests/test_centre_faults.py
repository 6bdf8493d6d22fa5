"""The centre when the machine fails, and the quota on uploads, through Django's test client on
SQLite and on PostgreSQL: a full disk, a read-only folder and a stopped database each say what
happened and who fixes it; no failure of the machine is blamed on the workbook."""

from __future__ import annotations

import errno
import os
import pathlib
import re
import socket
import time

import pytest

from .centre_site import centre_fixture  # noqa: F401 — the fixture «centre»
from .helpers import SAMPLE
from .test_centre import build, upload
from .test_web import text

FULL = ("Нет места на диске Файл не записан: на диске сервера не осталось свободного места. "
        "Книга и шаблоны тут ни при чём, а документы, уже лежащие в архиве, не испорчены. "
        "Сообщите администратору центра, что на диске сервера нужно освободить место; когда "
        "место будет, повторите действие.")
READ_ONLY = ("Папка закрыта для записи Файл не записан: папка центра доступна только для чтения "
             "или у программы нет прав писать в неё. Книга и шаблоны тут ни при чём, а "
             "документы, уже лежащие в архиве, не испорчены. Сообщите администратору центра: "
             "ему нужно проверить диск сервера и права на папку центра. Потом повторите "
             "действие.")
DATABASE = ("База данных центра не отвечает Сервер не может связаться со своей базой данных (в "
            "ней учётные записи и входы), поэтому страницу не открыть. Документы архивов не "
            "тронуты. Сообщите администратору центра: ему нужно проверить, что сервер базы "
            "данных запущен и доступен. Попробуйте снова через несколько минут.")
HEAD_MENU = ["Книга года", "Архив", "Новый год", "Шаблоны"]


def menu(page) -> list[str]:
    """The menu's items as the page shows them."""
    found = re.search(r'<nav aria-label="Разделы">(.*?)</nav>', page.content.decode(), re.S)
    return re.findall(r"<a [^>]*>([^<]+)</a>", found.group(1)) if found else []


@pytest.fixture
def head(centre):
    b = centre.association("РМО школьных библиотекарей")
    centre.person("head-b", "руководитель", b)
    return centre, b, centre.client("head-b")


def uploads(centre, association) -> list[str]:
    folder = centre.archive(association) / ".rmo" / "uploads"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def refuse_mkdir(monkeypatch, number: int) -> None:
    """The uploads folder cannot be made: the operating system says `number`."""
    original = pathlib.Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.parent.name == "uploads":
            raise OSError(number, os.strerror(number), str(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "mkdir", mkdir)


@pytest.mark.slow  # builds an archive
def test_a_full_disk_during_a_build_is_not_the_workbooks_fault(head, monkeypatch):
    centre, b, browser = head
    upload_id = upload(browser)["Location"].split("/")[2]

    def fsync(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", fsync)
    page = browser.post(f"/build/{upload_id}/")
    assert page.status_code == 507
    assert text(page).startswith(FULL)
    assert "Исправьте в Excel" not in text(page)
    assert menu(page) == HEAD_MENU and "head-b, руководитель" in page.content.decode()
    assert uploads(centre, b) == [upload_id]  # kept: the head builds it again later
    assert not list(centre.archive(b).rglob(".~rmo-*.tmp"))
    monkeypatch.undo()
    assert browser.post(f"/build/{upload_id}/").status_code == 302
    assert uploads(centre, b) == []  # the build used it: removed


@pytest.mark.parametrize("number, status, expected", [(errno.ENOSPC, 507, FULL),
                                                      (errno.EROFS, 503, READ_ONLY),
                                                      (errno.EACCES, 503, READ_ONLY)])
def test_an_upload_to_a_full_disk_or_a_read_only_folder(head, monkeypatch, number, status,
                                                        expected):
    centre, b, browser = head
    browser.raise_request_exception = False
    refuse_mkdir(monkeypatch, number)
    page = upload(browser)
    assert page.status_code == status
    assert text(page).startswith(expected)
    assert menu(page) == HEAD_MENU and "head-b, руководитель" in page.content.decode()
    assert uploads(centre, b) == []


@pytest.mark.slow  # builds an archive
def test_a_read_only_archive_during_a_build(head, monkeypatch):
    centre, b, browser = head
    upload_id = upload(browser)["Location"].split("/")[2]
    original = os.open

    def refuse(path, *args, **kwargs):
        if os.path.basename(path).startswith(".~rmo-"):
            raise OSError(errno.EROFS, "Read-only file system", path)
        return original(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    page = browser.post(f"/build/{upload_id}/")
    assert page.status_code == 503
    assert text(page).startswith(READ_ONLY)


def stop_database(monkeypatch, kind: str, alias: str) -> None:
    """The database stops answering: PostgreSQL at a closed port, SQLite in a folder gone."""
    from django.db import connections

    connection = connections[alias]
    connection.close()
    if kind == "postgresql":
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]  # free, and nobody listens on it once closed
        monkeypatch.setitem(connection.settings_dict, "PORT", str(port))
        monkeypatch.setitem(connection.settings_dict, "HOST", "127.0.0.1")
    else:
        monkeypatch.setitem(connection.settings_dict, "NAME", "/nonexistent/centre.sqlite3")


def test_a_stopped_database_gets_its_page_for_the_signed_in_and_the_anonymous(head,
                                                                             monkeypatch):
    from django.db import connections

    from .centre_site import Router

    centre, b, browser = head
    anonymous = centre.client()
    for client in (browser, anonymous):
        client.raise_request_exception = False
    stop_database(monkeypatch, centre.kind, Router.alias)
    try:
        for address in ("/archive/", "/"):
            page = browser.get(address)
            assert page.status_code == 503, address
            assert text(page).startswith(DATABASE), address
            assert "Попробовать снова" in text(page) and menu(page) == ["Вход"]
            assert f'href="{address}"' in page.content.decode()
        assert anonymous.get("/login/").status_code == 200  # the form needs no database…
        page = centre.login(anonymous, "head-b")  # …signing in does
        assert page.status_code == 503
        assert text(page).startswith(DATABASE) and menu(page) == ["Вход"]
    finally:
        connections[Router.alias].close()
        monkeypatch.undo()
    assert browser.get("/archive/").status_code == 200  # back once the database is


def test_uploads_of_an_association_are_limited_in_number(head):
    centre, b, browser = head
    from generator.web.pages.common import UPLOADS_KEPT

    for _ in range(UPLOADS_KEPT):
        assert upload(browser).status_code == 302
    page = upload(browser)
    assert page.status_code == 429
    assert text(page).startswith(
        "Слишком много загрузок За последний час загружено 20 файлов на 1 МБ, а сервер хранит "
        "для одного архива не больше 20 файлов и 100 МБ. Этот файл не сохранён. Сделайте "
        "документы по уже проверенной книге (после сборки её файл удаляется) или подождите "
        "час и загрузите снова.")
    kept = uploads(centre, b)
    assert len(kept) == UPLOADS_KEPT
    # An hour later the oldest gives way to a new one.
    oldest = centre.archive(b) / ".rmo" / "uploads" / kept[0]
    hour_ago = time.time() - 3700
    os.utime(oldest, (hour_ago, hour_ago))
    assert upload(browser).status_code == 302
    assert len(uploads(centre, b)) == UPLOADS_KEPT and kept[0] not in uploads(centre, b)


def test_uploads_of_an_association_are_limited_in_size(head, monkeypatch):
    centre, b, browser = head
    from generator.web.pages import common

    monkeypatch.setattr(common, "UPLOADS_SIZE", 3 * SAMPLE.stat().st_size)
    for _ in range(3):
        assert upload(browser).status_code == 302
    page = upload(browser)
    assert page.status_code == 429 and "Слишком много загрузок" in text(page)
    assert len(uploads(centre, b)) == 3
    # Another association's quota is its own.
    a = centre.association("РМО учителей математики")
    centre.person("head-a", "руководитель", a)
    assert upload(centre.client("head-a")).status_code == 302


@pytest.mark.slow  # builds an archive
def test_a_build_removes_its_upload_and_its_check_page_says_so(head):
    centre, b, browser = head
    upload_id, _ = build(browser)
    assert uploads(centre, b) == []
    page = browser.get(f"/check/{upload_id}/")
    assert page.status_code == 404
    assert "Книга, которую вы проверяли, больше не хранится (по ней уже сделаны документы — " \
           "они в «Архиве», или прошло больше суток). Выберите книгу ещё раз." in text(page)


def test_replaced_templates_are_the_quota_of_template_uploads(head, monkeypatch):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from generator.render.templates import builtin_templates
    from generator.web.pages import templates

    centre, b, browser = head
    monkeypatch.setattr(templates, "FORMER_KEPT", 2)
    data = (builtin_templates() / "plan.docx").read_bytes()

    def send():
        return browser.post("/templates/upload/plan.docx",
                            {"template": SimpleUploadedFile("plan.docx", data)})

    for _ in range(3):  # the first replaces nothing; two go to «прежние»
        assert send().status_code == 302
    page = send()
    assert page.status_code == 429
    assert text(page).startswith(
        "Слишком много прежних шаблонов Прежних версий шаблонов накопилось 2 файла на 1 МБ "
        "— столько, сколько архив хранит (2 файла, 200 МБ); rmo их не удаляет, и новый "
        "шаблон не "
        "сохранён. Сообщите администратору центра: он уберёт старые из папки "
        "«Шаблоны/прежние» архива объединения.")
    assert len(list((centre.archive(b) / "Шаблоны" / "прежние").iterdir())) == 2


def test_a_database_on_a_full_disk_is_a_full_disk(head, monkeypatch):
    """SQLite cannot write the session when the disk under it is full: sign-in says so."""
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import OperationalError

    centre, b, _ = head

    def save(self, must_create=False):
        raise OperationalError("database or disk is full")

    monkeypatch.setattr(SessionStore, "save", save)
    browser = centre.client()
    browser.raise_request_exception = False
    page = centre.login(browser, "head-b")
    assert page.status_code == 507
    assert text(page).startswith(FULL)
