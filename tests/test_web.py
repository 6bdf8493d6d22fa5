"""The page of `rmo serve` through Django's test client: every page, every refusal."""

from __future__ import annotations

import copy
import html
import io
import json
import re
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from generator.archive import register
from generator.documents.kinds import KINDS
from generator.render.templates import builtin_templates
from generator.web.pages.templates import NAMES

from .helpers import BASE, SAMPLE, full_text, workbook
from .web_client import TOKEN, client


def text(response) -> str:
    """What a person reads on the page: the main part, tags dropped, spaces collapsed."""
    body = response.content.decode("utf-8")
    main = re.search(r"<main[^>]*>(.*)</main>", body, re.S)
    plain = re.sub(r"<[^>]+>", " ", main.group(1) if main else body)
    return re.sub(r"\s+", " ", html.unescape(plain)).strip()


def rows(response, caption: str) -> list[list[str]]:
    """The cells of the table with this caption, row by row."""
    body = response.content.decode("utf-8")
    for table in re.findall(r"<table.*?</table>", body, re.S):
        if caption in table:
            return [[re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", cell))).strip()
                     for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]
                    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)[1:]]
    raise AssertionError(f"no table «{caption}»")


def upload(browser, path: Path, url: str = "/check/", field: str = "workbook", name=None):
    with path.open("rb") as stream:
        if name:
            from django.core.files.uploadedfile import SimpleUploadedFile

            stream = SimpleUploadedFile(name, stream.read())
        return browser.post(url, {field: stream})


def checked(browser, path: Path):
    response = upload(browser, path)
    assert response.status_code == 302, text(response)
    return browser.get(response["Location"]), response["Location"].split("/")[2]


def built(browser, path: Path):
    page, upload_id = checked(browser, path)
    response = browser.post(f"/build/{upload_id}/")
    assert response.status_code == 302, text(response)
    return browser.get(response["Location"]), response["Location"]


def broken(tmp_path: Path) -> Path:
    meetings = copy.deepcopy(BASE["Заседания"])
    meetings[0]["Дата"] = "31.02.2026"
    agenda = copy.deepcopy(BASE["Повестка"])
    agenda[0]["Докладчики"] = "Мазеева Р.Н."
    return workbook(tmp_path, name="с ошибками.xlsx", Заседания=meetings, Повестка=agenda)


# --- the command and signing in ----------------------------------------------------------

_HELP = ("import sys, time; t = time.perf_counter(); from generator.cli.main import main\n"
         "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
         "print(time.perf_counter() - t, 'django' in sys.modules, file=sys.stderr)")


def test_rmo_help_never_imports_django():
    result = subprocess.run([sys.executable, "-c", _HELP], capture_output=True, text=True)
    assert "serve" in result.stdout
    assert result.stderr.split()[1] == "False"


@pytest.mark.slow  # a wall clock: out of the quick run, which a busy machine must not fail
def test_rmo_help_stays_fast():
    best = min(float(subprocess.run([sys.executable, "-c", _HELP], capture_output=True,
                                    text=True).stderr.split()[0]) for _ in range(3))
    assert best < 0.3


STEPS = ("Что сделать Найдите окно, в котором запущена программа rmo (команда rmo serve); "
         "обычно оно свёрнуто на панели задач. Выделите мышью адрес после слов «Страница "
         "rmo:» и щёлкните правой кнопкой мыши — адрес скопируется. Вставьте его в поле ниже и "
         "нажмите «Войти» (или вставьте в адресную строку браузера). Адрес постоянный: он "
         "действует в любом браузере этого компьютера, сколько угодно раз, и после перезапуска "
         "программы. Адрес из окна rmo Войти")


def test_without_the_key_nothing_opens_and_the_page_says_what_to_do(tmp_path):
    browser = client(tmp_path, sign_in=False)
    try:
        for url in ("/", "/archive/", "/templates/", "/new-year/blank.xlsx"):
            response = browser.get(url)
            assert response.status_code == 403
            assert text(response) == (
                "Нужно войти Страница rmo открывается по адресу с ключом входа, который "
                "программа напечатала в своём окне: «Страница rmo: "
                "http://127.0.0.1:8000/?token=…». " + STEPS)
            body = response.content.decode()
            # Styled, without the menu or the archive's place, with a field for the address.
            assert '<link rel="stylesheet" href="/static/rmo/rmo.css">' in body
            assert "<nav" not in body and "Архив:" not in body
            assert "Страница rmo открывается только на этом компьютере." in body
            assert f'<form method="get" action="{url}"' in body
        response = browser.post("/check/", {"workbook": io.BytesIO(b"x")})
        assert response.status_code == 403
        wrong = browser.get("/?token=guess")
        assert wrong.status_code == 403
        assert text(wrong) == ("Неверный ключ входа Ключ в адресе не подходит к этому архиву: "
                               "адрес скопирован не целиком или напечатан для другой папки "
                               "архива. " + STEPS)
        assert not any(tmp_path.glob(".rmo/uploads/*"))
        # The stylesheet and the script are public: the sign-in page is styled.
        for name in ("rmo.css", "rmo.js"):
            public = browser.get(f"/static/rmo/{name}")
            assert public.status_code == 200 and b"".join(public.streaming_content)
            public.close()
        assert browser.get("/static/rmo/../settings.py").status_code == 403
    finally:
        browser.override.disable()


