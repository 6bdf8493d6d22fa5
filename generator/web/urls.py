"""Every address of the page. The archive folder is never part of an address: it comes from
the request (request.rmo_archive), so an address cannot reach outside it."""

from __future__ import annotations

from django.urls import path, re_path
from django.views.static import serve

from . import access
from .pages import archive, book, common, templates, year
from .settings import HERE

urlpatterns = [
    path("", book.index, name="book"),
    path("check/", book.check_upload, name="check-upload"),
    path("check/<str:upload_id>/", book.check, name="check"),
    path("build/<str:upload_id>/", book.build, name="build"),
    path("result/<str:build_id>/", book.result, name="result"),
    path("result/<str:build_id>/zip/", book.result_zip, name="result-zip"),
    path("result/<str:build_id>/pdf/", book.pdf_start, name="pdf"),
    path("result/<str:build_id>/pdf.json", book.pdf_status, name="pdf-status"),
    path("archive/", archive.years, name="archive"),
    path("archive/record/", archive.record, name="archive-record"),
    path("archive/<str:year>/", archive.year, name="archive-year"),
    path("archive/<str:year>/all.zip", archive.year_zip, name="archive-year-zip"),
    path("files/<str:year>/<str:name>", archive.download, name="file"),
    path("new-year/", year.index, name="year"),
    path("new-year/blank.xlsx", year.blank, name="year-blank"),
    path("new-year/next/", year.following, name="year-next"),
    path("templates/", templates.index, name="templates"),
    path("templates/builtin/<str:name>", templates.builtin, name="template-builtin"),
    path("templates/builtin.zip", templates.builtin_zip, name="templates-zip"),
    path("templates/own/<str:name>", templates.own, name="template-own"),
    path("templates/upload/<str:name>", templates.upload, name="template-upload"),
    path("templates/revert/<str:name>", templates.revert, name="template-revert"),
    path("templates/rebuild/", templates.rebuild, name="templates-rebuild"),
    # Public: «is this archive's page already running here?» (server.listen asks); not the
    # centre's business (centre.access leaves it out).
    path("rmo/whoami", access.whoami, name="whoami"),
    # The page's own stylesheet and script; Django's `serve` refuses paths outside the folder.
    re_path(r"^static/rmo/(?P<path>[a-z]+\.(?:css|js))$", serve,
            {"document_root": HERE / "static" / "rmo"}),
]

handler400 = common.bad_request
handler404 = common.not_found
handler500 = common.server_error
