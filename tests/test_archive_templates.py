"""An archive's own templates (ARCHIVE/Шаблоны), as render.templates resolves them for the
pages: which are there, which folder a build takes, and a replaced one kept, never deleted."""

from __future__ import annotations

from generator.render.templates import (
    archive_own_templates,
    archive_templates,
    builtin_templates,
    former_templates,
    own_template,
    retire_own_template,
    save_own_template,
)


def test_an_archive_without_own_templates_builds_with_the_builtins(tmp_path):
    assert archive_own_templates(tmp_path) is None
    archive_templates(tmp_path).mkdir()
    (archive_templates(tmp_path) / "notes.txt").write_text("не шаблон")
    assert archive_own_templates(tmp_path) is None  # a folder without a .docx: the built-ins
    assert own_template(tmp_path, "plan.docx") is None


def test_a_saved_template_is_used_and_the_replaced_one_kept(tmp_path):
    plan = (builtin_templates() / "plan.docx").read_bytes()
    save_own_template(tmp_path, "plan.docx", "План работы", plan)
    assert archive_own_templates(tmp_path) == tmp_path / "Шаблоны"
    assert own_template(tmp_path, "plan.docx") == tmp_path / "Шаблоны" / "plan.docx"
    save_own_template(tmp_path, "plan.docx", "План работы", plan)
    retire_own_template(tmp_path, "plan.docx", "План работы")
    assert own_template(tmp_path, "plan.docx") is None
    kept = sorted(p.name for p in former_templates(tmp_path).iterdir())
    assert former_templates(tmp_path) == tmp_path / "Шаблоны" / "прежние"
    assert len(kept) == 2 and all(name.startswith("План работы до ") for name in kept), kept
    assert all((former_templates(tmp_path) / name).read_bytes() == plan for name in kept)
    retire_own_template(tmp_path, "plan.docx", "План работы")  # nothing left to retire
    assert len(list(former_templates(tmp_path).iterdir())) == 2
