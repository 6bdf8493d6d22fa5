"""«Книга года»: choose the workbook, see what to fix, build the documents, get them."""

from __future__ import annotations

import io
import json
import re
import secrets
import zipfile
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from ...archive.store import replace, safe_filename, service_folder
from ...errors import RmoError
from ...render.templates import archive_own_templates
from ...russian import text
from ..faults import fault, os_error
from ..jobs import Busy, exclusive, is_busy
from .common import (
    WORKBOOK,
    Refused,
    archive,
    fault_page,
    find_upload,
    forget_upload,
    page,
    post_only,
    refused,
    save_upload,
    uploaded_file,
)

_BUILD_ID = re.compile(r"^[A-Za-z0-9_-]{8,64}$")
# How the result page counts documents of each state: «Новых документов: 33».
_COUNTED = {"новый": "Новых документов", "новая версия": "Новых версий",
            "без изменений": "Без изменений", "изменён вручную": "Изменены вручную",
            "совпадает с прежней версией": "Совпадают с прежними версиями",
            "как прежняя версия": "Совпадают с прежними версиями"}  # the last: rmo 0.x's


@require_GET
def index(request: HttpRequest) -> HttpResponse:
    return page(request, "book.html", "book", {"title": "Книга года"})


@post_only("/")
def check_upload(request: HttpRequest) -> HttpResponse:
    try:
        upload = uploaded_file(request, "workbook", WORKBOOK)
        path = save_upload(archive(request), upload)
    except Refused as error:
        return refused(request, error)
    return redirect("check", upload_id=path.parent.name)


@require_GET
def check(request: HttpRequest, upload_id: str) -> HttpResponse:
    from ...workbook.reader import inspect_workbook

    try:
        path = find_upload(archive(request), upload_id)
    except Refused as error:
        return refused(request, error)
    inspection = inspect_workbook(path)
    return page(request, "check.html", "book", {
        "title": "Проверка книги", "name": path.name, "upload_id": upload_id,
        "workbook": inspection.workbook, "errors": inspection.errors,
        "warnings": inspection.warnings, "busy": is_busy(archive(request)),
    })


@post_only(lambda upload_id: f"/check/{upload_id}/")
def build(request: HttpRequest, upload_id: str) -> HttpResponse:
    try:
        path = find_upload(archive(request), upload_id)
    except Refused as error:
        return refused(request, error)
    return make_documents(request, path)


def make_documents(request: HttpRequest, path: Path) -> HttpResponse:
    """Build from a workbook kept by save_upload and show the result (or what stopped it)."""
    from ...build import build as run_build

    folder = archive(request)
    upload_id = path.parent.name
    try:
        with exclusive(folder, wait=getattr(settings, "RMO_BUILD_WAIT", 0)):
            path = find_upload(folder, upload_id)  # a build just before may have used it
            report = run_build(path, folder, templates=archive_own_templates(folder))
        forget_upload(path)
    except Refused as error:
        return refused(request, error)
    except Busy:
        return refused(request, Refused(
            "Документы уже делаются",
            "Сейчас в этот архив уже записываются документы (в другой вкладке или окне). "
            "Дождитесь конца и нажмите «Сделать документы» ещё раз.", status=409))
    except RmoError as error:
        if os_error(error) is not None:  # the machine failed, not the workbook
            return _not_written(request, error)
        return page(request, "check.html", "book", {
            "title": "Документы не сделаны", "name": path.name, "upload_id": upload_id,
            "workbook": None, "errors": _template_titles(error.problems),
            "warnings": getattr(error, "warnings", ()), "failed": True}, status=400)
    build_id = secrets.token_urlsafe(12)
    replace(_report_path(folder, build_id, create=True),
            json.dumps(_summary(report), ensure_ascii=False, indent=1).encode("utf-8"))
    after = getattr(settings, "RMO_AFTER_BUILD", "")  # the centre's: none on a local page
    if after:
        from django.utils.module_loading import import_string

        import_string(after)(request)
    return redirect("result", build_id=build_id)


def _not_written(request: HttpRequest, error: RmoError) -> HttpResponse:
    """A build stopped by the disk or the folder: its page, never «Исправьте в Excel»."""
    found = fault(error, folder_only=True)
    if found is not None:
        return fault_page(request, found, "book")
    return refused(request, Refused("Документы не сделаны", " ".join(
        str(p) for p in error.problems) + " Книга тут ни при чём: повторите сборку; если "
        "ошибка повторится, сообщите её текст тому, кто обслуживает компьютер или сервер.",
        status=500), "book")


