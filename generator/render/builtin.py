"""Where the built-in templates are: the one fact that both choosing a template
(templates.py) and rendering one (render.py: a built-in template that fails is a bug of ours,
not the user's) need, kept apart so that neither imports the other."""

from __future__ import annotations

from pathlib import Path

from ..errors import RmoError, problem


def builtin_templates() -> Path:
    """The templates shipped with the package: inside it when installed, beside it in a checkout."""
    package = Path(__file__).resolve().parents[1]
    for candidate in (package / "templates", package.parent / "templates"):
        if (candidate / "plan.docx").is_file():
            return candidate
    raise RmoError([problem("Не найдены шаблоны документов (plan.docx). Переустановите rmo.")])
