"""«Новый год»: an empty workbook (rmo init) or next year's from this one (rmo new-year)."""

from __future__ import annotations

import io

from django.http import FileResponse, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from ...errors import RmoError
from .common import WORKBOOK, Refused, page, post_only, refused, uploaded_file

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return page(request, "year.html", "year", {"title": "Новый год"})


def _send(data: bytes, name: str) -> FileResponse:
    return FileResponse(io.BytesIO(data), as_attachment=True, filename=name, content_type=XLSX)


@require_GET
def blank(request: HttpRequest) -> HttpResponse:
    from ...workbook.newyear import blank_book

    return _send(blank_book(), "Книга РМО (пустая).xlsx")


@post_only("/new-year/")
def following(request: HttpRequest) -> HttpResponse:
    from ...workbook.newyear import next_year_book

    try:
        upload = uploaded_file(request, "workbook", WORKBOOK)
    except Refused as error:
        return refused(request, error, "year", ("/new-year/", "К новому году"))
    try:
        # Under her own file's name, which the messages then name; the size is bounded by
        # uploaded_file, so the bytes are read into memory.
        year, data = next_year_book(upload.read(), upload.name)
    except RmoError as error:
        return page(request, "year.html", "year", {
            "title": "Новый год", "name": upload.name, "errors": error.problems}, status=400)
    return _send(data, f"Книга РМО {year.folder}.xlsx")
