"""A template to read: a file on disk (the built-ins, a `--templates` folder) or the bytes of
an upload with the name the person gave her file. The checks and the render read both alike,
so the page checks an upload without writing it anywhere first."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class TemplateBytes:
    """An uploaded template: its bytes, and its file's name, which every message names."""

    name: str
    data: bytes


TemplateSource = Path | TemplateBytes


def readable(template: TemplateSource) -> Path | BinaryIO:
    """What docxtpl and python-docx open: the path, or a stream over the bytes."""
    return io.BytesIO(template.data) if isinstance(template, TemplateBytes) else template


def version(template: TemplateSource) -> tuple[str, int, int | str]:
    """What tells one version of a template from another, for the checks done once each:
    a file's path, size and time of change; the bytes' name, size and digest."""
    if isinstance(template, TemplateBytes):
        return template.name, len(template.data), hashlib.sha256(template.data).hexdigest()
    stat = template.stat()
    return str(template), stat.st_size, stat.st_mtime_ns
