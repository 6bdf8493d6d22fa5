"""The built-in templates (templates/*.docx), made from code.

The templates are committed; this package is how they were made and how to remake them after
a change of layout (`python tools/make_templates.py`). A template «NAME.docx» is made by the
module of this package named NAME: its `make()` returns the document and `FILE_TITLE` is the
title in its properties. A test remakes every template and compares bytes with the committed
file, so a hand edit that the next regeneration would wipe is caught.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from .ooxml import package

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "templates"


def template_bytes(name: str) -> bytes:
    """The bytes of one template, e.g. template_bytes("plan.docx")."""
    module = importlib.import_module(f"{__name__}.{Path(name).stem}")
    return package(module.make(), module.FILE_TITLE)


def write(folder: Path, names: list[str]) -> list[Path]:
    """Make the named templates into a folder; return the files written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in names:
        target = folder / name
        target.write_bytes(template_bytes(name))
        written.append(target)
    return written
