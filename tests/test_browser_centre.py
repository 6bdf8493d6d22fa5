"""End to end on the centre server: a real `rmo serve ЦЕНТР` process driven by Chromium.

A head signs in and builds, the office downloads, the methodist opens the summary. Screenshots
of every centre page go to the README's folder (screenshots/, or $RMO_SCREENSHOTS), named
centre-*.png.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest

from .centre_site import PASSWORD
from .helpers import SAMPLE, full_text
from .test_browser import CHROMIUM, PHONE, browser, shot  # noqa: F401 — the fixture
from .test_centre_server import LIBRARIANS, rmo, serve, stop

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed"),
              pytest.mark.slow]


@pytest.fixture
def centre_server(tmp_path):
    folder = tmp_path / "центр"
    assert rmo("centre", "init", folder).returncode == 0
    for name in (LIBRARIANS, "РМО учителей математики", "РМО учителей начальных классов"):
        assert rmo("centre", "association", "add", folder, name).returncode == 0
    for login, role, extra in (("ivanova", "руководитель", ["--association", LIBRARIANS]),
                               ("petrova", "методист", []),
                               ("sidorova", "делопроизводитель",
                                ["--association", LIBRARIANS])):
        added = rmo("centre", "user", "add", folder, login, "--role", role, *extra,
                    "--password-stdin", stdin=PASSWORD + "\n")
        assert added.returncode == 0, added.stderr
    process, address = serve(folder)
    yield address
    errors = stop(process)
    assert "Traceback" not in errors, errors


def sign_in(page, address: str, login: str) -> None:
    page.goto(address + "/")
    assert page.url.endswith("/login/?next=/")
    page.fill("#id_username", login)
    page.fill("#id_password", PASSWORD)
    page.press("#id_password", "Enter")  # the form submits on Enter
    page.wait_for_url(re.compile(r"/(centre/)?$"))


def sign_out(page) -> None:
    page.get_by_role("button", name="Выйти").click()
    page.wait_for_url(re.compile(r"/login/$"))


def test_head_builds_office_downloads_methodist_reads_the_summary(centre_server, browser,  # noqa: F811
                                                                  tmp_path):
    address = centre_server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True,
                                  locale="ru-RU")
    page = context.new_page()
    page.goto(address + "/")
    assert page.locator("h1").inner_text() == "Вход"
    shot(page, "centre-01-vhod")
    page.fill("#id_username", "ivanova")
    page.fill("#id_password", "не тот")
    page.press("#id_password", "Enter")
    assert "введите правильные имя пользователя и пароль" in page.locator("main").inner_text()
    shot(page, "centre-02-nevernyi-parol")

    # The head: the pages of rmo serve over her association's archive.
    sign_in(page, address, "ivanova")
    assert page.locator("h1").inner_text() == "Книга года"
    assert "ivanova, руководитель" in page.locator("header").inner_text()
    assert f"Объединение: {LIBRARIANS}" in page.locator("footer").inner_text()
    shot(page, "centre-03-rukovoditel-kniga")
    page.set_input_files("#workbook", str(SAMPLE))
    page.get_by_role("button", name="Проверить", exact=True).click()
    page.get_by_role("button", name="Сделать документы").click()
    page.wait_for_url(re.compile(r"/result/"))
    assert page.get_by_role("link", name="План работы на 2025-2026 учебный год.docx").count() == 1
    shot(page, "centre-04-rukovoditel-dokumenty")
    page.get_by_role("link", name="Пароль").click()
    assert page.locator("h1").inner_text() == "Смена пароля"
    shot(page, "centre-05-smena-parolya")
    sign_out(page)

    # The office: the list of their associations, the archive, a download.
    sign_in(page, address, "sidorova")
    assert page.locator("h1").inner_text() == "Объединения"
    assert page.locator("table.associations tbody tr").count() == 1
    shot(page, "centre-06-deloproizvoditel-obedineniya")
    page.get_by_role("link", name="Открыть архив").click()
    page.get_by_role("link", name="2025/2026 учебный год").click()
    shot(page, "centre-07-deloproizvoditel-arhiv-goda")
    with page.expect_download() as download:
        page.get_by_role("link", name="План работы на 2025-2026 учебный год.docx").click()
    plan = tmp_path / "plan.docx"
    download.value.save_as(plan)
    assert "ПЛАН РАБОТЫ" in full_text(plan).upper()
    assert page.get_by_role("link", name="Книга года").count() == 0  # no uploads, no builds
    sign_out(page)

    # The methodist: every association, the status, the summary, people.
    sign_in(page, address, "petrova")
    assert page.locator("table.associations tbody tr").count() == 3
    shot(page, "centre-08-metodist-obedineniya")
    page.get_by_role("link", name="Состояние").click()
    assert "Состояние объединений" == page.locator("h1").inner_text()
    shot(page, "centre-09-metodist-sostoyanie")
    page.get_by_role("link", name="Сводный отчёт").click()
    assert page.locator("h1").inner_text() == "Сводный отчёт за 2025/2026 учебный год"
    assert page.locator("table.summary tbody tr").count() == 2  # the association and the total
    shot(page, "centre-10-metodist-svodnyi-otchet")
    with page.expect_download() as report:
        page.get_by_role("link", name="Скачать отчёт (.docx)").click()
    summary = tmp_path / "summary.docx"
    report.value.save_as(summary)
    assert "СВОДНЫЙ ОТЧЁТ" in full_text(summary).upper()
    with page.expect_download() as spreadsheet:
        page.get_by_role("link", name="Скачать таблицу (.xlsx)").click()
    assert spreadsheet.value.suggested_filename == "Сводная таблица РМО 2025-2026.xlsx"
    table = tmp_path / "summary.xlsx"
    spreadsheet.value.save_as(table)
    from openpyxl import load_workbook

    cells = [[c.value for c in row] for row in load_workbook(table)["Таблица"].iter_rows()]
    assert [row[1] for row in cells] == ["Объединение", LIBRARIANS, "Итого"]
    page.get_by_role("link", name="Люди").click()
    assert page.locator("table.people tbody tr").count() == 3
    shot(page, "centre-11-metodist-lyudi")

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    small = phone.new_page()
    phone.add_cookies(context.cookies())
    for name, url in (("centre-12-telefon-svodnyi-otchet", "/centre/summary/"),
                      ("centre-13-telefon-sostoyanie", "/centre/status/")):
        small.goto(address + url)
        shot(small, name, full=False)
    phone.close()
    context.close()


def test_the_methodist_disables_and_removes_people(centre_server, browser):  # noqa: F811
    address = centre_server
    office = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    desk = office.new_page()
    sign_in(desk, address, "sidorova")
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = context.new_page()
    sign_in(page, address, "petrova")
    page.get_by_role("link", name="Люди").click()
    mine = page.locator("table.people tr", has_text="petrova")
    assert mine.get_by_role("button").count() == 0 and "это вы" in mine.inner_text()
    row = page.locator("table.people tr", has_text="sidorova")
    row.get_by_role("button", name="Отключить вход").click()
    page.wait_for_url(re.compile(r"\?disabled=sidorova$"))
    assert "Вход для sidorova отключён" in page.locator(".notice-good").inner_text()
    row = page.locator("table.people tr", has_text="sidorova")
    assert "отключён" in row.locator("td[data-label=Вход]").inner_text()
    assert row.get_by_role("button", name="Включить вход").count() == 1
    shot(page, "centre-14-metodist-lyudi-otklyuchen")

    # Her open page: the next click goes to the login page, and she cannot sign in.
    desk.reload()
    assert "/login/?next=" in desk.url
    desk.fill("#id_username", "sidorova")
    desk.fill("#id_password", PASSWORD)
    desk.press("#id_password", "Enter")
    assert "попросите методиста центра включить вход" in desk.locator("main").inner_text()
    shot(desk, "centre-15-vhod-otklyuchen")

    # Removing asks first; «Отмена» changes nothing.
    page.locator("table.people tr", has_text="ivanova").get_by_role("link",
                                                                   name="Удалить…").click()
    assert page.locator("h1").inner_text() == "Удалить ivanova?"
    shot(page, "centre-16-udalit-cheloveka")
    page.get_by_role("link", name="Отмена").click()
    assert page.locator("table.people tbody tr").count() == 3
    page.locator("table.people tr", has_text="sidorova").get_by_role("link",
                                                                    name="Удалить…").click()
    page.get_by_role("button", name="Удалить sidorova").click()
    page.wait_for_url(re.compile(r"\?removed=sidorova$"))
    assert page.locator("table.people tbody tr").count() == 2
    shot(page, "centre-17-metodist-lyudi-udalen")

    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    phone.add_cookies(context.cookies())
    small = phone.new_page()
    small.goto(address + "/centre/people/")
    shot(small, "centre-18-telefon-lyudi")
    for opened in (phone, context, office):
        opened.close()


def test_the_methodist_sets_deadlines_and_the_head_sees_hers(centre_server, browser):  # noqa: F811
    from generator.model import SchoolYear
    from generator.russian.text import date_numeric

    address = centre_server
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="ru-RU")
    page = context.new_page()
    sign_in(page, address, "ivanova")  # builds the sample (2025/2026) today
    page.set_input_files("#workbook", str(SAMPLE))
    page.get_by_role("button", name="Проверить", exact=True).click()
    page.get_by_role("button", name="Сделать документы").click()
    page.wait_for_url(re.compile(r"/result/"))
    assert page.locator("#deadlines-title").count() == 0  # no deadlines yet: nothing said
    sign_out(page)

    # The methodist: the sample's year, a past one, so the plan built today is late.
    sign_in(page, address, "petrova")
    page.get_by_role("link", name="Состояние").click()
    page.select_option("#due-year", "2025-2026")
    page.get_by_role("button", name="Показать").click()
    assert page.locator("#due-title").inner_text() == "Сроки сдачи на 2025/2026 учебный год"
    page.fill("#due-plan", "15.09.2025")
    page.fill("#due-analysis", "31.05.2026")
    page.get_by_role("button", name="Сохранить сроки").click()
    page.wait_for_url(re.compile(r"saved=2025-2026$"))
    assert "Сроки на 2025/2026 учебный год сохранены" in page.locator(".notice-good").inner_text()
    row = page.locator("table.status tbody tr", has_text=LIBRARIANS)
    assert row.locator("td[data-label=План] .state").inner_text() == "сдан с опозданием"
    assert row.locator("td[data-label=Паспорт] .state").inner_text() == "сдан"  # no date set
    other = page.locator("table.status tbody tr", has_text="РМО учителей математики")
    assert other.locator("td[data-label=План]").inner_text() == "просрочен\nсрок 15.09.2025"
    shot(page, "centre-19-metodist-sroki")

    # This school year: a wrong date is told and kept to correct, then saved.
    today = dt.date.today()  # the server's clock: the school year starts on 1 August
    current = SchoolYear(today.year if today.month >= 8 else today.year - 1)
    page.select_option("#due-year", current.folder)
    page.get_by_role("button", name="Показать").click()
    page.fill("#due-plan", date_numeric(current.last_day))
    page.fill("#due-passport", f"31.02.{current.start + 1}")
    page.get_by_role("button", name="Сохранить сроки").click()
    alert = page.locator(".notice-bad").inner_text()
    assert f"Срок сдачи паспорта «31.02.{current.start + 1}»: такой даты нет." in alert
    assert page.input_value("#due-plan") == date_numeric(current.last_day)
    shot(page, "centre-20-metodist-sroki-oshibka")
    page.fill("#due-passport", "")
    page.get_by_role("button", name="Сохранить сроки").click()
    page.wait_for_url(re.compile(rf"saved={current.folder}$"))
    sign_out(page)

    # The head: her deadlines of this year on her first page; the past year's are not.
    sign_in(page, address, "ivanova")
    assert page.locator("#deadlines-title").inner_text() == "Сроки сдачи документов"
    table = page.locator("section.deadlines table tbody tr")
    assert table.count() == 1
    assert table.first.inner_text().split("\t") == [
        "План работы", current.label, f"до {date_numeric(current.last_day)}", "не сдан"]
    shot(page, "centre-21-rukovoditel-sroki")
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    phone.add_cookies(context.cookies())
    small = phone.new_page()
    small.goto(address + "/")
    shot(small, "centre-22-telefon-rukovoditel-sroki")
    phone.close()
    context.close()


# The centre server with a disk that is full for every file rmo writes atomically (documents,
# the register): a launcher patches os.fsync before the command runs. Nothing in rmo knows.
FULL_DISK = """
import errno, os, sys
def fsync(descriptor):
    raise OSError(errno.ENOSPC, "No space left on device")
