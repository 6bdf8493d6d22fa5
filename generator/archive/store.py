"""The archive: one folder per school year where nothing is ever overwritten or deleted.

A document is compared with what rmo generated before (the checksums in the register), never
with the file on disk: a document someone changed after rmo wrote it is left as it is and said
so; content equal to an earlier version is named, not copied; changed content is written next
to the old as a new version. Every file is written to a temporary name and then renamed, so a
crash never leaves half a file, and gets the permissions the umask gives.
"""

from __future__ import annotations

import enum
import hashlib
import os
import re
import secrets
import stat
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import RmoError, os_reason, problem


class State(enum.Enum):
    """What the archive does with one document; the value is what a person reads."""

    NEW = "новый"
    VERSION = "новая версия"
    UNCHANGED = "без изменений"
    EDITED = "изменён вручную"  # changed on disk after rmo wrote it: left as it is
    EARLIER = "совпадает с прежней версией"  # the same as a version before the newest: no copy

    @property
    def label(self) -> str:
        return self.value


_VERSION = re.compile(r"^(?P<stem>.*?)(?: \(версия (?P<n>\d+)\))?$")


@dataclass(frozen=True)
class Planned:
    """What the archive will do with one document: where it goes and whether it is new."""

    path: Path
    status: State
    version: int
    note: str = ""  # what a person is told instead of the bare state, when there is more


EDITED_NOTE = "изменён вручную после записи — оставлен как есть"

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
             *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME = 150  # leaves room for the folder in Windows' 260-character paths


def safe_filename(name: str) -> str:
    """A file name Windows accepts, made from Cyrillic text that may hold anything."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = _FORBIDDEN.sub(" ", stem.replace("«", "").replace("»", "").replace('"', ""))
    stem = re.sub(r"\s+", " ", stem).strip().rstrip(". ")
    if stem.split(".")[0].upper() in _RESERVED:
        stem = f"_{stem}"
    room = MAX_NAME - len(suffix) - 1 - len(" (версия 99)")
    if len(stem) > room:
        stem = stem[:room - 1].rstrip(". ") + "…"
    stem = stem or "документ"
    return f"{stem}.{suffix}" if suffix else stem


def version_name(filename: str, version: int) -> str:
    stem, dot, suffix = filename.rpartition(".")
    return filename if version == 1 else f"{stem} (версия {version}).{suffix}"


def base_name(filename: str) -> str:
    """The first version's name: «Протокол № 1 (версия 2).docx» → «Протокол № 1.docx»."""
    stem, dot, suffix = filename.rpartition(".")
    if not dot:
        return filename
    match = _VERSION.match(stem)
    return f"{match['stem'] if match else stem}.{suffix}"


def versions(folder: Path, filename: str) -> list[tuple[int, Path]]:
    """The existing versions of a document, oldest first."""
    stem, _, suffix = filename.rpartition(".")
    found: list[tuple[int, Path]] = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*.{suffix}"):
        match = _VERSION.match(path.name[: -len(suffix) - 1])
        if match and match["stem"] == stem:
            found.append((int(match["n"] or 1), path))
    return sorted(found)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def plan(folder: Path, filename: str, data: bytes,
         generated: Mapping[str, str] | None = None) -> Planned:
    """Decide, without writing, what happens to a document of these bytes.

    ``generated`` maps a file name to the checksum of what rmo wrote there (the register);
    a file the register does not know counts as generated as it is on disk.
    """
    existing = versions(folder, filename)
    if not existing:
        return Planned(folder / filename, State.NEW, 1)
    generated = generated or {}
    digest = sha256(data)
    on_disk = {number: sha256(path.read_bytes()) for number, path in existing}
    made = {number: generated.get(path.name, on_disk[number]) for number, path in existing}
    number, latest = existing[-1]
    if made[number] == digest:
        if on_disk[number] != digest:
            return Planned(latest, State.EDITED, number, EDITED_NOTE)
        return Planned(latest, State.UNCHANGED, number)
    for earlier, path in reversed(existing[:-1]):
        if made[earlier] == digest:
            if on_disk[earlier] != digest:
                # The workbook gives an older version again, but that file was changed by
                # hand: left as it is, and said so, like the newest would be.
                return Planned(path, State.EDITED, earlier,
                               f"совпадает с версией {earlier}, а её изменили вручную после "
                               "записи — оставлена как есть")
            return Planned(path, State.EARLIER, earlier,
                           f"совпадает с версией {earlier}, новый файл не нужен")
    return Planned(folder / version_name(filename, number + 1), State.VERSION,
                   number + 1)


SERVICE = ".rmo"  # the archive's service folder, at its root: one definition for every part
LOCK_NAME = "rmo.lock"  # in the service folder (rmo 0.x kept «.rmo.lock» at the root)
LOCK_WAIT = 15 * 60  # seconds: longer than any build with PDFs


def service_folder(root: Path, *, create: bool = False) -> Path:
    """The archive's service folder: the registers, numbers and dates, the lock, the build
    journal, and the local page's key and uploads. Made readable by its owner only and, on
    Windows, hidden, so that the year folders hold documents only."""
    folder = Path(root) / SERVICE
    if create:
        fresh = not folder.is_dir()
        private_folder(folder)
        if fresh:
            hide(folder)
    return folder


def year_service(year: Path) -> Path:
    """Where the service files of one year folder live: «.rmo/2025-2026/» at the root."""
    return service_folder(year.parent) / year.name


