"""What every page shares: the navigation, refusals in Russian, uploads, the archive folder."""

from __future__ import annotations

import functools
import math
import re
import secrets
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect, render

from ...archive.store import safe_filename, service_folder
from ...errors import RmoError
from ...russian.text import count
from .. import menu
from ..settings import BODY_HEAD, BODY_LIMIT, UPLOAD_LIMIT

_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
KEEP_UPLOADS = 24 * 3600  # an upload older than this is not needed by any page


class Refused(Exception):
    """A request the page cannot serve: shown as a Russian page with this title and text."""

    def __init__(self, title: str, text: str, status: int = 400):
        super().__init__(text)
        self.title, self.text, self.status = title, text, status


def post_only(back):
    """A form's target: a GET (a reload, an address typed or bookmarked) goes back to the
    section's page instead of the browser's bare «HTTP ERROR 405». `back` is an address or
    a function of the view's arguments giving one."""
    def wrap(view):
        @functools.wraps(view)
        def inner(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method == "POST":
                return view(request, *args, **kwargs)
            if request.method in ("GET", "HEAD"):
                return redirect(back(**kwargs) if callable(back) else back)
            return HttpResponseNotAllowed(["POST"])
        return inner
    return wrap


def archive(request: HttpRequest) -> Path:
    """The archive folder this request works on (set by the access middleware)."""
    return request.rmo_archive


def navigation(request: HttpRequest) -> dict:
    """Template context of every page: the menu (only once signed in) and the archive."""
    folder = getattr(request, "rmo_archive", None)
    if folder is None:  # not signed in: neither the menu nor the archive's place is shown
        return {"nav": (), "archive_label": ""}
    section = getattr(request, "rmo_section", "")
    return {"nav": menu.items(menu.HEAD, section),  # the local page is a head's
            "archive_label": str(Path(folder).resolve())}


def page(request: HttpRequest, template: str, section: str, context: dict,
         status: int = 200) -> HttpResponse:
    request.rmo_section = section
    return render(request, f"rmo/{template}", context, status=status)


def refusal(request: HttpRequest, title: str, text: str, status: int = 400, section: str = "",
            back: tuple[str, str] | None = None, steps: tuple[str, ...] = (),
            sign_in: bool = False, calm: bool = False) -> HttpResponse:
    """A Russian page saying why; `section` lights its menu item, `back` = (address, words)
    is the way back offered besides «Назад», `steps` what to do, one by one; `sign_in` adds
    the field to paste the printed address into; a `calm` page is not about a mistake."""
    request.rmo_section = section
    return render(request, "rmo/refusal.html", {
        "title": title, "text": text, "steps": steps, "sign_in": sign_in, "here": request.path,
        "calm": calm,
        "placeholder": f"http://{request.get_host()}/?token=…" if sign_in else "",
        "back": {"url": back[0], "label": back[1]} if back else None}, status=status)


def sign_in_needed(request: HttpRequest, wrong: bool = False) -> HttpResponse:
    """The page of a browser that has not opened the printed address (or has a wrong key)."""
    address = f"http://{request.get_host()}/?token=…"
    title, text = ("Неверный ключ входа", "Ключ в адресе не подходит к этому архиву: адрес "
                   "скопирован не целиком или напечатан для другой папки архива.") if wrong else \
        ("Нужно войти", "Страница rmo открывается по адресу с ключом входа, который программа "
         f"напечатала в своём окне: «Страница rmo: {address}».")
    return refusal(request, title, text, status=403, sign_in=True, calm=not wrong, steps=(
        "Найдите окно, в котором запущена программа rmo (команда rmo serve); обычно оно "
        "свёрнуто на панели задач.",
        "Выделите мышью адрес после слов «Страница rmo:» и щёлкните правой кнопкой мыши — "
        "адрес скопируется.",
        "Вставьте его в поле ниже и нажмите «Войти» (или вставьте в адресную строку "
        "браузера). Адрес постоянный: он действует в любом браузере этого компьютера, "
        "сколько угодно раз, и после перезапуска программы."))


def too_big(request: HttpRequest) -> HttpResponse | None:
    """The page for a request whose body is over the limit (only its head was kept), or None."""
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    if length <= BODY_LIMIT:
        return None
    try:
        head = request.read(BODY_HEAD)
    except OSError:
        head = b""
    found = _FILE_NAME.search(head)
    name = re.split(r"[\\/]", found.group(1).decode("utf-8", "replace"))[-1] \
        .replace("%22", '"') if found else ""
    _, section, expected, back = next(row for row in _SECTIONS if request.path.startswith(row[0]))
    return refusal(request, "Файл слишком большой", _too_big(expected.accusative, name, length),
                   status=413, section=section, back=back)


_FILE_NAME = re.compile(rb'filename="([^"\r\n]*)"')


def refused(request: HttpRequest, error: Refused, section: str = "",
            back: tuple[str, str] | None = None) -> HttpResponse:
    return refusal(request, error.title, error.text, error.status, section, back)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return refusal(request, "Форма устарела",
                   "Страница была открыта слишком давно или не из rmo. Вернитесь на страницу, "
                   "обновите её и отправьте форму ещё раз.", status=403)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    return HttpResponse("Запрос отклонён: страница rmo открывается только по адресу "
                        "http://127.0.0.1.\n", status=400,
                        content_type="text/plain; charset=utf-8")


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    return refusal(request, "Страница не найдена",
                   "Такой страницы или файла нет. Начните с раздела «Книга года» или «Архив».",
                   status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    import sys

    from ..faults import fault

    found = fault(sys.exc_info()[1])  # a full disk, a read-only folder, the database down
    if found is not None:
        return fault_page(request, found)
    where = ("сообщите администратору центра, что было сделано перед ней"
             if getattr(settings, "RMO_CENTRE", None) else
             "сообщите разработчикам, что было сделано перед ней (подробности — в окне, где "
             "запущена команда rmo serve)")
    return refusal(request, "Внутренняя ошибка",
                   "Извините, в программе произошла ошибка. Ничего не испорчено: документы "
                   f"архива не тронуты. Попробуйте ещё раз; если ошибка повторится, {where}.",
                   status=500)


def fault_page(request: HttpRequest, found, section: str = "") -> HttpResponse:
    """The page of a failure of the machine (generator.web.faults): what happened, who fixes
    it, a way to try again, and the menu; before anyone is known (the database is down), the
    sign-in page is the menu."""
    context = {"title": found.title, "text": found.text, "back": None,
               "retry": request.get_full_path() if request.method == "GET" else ""}
    if getattr(settings, "RMO_CENTRE", None) and getattr(request, "rmo_person", None) is None:
        context["nav"] = [{"url": "/login/", "label": "Вход", "current": False}]
    request.rmo_section = section
    return render(request, "rmo/refusal.html", context, status=found.status)


@dataclass(frozen=True)
class Expected:
    """What a form field takes, in the words a refusal needs."""

    accusative: str  # «выберите книгу Excel (.xlsx)»
    nominative: str  # «это не книга Excel»
    suffixes: tuple[str, ...]
    suffix: str  # the one to name: «нужен файл .xlsx»


# .xls and .ods are let through to the reader, which says how to resave them.
WORKBOOK = Expected("книгу Excel (.xlsx)", "книга Excel", (".xlsx", ".xlsm", ".xls", ".ods"),
                    ".xlsx")
TEMPLATE = Expected("документ Word (.docx)", "документ Word", (".docx",), ".docx")
# Where an upload over the limit was sent: the menu item, what the form takes, the way back.
_SECTIONS = (("/templates/", "templates", TEMPLATE, ("/templates/", "К шаблонам")),
             ("/new-year/", "year", WORKBOOK, ("/new-year/", "К новому году")),
             ("/", "book", WORKBOOK, ("/", "К книге года")))


def uploaded_file(request: HttpRequest, field: str, expected: Expected):
    """The one file of a form field, or a Refused saying what is wrong with it.

    The size is checked before Django reads the body, so a huge file is not read at all.
    """
    what = expected.accusative
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > BODY_LIMIT:
        raise Refused("Файл слишком большой", _too_big(what, "", length), status=413)
    upload = request.FILES.get(field)
    if upload is None:
        raise Refused("Файл не выбран", f"Выберите {what} кнопкой выбора файла (или "
                      "перетащите файл на страницу) и нажмите кнопку ещё раз.")
    if upload.size > UPLOAD_LIMIT:
        raise Refused("Файл слишком большой", _too_big(what, upload.name, upload.size),
                      status=413)
    if upload.size == 0:
        raise Refused("Файл пустой", f"Файл «{upload.name}» пустой (0 байт). Выберите "
                      f"{what} ещё раз; если файл и правда пустой, откройте его в Excel "
                      "или Word и сохраните заново.")
    if not upload.name.lower().endswith(expected.suffixes):
        raise Refused("Это не тот файл", f"Файл «{upload.name}» — не {expected.nominative}: "
                      f"нужен файл {expected.suffix}. Выберите {what}.")
    return upload


def _too_big(what: str, name: str, size: int) -> str:
    megabytes = size / 2 ** 20
    weight = "больше 20 МБ" if megabytes < 20.5 else f"{megabytes:.0f} МБ" \
        if megabytes < 1000 else f"{megabytes / 1024:.1f} ГБ".replace(".", ",")
    return (f"{f'Файл «{name}»' if name else 'Выбранный файл'} весит {weight}, а программа "
            f"принимает файлы до 20 МБ — это не похоже на {what}. Проверьте, тот ли файл "
            "выбран; если в файле есть картинки, уменьшите или удалите их и сохраните файл заново.")


def save_upload(folder: Path, upload) -> Path:
    """Keep an upload in the archive's service folder under a name rmo chose; old ones go."""
    return keep_file(folder, upload.name, upload.chunks())


def keep_file(folder: Path, name: str, chunks) -> Path:
    """Keep a workbook for the pages that check and build it (find_upload finds it again),
    within the archive's quota (UPLOADS_KEPT files, UPLOADS_SIZE bytes); old ones go.

    The new upload is written first and counted after, like a password try (centre.account):
    of uploads arriving together, the k-th to be made sees at least k, so no burst passes the
    count. An upload older than FRESH gives way to a new one; younger ones are refused.
    """
    root = service_folder(folder, create=True) / "uploads"
    _forget_old(root)
    target = root / secrets.token_urlsafe(18)
    target.mkdir(parents=True)
    path = target / safe_filename(Path(name).name)
    try:
        with path.open("xb") as stream:
            for chunk in chunks:
                stream.write(chunk)
        _within_quota(root, target)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)  # a full disk leaves no half of a file
        raise
    return path


UPLOADS_KEPT = 20  # per archive (per association on the centre) at one time
UPLOADS_SIZE = 100 * 1024 * 1024
FRESH = 3600  # seconds: an upload this young may still be built, so it is not dropped


def _within_quota(root: Path, own: Path) -> None:
    kept = []
    for item in root.iterdir():
        try:
            size = sum(f.stat().st_size for f in item.iterdir())
            kept.append((item.stat().st_mtime, size, item))
        except OSError:
            continue  # removed meanwhile by another request
    kept.sort(key=lambda entry: entry[0])
    old = time.time() - FRESH
    while kept and (len(kept) > UPLOADS_KEPT or sum(e[1] for e in kept) > UPLOADS_SIZE):
        if kept[0][0] >= old or kept[0][2] == own:
            others = [e for e in kept if e[2] != own]
            raise Refused("Слишком много загрузок", (
                f"За последний час загружено {count(len(others), 'файл', 'файла', 'файлов')} "
                f"на {math.ceil(sum(e[1] for e in others) / 1024 / 1024)} МБ, а сервер "
                f"хранит для одного архива не больше {UPLOADS_KEPT} файлов и "
                f"{UPLOADS_SIZE // 1024 // 1024} МБ. Этот файл не сохранён. Сделайте "
                "документы по уже проверенной книге (после сборки её файл удаляется) или "
                "подождите час и загрузите снова."), status=429)
        shutil.rmtree(kept.pop(0)[2], ignore_errors=True)


def forget_upload(path: Path) -> None:
    """The upload a build has used: the archive keeps its own copy of the workbook."""
    shutil.rmtree(path.parent, ignore_errors=True)


def find_upload(folder: Path, upload_id: str) -> Path:
    """The workbook kept by save_upload under this id, or Refused."""
    gone = Refused("Книга не найдена", "Книга, которую вы проверяли, больше не хранится "
                   "(по ней уже сделаны документы — они в «Архиве», или прошло больше суток). "
                   "Выберите книгу ещё раз.",
                   status=404)
    if not _ID.match(upload_id):
        raise gone
    target = service_folder(folder) / "uploads" / upload_id
    files = sorted(p for p in target.glob("*") if p.is_file()) if target.is_dir() else []
    if not files:
        raise gone
    return files[0]


def _forget_old(root: Path) -> None:
    if not root.is_dir():
        return
    limit = time.time() - KEEP_UPLOADS
    for item in root.iterdir():
        try:
            if item.stat().st_mtime < limit:
                shutil.rmtree(item, ignore_errors=True)
        except OSError:
            pass


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def record_response(request: HttpRequest, sources: list, organisation: str = "",
                    templates: Path | None = None, back: str = "/archive/") -> HttpResponse:
    """The record of the person the form names, for the period it chose, as a download; a
    Russian page saying what to do when it cannot be made. The local archive's page and the
    centre's «Справки за годы» answer with it (sources: figures.record.Source)."""
    from django.utils.http import content_disposition_header

    from ...figures.record import find, parse_year
    from ...record_file import issue

    form = request.POST
    try:
        since = parse_year(form["since"], "Начало периода") if form.get("since") else None
        until = parse_year(form["until"], "Конец периода") if form.get("until") else None
        found = find(form.get("name", ""), sources, since, until)
        done = issue(found, templates, organisation)
    except RmoError as error:
        return refusal(request, "Справку не сделать",
                       " ".join(str(p) for p in error.problems), section="archive",
                       back=(back, "Вернуться к списку"))
    response = HttpResponse(done.data, content_type=DOCX)
    response["Content-Disposition"] = content_disposition_header(True, done.filename)
    return response
