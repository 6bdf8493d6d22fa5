"""What Word is strict about and LibreOffice forgives: element order in properties, and every
field of a template supplied by the code."""

from __future__ import annotations

import ast
import inspect
import textwrap
import zipfile
from pathlib import Path

import pytest
from docx.oxml.ns import qn
from docx.oxml.section import CT_SectPr
from docx.oxml.styles import CT_Style
from docx.oxml.table import CT_TblPr, CT_TcPr, CT_TrPr
from docx.oxml.text.font import CT_RPr
from docx.oxml.text.parfmt import CT_PPr
from docxtpl import DocxTemplate
from lxml import etree

from generator.documents.kinds import KINDS, documents
from generator.render.render import environment
from generator.render.templates import template_path


def sequence(cls) -> tuple[str, ...]:
    """The `_tag_seq` python-docx writes in a class body (and deletes after use)."""
    for node in ast.walk(ast.parse(textwrap.dedent(inspect.getsource(cls)))):
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "_tag_seq":
            return ast.literal_eval(node.value)
    raise AssertionError(cls)


# The order the schema requires for the children of each properties element, as python-docx
# records it; a part that breaks it makes Word offer to «repair» the document.
SEQUENCES = {
    qn("w:pPr"): sequence(CT_PPr), qn("w:rPr"): sequence(CT_RPr),
    qn("w:tblPr"): sequence(CT_TblPr), qn("w:tcPr"): sequence(CT_TcPr),
    qn("w:trPr"): sequence(CT_TrPr), qn("w:sectPr"): sequence(CT_SectPr),
    qn("w:style"): sequence(CT_Style),
    qn("w:tcBorders"): ("w:top", "w:start", "w:left", "w:bottom", "w:end", "w:right",
                        "w:insideH", "w:insideV", "w:tl2br", "w:tr2bl"),
}


@pytest.fixture(scope="module")
def sample_documents(sample_build, tmp_path_factory):
    """Every document of the sample and of the second association (which has the kinds the
    sample lacks: a list of participants of an online meeting)."""
    from generator.build import build

    from .second_sample import write

    tmp = tmp_path_factory.mktemp("word")
    second = write(tmp / "urai.xlsx")
    return [r.path for r in sample_build.written] + \
        [r.path for r in build(second, tmp / "urai").written]


def out_of_order(xml: bytes) -> list[str]:
    found = []
    for element in etree.fromstring(xml).iter(*SEQUENCES):
        order = {qn(tag): i for i, tag in enumerate(SEQUENCES[element.tag])}
        positions = [order[child.tag] for child in element if child.tag in order]
        if positions != sorted(positions) or len(positions) != len(set(positions)):
            found.append(etree.QName(element).localname + ": " + ", ".join(
                etree.QName(child).localname for child in element))
    return found


@pytest.mark.slow
def test_properties_are_in_schema_order_in_every_document(sample_documents):
    kinds = set()
    for path in sample_documents:
        with zipfile.ZipFile(path) as archive:
            for name in archive.namelist():
                if name.startswith("word/") and name.endswith(".xml"):
                    assert out_of_order(archive.read(name)) == [], (path.name, name)
        kinds.add(path.name.split()[0])
    assert kinds == {spec.label.split()[0] for spec in KINDS}


@pytest.mark.slow
def test_every_field_of_every_template_is_supplied(sample_workbook):
    from generator.archive.issued import Ledger, stamp

    workbook = sample_workbook
    # As build() renders them: with the numbers and dates of issue of the ledger.
    for document in stamp(documents(workbook), Ledger(Path())):
        name = document.template
        template = DocxTemplate(template_path(name, None))
        missing = template.get_undeclared_template_variables(environment(), document.context)
        assert missing == set(), (name, missing)
