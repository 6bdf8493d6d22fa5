"""The centre's own pages: the associations, their status, the summary, people.

The access middleware has already decided that the signed-in person may open the page; the
pages still show each person only the associations they cover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.views.decorators.http import require_GET, require_http_methods

from ...archive import issued
from ...archive.contents import year_folders, year_holdings
from ...archive.times import readable
from ...documents.kinds import DocumentKind
from ...errors import RmoError
from ...figures.record import Source, people_over_years
from ...model import year_label
from .. import menu
from ..pages.common import record_response
from . import deadlines, people
from .access import SELECTED, permitted
from .folder import load
from .models import Association, Role
from .rows import centre_summary, latest_workbooks

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def navigation(request: HttpRequest) -> dict:
    """Context of every centre page: the role's menu, who is signed in, whose archive."""
    person = getattr(request, "rmo_person", None)
    association = getattr(request, "rmo_association", None)
    label = association.name if association else "—"
    foot = f"Объединение: {label}" if association else "Сервер методического центра"
    if person is None:
        return {"nav": (), "archive_label": label, "account": None, "foot": foot}
    section = getattr(request, "rmo_section", "")
    return {"nav": menu.items(person.role, section, chosen=association is not None),
            "archive_label": label, "foot": foot,
            "account": {"login": request.user.username, "role": person.get_role_display()}}


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """Another Host header, among others: plain text, no page of the centre."""
    return HttpResponse("Запрос отклонён: сервер методического центра открывается только по "
                        "именам из его настроек.\n", status=400,
                        content_type="text/plain; charset=utf-8")


def _page(request, template: str, section: str, context: dict, status: int = 200):
    request.rmo_section = section
    return render(request, f"rmo/centre/{template}", context, status=status)


def visible(person) -> list[Association]:
    if person.role == Role.METHODIST:
        return list(Association.objects.all())
    return list(person.associations.all())


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    person = request.rmo_person
    rows = []
    for association in visible(person):
        years = year_folders(people.archive_folder(association))
        rows.append({"association": association, "years": [year_label(y.name) for y in years]})
    return _page(request, "home.html", "centre", {"title": "Объединения", "rows": rows,
                                                  "methodist": person.role == Role.METHODIST})


@require_GET
def open_association(request: HttpRequest, association_id: int) -> HttpResponse:
    association = Association.objects.filter(pk=association_id).first()
    if association is None or not permitted(request.rmo_person, association):
        raise Http404
    request.session[SELECTED] = association.pk
    return redirect("/archive/")


# --- status and deadlines --------------------------------------------------------------------

@dataclass(frozen=True)
class YearStatus:
    association: str
    year: str
    documents: dict  # DueKind value («plan», «passport», «analysis») → deadlines.State
    minutes: int
    last_build: str


def year_status(association: Association,
                dues: dict[str, dict[str, dt.date]]) -> list[YearStatus]:
    """The association's years that have documents or deadlines, newest first."""
    archive = people.archive_folder(association)
    folders = {y.name: y for y in year_folders(archive)}
    found = []
    for name in sorted(set(folders) | set(dues), reverse=True):
        held = year_holdings(folders.get(name))
        found.append(YearStatus(
            association.name, year_label(name), deadlines.states(held, dues.get(name, {})),
            len(held.meetings.get(DocumentKind.PROTOCOL.value, ())), readable(held.last_build)))
    return found


@require_GET
def status(request: HttpRequest) -> HttpResponse:
    return _status_page(request, request.GET.get("year", ""))


def _status_page(request: HttpRequest, year: str, form=None, problems=(), code: int = 200,
                 wrong=()) -> HttpResponse:
    """«Состояние»: the deadlines' form for one year (``form``: what was typed, when it is
    shown again with ``problems``; ``wrong``: the fields to mark), then every association's
    documents of every year."""
    dues = deadlines.all_dues()
    rows = []
    for association in Association.objects.all():
        years = year_status(association, dues)
        rows.extend(years or [YearStatus(association.name, "", {}, 0, "")])
    offered = deadlines.offered_years(_years())
    year = year if year in offered else deadlines.school_year_of(issued.today()).folder
    values = form if form is not None else deadlines.form_values(year)
    return _page(request, "status.html", "status", {
        "title": "Состояние объединений", "rows": rows, "years": offered, "year": year,
        "label": year_label(year), "problems": problems,
        "fields": [{"key": d.key.value, "title": d.title, "value": values.get(d.key.value, ""),
                    "wrong": d.key.value in wrong} for d in deadlines.DUES],
        "saved": request.GET.get("saved") == year}, status=code)