def test_the_address_opens_in_any_browser_any_number_of_times(tmp_path):
    first = client(tmp_path)  # signed in with the key
    try:
        from django.test import Client

        assert first.get("/").status_code == 200
        again = first.get(f"/archive/?token={TOKEN}")
        assert again.status_code == 302 and again["Location"] == "/archive/"
        # An old address in the history of a signed-in browser just opens the page.
        assert first.get("/archive/?token=old-key")["Location"] == "/archive/"
        for _ in range(3):  # another browser of this computer, any number of times
            other = Client(HTTP_HOST="127.0.0.1:8000")
            other.handler = first.handler  # the same running server
            signed = other.get(f"/?token={TOKEN}")
            assert (signed.status_code, signed["Location"]) == (302, "/")
            assert other.get("/").status_code == 200
        # The whole line copied from the terminal, pasted into the sign-in field.
        pasted = Client(HTTP_HOST="127.0.0.1:8000")
        line = f" Страница rmo: http://127.0.0.1:8000/?token={TOKEN} "
        response = pasted.get("/templates/", {"token": line})
        assert (response.status_code, response["Location"]) == (302, "/templates/")
        assert pasted.get("/templates/").status_code == 200
        # A restart: a new server over the same archive takes the same cookie.
        restarted = Client(HTTP_HOST="127.0.0.1:8000")
        restarted.cookies = first.cookies
        assert restarted.get("/archive/").status_code == 200
    finally:
        first.override.disable()


def test_the_keys_are_kept_with_the_archive_for_its_owner_only(tmp_path):
    from generator.web.settings import secret_key, sign_in_key

    key = sign_in_key(tmp_path)
    assert sign_in_key(tmp_path) == key and len(key) >= 24
    assert secret_key(tmp_path) == secret_key(tmp_path) != key
    for name in ("sign-in-key", "secret-key"):
        assert (tmp_path / ".rmo" / name).read_text() in (key, secret_key(tmp_path))
        if sys.platform != "win32":
            assert (tmp_path / ".rmo" / name).stat().st_mode & 0o777 == 0o600
    assert sign_in_key(tmp_path / "другой") != key


def test_the_page_takes_port_8765_or_the_next_free_one():
    import socket

    from generator.errors import RmoError
    from generator.web.server import DEFAULT_PORT, listen

    assert DEFAULT_PORT == 8765
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = taken.getsockname()[1]
        place = listen(None, default=busy)  # the default port is another program's
        with place.sock:
            assert place.port == place.sock.getsockname()[1] > busy
            assert place.note == (f"Порт {busy} занят другой программой (может быть, rmo "
                                  "serve другой папки архива), поэтому страница открыта на "
                                  f"порту {place.port}.")
        place = listen(None, default=place.port)  # free: taken, nothing to say
        with place.sock:
            assert place.note == ""
        # This archive's page already runs there: it is opened, not started twice.
        place = listen(None, default=busy, ours=lambda port: port == busy)
        assert (place.sock, place.port, place.note) == (
            None, busy, "Страница этого архива уже открыта: rmo serve для этой папки запущена "
                        "в другом окне.")
        with pytest.raises(RmoError) as refused:  # --port names a busy one: said, not moved
            listen(busy)
        assert str(refused.value) == (
            f"Не удалось открыть страницу на порту {busy}: адрес занят другой программой. "
            f"Укажите другой порт (rmo serve --port {busy + 1}) или не указывайте порт вовсе.")


def test_a_page_proves_which_archive_it_serves_without_telling_its_key(tmp_path):
    from generator.web.access import proof

    browser = client(tmp_path, sign_in=False)
    try:
        nonce = "0123456789abcdef0123"
        answer = browser.get(f"/rmo/whoami?nonce={nonce}")
        assert answer.status_code == 200
        assert answer.content.decode() == proof(TOKEN, nonce) != proof("другой", nonce)
        assert TOKEN not in answer.content.decode()
        assert browser.get("/rmo/whoami").status_code == 404
        assert browser.get("/rmo/whoami?nonce=short").status_code == 404
    finally:
        browser.override.disable()


def test_another_host_header_is_refused(site):
    browser, _ = site
    response = browser.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert response.content.decode() == ("Запрос отклонён: страница rmo открывается только по "
                                         "адресу http://127.0.0.1.\n")


def test_a_post_without_the_csrf_token_is_refused(tmp_path):
    browser = client(tmp_path, csrf=True)
    try:
        response = upload(browser, SAMPLE)
        assert response.status_code == 403
        assert text(response).startswith("Форма устарела")
        assert not any(tmp_path.glob(".rmo/uploads/*"))
    finally:
        browser.override.disable()


def test_every_page_has_the_same_navigation(site):
    browser, _ = site
    for url, current in (("/", "Книга года"), ("/archive/", "Архив"),
                         ("/new-year/", "Новый год"), ("/templates/", "Шаблоны")):
        body = browser.get(url).content.decode()
        assert re.findall(r'<nav aria-label="Разделы">.*?</nav>', body, re.S)
        labels = re.findall(r'<a href="[^"]+"(?: aria-current="page")?>([^<]+)</a>',
                            re.search(r"<nav.*?</nav>", body, re.S).group(0))
        assert labels == ["Книга года", "Архив", "Новый год", "Шаблоны"]
        assert f'aria-current="page">{current}<' in body


def test_an_unknown_address_is_a_russian_404(site):
    browser, _ = site
    response = browser.get("/нет-такой/")
    assert response.status_code == 404
    assert text(response).startswith("Страница не найдена")


# --- «Книга года» ------------------------------------------------------------------------

def test_the_book_page_offers_a_file_and_the_check_button(site):
    browser, _ = site
    response = browser.get("/")
    body = response.content.decode()
    assert '<input type="file" id="workbook" name="workbook"' in body
    assert ">Проверить</button>" in body
    assert text(response).startswith("Книга года Выберите книгу Excel")


def test_a_good_workbook_says_no_errors_and_offers_to_build(site):
    browser, folder = site
    page, upload_id = checked(browser, SAMPLE)
    assert "Ошибок нет. Книга в порядке: РМО школьных библиотекарей, 2025/2026 учебный год." \
        in text(page)
    assert f'action="/build/{upload_id}/"' in page.content.decode()
    assert ">Сделать документы</button>" in page.content.decode()
    assert not (folder / "2025-2026").exists()  # checking writes nothing to the archive


