"""Deadlines in the centre, through Django's test client on SQLite and on PostgreSQL: the
methodist sets them on «Состояние», every role sees what it may, the head sees her own.

The archives are registers written here with chosen times, so that «сдан», «сдан с
опозданием», «не сдан» and «просрочен» each come out; the clock is moved with issued.today.
"""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from generator.archive import issued
from generator.archive.register import path as register_path

from .centre_site import centre_fixture  # noqa: F401 — the fixture «centre»
from .test_web import rows, text

MATHS, LIBRARIES = "РМО учителей математики", "РМО школьных библиотекарей"


def register(folder, *entries) -> None:
    """A year folder whose register lists these (file, kind, version, meeting, written)."""
    folder.mkdir(parents=True, exist_ok=True)
    documents = [{"file": file, "kind": kind, "meeting": meeting, "version": version,
                  "sha256": "", "written": written, "workbook_sha256": ""}
                 for file, kind, version, meeting, written in entries]
    kept = register_path(folder)  # in the archive's service folder
    kept.parent.mkdir(parents=True, exist_ok=True)
    kept.write_text(json.dumps({"documents": documents}), "utf-8")


@pytest.fixture
def district(centre, monkeypatch):
    """Mathematicians: the plan in time (corrected in May), the passport late, two minutes,
    no analysis. Librarians: nothing built. A person of each role. Today: 3 June 2026."""
    maths, libraries = centre.association(MATHS), centre.association(LIBRARIES)
    register(centre.archive(maths) / "2025-2026",
             ("План работы.docx", "План", 1, None, "2025-09-10 09:30:00"),
             ("Паспорт РМО.docx", "Паспорт", 1, None, "2025-09-20 14:00:00"),
             ("Протокол № 1.docx", "Протокол", 1, 1, "2025-10-15 16:00:00"),
             ("Протокол № 2.docx", "Протокол", 1, 2, "2026-01-20 16:00:00"),
             ("План работы (версия 2).docx", "План", 2, None, "2026-05-20 10:00:00"),
             ("rmo-2025-2026.xlsx", "Книга", 1, None, "2026-05-20 10:00:00"))
    centre.person("head-m", "руководитель", maths)
    centre.person("head-l", "руководитель", libraries)
    centre.person("metod", "методист")
    centre.person("office-m", "делопроизводитель", maths)
    monkeypatch.setattr(issued, "today", lambda: dt.date(2026, 6, 3))
    return centre


def set_deadlines(browser, year="2025-2026", plan="15.09.2025", passport="15 сентября 2025",
                  analysis="31.05.2026"):
    return browser.post("/centre/status/deadlines/", {
        "year": year, "plan": plan, "passport": passport, "analysis": analysis})


def saved():
    from generator.web.centre.models import Deadline

    return sorted((d.year, d.kind, d.due.isoformat()) for d in Deadline.objects.all())


def test_the_methodist_sets_a_years_deadlines_and_sees_each_document_against_them(district):
    browser = district.client("metod")
    page = browser.get("/centre/status/")
    assert "Сроки сдачи на 2025/2026 учебный год" in text(page)  # today's school year
    assert rows(page, "Документы объединений") == [
        [MATHS, "2025/2026", "сдан 10.09.2025", "сдан 20.09.2025", "2", "не сдан",
         "20.05.2026 10:00"],
        [LIBRARIES, "документы ещё не делали"]]
    done = set_deadlines(browser)
    assert done.status_code == 302
    assert done["Location"] == "/centre/status/?year=2025-2026&saved=2025-2026"
    assert saved() == [("2025-2026", "analysis", "2026-05-31"),
                       ("2025-2026", "passport", "2025-09-15"),
                       ("2025-2026", "plan", "2025-09-15")]
    page = browser.get(done["Location"])
    assert "Сроки на 2025/2026 учебный год сохранены. Руководители видят их на своей первой " \
           "странице." in text(page)
    body = page.content.decode()
    assert 'name="passport" value="15.09.2025"' in body  # «15 сентября 2025» as a date
    # The plan counts from its first version: the May correction does not make it late.
    assert rows(page, "Документы объединений") == [
        [MATHS, "2025/2026", "сдан 10.09.2025", "сдан с опозданием 20.09.2025, срок 15.09.2025",
         "2", "просрочен срок 31.05.2026", "20.05.2026 10:00"],
        [LIBRARIES, "2025/2026", "просрочен срок 15.09.2025", "просрочен срок 15.09.2025", "0",
         "просрочен срок 31.05.2026", "—"]]


def test_before_the_date_a_document_is_not_yet_due_and_an_empty_field_removes_it(
        district, monkeypatch):
    browser = district.client("metod")
    set_deadlines(browser)
    monkeypatch.setattr(issued, "today", lambda: dt.date(2026, 5, 31))  # the last day
    table = rows(browser.get("/centre/status/"), "Документы объединений")
    assert table[0][5] == table[1][5] == "не сдан срок 31.05.2026"
    assert set_deadlines(browser, analysis=" ").status_code == 302
    assert [kind for _, kind, _ in saved()] == ["passport", "plan"]
    assert rows(browser.get("/centre/status/"), "Документы объединений")[0][5] == "не сдан"


