"""The built-in templates (templates/*.docx) are the source: a developer edits them in Word or
LibreOffice like a user's own. What matters is checked here — the page and its margins, the
fonts, the styles used, tags that parse — and every template's readable text is kept in
tests/templates/NAME.txt, so a change of a template shows in review. That every field is
supplied by the code is tests/test_word.py."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from generator.documents.kinds import TEMPLATES
from generator.render.render import check_syntax

from .helpers import soffice
from .template_text import TEMPLATES as FOLDER
from .template_text import TEXTS, dump, font_of, paragraphs

A4 = (21.0, 29.7)
MARGINS = (2.0, 1.5, 2.0, 3.0)  # top, right, bottom, left, in cm (ГОСТ Р 7.0.97: left ≥ 2 cm)
FONT = "Times New Roman"
SIZES = {12.0, 14.0}  # the text, and the tables
WORD_STYLES = {"Normal", "List Bullet", "Header", "Footer"}  # Word's own, used as they are


def _templates() -> list[Path]:
    return sorted(FOLDER.glob("*.docx"))


def test_every_committed_template_is_a_built_in_one():
    assert sorted(p.name for p in _templates()) == sorted(TEMPLATES)
    assert sorted(p.name for p in TEXTS.glob("*.txt")) == \
        sorted(f"{Path(name).stem}.txt" for name in TEMPLATES)


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_the_text_of_each_template_is_kept_for_review(name):
    kept = (TEXTS / f"{Path(name).stem}.txt").read_text(encoding="utf-8")
    assert dump(FOLDER / name) == kept, \
        f"templates/{name} changed: look at the change, then run  python -m tests.template_text"


def check_what_matters(path: Path) -> None:
    """A4 pages with the margins of an official paper, Times New Roman in the styles and in
    the text, the association's own styles («РМО …») or Word's plain ones, tags that parse."""
    document = docx.Document(str(path))
    for section in document.sections:
        size = sorted((round(section.page_width.cm, 1), round(section.page_height.cm, 1)))
        assert tuple(size) == A4, (path.name, size)
        landscape = section.page_width > section.page_height
        assert (section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE) == landscape
        margins = tuple(round(m.cm, 2) for m in (section.top_margin, section.right_margin,
                                                 section.bottom_margin, section.left_margin))
        assert margins == MARGINS, (path.name, margins)
    used = {p.style.name for p in paragraphs(document)}
    assert {s for s in used if not s.startswith("РМО ")} <= WORD_STYLES, (path.name, used)
    for name in used:
        font, size = font_of(document.styles[name])
        assert font == FONT and size in SIZES, (path.name, name, font, size)
    for paragraph in paragraphs(document):
        for run in paragraph.runs:
            assert run.font.name in (None, FONT), (path.name, paragraph.text, run.font.name)
    check_syntax(path)  # raises RmoError naming a broken tag


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_each_template_has_what_an_official_paper_needs(name):
    check_what_matters(FOLDER / name)


@pytest.mark.libreoffice
def test_a_template_saved_back_by_libreoffice_still_passes(tmp_path, sample_workbook):
    """The workflow the product offers: open a template in an office program, save it. What
    matters survives, and every document of its kind is still made from it."""
    from generator.archive.issued import Ledger, stamp
    from generator.documents.kinds import documents
    from generator.render.render import Properties, render

    source = tmp_path / "source"
    source.mkdir()
    shutil.copy(FOLDER / "protocol.docx", source)
    subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir",
                    str(tmp_path), str(source / "protocol.docx")],
                   check=False, capture_output=True, timeout=180)
    saved = tmp_path / "protocol.docx"
    assert saved.is_file()
    check_what_matters(saved)
    made = [d for d in stamp(documents(sample_workbook), Ledger(Path()))
            if d.template == "protocol.docx"]
    assert made
    for document in made:
        data = render(saved, document.context, Properties(document.title, "", document.date))
        assert data[:2] == b"PK"
