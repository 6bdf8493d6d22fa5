"""«Справка за годы» in Chromium: the local «Архив» lists the people of three years and downloads
a record for the period chosen; on the centre server the methodist downloads one record of a
teacher of two associations. Screenshots: screenshots/person-*.png."""

from __future__ import annotations

import pytest

from . import chemistry_sample
from .centre_site import PASSWORD
from .helpers import paragraphs
from .test_browser import CHROMIUM, PHONE, browser, running, server, shot  # noqa: F401
from .test_browser_centre import sign_in
from .test_centre_server import rmo, serve, stop
from .test_person_pages import BELOVA, CHEMISTRY, LIBRARY, library

pytestmark = [pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed"),
              pytest.mark.slow]
NB = "\u00a0"


def download(page, row: str, since: str, until: str, target):
    """Choose the period in a person's row and download the record."""
    line = page.locator("table.people tbody tr", has_text=row)
    line.locator("select[name=since]").select_option(since)
    line.locator("select[name=until]").select_option(until)
    with page.expect_download() as got:
        line.get_by_role("button", name="Справка за годы").click()
    got.value.save_as(target)
    return got.value.suggested_filename


def test_a_record_for_the_years_chosen_on_the_local_page(server, browser, tmp_path):  # noqa: F811
    address, folder = server
    chemistry_sample.build_archive(tmp_path / "книги")
    import shutil

    shutil.copytree(tmp_path / "книги" / "archive", folder, dirs_exist_ok=True)
    context = browser.new_context(viewport={"width": 1366, "height": 768}, accept_downloads=True,
                                  locale="ru-RU")
    page = context.new_page()
    page.goto(address)
    page.get_by_role("link", name="Архив", exact=True).click()
    assert page.locator("h2#people").inner_text() == "Люди всех лет"
    assert page.locator("table.people tbody tr").count() == 7
    shot(page, "person-01-arhiv-lyudi")
    target = tmp_path / "record.docx"
    name = download(page, "Тарасов Виктор Андреевич", "2024/2025", "2025/2026", target)
    assert name == "Справка об участии (Тарасов В.А., 2024–2026).docx"
    text = paragraphs(target)
    assert [line for line in text if line.endswith("учебный год")] == [
        "2024/2025 учебный год", "2025/2026 учебный год"]
    # The period the wrong way round: a Russian page saying so, and the way back.
    line = page.locator("table.people tbody tr", has_text="Белова")
    line.locator("select[name=since]").select_option("2025/2026")
    line.locator("select[name=until]").select_option("2023/2024")
    line.get_by_role("button", name="Справка за годы").click()
    assert page.locator("h1").inner_text() == "Справку не сделать"
    assert "Начало периода (2025/2026) позже его конца (2023/2024)." in \
        page.locator("main").inner_text()
    shot(page, "person-02-oshibka-perioda")
    page.get_by_role("link", name="Вернуться к списку").click()
    page.get_by_role("link", name="2025/2026 учебный год").click()
    assert "Справки об участии за годы" in page.locator("main h2").all_inner_texts()
    shot(page, "person-03-arhiv-goda")
    phone = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True)
    phone.add_cookies(context.cookies())
    small = phone.new_page()
    small.goto(address.split("/?")[0] + "/archive/#people")
    shot(small, "person-04-telefon-lyudi", full=False)
    phone.close()
    context.close()


def test_the_methodist_downloads_one_record_of_two_associations(browser, tmp_path):  # noqa: F811
    folder = tmp_path / "центр"
    assert rmo("centre", "init", folder).returncode == 0
    for name in (CHEMISTRY, LIBRARY):
        assert rmo("centre", "association", "add", folder, name).returncode == 0
    added = rmo("centre", "user", "add", folder, "petrova", "--role", "методист",
                "--password-stdin", stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    chemistry_sample.build_archive(tmp_path / "химия")
    import shutil

    shutil.copytree(tmp_path / "химия" / "archive", folder / "Объединения" / CHEMISTRY,
                    dirs_exist_ok=True)
    built = rmo("build", library(tmp_path), "-o", folder / "Объединения" / LIBRARY,
                "--only", "план")
    assert built.returncode == 0, built.stderr
    process, address = serve(folder)
    try:
        context = browser.new_context(viewport={"width": 1366, "height": 768},
                                      accept_downloads=True, locale="ru-RU")
        page = context.new_page()
        sign_in(page, address, "petrova")
        page.get_by_role("link", name="Справки за годы").click()
        assert page.locator("h1").inner_text() == "Справки за годы"
        row = page.locator("table.people tbody tr", has_text=BELOVA)
        assert f"{CHEMISTRY}; {LIBRARY}" in row.inner_text()
        shot(page, "person-05-centr-spravki")
        target = tmp_path / "belova.docx"
        name = download(page, BELOVA, "2023/2024", "2025/2026", target)
        assert name == "Справка об участии (Белова И.Н., 2023–2026).docx"
        text = paragraphs(target)
        assert "об участии в работе районных методических объединений" in text
        assert [line for line in text if "учебный год" in line][-2:] == [
            "2025/2026 учебный год, " + CHEMISTRY, "2025/2026 учебный год, " + LIBRARY]
        context.close()
    finally:
        errors = stop(process)
    assert "Traceback" not in errors, errors