def private_folder(path: Path) -> Path:
    """A folder only its owner can open (0700): made so, or made so again if it exists.
    Windows has no such modes; there a folder under the user's profile is private already."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if os.name != "nt" and stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def private_file(path: Path) -> None:
    """Make an existing file readable by its owner only (0600), if it is not already."""
    if os.name != "nt" and path.is_file() and stat.S_IMODE(path.stat().st_mode) != 0o600:
        os.chmod(path, 0o600)


def hide(path: Path) -> None:
    """Mark a folder hidden on Windows, which does not hide names that begin with a dot."""
    if sys.platform != "win32":
        return
    import ctypes

    hidden = 0x2  # FILE_ATTRIBUTE_HIDDEN
    kernel = ctypes.windll.kernel32
    attributes = kernel.GetFileAttributesW(str(path))
    if attributes != -1 and not attributes & hidden:
        kernel.SetFileAttributesW(str(path), attributes | hidden)


@contextmanager
def lock(out_dir: Path, wait: float = LOCK_WAIT) -> Iterator[None]:
    """Hold the archive while one build plans and writes, so that two builds (two browser
    tabs, or the page and a terminal) never take the same version or number.

    filelock holds an operating-system lock (msvcrt on Windows, flock elsewhere), which the
    system releases if rmo dies: no stale lock file is ever left to clear by hand.
    """
    from filelock import FileLock, Timeout

    out_dir = Path(out_dir)
    fresh = not out_dir.exists()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        service = service_folder(out_dir, create=True)
    except OSError as error:
        raise RmoError([problem(f"Не удалось создать папку архива «{out_dir}»: "
                                f"{os_reason(error)}.")]) from error
    try:
        with FileLock(service / LOCK_NAME, timeout=wait):
            yield
    except Timeout as error:
        raise RmoError([problem(f"Архив «{out_dir}» занят другой сборкой уже "
                                f"{LOCK_WAIT // 60} минут.",
                                fix="Дождитесь её конца и запустите rmo снова.")]) from error
    finally:
        if fresh:
            _remove_if_empty(out_dir)


def _remove_if_empty(out_dir: Path) -> None:
    """A build that wrote nothing into a new folder leaves no empty archive behind."""
    service = service_folder(out_dir)
    try:
        if any(p.name != SERVICE for p in out_dir.iterdir()) or \
                any(p.name != LOCK_NAME for p in service.iterdir()):
            return
        (service / LOCK_NAME).unlink(missing_ok=True)
        service.rmdir()
        out_dir.rmdir()
    except OSError:
        pass


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: to a temporary name first, then renamed."""
    if path.exists():
        raise RmoError([problem(f"Файл «{path}» уже есть в архиве; rmo не перезаписывает "
                                "документы архива.")])
    replace(path, data)


def replace(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write a file atomically (the register, which is rewritten by every build); a
    ``private`` one (a key) readable by its owner only."""
    try:
        write_atomic(path, data, private=private)
    except PermissionError as error:
        raise RmoError([problem(f"Не удалось записать «{path.name}»: файл открыт в другой "
                                "программе (Word, Excel). Закройте файл и запустите rmo снова.")]
                       ) from error
    except FolderError as error:
        cause = error.__cause__
        reason = os_reason(cause if isinstance(cause, OSError) else error)
        raise RmoError([problem(f"Не удалось создать файл в папке «{path.parent}»: "
                                f"{reason}. Проверьте, что это папка и в неё можно "
                                "писать.")]) from error
    except OSError as error:
        raise RmoError([problem(f"Не удалось записать «{path}»: {os_reason(error)}.")]
                       ) from error


class FolderError(OSError):
    """The folder itself cannot take a file (it is a file, or read-only)."""


def write_atomic(path: Path, data: bytes, *, private: bool = False) -> None:
    """Write through a temporary file in the same folder and rename it over the target.

    The temporary file is created with os.open(…, 0o666), so that it gets the permissions the
    umask gives (0644 under 022), like any file a program makes; tempfile.mkstemp would give
    0600 and lock out the other accounts of a shared folder. A ``private`` file (a key) is
    created 0600 instead: readable by its owner only. Nothing here is POSIX-only.
    """
    temporary = path.parent / f"{TEMPORARY}{secrets.token_hex(8)}.tmp"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL
                         | getattr(os, "O_BINARY", 0), 0o600 if private else 0o666)
    except OSError as error:
        raise FolderError(str(error)) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        crash_point()
        os.replace(temporary, path)
        _sync_folder(path.parent)
        crash_point()
    except BaseException:
        _remove(str(temporary))
        raise


def _sync_folder(folder: Path) -> None:
    """Make a rename durable before the next file is written (a power cut keeps the order the
    build journal relies on). Windows cannot open a folder for this and needs no such step."""
    if os.name == "nt":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def write_private(path: Path, data: bytes) -> None:
    """Write a secret (a key) atomically, readable by its owner only from the first byte."""
    replace(path, data, private=True)
    private_file(path)  # an older file of that name may have had wider permissions


TEMPORARY = ".~rmo-"  # how every temporary file of rmo's begins: left only by a crash
# For tests only: RMO_TEST_KILL_AT=N makes rmo kill itself (SIGKILL, as the OOM killer or a
# power cut would stop it) at the N-th step of writing: each file written to its temporary
# name counts as one step and its rename as the next. tests/test_crash.py uses it to stop a
# real `rmo build` at chosen points and check that the next build repairs the archive.
_KILL_AT = "RMO_TEST_KILL_AT"
_steps = 0


def crash_point() -> None:
    global _steps
    wanted = os.environ.get(_KILL_AT)
    if not wanted:
        return
    _steps += 1
    if _steps == int(wanted):
        import signal

        os.kill(os.getpid(), getattr(signal, "SIGKILL", signal.SIGTERM))


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
