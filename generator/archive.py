"""The archive: one folder per school year where nothing is ever overwritten or deleted.

A document whose bytes did not change is left alone; a changed one is written next to the old
as a new version; every file is written to a temporary name and then renamed, so a crash never
leaves half a file.
"""

from __future__ import annotations

import enum
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import RmoError, problem


class State(enum.Enum):
    """What the archive does with one document; the value is what a person reads."""

    NEW = "новый"
    VERSION = "новая версия"
    UNCHANGED = "без изменений"
    EDITED = "изменён вручную"  # changed on disk after rmo wrote it (issue 12)

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


def versions(folder: Path, filename: str) -> list[tuple[int, Path]]:
    """The existing versions of a document, oldest first."""
    stem, _, suffix = filename.rpartition(".")
    found = []
    if not folder.is_dir():
        return found
    for path in folder.glob(f"*.{suffix}"):
        match = _VERSION.match(path.name[: -len(suffix) - 1])
        if match and match["stem"] == stem:
            found.append((int(match["n"] or 1), path))
    return sorted(found)


def plan(folder: Path, filename: str, data: bytes) -> Planned:
    """Decide, without writing, what happens to a document of these bytes."""
    existing = versions(folder, filename)
    if not existing:
        return Planned(folder / filename, State.NEW, 1)
    number, latest = existing[-1]
    if latest.read_bytes() == data:
        return Planned(latest, State.UNCHANGED, number)
    return Planned(folder / version_name(filename, number + 1), State.VERSION,
                   number + 1)


def write_new(path: Path, data: bytes) -> None:
    """Write a file that must not exist yet: to a temporary name first, then renamed."""
    if path.exists():
        raise RmoError([problem(f"Файл «{path}» уже есть в архиве; rmo не перезаписывает "
                                "документы архива.")])
    replace(path, data)


def replace(path: Path, data: bytes) -> None:
    """Write a file atomically (the register, which is rewritten by every build)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".~rmo-", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise RmoError([problem(f"Не удалось создать файл в папке «{path.parent}»: "
                                f"{error.strerror}. Проверьте, что это папка и в неё можно "
                                "писать.")]) from error
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except PermissionError as error:
        _remove(temporary)
        raise RmoError([problem(f"Не удалось записать «{path.name}»: файл открыт в другой "
                                "программе (Word, Excel). Закройте файл и запустите rmo снова.")]
                       ) from error
    except OSError as error:
        _remove(temporary)
        raise RmoError([problem(f"Не удалось записать «{path}»: {error.strerror}.")]) from error
    except BaseException:
        _remove(temporary)
        raise


def _remove(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass
