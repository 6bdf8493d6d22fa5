"""End to end: a real `rmo serve --no-browser` process driven by Debian's Chromium.

Takes a screenshot of every page into screenshots/ (or $RMO_SCREENSHOTS) at 1366×768 and at a
phone's size; the README names the folder. Look at them after changing a page.
"""

from __future__ import annotations

import copy
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from generator.documents.kinds import KINDS
from generator.render.templates import builtin_templates

from .helpers import BASE, ROOT, SAMPLE, full_text, workbook

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync"]
SHOTS = Path(os.environ.get("RMO_SCREENSHOTS", ROOT / "screenshots"))
PHONE = {"width": 390, "height": 844}

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed"),
              pytest.mark.slow, pytest.mark.libreoffice]


class Server:
    """`rmo serve --no-browser` as a user starts it, on a free port (never the default 8765:
    other test runs use it); `restart()` stops it and starts it again on the same port."""

    def __init__(self, folder: Path, cwd: Path):
        from .web_client import free_port

        self.folder, self.cwd, self.port = folder, cwd, free_port()
        self.errors = ""
        self.start()

    def start(self) -> None:
        rmo = Path(sys.executable).with_name("rmo")
        command = [str(rmo)] if rmo.exists() else [sys.executable, "-m", "generator"]
        self.process = subprocess.Popen(
            [*command, "serve", str(self.folder), "--no-browser", "--port", str(self.port)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=self.cwd)
        line = self.process.stdout.readline()
        match = re.fullmatch(r"Страница rmo: (http://127\.0\.0\.1:(\d+)/\?token=[\w-]+)\n", line)
        assert match and int(match.group(2)) == self.port, line + self.process.stderr.read()
        self.address = match.group(1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        self.errors += self.process.stderr.read()
        self.process.stdout.close()
        self.process.stderr.close()

    def restart(self) -> None:
        self.stop()
        self.start()


@pytest.fixture
def running(tmp_path):
    server = Server(tmp_path / "архив", tmp_path)
    try:
        yield server
    finally:
        server.stop()
    assert "Traceback" not in server.errors, server.errors


@pytest.fixture
def server(running):
    """The printed address and the archive folder."""
    return running.address, running.folder


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        yield chromium
        chromium.close()


def shot(page, name: str, *, full: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def busy(page, button, words: str, name: str) -> None:
    """Pressing the button disables it at once, with a spinner and what is being done; then
    the form goes. (The form is held back meanwhile: Playwright cannot look into a page whose
    navigation is under way, however slow the server.)"""
    page.evaluate("""() => { window.rmoHold = true; document.addEventListener("submit",
        event => { if (window.rmoHold) event.preventDefault(); }, {capture: true}); }""")
    button.click()
    pressed = page.locator("button[aria-busy=true]")
    pressed.wait_for(timeout=5_000)
    assert pressed.is_disabled() and pressed.inner_text().strip() == words
    assert pressed.locator(".spinner").count() == 1
    shot(page, name, full=False)
    page.evaluate("""() => { window.rmoHold = false;
        document.querySelector("button[aria-busy=true]").form.requestSubmit(); }""")


def test_a_librarian_gets_her_documents_from_the_page(server, browser, tmp_path):
    address, folder = server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True,
                                  locale="ru-RU")
    page = context.new_page()
    page.goto(address)
    assert page.url.endswith("/") and "token" not in page.url
    assert page.locator("h1").inner_text() == "Книга года"
    shot(page, "01-kniga-goda")

    # A broken workbook: the sheet and the cell, and what is wrong.
    meetings = copy.deepcopy(BASE["Заседания"])
    meetings[0]["Дата"] = "31.02.2026"
    page.set_input_files("#workbook", str(workbook(tmp_path, name="с ошибкой.xlsx",
                                                   Заседания=meetings)))
    page.get_by_role("button", name="Проверить", exact=True).click()
    row = page.locator("table.problems tbody tr").first
    assert row.locator("td").nth(0).inner_text() == "Заседания"
    assert row.locator("td").nth(1).inner_text() == "C2"
    assert "такой даты нет" in row.locator("td").nth(2).inner_text()
    shot(page, "02-oshibki")

    # The sample: «Книга в порядке», then the documents; each button says it is working.
    page.set_input_files("#workbook", str(SAMPLE))
    broken = page.url  # the broken book's check may be at a /check/…/ address already
    busy(page, page.get_by_role("button", name="Проверить", exact=True), "Книга проверяется…",
         "15-proveryaetsya")
    page.wait_for_url(lambda url: url != broken and bool(re.search(r"/check/[\w-]+/$", url)))
    assert "Книга в порядке" in page.locator("main").inner_text()
    assert "Ошибок нет" in page.locator("main").inner_text()
    shot(page, "03-kniga-v-poryadke")
    busy(page, page.get_by_role("button", name="Сделать документы"), "Документы делаются…",
         "16-dokumenty-delayutsya")
    page.wait_for_url(re.compile(r"/result/"))
    assert page.locator("h1").inner_text() == "Документы готовы"
    result = page.url.split("127.0.0.1")[1].split("/", 1)[1]
    documents = len(list((folder / "2025-2026").glob("*.docx")))
    assert page.locator("table.documents tbody tr").count() == documents > 25
    shot(page, "04-dokumenty-gotovy")

    with page.expect_download() as download:
        page.get_by_role("link", name="План работы на 2025-2026 учебный год.docx").click()
    plan = tmp_path / "plan.docx"
    download.value.save_as(plan)
    assert download.value.suggested_filename == "План работы на 2025-2026 учебный год.docx"
    assert "ПЛАН РАБОТЫ" in full_text(plan).upper()
    with page.expect_download() as bundle:
        page.get_by_role("link", name="Скачать всё одним архивом (.zip)").click()
    assert bundle.value.suggested_filename.endswith(".zip")

    # PDFs, document by document (LibreOffice is there in CI).
    if page.get_by_role("button", name="Сделать PDF").count():
        page.get_by_role("button", name="Сделать PDF").click()
        page.locator("#pdf progress").wait_for(timeout=20_000)
        shot(page, "05-pdf-delayutsya")
        page.get_by_text("PDF готовы для всех документов.").wait_for(timeout=240_000)
        assert page.locator("td[data-label=PDF] a").count() == documents
        shot(page, "06-pdf-gotovy")

    # The archive: the year, documents by meeting, the journal.
    page.get_by_role("link", name="Архив", exact=True).click()
    assert "2025/2026 учебный год" in page.locator("main").inner_text()
    shot(page, "07-arhiv")
    page.get_by_role("link", name="2025/2026 учебный год").click()
    headings = page.locator("main h2").all_inner_texts()
    assert headings[:2] == ["Документы года", "Заседание № 1 от 15.10.2025"]
    assert page.get_by_role("link", name="Скачать всё (.zip)").count() == 1
    assert page.get_by_role("link", name="Скачать реестр документов (.xlsx)").count() == 1
    shot(page, "08-arhiv-goda")

    page.get_by_role("link", name="Новый год").click()
    assert page.locator("h1").inner_text() == "Новый год"
    with page.expect_download() as blank:
        page.get_by_role("link", name="Скачать пустую книгу").click()
    assert blank.value.suggested_filename.endswith(".xlsx")
    shot(page, "09-novyi-god")

    page.get_by_role("link", name="Шаблоны").click()
    assert page.locator("table.templates tbody tr").count() == len(KINDS)
    shot(page, "10-shablony")

    # Her own protocol template, under her own name; then the documents made again.
    mine = tmp_path / "Протокол мой.docx"
    mine.write_bytes((builtin_templates() / "protocol.docx").read_bytes())
    row = page.locator("table.templates tbody tr").nth(3)
    assert row.locator("td").first.inner_text() == "Протокол\nскачать встроенный: Протокол.docx"
    row.locator("input[type=file]").set_input_files(str(mine))
    busy(page, row.get_by_role("button", name="Загрузить"), "Шаблон проверяется…",
         "22-shablon-proveryaetsya")
    page.locator("#done").wait_for()
    assert page.locator("#done p").first.inner_text() == (
        "Шаблон «Протокол мой.docx» проверен и сохранён для документа «Протокол»: документы "
        "будут сделаны по нему.")
    shot(page, "23-shablon-sohranen")
    busy(page, page.get_by_role("button", name="Сделать документы заново"),
         "Документы делаются…", "24-zanovo-delayutsya")
    page.wait_for_url(re.compile(r"/result/"))
    assert page.locator("h1").inner_text() == "Документы готовы"

    # The same pages on a phone.
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    small = phone.new_page()
    phone.add_cookies(context.cookies())
    for name, url in (("11-telefon-kniga", "/"), ("12-telefon-rezultat", "/" + result),
                      ("13-telefon-arhiv-goda", "/archive/2025-2026/"),
                      ("14-telefon-shablony", "/templates/")):
        small.goto(address.split("/?")[0] + url)
        shot(small, name, full=False)  # what the phone shows first
    small.get_by_role("button", name="Вернуть встроенный").click()
    small.locator("#done").wait_for()
    small.locator("#done").scroll_into_view_if_needed()
    shot(small, "25-telefon-shablon-vozvrashchen", full=False)
    busy(small, small.get_by_role("button", name="Сделать документы заново"),
         "Документы делаются…", "26-telefon-zanovo-delayutsya")
    small.wait_for_url(re.compile(r"/result/"))
    small.goto(address.split("/?")[0] + "/")
    small.set_input_files("#workbook", str(SAMPLE))
    busy(small, small.get_by_role("button", name="Проверить", exact=True),
         "Книга проверяется…", "27-telefon-proveryaetsya")
    small.wait_for_url(re.compile(r"/check/[\w-]+/$"))
    busy(small, small.get_by_role("button", name="Сделать документы"), "Документы делаются…",
         "28-telefon-dokumenty-delayutsya")
    small.wait_for_url(re.compile(r"/result/"))
    phone.close()
    context.close()



def test_the_address_survives_a_restart_and_opens_in_any_browser(running, browser, tmp_path):
    desktop = {"viewport": {"width": 1366, "height": 768}, "locale": "ru-RU"}
    first = browser.new_context(**desktop)
    page = first.new_page()
    page.goto(running.address)
    page.get_by_role("link", name="Шаблоны").click()
    assert page.locator("h1").inner_text() == "Шаблоны"

    # The program is stopped and started again: the same address, the same tab reloads.
    address = running.address
    running.restart()
    assert running.address == address
    page.reload()
    assert page.locator("h1").inner_text() == "Шаблоны"
    assert page.url == f"http://127.0.0.1:{running.port}/templates/"

    # A second `rmo serve` of this archive finds this one by its key, without sending it.
    from generator.web.server import serves_this_archive
    from generator.web.settings import sign_in_key

    from .web_client import free_port

    assert serves_this_archive(running.port, sign_in_key(running.folder))
    assert not serves_this_archive(running.port, "ключ другого архива")
    assert not serves_this_archive(free_port(), sign_in_key(running.folder))

    # Another browser of this computer opens the printed address too, and again.
    second = browser.new_context(**desktop)
    other = second.new_page()
    for _ in range(2):
        other.goto(address)
        assert other.locator("h1").inner_text() == "Книга года"

    # A browser given the address without its key: a styled page saying what to do, and a
    # field to paste the printed line into.
    third = browser.new_context(**desktop)
    bare = third.new_page()
    bare.goto(f"http://127.0.0.1:{running.port}/archive/")
    assert bare.locator("h1").inner_text() == "Нужно войти"
    assert bare.locator("main").evaluate("e => getComputedStyle(e).backgroundColor") == \
        "rgb(255, 255, 255)"  # the stylesheet reached a browser that is not signed in
    assert "Архив:" not in bare.locator("footer").inner_text()
    shot(bare, "17-nuzhno-voiti")
    bare.get_by_label("Адрес из окна rmo").fill("http://127.0.0.1:1/?token=чужой")
    bare.get_by_role("button", name="Войти").click()
    assert bare.locator("h1").inner_text() == "Неверный ключ входа"
    shot(bare, "18-nevernyi-klyuch")
    bare.get_by_label("Адрес из окна rmo").fill(f"Страница rmo: {address}")
    bare.get_by_role("button", name="Войти").click()
    assert bare.locator("h1").inner_text() == "Архив"

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    small = phone.new_page()
    small.goto(f"http://127.0.0.1:{running.port}/")
    assert small.locator("h1").inner_text() == "Нужно войти"
    shot(small, "19-telefon-nuzhno-voiti")
    small.goto(f"http://127.0.0.1:{running.port}/?token=старый")
    assert small.locator("h1").inner_text() == "Неверный ключ входа"
    shot(small, "29-telefon-nevernyi-klyuch", full=False)

    # A file far over the limit: the Russian page with the menu, not waitress's English.
    huge = tmp_path / "Книга с фотографиями.xlsx"
    with huge.open("wb") as stream:
        stream.truncate(300 * 2 ** 20)  # sparse: made at once
    other.set_input_files("#workbook", str(huge))
    other.get_by_role("button", name="Проверить", exact=True).click()
    assert other.locator("h1").inner_text() == "Файл слишком большой"
    assert other.locator("main .notice").inner_text().startswith(
        "Файл «Книга с фотографиями.xlsx» весит 300 МБ, а программа принимает файлы до 20 МБ")
    assert other.locator("nav a[aria-current=page]").inner_text() == "Книга года"
    shot(other, "20-fail-slishkom-bolshoi")
    small.goto(address)
    small.set_input_files("#workbook", str(huge))
    small.get_by_role("button", name="Проверить", exact=True).click()
    assert small.locator("h1").inner_text() == "Файл слишком большой"
    shot(small, "21-telefon-fail-slishkom-bolshoi", full=False)
    assert not list(running.folder.glob(".rmo/uploads/*"))
    for context in (first, second, third, phone):
        context.close()


def test_documents_that_cannot_be_issued_are_said_above_the_list(server, browser, tmp_path):
    """A decision missing: the protocol and its papers are not made, said in red at the top
    with a link to the table of what to fill in, sheet and cell."""
    address, _ = server
    agenda = copy.deepcopy(BASE["Повестка"])
    del agenda[3]["Решили"]
    book = workbook(tmp_path, name="без решения.xlsx", Повестка=agenda)
    for viewport, name in (({"width": 1366, "height": 768}, "33-ne-gotovy"),
                           (PHONE, "34-ne-gotovy-telefon")):
        context = browser.new_context(viewport=viewport, locale="ru-RU")
        page = context.new_page()
        page.goto(address)
        page.set_input_files("#workbook", str(book))
        page.get_by_role("button", name="Проверить", exact=True).click()
        page.wait_for_url(re.compile(r"/check/[\w-]+/$"))
        page.get_by_role("button", name="Сделать документы").click()
        page.wait_for_url(re.compile(r"/result/"))
        notice = page.locator("#not-ready-notice")
        assert notice.inner_text().startswith("4\u00a0документа не готовы и не записаны")
        table = page.locator("#not-ready table").first
        assert table.locator("caption").inner_text() == "Протокол № 2 от 22.04.2026"
        cells = table.locator("tbody tr").first.locator("td")
        assert [cells.nth(i).inner_text() for i in (0, 1)] == ["Повестка", "F5"]
        notice.get_by_role("link").click()
        shot(page, name)
        context.close()
