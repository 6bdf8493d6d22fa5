"""Django configured once for the view tests, and a signed-in test client per archive."""

from __future__ import annotations

import socket
import tempfile
from pathlib import Path

_ARCHIVE = Path(tempfile.mkdtemp(prefix="rmo-web-settings-"))
TOKEN = "test-token-0123456789abcdef"


def configure() -> None:
    from django.conf import settings

    if not settings.configured:
        import django

        from generator.web.settings import options

        from .centre_site import with_centre

        # One configuration for the whole run: the centre's tests need its applications and
        # databases from the start (tests/centre_site.py); the local page ignores them.
        settings.configure(**with_centre(options(_ARCHIVE, token=TOKEN, port=8000)))
        django.setup()


def client(archive: Path, *, sign_in: bool = True, csrf: bool = False):
    """A browser of the local page over `archive`: a fresh server (unspent token) each time."""
    configure()
    from django.test import Client, override_settings

    from generator.web.settings import temporary_folder

    override = override_settings(RMO_ARCHIVE=archive,
                                 FILE_UPLOAD_TEMP_DIR=str(temporary_folder(archive)))
    override.enable()
    browser = Client(enforce_csrf_checks=csrf, HTTP_HOST="127.0.0.1:8000")
    browser.override = override
    if sign_in:
        response = browser.get(f"/?token={TOKEN}")
        assert response.status_code == 302 and response["Location"] == "/"
    return browser


def free_port() -> int:
    """A port nothing listens on now, for a server a test starts."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
