"""Minutes and extracts as LibreOffice lays them out, page by page, for three associations:
a signature never stands alone on a page and a label never ends one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from generator.build import build

from . import second_sample, third_sample
from .helpers import SAMPLE, soffice

# The lines that must never be the last of a page: each belongs with what follows it.
HEADINGS = ("ПОВЕСТКА ДНЯ:", "РЕШИЛИ:", "Присутствовали:", "Отсутствовали:", "Приглашённые:")


def _pages(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, timeout=60).stdout.decode("utf-8")
    pages = []
    for page in text.split("\f"):
        lines = [line.strip() for line in page.splitlines() if line.strip()]
        if lines and lines[0].isdigit():
            lines = lines[1:]  # the page number at the top, from page 2 on
        if lines:
            pages.append(lines)
    return pages


@pytest.mark.slow
@pytest.mark.libreoffice
def test_no_signature_or_heading_is_left_alone_on_a_page(tmp_path):
    soffice()
    books = [SAMPLE, second_sample.write(tmp_path / "urai.xlsx"),
             third_sample.write(tmp_path / "math.xlsx")]
    documents = []
    for number, book in enumerate(books):
        report = build(book, tmp_path / f"archive{number}")
        documents += [w.path for w in report.written
                      if w.path.name.startswith(("Протокол", "Выписка"))]
    assert len(documents) > 20
    out = tmp_path / "pdf"
    subprocess.run([soffice(), f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out),
                    *map(str, documents)], check=False, capture_output=True, timeout=600)
    multipage = 0
    for document in documents:
        pdf = out / (document.stem + ".pdf")
        assert pdf.is_file(), document.name
        pages = _pages(pdf)
        multipage += len(pages) > 1
        for number, lines in enumerate(pages, start=1):
            where = f"{document.name}, page {number}"
            # The page with the signatures also holds the last decision they sign.
            if lines[0].startswith(("Председатель", "Секретарь")):
                pytest.fail(f"signatures alone at the top of {where}")
            if number < len(pages):
                assert not lines[-1].startswith(HEADINGS), f"«{lines[-1]}» ends {where}"
                assert "СЛУШАЛИ:" not in lines[-1] or len(lines[-1]) > 60, where
    assert multipage >= 3  # the rules were tried on page breaks, not on one-page minutes
