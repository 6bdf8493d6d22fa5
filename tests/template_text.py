"""The readable text of a template (.docx): its pages and margins, the styles it uses with
their fonts, and every paragraph with its style name and tags, tables cell by cell. Kept
beside the tests as tests/templates/NAME.txt, so a template edited in Word or LibreOffice
shows in review what changed; a test compares.

Refresh after changing a template on purpose:  python -m tests.template_text
"""

from __future__ import annotations

import sys
from pathlib import Path

import docx
from docx.document import Document
from docx.styles.style import ParagraphStyle
from docx.table import Table
from docx.text.paragraph import Paragraph

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = ROOT / "templates"
TEXTS = Path(__file__).resolve().parent / "templates"


def paragraphs(container) -> list[Paragraph]:
    """Every paragraph of a document, header or cell, tables' cells included, in order."""
    found: list[Paragraph] = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                for cell in row.cells:
                    found += paragraphs(cell)
        else:
            found.append(item)
    return found


def font_of(style: ParagraphStyle) -> tuple[str | None, float | None]:
    """The font name and size a paragraph style gives, through the styles it is based on."""
    name = size = None
    current: ParagraphStyle | None = style
    while current is not None and (name is None or size is None):
        name = name or current.font.name
        size = size or (current.font.size.pt if current.font.size else None)
        current = current.base_style
    return name, size


def _lines(container, indent: str) -> list[str]:
    lines = []
    for item in container.iter_inner_content():
        if isinstance(item, Table):
            lines.append(f"{indent}[таблица {len(item.rows)}×{len(item.columns)}]")
            for r, row in enumerate(item.rows, start=1):
                for c, cell in enumerate(row.cells, start=1):
                    lines.append(f"{indent}  [{r}.{c}]")
                    lines += _lines(cell, indent + "    ")
        else:
            lines.append(f"{indent}{item.style.name}: {item.text}")
    return lines


def _cm(length) -> str:
    return f"{length.cm:.2f}".rstrip("0").rstrip(".")


def dump(path: Path) -> str:
    """The text of one template, as kept in tests/templates/NAME.txt."""
    document: Document = docx.Document(str(path))
    lines = [f"# {path.name}", ""]
    for number, section in enumerate(document.sections, start=1):
        lines.append(f"Раздел {number}: {_cm(section.page_width)} × {_cm(section.page_height)} "
                     f"см; поля (верх, право, низ, лево) {_cm(section.top_margin)}, "
                     f"{_cm(section.right_margin)}, {_cm(section.bottom_margin)}, "
                     f"{_cm(section.left_margin)}")
        for title, part in (("верхний колонтитул", section.header),
                            ("нижний колонтитул", section.footer)):
            if not part.is_linked_to_previous:
                lines += _lines(part, f"  {title}: ")
    used = sorted({p.style.name for p in paragraphs(document)})
    lines += ["", "Стили:"]
    for name in used:
        font, size = font_of(document.styles[name])
        lines.append(f"  {name}: {font}, {size:g} пт" if size else f"  {name}: {font}")
    lines += ["", "Текст:"]
    lines += _lines(document, "")
    return "\n".join(line.rstrip() for line in lines) + "\n"


def main() -> None:
    TEXTS.mkdir(exist_ok=True)
    for path in sorted(TEMPLATES.glob("*.docx")):
        target = TEXTS / f"{path.stem}.txt"
        target.write_text(dump(path), encoding="utf-8")
        print(target, file=sys.stderr)


if __name__ == "__main__":
    main()
