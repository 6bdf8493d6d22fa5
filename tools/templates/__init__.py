"""The built-in templates (templates/*.docx), made from code.

The committed templates are the source: a developer edits them in Word or LibreOffice like a
user's own, and tests/test_templates.py checks what matters and keeps their text for review.
This package is only an aid, outside the package and the tests: how the templates were first
made, to remake one after a change of layout (`python tools/make_templates.py`; then
`python -m tests.template_text` and look at the change). A template «NAME.docx» is made by the
module of this package named NAME: its `make()` returns the document and `FILE_TITLE` is the
title in its properties. Remaking overwrites hand edits of the committed file.
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
