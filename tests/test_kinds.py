"""The registry of document kinds is the one list: build, `--only`, `rmo templates` and the
README all follow it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli.main import main
from generator.documents.kinds import KINDS, TEMPLATES, WORDS, DocumentKind, documents, parse_only
from generator.errors import RmoError
from generator.render.templates import builtin_templates

README = Path(__file__).resolve().parents[1] / "README.md"


def test_one_row_per_kind_and_no_word_twice():
    assert [spec.kind for spec in KINDS] == list(DocumentKind)
    words = [w for spec in KINDS for w in (spec.word, *spec.aliases)]
    assert len(words) == len(set(words))
    assert len(TEMPLATES) == len(set(TEMPLATES))
    assert all((builtin_templates() / name).is_file() for name in TEMPLATES)


@pytest.mark.parametrize("spec", KINDS, ids=lambda s: s.word)
def test_every_word_and_alias_chooses_its_kind(spec):
    for word in (spec.word, *spec.aliases):
        assert parse_only(f"  {word.upper()} ") == {spec.kind}
    assert parse_only(f"{spec.word}; {KINDS[0].word}") == {spec.kind, KINDS[0].kind}


def test_an_unknown_word_names_every_kind():
    with pytest.raises(RmoError) as error:
        parse_only("план, грамоты")
    assert str(error.value.problems[0]) == (
        f"«грамоты» — такого вида документов нет. Допустимо: {', '.join(WORDS)} "
        "(через запятую).")


def test_each_builder_makes_documents_of_its_own_kind(sample_workbook):
    workbook = sample_workbook
    made = {spec.kind: spec.build(workbook) for spec in KINDS}
    # The sample has every kind but the list of participants: its online meeting had fewer
    # than 16 present, so the minutes list them (tests/test_office.py has such a meeting).
    assert all(found for kind, found in made.items() if kind is not DocumentKind.PARTICIPANTS)
    assert all(d.kind is kind for kind, found in made.items() for d in found)
    assert documents(workbook) == [d for spec in KINDS for d in made[spec.kind]]
    assert documents(workbook, {DocumentKind.ANALYSIS}) == made[DocumentKind.ANALYSIS]


def test_the_help_of_only_lists_the_words():
    result = CliRunner().invoke(main, ["build", "--help"], terminal_width=300)
    assert f"через запятую: {', '.join(WORDS)}." in " ".join(result.output.split())


def test_the_readme_names_every_kind():
    text = " ".join(README.read_text(encoding="utf-8").split())
    (listed,) = re.findall(r"\(виды: ([^)]*)\)", text)
    assert listed.split(", ") == list(WORDS)
    for spec in KINDS:
        assert f"**{spec.title.lower()}**" in text.lower(), spec.title
