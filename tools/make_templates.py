"""Remake the built-in templates templates/*.docx from code (see tools/templates/).

Run: python tools/make_templates.py  (every template of the document-kind registry)
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from generator.documents.kinds import TEMPLATES  # noqa: E402 — after the path is set
from tools.templates import COMMITTED, write  # noqa: E402


def main() -> None:
    for path in write(COMMITTED, list(TEMPLATES)):
        print(path)


if __name__ == "__main__":
    main()