@pytest.mark.slow  # builds an archive
def test_slow_buttons_say_they_are_working_and_work_without_javascript(site):
    """rmo.js disables a button of a form marked data-busy and writes its words in it; the
    form itself is an ordinary one (test_browser.py presses them in Chromium)."""
    browser, _ = site
    book = browser.get("/").content.decode()
    assert ('<form method="post" action="/check/" enctype="multipart/form-data" '
            'class="upload" data-drop data-busy="Книга проверяется…">') in book
    page, upload_id = checked(browser, SAMPLE)
    assert (f'<form method="post" action="/build/{upload_id}/" class="actions" '
            'data-busy="Документы делаются…">') in page.content.decode()
    script = browser.get("/static/rmo/rmo.js")
    code = b"".join(script.streaming_content).decode()
    script.close()
    assert 'document.querySelectorAll("form[data-busy]")' in code


def test_a_broken_workbook_shows_sheet_cell_what_and_what_to_do(site, tmp_path):
    browser, folder = site
    page, upload_id = checked(browser, broken(tmp_path))
    assert "В книге есть ошибки — документы пока не сделать." in text(page)
    assert rows(page, "Ошибки: исправьте их") == [
        ["Заседания", "C2", "«31.02.2026» — такой даты нет.",
         "Нужна дата в виде ДД.ММ.ГГГГ, например 15.10.2025."],
        ["Повестка", "C2", "«Мазеева Р.Н.» нет на листе «Участники».",
         "Впишите человека туда или исправьте ФИО, чтобы оно совпадало."],
    ]
    assert "Сделать документы" not in page.content.decode()
    # Building it anyway (an old form) is refused with the same table; nothing is written.
    response = browser.post(f"/build/{upload_id}/")
    assert response.status_code == 400
    assert "Документы не сделаны, архив не изменён." in text(response)
    assert not (folder / "2025-2026").exists()


def _with_a_warning(tmp_path: Path, **changes) -> Path:
    people = copy.deepcopy(BASE["Участники"])
    people[1]["Должность"] = "педагог-библиотекарь\nСОШ № 1"
    return workbook(tmp_path, name="w.xlsx", Участники=people, **changes)


WARNING_ROW = ["Участники", "B3", "перенос строки внутри «Должность»: программа читает текст "
               "в одну строку — «педагог-библиотекарь СОШ № 1».",
               "Уберите перенос (Alt+Enter), если он лишний."]


def test_errors_come_before_warnings(site, tmp_path):
    browser, _ = site
    meetings = copy.deepcopy(BASE["Заседания"])
    meetings[0]["Дата"] = "31.02.2026"
    page, _ = checked(browser, _with_a_warning(tmp_path, Заседания=meetings))
    body = page.content.decode()
    assert body.index("Ошибки: исправьте их") < body.index("Предупреждения: проверьте")
    assert rows(page, "Ошибки: исправьте их")[0][:2] == ["Заседания", "C2"]
    assert WARNING_ROW in rows(page, "Предупреждения: проверьте")


@pytest.mark.slow  # builds an archive
def test_warnings_alone_do_not_stop_the_documents(site, tmp_path):
    browser, _ = site
    page, upload_id = checked(browser, _with_a_warning(tmp_path))
    assert "Ошибок нет." in text(page)
    assert WARNING_ROW in rows(page, "Предупреждения: проверьте")
    result = browser.post(f"/build/{upload_id}/")
    page = browser.get(result["Location"])
    assert WARNING_ROW in rows(page, "Предупреждения книги")
    # Said at the top too, so that the long list of documents does not hide them.
    assert "2 предупреждения — проверьте их ниже, под списком документов" in text(page)
    assert 'href="#warnings"' in page.content.decode()


def test_not_a_workbook_empty_missing_and_too_big(site, tmp_path):
    browser, folder = site
    (tmp_path / "письмо.docx").write_bytes(b"PK\x03\x04 not really")
    response = upload(browser, tmp_path / "письмо.docx")
    assert response.status_code == 400
    assert text(response).startswith("Это не тот файл Файл «письмо.docx» — не книга Excel: "
                                     "нужен файл .xlsx. Выберите книгу Excel (.xlsx).")
    (tmp_path / "пусто.xlsx").write_bytes(b"")
    response = upload(browser, tmp_path / "пусто.xlsx")
    assert response.status_code == 400 and text(response).startswith(
        "Файл пустой Файл «пусто.xlsx» пустой (0 байт).")
    response = browser.post("/check/", {})
    assert response.status_code == 400 and text(response).startswith("Файл не выбран")
    assert not any((folder / ".rmo" / "uploads").glob("*/*")) if \
        (folder / ".rmo" / "uploads").exists() else True