os.fsync = fsync
from generator.cli.main import main
sys.argv = ["rmo", *sys.argv[1:]]
main()
"""


def test_a_full_disk_during_a_build_says_so_with_the_menu(browser, tmp_path):  # noqa: F811
    import subprocess
    import sys

    from .web_client import free_port

    folder = tmp_path / "центр"
    assert rmo("centre", "init", folder).returncode == 0
    assert rmo("centre", "association", "add", folder, LIBRARIANS).returncode == 0
    assert rmo("centre", "user", "add", folder, "ivanova", "--role", "руководитель",
               "--association", LIBRARIANS, "--password-stdin",
               stdin=PASSWORD + "\n").returncode == 0
    process = subprocess.Popen([sys.executable, "-c", FULL_DISK, "serve", str(folder),
                                "--port", str(free_port()), "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    address = re.search(r"http://[\d.:]+", process.stdout.readline()).group(0)
    try:
        page = browser.new_context(viewport={"width": 1366, "height": 768},
                                   locale="ru-RU").new_page()
        sign_in(page, address, "ivanova")
        page.set_input_files("#workbook", str(SAMPLE))
        page.get_by_role("button", name="Проверить", exact=True).click()
        with page.expect_response(re.compile(r"/build/")) as answer:
            page.get_by_role("button", name="Сделать документы").click()
        assert answer.value.status == 507
        assert page.locator("h1").inner_text() == "Нет места на диске"
        main = page.locator("main").inner_text()
        assert "Сообщите администратору центра, что на диске сервера нужно освободить место" \
               in main and "Excel" not in main
        assert page.locator("nav").inner_text().split() == ["Книга", "года", "Архив", "Новый",
                                                           "год", "Шаблоны"]
        shot(page, "centre-net-mesta")
    finally:
        process.terminate()
        process.wait(timeout=10)
        process.stdout.close()
        process.stderr.close()