@require_http_methods(["POST"])
def deadlines_save(request: HttpRequest) -> HttpResponse:
    """The methodist saves a year's deadlines; a wrong date: the page again, with what she
    typed and what to correct."""
    year = request.POST.get("year", "")
    try:
        saved = deadlines.store(year, request.POST)
    except RmoError as error:
        return _status_page(request, year, request.POST, error.problems, code=400,
                            wrong=getattr(error, "fields", ()))
    return redirect(f"/centre/status/?{urlencode({'year': saved.folder, 'saved': saved.folder})}")


# --- summary ------------------------------------------------------------------------------

def _years() -> list[str]:
    names: set[str] = set()
    for association in Association.objects.all():
        names.update(y.name for y in year_folders(people.archive_folder(association)))
    return sorted(names, reverse=True)


def _chosen_year(request: HttpRequest) -> tuple[str, list[str]]:
    years = _years()
    year = request.GET.get("year") or (years[0] if years else "")
    if year and year not in years:
        raise Http404
    return year, years


@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    year, years = _chosen_year(request)
    context: dict = {"title": "Сводный отчёт", "year": year, "years": years,
                     "label": year_label(year), "summary": None, "problems": [],
                     "claims": []}
    if year:
        books, missing = latest_workbooks(year)
        collected = centre_summary(books)
        context.update(missing=missing, summary=collected.summary,
                       problems=collected.problems, claims=collected.claims)
    return _page(request, "summary.html", "summary", context)


@require_GET
def summary_docx(request: HttpRequest) -> HttpResponse:
    from ...report import summary_docx as make_docx

    return _summary_file(request, ".docx", DOCX, lambda summary, centre: make_docx(
        summary, organisation=centre.organisation, signer=centre.signer))


@require_GET
def summary_xlsx(request: HttpRequest) -> HttpResponse:
    """The same table as a spreadsheet, for the region (generator.documents.summary_table)."""
    from ...documents.summary_table import summary_xlsx as make_xlsx

    return _summary_file(request, ".xlsx", XLSX, lambda summary, centre: make_xlsx(
        summary, centre.organisation, centre.signer))


def _summary_file(request: HttpRequest, suffix: str, content_type: str, make) -> HttpResponse:
    from django.utils.http import content_disposition_header

    year, _ = _chosen_year(request)
    books, _ = latest_workbooks(year) if year else ([], [])
    collected = centre_summary(books)
    if collected.summary is None:
        raise Http404  # nothing to add up: the page says why
    centre = load(settings.RMO_CENTRE)  # the originator and the signer of the report
    try:
        data = make(collected.summary, centre)
    except RmoError as error:
        return _page(request, "summary.html", "summary", {
            "title": "Сводный отчёт", "year": year, "years": [year], "summary": None,
            "label": year_label(year), "problems": error.problems}, status=400)
    response = HttpResponse(data, content_type=content_type)
    title = "Сводный отчёт" if suffix == ".docx" else "Сводная таблица"
    name = f"{title} РМО {year}{suffix}"
    response["Content-Disposition"] = content_disposition_header(True, name)
    return response


# --- records over the years --------------------------------------------------------------

def _sources():
    return [Source(people.archive_folder(a), a.name) for a in Association.objects.all()]


@require_GET
def records(request: HttpRequest) -> HttpResponse:
    """Every teacher of every association, one row a person: a teacher of two associations
    is one record."""
    rows, problems = people_over_years(_sources())
    return _page(request, "records.html", "records", {
        "title": "Справки за годы", "people": rows, "people_problems": problems,
        "record_url": "/centre/records/record/", "show_associations": True})


@require_http_methods(["POST"])
def record_docx(request: HttpRequest) -> HttpResponse:
    return record_response(request, _sources(), load(settings.RMO_CENTRE).organisation,
                           back="/centre/records/")