def test_a_file_over_the_limit_is_refused_in_russian_with_its_name(tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    # The form check is on: the body is refused before it would read the form.
    browser = client(tmp_path, csrf=True)
    try:
        big = b"\0" * (21 * 2 ** 20)
        for url, field, name, what, back, current in (
                ("/check/", "workbook", "Годовая книга.xlsx", "книгу Excel (.xlsx)",
                 "К книге года", "Книга года"),
                ("/new-year/next/", "workbook", "Годовая книга.xlsx", "книгу Excel (.xlsx)",
                 "К новому году", "Новый год"),
                ("/templates/upload/plan.docx", "template", "План мой.docx",
                 "документ Word (.docx)", "К шаблонам", "Шаблоны")):
            response = browser.post(url, {field: SimpleUploadedFile(name, big)})
            assert response.status_code == 413
            assert text(response) == (
                f"Файл слишком большой Файл «{name}» весит 21 МБ, а программа принимает "
                f"файлы до 20 МБ — это не похоже на {what}. Проверьте, тот ли файл выбран; "
                "если в файле есть картинки, уменьшите или удалите их и сохраните файл "
                f"заново. ← Назад {back}")
            assert f'aria-current="page">{current}<' in response.content.decode()
        assert not any(tmp_path.glob(".rmo/uploads/*"))
    finally:
        browser.override.disable()


def test_waitress_drains_a_huge_body_keeping_its_head_only():
    """The server's side of the limit: 3 GB announced, 64 KB kept, the rest read and dropped."""
    from waitress.adjustments import Adjustments

    from generator.web.bodies import UNLIMITED, Parser
    from generator.web.settings import BODY_HEAD

    parser = Parser(Adjustments(max_request_body_size=UNLIMITED))
    size = 3 * 2 ** 30
    head = (b'--b\r\nContent-Disposition: form-data; name="workbook"; '
            b'filename="\xd0\x93\xd0\xbe\xd0\xb4.xlsx"\r\n\r\n')
    data = (f"POST /check/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: {size}\r\n"
            "Content-Type: multipart/form-data; boundary=b\r\n\r\n").encode() + head
    sent = parser.received(data)
    sent += parser.received(data[sent:])
    chunk = b"x" * 2 ** 20
    while not parser.completed:
        parser.received(chunk[:size - parser.body_bytes_received])
    assert parser.error is None and parser.headers["CONTENT_LENGTH"] == str(size)
    kept = parser.get_body_stream().read()
    assert len(kept) == BODY_HEAD and kept.startswith(head)
    small = Parser(Adjustments(max_request_body_size=UNLIMITED))
    request = b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello"
    small.received(request[small.received(request):])
    assert small.completed and small.get_body_stream().read() == b"hello"


def test_a_renamed_text_file_gets_the_readers_message(site, tmp_path):
    browser, _ = site
    (tmp_path / "книга.xlsx").write_text("ФИО;Должность\n", encoding="utf-8")
    page, _ = checked(browser, tmp_path / "книга.xlsx")
    assert rows(page, "Ошибки: исправьте их") == [[
        "—", "—", "Файл «книга.xlsx» — не книга Excel: похоже, это текст или CSV.",
        "Откройте его в Excel и сохраните как «Книга Excel (.xlsx)»."]]


def test_a_file_name_cannot_reach_outside_the_archive(site, tmp_path):
    browser, folder = site
    response = upload(browser, SAMPLE, name="../../../выход.xlsx")
    assert response.status_code == 302
    kept = list((folder / ".rmo" / "uploads").glob("*/*"))
    assert [p.name for p in kept] == ["выход.xlsx"]
    assert not (tmp_path / "выход.xlsx").exists()


def test_an_unknown_upload_id(site):
    browser, _ = site
    response = browser.get("/check/AAAAAAAAAAAAAAAAAAAAAAAA/")
    assert response.status_code == 404
    assert text(response).startswith("Книга не найдена Книга, которую вы проверяли, больше "
                                     "не хранится")
    for upload_id in ("..%2F..%2Fetc", "..", "%2e%2e"):
        assert browser.get(f"/check/{upload_id}/").status_code == 404


# --- the result ----------------------------------------------------------------------------

@pytest.mark.slow  # builds an archive
def test_building_lists_every_document_with_its_state(site, tmp_path):
    browser, folder = site
    page, url = built(browser, SAMPLE)
    table = rows(page, "Состояние")
    # One row per document the core made, in its order.
    assert [row[0] for row in table] == sorted(
        (p.name for p in (folder / "2025-2026").glob("*.docx")),
        key=[row[0] for row in table].index)
    assert len(table) == len(list((folder / "2025-2026").glob("*.docx"))) > 25
    assert table[0][:3] == ["План работы на 2025-2026 учебный год.docx", "План", "новый"]
    assert all(row[2] == "новый" for row in table)
    assert "Документы готовы РМО школьных библиотекарей, 2025/2026 учебный год" in text(page)
    assert "Скачать всё одним архивом (.zip)" in text(page)
    assert f"Новых документов: {len(table)}" in text(page)
    # The same book again: nothing changes; a changed book: a new version of what changed.
    again, _ = built(browser, SAMPLE)
    assert {row[2] for row in rows(again, "Состояние")} == {"без изменений"}
    agenda = copy.deepcopy(BASE["Повестка"])
    path = workbook(tmp_path)
    first, _ = built(browser, path)
    agenda[2]["Решили"] = "Опыт рекомендовать коллегам."
    second, _ = built(browser, workbook(tmp_path, name="v2.xlsx", Повестка=agenda))
    states = {row[0]: row[2] for row in rows(second, "Состояние")}
    assert states["Протокол № 2 от 22.04.2026 (версия 2).docx"] == "новая версия"
    assert list(states.values()).count("новая версия") == 2
    # The workbooks used are kept in the archive with their checksum.
    data = json.loads(register.path(folder / "2025-2026").read_text(encoding="utf-8"))
    kept = {e["file"] for e in data["documents"] if e["kind"] == "Книга"}
    assert kept == {"rmo-2025-2026.xlsx", "rmo.xlsx", "v2.xlsx"}


@pytest.mark.slow  # builds an archive
def test_a_document_downloads_and_is_the_plan(site, tmp_path):
    browser, folder = site
    page, _ = built(browser, SAMPLE)
    link = re.search(r'<a href="(/files/2025-2026/[^"]+)">План работы', page.content.decode())
    response = browser.get(html.unescape(link.group(1)))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    (tmp_path / "plan.docx").write_bytes(b"".join(response.streaming_content))
    assert "ПЛАН РАБОТЫ" in full_text(tmp_path / "plan.docx").upper()


@pytest.mark.slow  # builds an archive
def test_the_zip_holds_every_document(site):
    browser, _ = site
    page, url = built(browser, SAMPLE)
    response = browser.get(url + "zip/")
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))).namelist()
    assert sorted(names) == sorted(row[0] for row in rows(page, "Состояние"))


