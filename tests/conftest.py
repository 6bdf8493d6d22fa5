"""Shared fixtures: the sample workbook read once and built once per test session, for the
tests that only read them (a test that writes into an archive builds its own)."""

from __future__ import annotations

import pytest

from .helpers import SAMPLE


@pytest.fixture(scope="session")
def sample_workbook():
    """The sample workbook as the reader gives it (a frozen Workbook: safe to share)."""
    from generator.workbook.reader import read_workbook

    return read_workbook(SAMPLE)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory):
    """The BuildReport of the sample built into a fresh archive. Read its files, never write
    into its folder."""
    from generator.build import build

    return build(SAMPLE, tmp_path_factory.mktemp("sample-archive"))


@pytest.fixture
def site(tmp_path):
    """The local page, signed in, over an empty archive: (test client, archive folder)."""
    from .web_client import client

    folder = tmp_path / "archive"
    folder.mkdir()
    browser = client(folder)
    yield browser, folder
    browser.override.disable()