# --- associations and people ----------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def associations(request: HttpRequest) -> HttpResponse:
    context: dict = {"title": "Объединения центра", "problems": [], "added": ""}
    if request.method == "POST":
        try:
            association = people.add_association(request.POST.get("name", ""))
        except RmoError as error:
            context["problems"] = error.problems
            context["name"] = request.POST.get("name", "")
        else:
            return redirect(f"/centre/people/?added={association.pk}")
    return _people_page(request, context)


@require_http_methods(["GET", "POST"])
def people_page(request: HttpRequest) -> HttpResponse:
    context: dict = {"title": "Люди и объединения", "problems": []}
    if request.method == "POST":
        form = request.POST
        context["form"] = form
        try:
            role = people.role_of(form.get("role", ""))
            chosen = list(Association.objects.filter(pk__in=[
                int(x) for x in form.getlist("association") if x.isdigit()]))
            person = people.add_user(form.get("login", ""), role, chosen,
                                     form.get("password", ""), form.get("password2", ""))
        except RmoError as error:
            context["problems"] = error.problems
            return _people_page(request, context, status=400)
        return redirect(f"/centre/people/?user={person.user.username}")
    return _people_page(request, context)


def _people_page(request: HttpRequest, context: dict, status: int = 200) -> HttpResponse:
    added = request.GET.get("added", "")
    context.update({
        "accounts": people.accounts(), "associations": Association.objects.all(),
        "roles": list(people.ROLE_WORDS),
        "added": Association.objects.filter(pk=int(added)).first() if added.isdigit() else None,
        "created": request.GET.get("user", ""), "changed": request.GET.get("password", ""),
        "disabled": request.GET.get("disabled", ""), "enabled": request.GET.get("enabled", ""),
        "removed": request.GET.get("removed", ""), "me": request.user.username,
        "today": dt.date.today()})
    context.setdefault("title", "Люди и объединения")
    return _page(request, "people.html", "people", context, status=status)


@require_http_methods(["POST"])
def person_password(request: HttpRequest) -> HttpResponse:
    """The methodist gives a person a new password (the old one is never shown: only its
    hash is kept)."""
    form = request.POST
    try:
        people.set_password(form.get("login", ""), form.get("password", ""),
                            form.get("password2", ""))
    except RmoError as error:
        return _people_page(request, {"problems": error.problems, "reset": form}, status=400)
    return redirect(f"/centre/people/?password={form.get('login', '')}")


def _back(login: str, key: str) -> HttpResponse:
    return redirect(f"/centre/people/?{urlencode({key: login})}")


@require_http_methods(["POST"])
def person_disable(request: HttpRequest) -> HttpResponse:
    """The methodist disables a person's sign-in; their sessions end at once."""
    login = request.POST.get("login", "")
    try:
        people.disable_user(login, by=request.rmo_person)
    except RmoError as error:
        return _people_page(request, {"problems": error.problems}, status=400)
    return _back(login, "disabled")


@require_http_methods(["POST"])
def person_enable(request: HttpRequest) -> HttpResponse:
    login = request.POST.get("login", "")
    try:
        people.enable_user(login)
    except RmoError as error:
        return _people_page(request, {"problems": error.problems}, status=400)
    return _back(login, "enabled")


@require_http_methods(["GET", "POST"])
def person_remove(request: HttpRequest) -> HttpResponse:
    """GET asks «удалить?»; the POST of that page (with confirm) removes the person."""
    form = request.POST if request.method == "POST" else request.GET
    login = form.get("login", "")
    if not login:
        return redirect("/centre/people/")
    try:
        person = people.find_person(login)
        if request.method == "POST" and form.get("confirm") == "yes":
            gone = people.remove_user(login, by=request.rmo_person)
            return _back(gone.login, "removed")
        refused = people.refusal(person, "удалить", request.rmo_person)
    except RmoError as error:
        return _people_page(request, {"problems": error.problems}, status=400)
    account = next(a for a in people.accounts() if a.login == person.user.username)
    return _page(request, "person_remove.html", "people", {
        "title": "Удалить человека", "person": account, "refused": refused})