@pytest.mark.slow  # builds an archive
def test_a_download_path_outside_the_archive_is_refused(site, tmp_path):
    browser, folder = site
    built(browser, SAMPLE)
    (tmp_path / "secret.txt").write_text("секрет", encoding="utf-8")
    for url in ("/files/2025-2026/../../secret.txt", "/files/2025-2026/..%2F..%2Fsecret.txt",
                "/files/2025-2026/%2e%2e%2f%2e%2e%2fsecret.txt", "/files/..%2F/secret.txt",
                "/files/2025-2026/реестр.json", "/files/2025-2026/.rmo.lock",
                "/files/2025-2026/..%5C..%5Csecret.txt", "/files/.rmo/secret-key",
                "/files/2025-2026/..%2F.rmo%2F2025-2026%2Fреестр.json", "/files/.rmo/rmo.lock",
                "/files/2025-2026/нет.docx", "/static/rmo/../../settings.py"):
        response = browser.get(url)
        assert response.status_code == 404, url
        assert b"\xd1\x81\xd0\xb5\xd0\xba\xd1\x80\xd0\xb5\xd1\x82" not in response.content


@pytest.mark.slow  # builds an archive
def test_a_second_build_while_one_runs_is_refused(site):
    browser, folder = site
    from generator.web.jobs import exclusive

    page, upload_id = checked(browser, SAMPLE)
    with exclusive(folder):
        response = browser.post(f"/build/{upload_id}/")
    assert response.status_code == 409
    assert text(response).startswith("Документы уже делаются Сейчас в этот архив уже "
                                     "записываются документы")
    assert not (folder / "2025-2026").exists()


@pytest.mark.slow  # builds an archive
def test_two_tabs_building_at_once_do_not_corrupt_the_archive(site, tmp_path):
    browser, folder = site
    ids = []
    for number in (1, 2):
        agenda = copy.deepcopy(BASE["Повестка"])
        agenda[2]["Решили"] = f"Решение {number}."
        ids.append(checked(browser, workbook(tmp_path, name=f"v{number}.xlsx",
                                             Повестка=agenda))[1])
    answers = []
    threads = [threading.Thread(target=lambda i=i: answers.append(
        browser.post(f"/build/{i}/").status_code)) for i in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) in ([302, 302], [302, 409])
    data = json.loads(register.path(folder / "2025-2026").read_text(encoding="utf-8"))
    on_disk = {p.name for p in (folder / "2025-2026").iterdir()
               if p.suffix in (".docx", ".xlsx") and p.name != "Реестр документов.xlsx"}
    assert {e["file"] for e in data["documents"]} == on_disk
    for path in (folder / "2025-2026").glob("*.docx"):
        Document(str(path))  # every file a whole document


@pytest.mark.slow
@pytest.mark.libreoffice
@pytest.mark.skipif(not any(Path(p, "soffice").exists() for p in ("/usr/bin", "/usr/local/bin")),
                    reason="LibreOffice is not installed")
@pytest.mark.slow  # builds an archive
def test_pdfs_are_made_with_progress_per_document(site):
    browser, folder = site
    page, url = built(browser, SAMPLE)
    assert ">Сделать PDF</button>" in page.content.decode()
    response = browser.post(url + "pdf/")
    assert response.status_code == 302
    seen = set()
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        status = browser.get(url + "pdf.json").json()
        seen.add(status["done"])
        if status["state"] in ("done", "failed"):
            break
        time.sleep(0.3)
    assert status["state"] == "done", status
    documents = len(list((folder / "2025-2026").glob("*.docx")))
    assert status["done"] == status["total"] == documents
    assert len(seen) > 2  # the count went up document by document, not all at once
    page = browser.get(url)
    assert "PDF готовы для всех документов." in text(page)
    assert len(list((folder / "2025-2026").glob("*.pdf"))) == documents


# --- «Архив» -----------------------------------------------------------------------------

@pytest.mark.slow  # builds an archive
def test_the_archive_lists_years_and_groups_documents_by_meeting(site, tmp_path):
    browser, folder = site
    empty = browser.get("/archive/")
    assert "В архиве пока нет документов." in text(empty)
    built(browser, workbook(tmp_path))
    agenda = copy.deepcopy(BASE["Повестка"])
    agenda[2]["Решили"] = "Опыт рекомендовать коллегам."
    built(browser, workbook(tmp_path, name="v2.xlsx", Повестка=agenda))
    years = browser.get("/archive/")
    assert "2025/2026 учебный год — документов: " in text(years)
    page = browser.get("/archive/2025-2026/")
    body = page.content.decode()
    headings = re.findall(r"<h2>(.*?)</h2>", body)
    assert headings[:3] == ["Документы года", "Заседание № 1 от 15.10.2025",
                            "Заседание № 2 от 22.04.2026"]
    assert "контрольная сумма" not in text(page)
    assert headings[-1] == "Книги, из которых сделаны документы"
    assert "Протокол № 2 от 22.04.2026 (версия 2).docx действующая версия 2 записан " in text(page)
    assert re.search(r"записан \d\d\.\d\d\.20\d\d \d\d:\d\d", text(page))
    assert "Прежние версии: 1 Протокол № 2 от 22.04.2026.docx версия 1" in text(page)
    assert ">Скачать реестр документов (.xlsx)</a>" in body
    journal = browser.get("/files/2025-2026/" + "Реестр документов.xlsx")
    book = openpyxl.load_workbook(io.BytesIO(b"".join(journal.streaming_content)))
    cells = {cell for row in book.active.iter_rows(values_only=True) for cell in row}
    assert "Протокол № 2 от 22.04.2026 (версия 2)" in cells
    # «Скачать всё (.zip)»: the current version of each document, not the former ones.
    assert ">Скачать всё (.zip)</a>" in body
    bundle = browser.get("/archive/2025-2026/all.zip")
    names = zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content))).namelist()
    assert "Протокол № 2 от 22.04.2026 (версия 2).docx" in names
    assert "Протокол № 2 от 22.04.2026.docx" not in names
    assert names[0].startswith("План работы")
    assert browser.get("/archive/1999-2000/all.zip").status_code == 404
    assert browser.get("/archive/1999-2000/").status_code == 404
    assert browser.get("/archive/..%2F/").status_code == 404


