"""«Новый год»: an empty workbook (rmo init) or next year's from this one (rmo new-year)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ...archive.store import safe_filename
from ...errors import RmoError
from ..settings import temporary_folder
from .common import WORKBOOK, Refused, archive, page, post_only, refused, uploaded_file


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return page(request, "year.html", "year", {"title": "Новый год"})


def _send(work: Path, path: Path, name: str) -> FileResponse:
    """Send a file made in a temporary folder and remove the folder once it is sent."""
    data = path.read_bytes()
    shutil.rmtree(work, ignore_errors=True)
    import io

    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument."
                                     "spreadsheetml.sheet")


@require_GET
def blank(request: HttpRequest) -> HttpResponse:
    from ...workbook.newyear import init

    work = Path(tempfile.mkdtemp(dir=temporary_folder(archive(request))))
    path = init(work / "Книга РМО.xlsx")
    return _send(work, path, "Книга РМО (пустая).xlsx")


def _keep(upload, folder: Path) -> Path:
    """The upload under her own file name, which the messages then name; a name this system
    cannot store is made safe."""

    folder.mkdir()
    name = Path(upload.name).name or "книга.xlsx"
    for candidate in (name, safe_filename(name)):
        try:
            with (folder / candidate).open("wb") as stream:
                for chunk in upload.chunks():
                    stream.write(chunk)
            return folder / candidate
        except (OSError, ValueError):
            continue
    raise RmoError.single(f"Не удалось сохранить файл «{name}» во временную папку.")


@post_only("/new-year/")
def following(request: HttpRequest) -> HttpResponse:
    from ...workbook.newyear import new_year

    try:
        upload = uploaded_file(request, "workbook", WORKBOOK)
    except Refused as error:
        return refused(request, error, "year", ("/new-year/", "К новому году"))
    work = Path(tempfile.mkdtemp(dir=temporary_folder(archive(request))))
    try:
        year = new_year(_keep(upload, work / "книга"), work / "next.xlsx")
    except RmoError as error:
        shutil.rmtree(work, ignore_errors=True)
        return page(request, "year.html", "year", {
            "title": "Новый год", "name": upload.name, "errors": error.problems}, status=400)
    return _send(work, work / "next.xlsx", f"Книга РМО {year.label.replace('/', '-')}.xlsx")
