"""«Шаблоны»: the built-in templates to download, the archive's own ones to upload or drop.

Where the archive's own templates live (ПАПКА/Шаблоны, the folder `rmo build --templates`
takes) and how a replaced one is kept (ПАПКА/Шаблоны/прежние) is render.templates' business. A
person sees the Russian names of the kinds registry («Протокол.docx») and her own file names.
An uploaded template is checked as a build would use it before it replaces anything.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import zipfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from ...archive.store import base_name, safe_filename
from ...documents.kinds import KINDS, KindSpec
from ...errors import RmoError
from ...render.templates import (
    archive_templates,
    builtin_templates,
    former_templates,
    own_template,
    retire_own_template,
    save_own_template,
)
from ...russian.text import count
from ..jobs import Busy, exclusive
from .common import (
    TEMPLATE,
    Refused,
    archive,
    keep_file,
    page,
    post_only,
    refused,
    uploaded_file,
)

# The templates of an association's documents (the centre's summary is not theirs).
NAMES = tuple(spec.template for spec in KINDS)  # in the addresses: /templates/own/plan.docx
BACK = ("/templates/", "К шаблонам")
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _spec(name: str) -> KindSpec:
    for spec in KINDS:
        if spec.template == name:
            return spec
    raise Http404


def rows(folder: Path) -> list[dict]:
    """One row per kind of document: its built-in template and the archive's own, if any."""
    found = []
    for spec in KINDS:
        own = own_template(folder, spec.template)
        stamp = dt.datetime.fromtimestamp(own.stat().st_mtime).strftime("%d.%m.%Y %H:%M") \
            if own is not None else ""
        found.append({"name": spec.template, "file": spec.template_title, "label": spec.title,
                      "own": stamp})
    return found


def _index(request: HttpRequest, status: int = 200, **extra) -> HttpResponse:
    folder = archive(request)
    return page(request, "templates.html", "templates", {
        "title": "Шаблоны", "rows": rows(folder), "own_folder": archive_templates(folder).resolve(),
        "former_folder": former_templates(folder).resolve(),
        **extra}, status=status)


# The session's note of the last upload or revert, shown once after a redirect: reloading the
# page does not offer to send the file again.
_REFUSED = "rmo_template_refused"
_DONE = "rmo_template_done"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    from ...archive.contents import newest_workbook

    refused_upload = request.session.pop(_REFUSED, None) or {}
    done = request.session.pop(_DONE, None) or {}
    if done:
        # The documents change only when made again: offer it with the archive's workbook.
        kept = newest_workbook(archive(request))
        done["rebuild"] = kept.name if kept else ""
    return _index(request, **refused_upload, **done)


@require_GET
def builtin(request: HttpRequest, name: str) -> HttpResponse:
    spec = _spec(name)
    path = builtin_templates() / spec.template
    return FileResponse(path.open("rb"), as_attachment=True, filename=spec.template_title,
                        content_type=DOCX)


@require_GET
def builtin_zip(request: HttpRequest) -> HttpResponse:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bundle:
        for spec in KINDS:
            bundle.write(builtin_templates() / spec.template, spec.template_title)
    stream.seek(0)
    return FileResponse(stream, as_attachment=True, filename="Шаблоны rmo.zip",
                        content_type="application/zip")


@require_GET
def own(request: HttpRequest, name: str) -> HttpResponse:
    spec = _spec(name)
    path = own_template(archive(request), spec.template)
    if path is None:
        raise Http404
    return FileResponse(path.open("rb"), as_attachment=True,
                        filename=f"{spec.title} (свой).docx", content_type=DOCX)


@post_only("/templates/")
def upload(request: HttpRequest, name: str) -> HttpResponse:
    from ...render.template_source import TemplateBytes
    from ...render.templates import check_template

    folder = archive(request)
    spec = _spec(name)
    try:
        upload = uploaded_file(request, "template", TEMPLATE)
    except Refused as error:
        return refused(request, error, "templates", BACK)
    # Checked in memory (its size is bounded by uploaded_file) under her own file's name, as
    # the archive would store it, so that every message names the file she chose.
    candidate = TemplateBytes(safe_filename(Path(upload.name).name), upload.read())
    try:
        check_template(candidate, folder, kind=spec.template)
    except RmoError as error:
        request.session[_REFUSED] = {
            "failed": spec.template, "upload_name": upload.name,
            "errors": [{"message": p.message, "fix": p.fix} for p in error.problems]}
        return redirect("/templates/#refused")
    try:
        with exclusive(folder):
            _room_for_former(folder)
            save_own_template(folder, spec.template, spec.title, candidate.data)
    except Refused as error:
        return refused(request, error, "templates", BACK)
    except Busy:
        return refused(request, _busy(), "templates", BACK)
    request.session[_DONE] = {"saved": upload.name, "kind": spec.title}
    return redirect("/templates/#done")


@post_only("/templates/")
def revert(request: HttpRequest, name: str) -> HttpResponse:
    folder = archive(request)
    spec = _spec(name)
    try:
        with exclusive(folder):
            retire_own_template(folder, spec.template, spec.title)
    except Busy:
        return refused(request, _busy(), "templates", BACK)
    request.session[_DONE] = {"reverted": spec.title}
    return redirect("/templates/#done")


@post_only("/templates/")
def rebuild(request: HttpRequest) -> HttpResponse:
    """The documents made again from the workbook of the archive's last build, with the
    templates as they are now."""
    from ...archive.contents import newest_workbook
    from .book import make_documents

    folder = archive(request)
    kept = newest_workbook(folder)
    if kept is None:
        return refused(request, Refused(
            "Документы ещё не делались", "В архиве нет книги, по которой делались документы. "
            "Выберите книгу в разделе «Книга года» и нажмите «Сделать документы».",
            status=404), "templates", ("/", "К книге года"))
    # A copy under the first version's name: the build then finds the kept one unchanged.
    with kept.open("rb") as stream:
        path = keep_file(folder, base_name(kept.name), iter(lambda: stream.read(2 ** 20), b""))
    return make_documents(request, path)


def _busy() -> Refused:
    return Refused("Идёт сборка документов", "Сейчас в архив записываются документы. "
                   "Дождитесь конца и повторите.", status=409)


FORMER_KEPT = 100  # replaced templates kept per archive: the quota on template uploads
FORMER_SIZE = 200 * 1024 * 1024


def _room_for_former(folder: Path) -> None:
    """Replaced templates are never deleted, so their folder is the quota: when it is full,
    a person (the centre's administrator) decides what goes."""
    former = former_templates(folder)
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