@pytest.mark.slow  # builds an archive three times
def test_an_older_version_changed_by_hand_is_marked_and_its_old_pdf_not_offered(
        site, tmp_path, monkeypatch):
    from generator.build import add_pdfs, build

    browser, folder = site
    first = workbook(tmp_path)
    build(first, folder)
    agenda = copy.deepcopy(BASE["Повестка"])
    agenda[2]["Решили"] = "Опыт рекомендовать коллегам."
    build(workbook(tmp_path, name="v2.xlsx", Повестка=agenda), folder)
    year = folder / "2025-2026"
    minutes = year / "Протокол № 2 от 22.04.2026.docx"  # version 1
    from generator.render.pdf import Converted

    monkeypatch.setattr("generator.render.pdf.convert", lambda documents, progress=None: Converted(
        {path: b"%PDF-1.4 made before the edit" for path in documents}))
    add_pdfs([minutes])
    edited = Document(str(minutes))
    edited.add_paragraph("Подпись секретаря заверена.")
    edited.save(str(minutes))

    result, _ = built(browser, first)  # the first workbook gives version 1 again
    assert "Изменены вручную: 1" in text(result)
    assert "Совпадают с прежними версиями: 1" in text(result)
    row = next(r for r in rows(result, "Документ") if r[0] == minutes.name)
    assert row[2:] == ["совпадает с версией 1, а её изменили вручную после записи — "
                       "оставлена как есть", "PDF сделан до правки"]
    extract = next(r for r in rows(result, "Документ")
                   if r[0] == "Выписка из протокола № 2, п. 1 (Сидорова Д.Е.).docx")
    assert extract[2] == "совпадает с версией 1, новый файл не нужен"

    page = browser.get("/archive/2025-2026/")
    assert (f"{minutes.name} действующая версия 1 изменён вручную записан ") in text(page)
    assert "; PDF сделан до правки Прежние версии: 1 Протокол № 2 от 22.04.2026 (версия 2)" \
        in text(page)
    body = page.content.decode()
    assert 'class="pdf-link" href="/files/2025-2026/%D0%9F%D1%80%D0%BE%D1%82%D0%BE%D0%BA%D0%BE' \
           '%D0%BB%20%E2%84%96%202%20%D0%BE%D1%82%2022.04.2026.pdf"' not in body
    bundle = browser.get("/archive/2025-2026/all.zip")
    names = zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content))).namelist()
    assert minutes.name in names and minutes.with_suffix(".pdf").name not in names


# --- «Новый год» -------------------------------------------------------------------------

def _xlsx(response) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def test_a_blank_workbook_downloads(site):
    browser, _ = site
    page = browser.get("/new-year/")
    assert "Пустая книга" in text(page) and "Книга следующего года" in text(page)
    response = browser.get("/new-year/blank.xlsx")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert _xlsx(response).sheetnames[0] == "Инструкция"


def test_next_years_workbook_from_this_one(site):
    browser, folder = site
    response = upload(browser, SAMPLE, url="/new-year/next/")
    assert response.status_code == 200
    assert "2026-2027" in response["Content-Disposition"] or \
        "2026-2027" in html.unescape(response["Content-Disposition"])
    book = _xlsx(response)
    values = [row for row in book["Объединение"].iter_rows(values_only=True)]
    assert ["Учебный год", "2026/2027"] in [list(v[:2]) for v in values]
    assert not list((folder / ".rmo" / "tmp").glob("*"))  # nothing left behind


def test_next_year_from_a_broken_workbook_shows_what_to_fix(site, tmp_path):
    browser, _ = site
    # Mistakes only in what the new year clears (a date, the agenda) do not stop it.
    response = upload(browser, broken(tmp_path), url="/new-year/next/")
    assert response.status_code == 200
    book = _xlsx(response)
    assert [c.value for c in book["Заседания"]["C"]][1:] == [None] * (book["Заседания"].max_row - 1)
    # A mistake in what the new year keeps does.
    people = BASE["Участники"] + [{"ФИО": 12345, "Должность": "библиотекарь",
                                   "Учреждение": "СОШ № 5"}]
    response = upload(browser, workbook(tmp_path, name="люди.xlsx", Участники=people),
                      url="/new-year/next/")
    assert response.status_code == 400
    assert "не получилось сделать книгу следующего года" in text(response)
    assert rows(response, "Ошибки: исправьте их") == [
        ["Участники", "A7", "здесь число 12345, а нужен ФИО.", "Впишите ФИО вместо числа."]]
    empty = browser.post("/new-year/next/", {})
    assert empty.status_code == 400 and text(empty).startswith("Файл не выбран")
    assert 'aria-current="page">Новый год<' in empty.content.decode()
    # Her own file's name in the message, not the name the page kept it under.
    (tmp_path / "Книга РМО.xlsx").write_text("ФИО;Должность\n", encoding="utf-8")
    response = upload(browser, tmp_path / "Книга РМО.xlsx", url="/new-year/next/")
    assert response.status_code == 400
    assert "Файл «Книга РМО.xlsx» — не книга Excel: похоже, это текст или CSV." in text(response)


# --- «Шаблоны» ---------------------------------------------------------------------------

