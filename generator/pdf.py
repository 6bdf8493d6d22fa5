"""PDFs of documents through LibreOffice, all of a build's documents in one run."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import RmoError, problem
from .ooxml import without_links

WINDOWS_PATHS = (
    Path(r"C:\Program Files\LibreOffice\program\soffice.exe"),
    Path(r"C:\Program Files (x86)\LibreOffice\program\soffice.exe"),
)
MAC_PATH = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
TIMEOUT = 600


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    for path in (*WINDOWS_PATHS, MAC_PATH):
        if path.is_file():
            return str(path)
    raise RmoError([problem(
        "Для PDF нужен LibreOffice, а он не найден. Установите его: в Debian и Ubuntu — "
        "«sudo apt-get install libreoffice-writer-nogui», в Windows и macOS — с сайта "
        "libreoffice.org. Без PDF документы Word делаются и так: запустите rmo без --pdf.")])


def convert(documents: list[Path],
            progress: Callable[[int, int, Path], None] | None = None) -> dict[Path, bytes]:
    """The PDF bytes of each document, converted in one LibreOffice run.

    LibreOffice exits with 0 even when a conversion fails, so each PDF is checked.
    ``progress(done, total, document)`` is called as LibreOffice reports each document
    (it prints a line per conversion; where it prints nothing, as soffice.exe may on
    Windows, the conversion runs all the same).
    """
    if not documents:
        return {}
    program = soffice()
    with tempfile.TemporaryDirectory(prefix="rmo-pdf-") as work:
        work_dir = Path(work)
        # A profile of its own: a LibreOffice the user has open does not block the run, and
        # its settings forbid fetching anything a document links to.
        profile = work_dir / "profile"
        _settings(profile)
        out = work_dir / "out"
        # Copies under plain names (LibreOffice names each PDF after its document), with
        # every link to an outside file or address cut: a template may not hold one, and
        # LibreOffice would fetch it on the server.
        sources = []
        for i, document in enumerate(documents):
            copy = work_dir / f"{i:04d}.docx"
            copy.write_bytes(without_links(document.read_bytes()))
            sources.append(copy)
        try:
            _run([program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                  "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                 {**os.environ, "HOME": str(work_dir)},
                 lambda index: progress(index + 1, len(documents), documents[index])
                 if progress and index < len(documents) else None)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RmoError([problem(f"LibreOffice не смог сделать PDF: {error}.")]) from error
        result = {}
        missing = []
        for document, source in zip(documents, sources):
            pdf = out / (source.stem + ".pdf")
            if pdf.is_file() and pdf.stat().st_size > 0 and pdf.read_bytes()[:5] == b"%PDF-":
                result[document] = pdf.read_bytes()
            else:
                missing.append(document.name)
        if missing:
            raise RmoError([problem("LibreOffice не сделал PDF для: " + ", ".join(missing)
                                    + ". Ничего не записано; попробуйте ещё раз или "
                                    "запустите rmo без --pdf.")])
        return result


# LibreOffice's own guard: links from documents outside trusted places (there are none) are
# not followed, neither to addresses nor to files; macros never run.
SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="BlockUntrustedRefererLinks" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="MacroSecurityLevel" oor:op="fuse"><value>3</value></prop></item>
<item oor:path="/org.openoffice.Office.Common/Security/Scripting"><prop
 oor:name="DisableMacrosExecution" oor:op="fuse"><value>true</value></prop></item>
<item oor:path="/org.openoffice.Office.Writer/Content/Update"><prop
 oor:name="Link" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def _settings(profile: Path) -> None:
    user = profile / "user"
    user.mkdir(parents=True, exist_ok=True)
    (user / "registrymodifications.xcu").write_text(SETTINGS, encoding="utf-8")


def _run(command: list[str], env: dict[str, str], converted: Callable[[int], None]) -> None:
    """Run LibreOffice, reading its «convert …/0003.docx -> …» lines as they come; stopped
    after TIMEOUT seconds."""
    import re
    import threading

    expired = threading.Event()
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL, env=env) as process:

        def stop() -> None:
            expired.set()
            process.kill()
        timer = threading.Timer(TIMEOUT, stop)
        timer.start()
        try:
            assert process.stdout is not None
            for raw in process.stdout:
                found = re.search(rb"[\\/](\d{4})\.docx\b", raw)
                if raw.startswith(b"convert ") and found:
                    converted(int(found[1]))
            process.wait()
        finally:
            timer.cancel()
            if process.poll() is None:
                process.kill()
    if expired.is_set():
        raise subprocess.TimeoutExpired(command[0], TIMEOUT)
