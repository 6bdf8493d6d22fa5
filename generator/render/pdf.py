"""PDFs of documents through LibreOffice, a batch of documents per run.

One LibreOffice run converts at most about 246 files (a year of a large association has 300
documents), and a run that hangs must not hold the whole year: documents go in batches of
BATCH. Progress is counted by the PDFs that appear on disk, since soffice.exe on Windows
prints nothing. A document LibreOffice could not convert is reported once, in Russian; the
PDFs it did make are kept.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Problem, RmoError, problem
from ..ooxml import without_links
from ..russian.text import count

MAC_PATH = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")
BATCH = 50  # documents per LibreOffice run
TIMEOUT = 600  # seconds one run may take
POLL = 0.2  # seconds between looks at the output folder

Progress = Callable[[int, int, Path], None]


def soffice() -> str:
    """LibreOffice's program: on PATH, else where Windows or macOS installs it."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return _console(Path(found))
    for folder in windows_places():
        for name in ("soffice.com", "soffice.exe"):
            if (folder / name).is_file():
                return str(folder / name)
    if MAC_PATH.is_file():
        return str(MAC_PATH)
    raise RmoError([problem(
        "Для PDF нужен LibreOffice, а он не найден. Установите его: в Debian и Ubuntu — "
        "«sudo apt-get install libreoffice-writer-nogui», в Windows и macOS — с сайта "
        "libreoffice.org. Без PDF документы Word делаются и так: запустите rmo без --pdf.")])


def _console(program: Path) -> str:
    """soffice.com beside soffice.exe: the console variant, which waits for the conversion."""
    console = program.with_name("soffice.com")
    if program.name.lower() == "soffice.exe" and console.is_file():
        return str(console)
    return str(program)


def windows_places(environ: os._Environ[str] | dict[str, str] | None = None
                   ) -> Iterator[Path]:
    """The folders LibreOffice's program may be in on Windows, the most likely first: where
    the registry says it is installed, then «Program Files» by the environment and on every
    drive (a PC with the system on C: and programs on D:)."""
    environ = os.environ if environ is None else environ
    yield from registry_places()
    for variable in ("ProgramFiles", "ProgramW6432", "ProgramFiles(x86)"):
        if environ.get(variable):
            yield Path(environ[variable]) / "LibreOffice" / "program"
    for drive in drives():
        for folder in ("Program Files", "Program Files (x86)"):
            yield drive / folder / "LibreOffice" / "program"


def drives() -> list[Path]:
    """The roots of the local disks of a Windows PC (none elsewhere). Asked of Windows rather
    than tried letter by letter: a disconnected network drive can keep a look waiting."""
    if os.name != "nt":
        return []
    import ctypes

    kernel = ctypes.windll.kernel32  # type: ignore[attr-defined]  # Windows only
    mask = kernel.GetLogicalDrives()
    roots = [f"{chr(ord('A') + i)}:\\" for i in range(26) if mask >> i & 1]
    return [Path(root) for root in roots if kernel.GetDriveTypeW(root) == 3]  # a fixed disk


_REGISTRY = (  # (hive, key, value): where the LibreOffice installer writes its folder
    ("HKEY_LOCAL_MACHINE", r"SOFTWARE\LibreOffice\UNO\InstallPath", ""),
    ("HKEY_LOCAL_MACHINE", r"SOFTWARE\WOW6432Node\LibreOffice\UNO\InstallPath", ""),
    ("HKEY_CURRENT_USER", r"SOFTWARE\LibreOffice\UNO\InstallPath", ""),
    ("HKEY_LOCAL_MACHINE",
     r"SOFTWARE\Microsoft\Windows\CurrentVersion\App Paths\soffice.exe", ""),
)


def registry_places() -> list[Path]:
    """The program folders the Windows registry names for LibreOffice."""
    try:
        winreg = importlib.import_module("winreg")
    except ImportError:
        return []
    found = []
    for hive, key, value in _REGISTRY:
        try:
            with winreg.OpenKey(getattr(winreg, hive), key) as opened:
                path = str(winreg.QueryValueEx(opened, value)[0]).strip('"')
        except OSError:
            continue
        if path:
            found.append(Path(path).parent if path.lower().endswith(".exe") else Path(path))
    return found


