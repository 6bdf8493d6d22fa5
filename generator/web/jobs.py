"""Work that outlives a request, and one build at a time per archive.

A build holds its archive for a few seconds and PDFs for a minute; a second build of the same
archive meanwhile is refused with a Russian page instead of waiting unseen (the core's file lock
still serialises builds from other processes, such as `rmo build` in a terminal). PDFs are made
in a thread so that the page can show their progress document by document.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

_LOCKS: dict[Path, threading.Lock] = {}
_LOCKS_GUARD = threading.Lock()


class Busy(Exception):
    """The archive is being written by another build of this server."""


def _lock(folder: Path) -> threading.Lock:
    key = folder.resolve()
    with _LOCKS_GUARD:
        return _LOCKS.setdefault(key, threading.Lock())


@contextmanager
def exclusive(folder: Path, wait: float = 0) -> Iterator[None]:
    """Hold the archive for one build, or raise Busy if another build holds it (at once, or
    after `wait` seconds: the centre server lets a second build of an association wait)."""
    lock = _lock(folder)
    if not (lock.acquire(timeout=wait) if wait > 0 else lock.acquire(blocking=False)):
        raise Busy
    try:
        yield
    finally:
        lock.release()


def is_busy(folder: Path) -> bool:
    return _lock(folder).locked()


@dataclass
class Job:
    """PDFs of one build's documents: how far it is, shown by the result page."""

    names: list[str]
    done: set[str] = field(default_factory=set)
    finished: bool = False
    problems: list = field(default_factory=list)  # Problem objects when it failed
    started: bool = False


_JOBS: dict[str, Job] = {}


def job(key: str) -> Job | None:
    return _JOBS.get(key)


def start(key: str, folder: Path, names: list[str],
          work: Callable[[Callable[[str], None]], None]) -> Job:
    """Run work(progress) in a thread holding the archive; progress(name) marks a PDF done.

    The same build's PDFs started twice (two tabs) share one job.
    """
    from ..errors import RmoError, problem

    current = _JOBS.get(key)
    if current is not None and not current.finished:
        return current
    state = Job(list(names))
    _JOBS[key] = state

    def run() -> None:
        lock = _lock(folder)
        with lock:  # waits for a build of this archive to end
            state.started = True
            try:
                work(state.done.add)
            except RmoError as error:
                state.problems = list(error.problems)
            except Exception:  # noqa: BLE001 — the page must learn that the job ended
                import logging

                logging.getLogger("django.request").exception("PDF")
                state.problems = [problem("Не удалось сделать PDF: внутренняя ошибка "
                                          "программы. Подробности — в окне rmo serve.")]
            finally:
                state.finished = True

    threading.Thread(target=run, name=f"rmo-pdf-{key}", daemon=True).start()
    return state
