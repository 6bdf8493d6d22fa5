"""The archive's service folder: documents alone in the year folder, secrets the owner's only,
and an archive of rmo 0.x moved into the new layout on its first build or opening."""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import stat
import sys

import pytest
from click.testing import CliRunner

from generator.archive import issued, register, service
from generator.archive import store as archive
from generator.build import build
from generator.cli.main import main

from .helpers import SAMPLE

YEAR = "2025-2026"
posix = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def old_layout(out):
    """Turn a fresh archive into what rmo 0.x left: service files in the year folder and the
    lock at the root, no service folder."""
    year = out / YEAR
    for name in (register.JSON_NAME, issued.FILE_NAME):
        shutil.move(out / ".rmo" / YEAR / name, year / name)
    shutil.rmtree(out / ".rmo")
    (out / ".rmo.lock").touch()


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The sample built once; tests copy it before they change anything."""
    out = tmp_path_factory.mktemp("built") / "archive"
    build(SAMPLE, out)
    return out


def test_the_year_folder_holds_documents_only(built):
    year = built / YEAR
    assert {p.suffix for p in year.iterdir()} == {".docx", ".xlsx"}
    assert sorted(p.name for p in year.glob("*.xlsx")) == ["rmo-2025-2026.xlsx",
                                                          "Реестр документов.xlsx"]
    assert sorted(p.relative_to(built).as_posix() for p in (built / ".rmo").rglob("*")) == [
        ".rmo/2025-2026", ".rmo/2025-2026/номера и даты.json", ".rmo/2025-2026/реестр.json",
        ".rmo/rmo.lock"]


@posix
def test_service_folders_and_secrets_are_the_owners_only(tmp_path):
    from generator.web.settings import secret_key, temporary_folder

    out = tmp_path / "archive"
    build(SAMPLE, out)
    assert mode(out / ".rmo") == 0o700
    assert mode(out / YEAR) == 0o777 & ~_umask()  # documents are for people: the umask's
    key = secret_key(out)
    assert mode(out / ".rmo" / "secret-key") == 0o600
    assert mode(temporary_folder(out)) == 0o700
    # A folder and a key left readable by rmo 0.x are put right when the page starts.
    (out / ".rmo").chmod(0o755)
    (out / ".rmo" / "secret-key").chmod(0o644)
    assert secret_key(out) == key
    assert (mode(out / ".rmo"), mode(out / ".rmo" / "secret-key")) == (0o700, 0o600)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def test_the_service_folder_is_hidden_on_windows_only(tmp_path, monkeypatch):
    calls = []

    class Kernel:
        @staticmethod
        def GetFileAttributesW(path):  # noqa: N802 — the Windows API's name
            calls.append(("get", path))
            return 0x10  # FILE_ATTRIBUTE_DIRECTORY

        @staticmethod
        def SetFileAttributesW(path, attributes):  # noqa: N802
            calls.append(("set", path, attributes))
            return 1

    class Windll:
        kernel32 = Kernel

    archive.service_folder(tmp_path / "linux", create=True)
    assert calls == []
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setattr(ctypes, "windll", Windll, raising=False)
    folder = archive.service_folder(tmp_path / "windows", create=True)
    assert calls == [("get", str(folder)), ("set", str(folder), 0x10 | 0x2)]
    archive.service_folder(tmp_path / "windows", create=True)  # made once, marked once
    assert len(calls) == 2


def test_an_archive_of_rmo_0_is_moved_on_its_first_build(built, tmp_path):
    out = tmp_path / "archive"
    shutil.copytree(built, out)
    entries = register.load(out / YEAR)
    numbers = issued.read(out / YEAR)
    old_layout(out)

    result = run("build", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1] == \
        "Итого: ничего нового — 33 документа без изменений."
    assert not (out / YEAR / register.JSON_NAME).exists()
    assert not (out / YEAR / issued.FILE_NAME).exists()
    assert not (out / ".rmo.lock").exists()
    assert register.load(out / YEAR) == entries
    assert issued.read(out / YEAR) == numbers
    # Moved once: a second move finds nothing to do and changes nothing.
    before = {p: p.read_bytes() for p in (out / ".rmo").rglob("*") if p.is_file()}
    service.migrate(out)
    assert {p: p.read_bytes() for p in (out / ".rmo").rglob("*") if p.is_file()} == before


def test_an_archive_of_rmo_0_is_moved_when_it_is_opened(built, tmp_path):
    out = tmp_path / "archive"
    shutil.copytree(built, out)
    old_layout(out)
    # `rmo archive` on the year folder itself, as rmo 0.x allowed.
    result = run("archive", out / YEAR)
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("2025/2026 учебный год — 34 файла")
    assert register.exists(out / YEAR) and not (out / YEAR / register.JSON_NAME).exists()


def test_files_in_both_places_are_merged_into_the_service_folder(built, tmp_path):
    """An older rmo that wrote into the year folder after the move: nothing of either is lost."""
    out = tmp_path / "archive"
    shutil.copytree(built, out)
    new = json.loads(register.path(out / YEAR).read_text(encoding="utf-8"))
    documents = new["documents"]
    register.path(out / YEAR).write_text(json.dumps({"documents": documents[:5]}),
                                         encoding="utf-8")
    (out / YEAR / register.JSON_NAME).write_text(json.dumps({"documents": documents[3:]}),
                                                 encoding="utf-8")
    numbers = issued.read(out / YEAR)
    keys = sorted(numbers)
    issued.save(out / YEAR, {key: numbers[key] for key in keys[:4]})
    (out / YEAR / issued.FILE_NAME).write_text(
        json.dumps({"documents": {key: numbers[key] for key in keys[2:]}}), encoding="utf-8")

    service.migrate(out)
    assert [e["file"] for e in json.loads(register.path(out / YEAR).read_text("utf-8"))
            ["documents"]] == [e["file"] for e in documents]
    assert issued.read(out / YEAR) == numbers
    assert not (out / YEAR / register.JSON_NAME).exists()
    assert not (out / YEAR / issued.FILE_NAME).exists()


def test_a_build_into_a_new_folder_that_fails_leaves_nothing(tmp_path, monkeypatch):
    from generator import build as building
    from generator.errors import RmoError

    def refuse(*args, **kwargs):
        raise RmoError.single("Шаблон испорчен.")

    monkeypatch.setattr(building, "render_all", refuse)  # fails under the lock
    out = tmp_path / "new"
    with pytest.raises(RmoError):
        build(SAMPLE, out)
    assert not out.exists()