@dataclass(frozen=True)
class Converted:
    """The PDFs made, by document, and the documents LibreOffice made none for."""

    pdfs: dict[Path, bytes] = field(default_factory=dict)
    failed: tuple[Path, ...] = ()
    stopped: str = ""  # why LibreOffice stopped before the end, when it did

    @property
    def problem(self) -> Problem | None:
        """The failure in one message (a year may have 300 documents: not a list of them)."""
        if not self.failed:
            return None
        total = len(self.pdfs) + len(self.failed)
        if self.pdfs:
            said = (f"LibreOffice сделал PDF не для всех документов: нет PDF у "
                    f"{len(self.failed)} из {total} (например, «{self.failed[0].name}»)")
        else:
            said = f"LibreOffice не сделал ни одного PDF из {total}"
        reason = f": {self.stopped}" if self.stopped else ""
        return problem(
            f"{said}{reason}. Документы Word записаны.",
            fix="Сделайте PDF ещё раз — будут сделаны только недостающие. Если не выйдет, "
                "закройте окна LibreOffice и перезапустите компьютер или переустановите "
                "LibreOffice.")


def convert(documents: list[Path], progress: Progress | None = None,
            batch: int = BATCH) -> Converted:
    """The PDF bytes of each document, BATCH documents per LibreOffice run.

    LibreOffice exits with 0 even when a conversion fails, so each PDF is checked.
    ``progress(done, total, document)`` is called as each PDF appears on disk.
    """
    if not documents:
        return Converted()
    program = soffice()
    pdfs: dict[Path, bytes] = {}
    failed: list[Path] = []
    stopped = ""
    with tempfile.TemporaryDirectory(prefix="rmo-pdf-") as work:
        work_dir = Path(work)
        # A profile of its own, shared by the runs: a LibreOffice the user has open does not
        # block them, only the first run spends time creating it, and its settings forbid
        # fetching anything a document links to.
        profile_folder = work_dir / "profile"
        _settings(profile_folder)
        profile = profile_folder.as_uri()
        env = {**os.environ, "HOME": str(work_dir)}
        done = 0
        for start in range(0, len(documents), batch):
            part = documents[start:start + batch]
            if stopped:
                failed += part
                continue
            out = work_dir / f"out{start:04d}"
            sources = _copies(work_dir, part, start)

            def seen(index: int, part: list[Path] = part) -> None:
                nonlocal done
                done += 1
                if progress:
                    progress(done, len(documents), part[index])
            try:
                _run([program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                      "--convert-to", "pdf", "--outdir", str(out), *map(str, sources)],
                     env, out, seen)
            except subprocess.TimeoutExpired:
                minutes = max(1, TIMEOUT // 60)
                stopped = f"LibreOffice не ответил за {count(minutes, 'минуту', 'минуты', 'минут')}"
            except OSError:
                stopped = f"LibreOffice не запустился ({program})"
            for document, source in zip(part, sources):
                pdf = out / (source.stem + ".pdf")
                if pdf.is_file() and pdf.read_bytes()[:5] == b"%PDF-":
                    pdfs[document] = pdf.read_bytes()
                else:
                    failed.append(document)
    return Converted(pdfs, tuple(failed), stopped)


def _copies(work_dir: Path, documents: list[Path], start: int) -> list[Path]:
    """Copies under plain names: LibreOffice names each PDF after its document, and a
    Cyrillic path on a command line is where Windows code pages go wrong. Every link to an
    outside file or address is cut: a template may not hold one, and LibreOffice would fetch
    it on the server."""
    import zipfile

    sources = []
    for i, document in enumerate(documents):
        copy = work_dir / f"{start + i:04d}.docx"
        try:
            copy.write_bytes(without_links(document.read_bytes()))
        except zipfile.BadZipFile:
            pass  # not a Word package (HTML named .docx may link anywhere): no PDF for it
        sources.append(copy)
    return sources


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


def _run(command: list[str], env: dict[str, str], out: Path,
         converted: Callable[[int], None]) -> None:
    """Run LibreOffice, calling converted(index) for each PDF as it appears in `out`, in the
    order of the documents; stopped after TIMEOUT seconds."""
    names = [Path(arg).stem + ".pdf" for arg in command if arg.endswith(".docx")]
    waiting = list(range(len(names)))
    deadline = time.monotonic() + TIMEOUT

    def look() -> None:
        for index in [i for i in waiting if (out / names[i]).is_file()]:
            waiting.remove(index)
            converted(index)

    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                          stdin=subprocess.DEVNULL, env=env) as process:
        try:
            while process.poll() is None:
                look()
                if time.monotonic() > deadline:
                    raise subprocess.TimeoutExpired(command[0], TIMEOUT)
                time.sleep(POLL)
        finally:
            if process.poll() is None:
                process.kill()
    look()