def _template_titles(problems) -> list:
    """A template's error names its file; the page calls the archive's own templates by their
    Russian names, as «Шаблоны» does («Шаблон «Протокол.docx»», not «protocol.docx»)."""
    import dataclasses

    from ...documents.kinds import KINDS

    def shown(text: str) -> str:
        for spec in KINDS:
            text = text.replace(f"Шаблон «{spec.template}»", f"Шаблон «{spec.template_title}»")
        return text

    return [dataclasses.replace(p, message=shown(p.message)) for p in problems]


def _summary(report) -> dict:
    """What the result page shows of a build, kept as JSON beside the archive."""
    return {
        "year": report.folder.name,
        "association": report.workbook.association.name,
        "label": report.workbook.association.year.label,
        "documents": [{"file": w.path.name, "kind": w.kind.label, "status": w.status.label,
                       "note": w.note, "meeting": w.meeting} for w in report.written],
        "kept": report.kept.name if report.kept else "",
        "warnings": [{"sheet": p.sheet, "cell": p.cell, "message": p.message, "fix": p.fix}
                     for p in report.warnings],
        "not_ready": [{"file": d.filename.removesuffix(".docx"), "kind": d.kind.label,
                       "problems": [{"sheet": p.sheet, "cell": p.cell, "message": p.message,
                                     "fix": p.fix} for p in d.missing]}
                      for d in report.not_ready],
    }


def _report_path(folder: Path, build_id: str, create: bool = False) -> Path:
    return service_folder(folder, create=create) / "builds" / f"{build_id}.json"


def load_report(folder: Path, build_id: str) -> dict:
    path = _report_path(folder, build_id)
    if not _BUILD_ID.match(build_id) or not path.is_file():
        raise Http404
    return json.loads(path.read_text(encoding="utf-8"))


@require_GET
def result(request: HttpRequest, build_id: str) -> HttpResponse:
    from ..pdfs import available, progress

    folder = archive(request)
    report = load_report(folder, build_id)
    counts: dict[str, int] = {}
    for document in report["documents"]:
        counts[document["status"]] = counts.get(document["status"], 0) + 1
    pdf = progress(folder, build_id, report)
    pdfs = {row["file"]: row for row in pdf["documents"]}
    rows = [{**document, "pdf": pdfs.get(document["file"], {}).get("pdf", ""),
             "stale_pdf": pdfs.get(document["file"], {}).get("stale", ""),
             "pdf_name": document["file"][:-len(".docx")] + ".pdf"}
            for document in report["documents"]]
    warned = len(report["warnings"])
    return page(request, "result.html", "book", {
        "title": "Документы готовы", "report": report, "build_id": build_id, "rows": rows,
        "counts": [(_COUNTED.get(status, status), n) for status, n in counts.items()],
        "pdf_available": available(), "pdf": pdf,
        "warned": text.count(warned, "предупреждение", "предупреждения", "предупреждений")
        if warned else "",
        "not_ready": text.count(len(report.get("not_ready", [])), "документ", "документа",
                                "документов"),
    })


@require_GET
def result_zip(request: HttpRequest, build_id: str) -> HttpResponse:
    """Every document of the build (and its PDF, if made) in one zip for e-mail or a stick."""
    folder = archive(request)
    report = load_report(folder, build_id)
    year = folder / report["year"]
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as bundle:
        for document in report["documents"]:
            for path in (year / document["file"], (year / document["file"]).with_suffix(".pdf")):
                if path.is_file():
                    bundle.write(path, path.name)
    stream.seek(0)
    name = safe_filename(f"Документы {report['association']} {report['year']}.zip")
    return FileResponse(stream, as_attachment=True, filename=name,
                        content_type="application/zip")


@post_only(lambda build_id: f"/result/{build_id}/")
def pdf_start(request: HttpRequest, build_id: str) -> HttpResponse:
    from ..pdfs import start

    folder = archive(request)
    report = load_report(folder, build_id)
    try:
        start(folder, build_id, report)
    except Refused as error:
        return refused(request, error)
    return redirect(f"/result/{build_id}/#pdf")


@require_GET
def pdf_status(request: HttpRequest, build_id: str) -> HttpResponse:
    from ..pdfs import progress

    folder = archive(request)
    return JsonResponse(progress(folder, build_id, load_report(folder, build_id)))