def test_wrong_dates_are_told_in_russian_and_nothing_is_saved(district):
    browser = district.client("metod")
    set_deadlines(browser)
    before = saved()
    page = set_deadlines(browser, plan="31.02.2026", passport="завтра",
                         analysis="31.05.2027")
    assert page.status_code == 400
    assert "Срок сдачи плана «31.02.2026»: такой даты нет. Введите дату в виде ДД.ММ.ГГГГ, " \
           "например 15.09.2025. Срок сдачи паспорта «завтра»: это не дата. Введите дату в " \
           "виде ДД.ММ.ГГГГ, например 15.09.2025. Срок сдачи анализа 31.05.2027 — не в " \
           "2025/2026 учебном году. Укажите дату с 01.08.2025 по 31.07.2026. Сроки не " \
           "сохранены: исправьте и нажмите «Сохранить сроки» ещё раз." in text(page)
    body = page.content.decode()
    assert 'name="passport" value="завтра"' in body  # kept to correct, and marked
    assert re.findall(r'name="(\w+)"[^>]*aria-invalid="true"', body) == [
        "plan", "passport", "analysis"]
    assert saved() == before
    assert "aria-invalid" not in browser.get("/centre/status/").content.decode()
    wrong = set_deadlines(browser, year="2025-2027")
    assert wrong.status_code == 400
    assert "Учебный год «2025-2027» указан неверно: выберите его из списка на странице " \
           "«Состояние»." in text(wrong)
    assert saved() == before


def test_the_next_years_deadlines_are_set_before_it_starts(district):
    browser = district.client("metod")
    page = browser.get("/centre/status/?year=2026-2027")
    assert '<option value="2026-2027" selected>' in page.content.decode()
    assert set_deadlines(browser, "2026-2027", "01.09.2026", "", "").status_code == 302
    assert saved() == [("2026-2027", "plan", "2026-09-01")]
    table = rows(browser.get("/centre/status/"), "Документы объединений")
    assert [r[:3] for r in table] == [[MATHS, "2026/2027", "не сдан срок 01.09.2026"],
                                      [MATHS, "2025/2026", "сдан 10.09.2025"],
                                      [LIBRARIES, "2026/2027", "не сдан срок 01.09.2026"]]


def test_the_head_sees_her_own_deadlines_on_her_first_page(district):
    heads = {login: district.client(login) for login in ("head-m", "head-l")}
    assert "Сроки сдачи" not in text(heads["head-m"].get("/"))  # none set yet
    methodist = district.client("metod")
    set_deadlines(methodist)
    set_deadlines(methodist, "2024-2025", "15.09.2024", "", "")  # a year gone: not shown
    page = heads["head-m"].get("/")
    assert rows(page, "Сроки сдачи документов") == [
        ["План работы", "2025/2026", "до 15.09.2025", "сдан 10.09.2025"],
        ["Паспорт РМО", "2025/2026", "до 15.09.2025", "сдан с опозданием 20.09.2025"],
        ["Анализ работы", "2025/2026", "до 31.05.2026", "просрочен"]]
    page = heads["head-l"].get("/")
    assert [r[3] for r in rows(page, "Сроки сдачи документов")] == ["просрочен"] * 3
    assert "10.09.2025" not in page.content.decode()  # nothing of the mathematicians
    # Her other pages do not repeat them.
    assert "Сроки сдачи" not in text(heads["head-m"].get("/archive/"))


@pytest.mark.parametrize("login", ["head-m", "office-m", None])
def test_only_the_methodist_opens_the_status_or_sets_deadlines(district, login):
    set_deadlines(district.client("metod"))
    before = saved()
    browser = district.client(login)
    for response in (browser.get("/centre/status/"), set_deadlines(browser, plan="01.10.2025"),
                     browser.get("/centre/status/deadlines/")):
        if login is None:
            assert response.status_code == 302
            assert response["Location"].startswith("/login/?next=")
        else:
            assert response.status_code == 404
    assert saved() == before
    methodist = district.client("metod")
    assert methodist.get("/centre/status/deadlines/").status_code == 405  # a form's target


def test_states_and_school_years():
    from generator.web.centre.deadlines import school_year_of, state

    due, on = dt.date(2025, 9, 15), dt.date(2025, 9, 16)
    found = [state(dt.date(2025, 9, 15), due, on), state(dt.date(2025, 9, 16), due, on),
             state(None, due, dt.date(2025, 9, 15)), state(None, due, on),
             state(None, None, on), state(dt.date(2025, 9, 1), None, on)]
    assert [(s.word, s.note, s.tone) for s in found] == [
        ("сдан", "15.09.2025", "current"),
        ("сдан с опозданием", "16.09.2025, срок 15.09.2025", "late"),
        ("не сдан", "срок 15.09.2025", ""), ("просрочен", "срок 15.09.2025", "off"),
        ("не сдан", "", ""), ("сдан", "01.09.2025", "current")]
    assert school_year_of(dt.date(2025, 7, 31)).label == "2024/2025"
    assert school_year_of(dt.date(2025, 8, 1)).label == "2025/2026"


def test_the_migrations_make_the_models_as_they_are():
    """A model changed without its migration would leave a centre's database behind."""
    import io

    from django.core.management import call_command

    from .web_client import configure

    configure()
    out = io.StringIO()
    call_command("makemigrations", "centre", "--check", "--dry-run", stdout=out)
    assert out.getvalue() == "No changes detected in app 'centre'\n"