def test_the_built_in_templates_download_under_russian_names(site):
    browser, _ = site
    page = browser.get("/templates/")
    table = rows(page, "Свой шаблон")
    assert [row[1] for row in table] == ["встроенный"] * len(NAMES)
    # One row per kind of document, named as the registry names it.
    assert [row[0] for row in table] == [f"{spec.title} скачать встроенный: {spec.title}.docx"
                                         for spec in KINDS]
    assert table[0][0] == "План работы скачать встроенный: План работы.docx"
    assert "plan.docx" not in text(page) and "protocol.docx" not in text(page)
    response = browser.get("/templates/builtin/plan.docx")
    assert b"".join(response.streaming_content) == (builtin_templates() / "plan.docx").read_bytes()
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''"
                                               "%D0%9F%D0%BB%D0%B0%D0%BD%20%D1%80%D0%B0%D0%B1%D0"
                                               "%BE%D1%82%D1%8B.docx")
    bundle = browser.get("/templates/builtin.zip")
    names = zipfile.ZipFile(io.BytesIO(b"".join(bundle.streaming_content))).namelist()
    assert names == [f"{spec.title}.docx" for spec in KINDS]
    assert names[3] == "Протокол.docx"
    assert browser.get("/templates/builtin/..%2Fsettings.py").status_code == 404
    assert browser.get("/templates/builtin/other.docx").status_code == 404


def _template_with(tmp_path: Path, old: str, new: str, name: str = "plan.docx") -> Path:
    """The built-in plan with one piece of its XML changed, as Word might save it."""
    source = zipfile.ZipFile(builtin_templates() / "plan.docx")
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                text_ = data.decode("utf-8")
                assert old in text_
                data = text_.replace(old, new, 1).encode("utf-8")
            target.writestr(item, data)
    return path


@pytest.mark.slow  # builds an archive
def test_an_own_template_is_checked_used_reverted_and_the_documents_made_again(site, tmp_path):
    browser, folder = site
    built(browser, SAMPLE)  # the archive keeps a workbook to check templates with
    good = _template_with(tmp_path, "w:rsidR", "w:rsidR", name="План мой.docx")
    response = upload(browser, good, url="/templates/upload/plan.docx", field="template")
    assert (response.status_code, response["Location"]) == (302, "/templates/#done")
    page = browser.get(response["Location"])
    assert ("Шаблон «План мой.docx» проверен и сохранён для документа «План работы»: "
            "документы будут сделаны по нему. Документы, которые уже в архиве, изменятся, "
            "когда их сделают заново. Можно сделать это сейчас — по книге "
            "«rmo-2025-2026.xlsx», последней, по которой делались документы. Сделать "
            "документы заново") in text(page)
    assert "проверен" not in text(browser.get("/templates/"))  # said once
    assert rows(page, "Свой шаблон")[0][1].startswith("свой, загружен ")
    assert (folder / "Шаблоны" / "plan.docx").read_bytes() == good.read_bytes()
    own = browser.get("/templates/own/plan.docx")
    assert "filename*=utf-8''%D0%9F%D0%BB%D0%B0%D0%BD" in own["Content-Disposition"]
    assert b"".join(own.streaming_content) == good.read_bytes()

    # «Сделать документы заново»: the archive's workbook, today's templates.
    again = browser.post("/templates/rebuild/")
    assert again.status_code == 302 and again["Location"].startswith("/result/")
    result = browser.get(again["Location"])
    assert "Документы готовы" in text(result)
    assert [p.name for p in (folder / "2025-2026").glob("*.xlsx")
            if not p.name.startswith("Реестр")] == ["rmo-2025-2026.xlsx"]

    response = browser.post("/templates/revert/plan.docx")
    page = browser.get(response["Location"])
    assert ("Для документа «План работы» снова используется встроенный шаблон. Ваш шаблон не "
            "удалён: он перенесён в папку") in text(page)
    assert "Сделать документы заново" in text(page)
    assert not (folder / "Шаблоны" / "plan.docx").exists()
    former = list((folder / "Шаблоны" / "прежние").glob("*.docx"))
    assert [p.read_bytes() for p in former] == [good.read_bytes()]
    assert former[0].name.startswith("План работы до ")


def test_without_a_build_there_is_nothing_to_make_again(site, tmp_path):
    browser, _ = site
    good = _template_with(tmp_path, "w:rsidR", "w:rsidR")
    page = browser.get(upload(browser, good, url="/templates/upload/plan.docx",
                              field="template")["Location"])
    assert "проверен и сохранён" in text(page) and "заново" not in text(page)
    refused = browser.post("/templates/rebuild/")
    assert refused.status_code == 404
    assert text(refused) == ("Документы ещё не делались В архиве нет книги, по которой "
                             "делались документы. Выберите книгу в разделе «Книга года» и "
                             "нажмите «Сделать документы». ← Назад К книге года")


def test_a_broken_template_is_refused_with_the_tag_to_retype(site, tmp_path):
    browser, folder = site
    xml = zipfile.ZipFile(builtin_templates() / "plan.docx").read("word/document.xml").decode()
    tag = re.search(r"\{\{ ?[a-z_.]+ ?\}\}", xml).group(0)
    bad = _template_with(tmp_path, tag, tag.replace("}}", "}"), name="План мой.docx")
    sent = upload(browser, bad, url="/templates/upload/plan.docx", field="template")
    # Shown after a redirect, once: a reload does not offer to send the file again.
    assert (sent.status_code, sent["Location"]) == (302, "/templates/#refused")
    response = browser.get("/templates/")
    assert "не принят" not in text(browser.get("/templates/"))
    # Her own file name, everywhere; the same check as a build's: a tag begun and not ended.
    assert (f"Шаблон «План мой.docx» не принят, ничего не изменено: Шаблон «План мой.docx»: "
            f"тег начат и не закончен — в тексте «{tag[:-1]}». Что сделать: Word мог потерять "
            "фигурную скобку или знак %.") in text(response)
    assert not (folder / "Шаблоны" / "plan.docx").exists()
    (tmp_path / "записка.docx").write_bytes(b"not a zip")
    response = upload(browser, tmp_path / "записка.docx", url="/templates/upload/plan.docx",
                      field="template")
    response = browser.get(response["Location"])
    assert "Файл «записка.docx» — не документ Word (.docx)." in text(response)
    response = upload(browser, SAMPLE, url="/templates/upload/plan.docx", field="template")
    assert response.status_code == 400 and "Это не тот файл" in text(response)
    assert "К шаблонам" in text(response)
    assert '<a href="/templates/" aria-current="page">' in response.content.decode()


