"""The built-in templates are what tools/templates makes: a hand edit of a committed template
that the next regeneration would wipe out fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.documents.kinds import TEMPLATES
from tools.templates import COMMITTED, write


def test_every_committed_template_is_a_built_in_one():
    assert sorted(p.name for p in COMMITTED.glob("*.docx")) == sorted(TEMPLATES)


@pytest.mark.slow
def test_remaking_the_templates_gives_the_committed_bytes(tmp_path: Path):
    made = write(tmp_path, list(TEMPLATES))
    assert [p.name for p in made] == list(TEMPLATES)
    changed = [p.name for p in made if p.read_bytes() != (COMMITTED / p.name).read_bytes()]
    assert changed == [], "templates/ differs from tools/templates: run tools/make_templates.py"
