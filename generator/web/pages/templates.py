"""«Шаблоны»: the built-in templates to download, the archive's own ones to upload or drop.

The archive's own templates live in ПАПКА/Шаблоны — the folder `rmo build --templates` takes —
so the page and the command line build with the same ones. An uploaded template is checked as
a build would use it before it replaces anything, and a replaced or dropped template is moved
to ПАПКА/Шаблоны/прежние, never deleted.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import shutil
import tempfile
import zipfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from ...archive import write_new
from ...errors import RmoError
from ...kinds import KINDS
from ...render import builtin_templates
from ...text import count
from ..jobs import Busy, exclusive
from ..settings import temporary_folder
from .common import (
    OWN_TEMPLATES,
    TEMPLATE,
    Refused,
    archive,
    page,
    post_only,
    refused,
    uploaded_file,
)

FORMER = "прежние"
# The templates of an association's documents (the centre's summary is not theirs).
NAMES = tuple(spec.template for spec in KINDS)
BACK = ("/templates/", "К шаблонам")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _name(name: str) -> str:
    if name not in NAMES:
        raise Http404
    return name


def _own(folder: Path) -> Path:
    return folder / OWN_TEMPLATES


def rows(folder: Path) -> list[dict]:
    """One row per kind of document: its built-in template and the archive's own, if any."""
    found = []
    for spec in KINDS:
        own = _own(folder) / spec.template
        stamp = dt.datetime.fromtimestamp(own.stat().st_mtime).strftime("%d.%m.%Y %H:%M") \
            if own.is_file() else ""
        found.append({"name": spec.template, "label": spec.title, "own": stamp})
    return found


def _index(request: HttpRequest, status: int = 200, **extra) -> HttpResponse:
    folder = archive(request)
    return page(request, "templates.html", "templates", {
        "title": "Шаблоны", "rows": rows(folder), "own_folder": _own(folder).resolve(),
        **extra}, status=status)


_REFUSED = "rmo_template_refused"  # the session's note of the last refused upload


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    # A refused upload is shown once, after a redirect: reloading the page does not offer
    # to send the file again.
    refused_upload = request.session.pop(_REFUSED, None) or {}
    return _index(request, saved=request.GET.get("saved", ""),
                  reverted=request.GET.get("reverted", ""), **refused_upload)


@require_GET
def builtin(request: HttpRequest, name: str) -> HttpResponse:
    path = builtin_templates() / _name(name)
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=DOCX)


@require_GET
def builtin_zip(request: HttpRequest) -> HttpResponse:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bundle:
        for name in NAMES:
            bundle.write(builtin_templates() / name, name)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename="Шаблоны rmo.zip",
                        content_type="application/zip")


@require_GET
def own(request: HttpRequest, name: str) -> HttpResponse:
    path = _own(archive(request)) / _name(name)
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True, filename=name, content_type=DOCX)


@post_only("/templates/")
def upload(request: HttpRequest, name: str) -> HttpResponse:
    from ...build import check_template

    folder = archive(request)
    name = _name(name)
    try:
        upload = uploaded_file(request, "template", TEMPLATE)
    except Refused as error:
        return refused(request, error, "templates", BACK)
    work = Path(tempfile.mkdtemp(dir=temporary_folder(folder)))
    try:
        candidate = work / name
        with candidate.open("wb") as stream:
            for chunk in upload.chunks():
                stream.write(chunk)
        try:
            check_template(candidate, folder)
        except RmoError as error:
            request.session[_REFUSED] = {
                "failed": name, "upload_name": upload.name,
                "errors": [{"message": p.message, "fix": p.fix} for p in error.problems]}
            return redirect("/templates/#refused")
        with exclusive(folder):
            _room_for_former(folder)
            _retire(folder, name)
            write_new(_own(folder) / name, candidate.read_bytes())
    except Refused as error:
        return refused(request, error, "templates", BACK)
    except Busy:
        return refused(request, _busy(), "templates", BACK)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return redirect(f"/templates/?saved={name}")


@post_only("/templates/")
def revert(request: HttpRequest, name: str) -> HttpResponse:
    folder = archive(request)
    name = _name(name)
    try:
        with exclusive(folder):
            _retire(folder, name)
    except Busy:
        return refused(request, _busy(), "templates", BACK)
    return redirect(f"/templates/?reverted={name}")


def _busy() -> Refused:
    return Refused("Идёт сборка документов", "Сейчас в архив записываются документы. "
                   "Дождитесь конца и повторите.", status=409)


FORMER_KEPT = 100  # replaced templates kept per archive: the quota on template uploads
FORMER_SIZE = 200 * 1024 * 1024


def _room_for_former(folder: Path) -> None:
    """Replaced templates are never deleted, so their folder is the quota: when it is full,
    a person (the centre's administrator) decides what goes."""
    former = _own(folder) / FORMER
    files = [p.stat().st_size for p in former.glob("*.docx")] if former.is_dir() else []
    if len(files) < FORMER_KEPT and sum(files) < FORMER_SIZE:
        return
    who = ("Сообщите администратору центра: он уберёт старые из папки «Шаблоны/прежние» "
           "архива объединения." if getattr(settings, "RMO_CENTRE", None) else
           f"Перенесите старые из папки «{former}» в другое место.")
    raise Refused("Слишком много прежних шаблонов", (
        f"Прежних версий шаблонов накопилось {count(len(files), 'файл', 'файла', 'файлов')} "
        f"на {math.ceil(sum(files) / 1024 / 1024)} МБ — столько, сколько архив хранит "
        f"({count(FORMER_KEPT, 'файл', 'файла', 'файлов')}, {FORMER_SIZE // 1024 // 1024} "
        "МБ); rmo их не удаляет, и "
        f"новый шаблон не сохранён. {who}"), status=429)


def _retire(folder: Path, name: str) -> None:
    """Move the archive's own template aside (to «прежние», stamped), never delete it."""
    current = _own(folder) / name
    if not current.is_file():
        return
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H-%M-%S")
    target = _own(folder) / FORMER / f"{current.stem} до {stamp}.docx"
    target.parent.mkdir(parents=True, exist_ok=True)
    number = 1
    while target.exists():
        number += 1
        target = target.with_name(f"{current.stem} до {stamp} ({number}).docx")
    current.replace(target)
