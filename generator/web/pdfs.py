"""PDFs of a build's documents from the result page, with progress per document.

Shown only when LibreOffice is found (on PATH or in its standard Windows and macOS folders).
The state of each document is read from the archive itself: a PDF beside the document means
it is done, so a page reloaded or opened in another tab tells the truth.
"""

from __future__ import annotations

from pathlib import Path

from . import jobs


def available() -> bool:
    from ..errors import RmoError
    from ..render.pdf import soffice

    try:
        soffice()
    except RmoError:
        return False
    return True


def _documents(folder: Path, report: dict) -> list[Path]:
    year = folder / report["year"]
    return [year / d["file"] for d in report["documents"] if d["file"].endswith(".docx")]


def _key(folder: Path, build_id: str) -> str:
    return f"{folder.resolve()}|{build_id}"


def start(folder: Path, build_id: str, report: dict) -> jobs.Job:
    from ..build import add_pdfs

    documents = [p for p in _documents(folder, report) if not p.with_suffix(".pdf").exists()]

    def work(progress) -> None:
        add_pdfs(documents, progress=lambda path: progress(path.name))

    return jobs.start(_key(folder, build_id), folder, [p.name for p in documents], work)


def progress(folder: Path, build_id: str, report: dict) -> dict:
    job = jobs.job(_key(folder, build_id))
    documents = _documents(folder, report)
    stale = _stale(folder / report["year"], documents)
    rows = []
    for path in documents:
        pdf = path.with_suffix(".pdf")
        made = pdf.is_file()
        rows.append({"file": path.name, "pdf": pdf.name if made and path not in stale else "",
                     "stale": pdf.name if path in stale else "",
                     "done": made or (job is not None and path.name in job.done)})
    done = sum(1 for row in rows if row["done"])
    if job is not None and job.problems:
        state = "failed"
    elif job is not None and not job.finished:
        state = "running" if job.started else "waiting"
    elif documents and done == len(documents):
        state = "done"
    else:
        state = "none"
    return {"state": state, "done": done, "total": len(rows), "documents": rows,
            "problems": [str(p) for p in job.problems] if job is not None else []}


def _stale(year: Path, documents: list[Path]) -> set[Path]:
    """Documents changed by hand after their PDF was made: that PDF is not theirs any more
    (rmo never overwrites it, so it is named as made before the change)."""
    from ..archive import register

    entries = {e.file: e for e in register.load(year)}
    found = set()
    for path in documents:
        pdf, docx = entries.get(path.with_suffix(".pdf").name), entries.get(path.name)
        if pdf is None or docx is None or not path.is_file():
            continue
        if register.sha256(path.read_bytes()) != (pdf.source_sha256 or docx.sha256):
            found.add(path)
    return found
