"""The centre server in the test process: its settings over both databases, and a centre.

Django is configured once per process (tests/web_client.py) with the centre's applications and
two databases: "default" (SQLite, a file) and "postgresql" (RMO_TEST_POSTGRES, emptied by the
tests). A test database router sends every query to the database of the running test, so the
same tests run against both. Each test gets a new centre folder and the centre's settings
(middleware, addresses, hosts) through override_settings.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from pathlib import Path

import pytest

POSTGRES = os.environ.get("RMO_TEST_POSTGRES", "")
PASSWORD = "Сложный-пароль-2025"
HOST = "127.0.0.1"
_SQLITE = Path(tempfile.mkdtemp(prefix="rmo-centre-db-")) / "test.sqlite3"
_MIGRATED: set[str] = set()


class Router:
    """Every model to the database of the test that runs now."""

    alias = "default"

    def db_for_read(self, model, **hints):
        return Router.alias

    def db_for_write(self, model, **hints):
        return Router.alias

    def allow_relation(self, first, second, **hints):
        return True

    def allow_migrate(self, db, app_label, **hints):
        return True


def with_centre(options: dict) -> dict:
    """The local page's settings plus what the centre needs configured from the start."""
    from generator.web.centre.folder import database_settings
    from generator.web.centre.settings import APPS

    databases = {"default": database_settings("sqlite", _SQLITE.parent)}
    databases["default"]["NAME"] = str(_SQLITE)
    if POSTGRES:
        databases["postgresql"] = {**database_settings(POSTGRES, _SQLITE.parent),
                                   "CONN_MAX_AGE": 0}
    return {**options, "INSTALLED_APPS": APPS, "DATABASES": databases,
            "DATABASE_ROUTERS": ["tests.centre_site.Router"],
            "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField"}


def database(kind: str) -> str:
    """The alias of this kind of database, migrated and emptied; fails in CI without one."""
    from django.core.management import call_command

    if kind == "postgresql" and not POSTGRES:
        if os.environ.get("CI") == "true":
            pytest.fail("RMO_TEST_POSTGRES is not set: CI must test the centre on PostgreSQL "
                        "(.ci/run starts it)")
        pytest.skip("PostgreSQL is not available: set RMO_TEST_POSTGRES=postgresql://…")
    alias = "default" if kind == "sqlite" else "postgresql"
    Router.alias = alias
    if alias not in _MIGRATED:
        call_command("migrate", database=alias, verbosity=0, interactive=False)
        _MIGRATED.add(alias)
    call_command("flush", database=alias, verbosity=0, interactive=False)
    return alias


class Site:
    """A centre folder with its settings active, and helpers to fill it."""

    def __init__(self, folder: Path, kind: str):
        from django.test import override_settings

        from generator.web.centre.folder import create
        from generator.web.centre.settings import options

        self.folder, self.kind = folder, kind
        self.centre = create(folder)
        self.options = options(self.centre)
        overrides = {k: v for k, v in self.options.items()
                     if k not in ("INSTALLED_APPS", "DATABASES")}
        # The hasher's cost is the point in production, not in a test of who sees what.
        overrides["PASSWORD_HASHERS"] = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        self.override = override_settings(**overrides)
        self.override.enable()

    def close(self):
        self.override.disable()

    def association(self, name: str):
        from generator.web.centre.people import add_association

        return add_association(name)

    def person(self, login: str, role: str, *associations):
        from generator.web.centre.people import add_user, role_of

        return add_user(login, role_of(role), list(associations), PASSWORD)

    def archive(self, association) -> Path:
        from generator.web.centre.people import archive_folder

        return archive_folder(association)

    def client(self, login: str | None = None, *, csrf: bool = False, password=PASSWORD):
        """A browser; signed in through the login page when a login is given."""
        from django.test import Client

        browser = Client(enforce_csrf_checks=csrf, HTTP_HOST=HOST)
        if login:
            response = self.login(browser, login, password)
            assert response.status_code == 302, response.content.decode()[:2000]
        return browser

    @staticmethod
    def login(browser, login: str, password: str = PASSWORD):
        page = browser.get("/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"',
                          page.content.decode())
        return browser.post("/login/", {"username": login, "password": password,
                                        "csrfmiddlewaretoken": token.group(1) if token else ""})


@pytest.fixture(name="centre", params=["sqlite", "postgresql"])
def centre_fixture(request, tmp_path):
    from .web_client import configure

    configure()
    database(request.param)
    centre = Site(tmp_path / "центр", request.param)
    yield centre
    centre.close()
    Router.alias = "default"
    shutil.rmtree(tmp_path / "центр", ignore_errors=True)