def test_a_build_names_a_broken_own_template_by_its_russian_name(site, tmp_path):
    browser, folder = site
    xml = zipfile.ZipFile(builtin_templates() / "plan.docx").read("word/document.xml").decode()
    tag = re.search(r"\{\{ ?[a-z_.]+ ?\}\}", xml).group(0)
    (folder / "Шаблоны").mkdir()
    # Put into the folder by hand (the page would have refused it).
    broken_plan = _template_with(tmp_path, tag, tag.replace("}}", "}"))
    broken_plan.replace(folder / "Шаблоны" / "plan.docx")
    page, upload_id = checked(browser, SAMPLE)
    response = browser.post(f"/build/{upload_id}/")
    assert response.status_code == 400
    assert rows(response, "Ошибки: исправьте их")[0][2] == (
        f"Шаблон «План работы.docx»: тег начат и не закончен — в тексте «{tag[:-1]}».")


@pytest.mark.slow  # builds an archive
def test_a_template_doing_too_much_work_is_refused_at_upload_quickly(site, tmp_path):
    """Checked with the archive's workbook under the same budget as a build: nested loops
    that would burn a core for hours are stopped at once, and said where they stand."""
    browser, folder = site
    built(browser, SAMPLE)
    loops = "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}"
    bad = _template_with(tmp_path, "{{ theme }}", loops)
    start = time.perf_counter()
    sent = upload(browser, bad, url="/templates/upload/plan.docx", field="template")
    assert time.perf_counter() - start < 10
    response = browser.get(sent["Location"])
    assert ("Шаблон «plan.docx» не принят, ничего не изменено: Шаблон «plan.docx»: шаблон "
            "делает больше 200 000 шагов (циклы, вызовы, вычисления) — в тексте «Методическая "
            "тема МО: {% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{…»; "
            "такой шаблон не принят. Что сделать: Шаблон только расставляет сведения из книги "
            "по местам") in text(response)
    assert not (folder / "Шаблоны" / "plan.docx").exists()


def test_a_template_reading_another_file_is_refused_at_upload(site, tmp_path):
    """Refused when its tags are read, before any workbook fills it: not a server error."""
    browser, folder = site
    bad = _template_with(tmp_path, "{{ theme }}", "{% include &apos;word/document.xml&apos; %}")
    sent = upload(browser, bad, url="/templates/upload/plan.docx", field="template")
    response = browser.get(sent["Location"])
    assert ("Шаблон «plan.docx» не принят, ничего не изменено: Шаблон «plan.docx»: команда "
            "{% include %} подключает другой файл — в тексте «Методическая тема МО: {% include "
            "'word/document.xml' %}»; такой шаблон не принят. Что сделать: Шаблон должен быть "
            "одним документом: перенесите нужный текст в него самого.") in text(response)
    assert not (folder / "Шаблоны" / "plan.docx").exists()


def test_another_documents_template_is_named_not_picked_apart(site, tmp_path):
    browser, folder = site
    mine = tmp_path / "Протокол мой.docx"
    mine.write_bytes((builtin_templates() / "protocol.docx").read_bytes())
    response = upload(browser, mine, url="/templates/upload/plan.docx", field="template")
    assert response.status_code == 302
    response = browser.get(response["Location"])
    assert ("Шаблон «Протокол мой.docx» не принят, ничего не изменено: Похоже, это шаблон "
            "другого документа — «Протокол», а не «План работы». Что сделать: "
            "Загрузите его в строку «Протокол», а сюда — шаблон «План работы».") \
        in text(response)
    assert "программа не знает" not in text(response)
    assert not (folder / "Шаблоны" / "plan.docx").exists()


def test_opening_a_forms_address_goes_back_to_its_page(site):
    """A reload or a typed address of a form's target shows the page with the menu, not the
    browser's bare «HTTP ERROR 405»."""
    browser, _ = site
    for url, page, heading in (("/check/", "/", "Книга года"),
                               ("/templates/revert/plan.docx", "/templates/", "Шаблоны"),
                               ("/templates/upload/plan.docx", "/templates/", "Шаблоны"),
                               ("/new-year/next/", "/new-year/", "Новый год"),
                               ("/build/" + "x" * 24 + "/", "/check/" + "x" * 24 + "/",
                                "Книга не найдена"),
                               ("/result/" + "x" * 16 + "/pdf/", "/result/" + "x" * 16 + "/",
                                "Страница не найдена")):
        response = browser.get(url)
        assert (response.status_code, response["Location"]) == (302, page)
        assert f"<h1>{heading}</h1>" in browser.get(url, follow=True).content.decode()
    assert browser.put("/check/").status_code == 405


@pytest.mark.slow  # builds an archive
def test_documents_that_cannot_be_issued_are_listed_with_what_to_fill_in(site, tmp_path):
    browser, _ = site
    agenda = copy.deepcopy(BASE["Повестка"])
    del agenda[3]["Решили"]
    page, upload_id = checked(browser, workbook(tmp_path, name="u.xlsx", Повестка=agenda))
    result = browser.post(f"/build/{upload_id}/")
    page = browser.get(result["Location"])
    said = text(page)
    assert "4 документа не готовы и не записаны: их нельзя выдать, пока в книге не хватает " \
        "данных." in said
    assert rows(page, "Протокол № 2 от 22.04.2026") == [[
        "Повестка", "F5", "в пункте 2 заседания № 2 не заполнено «Решили»: протокол № 2 без "
        "решения не готов.",
        "Впишите решение, например «Информацию принять к сведению.», или «нет» в «Проведено», "
        "если вопрос сняли с повестки."]]
    assert "/files/2025-2026/Протокол" not in page.content.decode()
