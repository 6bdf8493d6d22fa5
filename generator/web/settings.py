"""Django settings of `rmo serve`, made in code for one archive folder.

There is no settings file to edit: the archive folder is all the configuration. A secret key
and the sign-in key of the printed address are generated once per archive folder and kept in
its service folder (readable by the owner only), so that sessions and the address survive a
restart of the server and two archives never share a key.
"""

from __future__ import annotations

import secrets
from pathlib import Path

from ..archive.store import private_file, private_folder, service_folder, write_private

UPLOAD_LIMIT = 20 * 1024 * 1024  # the largest workbook or template the page accepts
# A request body over this (the file and the form around it) is refused before it is read;
# of such a body only its head is kept, where the browser names the file (web.bodies).
BODY_LIMIT = UPLOAD_LIMIT + 64 * 1024
BODY_HEAD = 64 * 1024
HERE = Path(__file__).resolve().parent


def temporary_folder(archive: Path) -> Path:
    """Where uploads too big for memory wait: the owner's only, like the uploads themselves."""
    return private_folder(service_folder(archive, create=True) / "tmp")


def secret_key(archive: Path) -> str:
    """The archive's own key for signing sessions and forms, made on first use.

    Whoever reads it can forge a signed-in cookie: it is the owner's only (0600, in a 0700
    folder), and a key left readable by rmo 0.x is made so at start."""
    return _kept(service_folder(archive, create=True) / "secret-key", 50)


def sign_in_key(archive: Path) -> str:
    """The key in the address `rmo serve` prints, made on first use and kept as long as the
    archive: the same address opens the page after a restart, in any browser of the computer."""
    return _kept(service_folder(archive, create=True) / "sign-in-key", 24)


def _kept(path: Path, size: int) -> str:
    """A secret of the archive, readable by its owner only (0600); one that cannot be read
    is made anew."""
    try:
        value = path.read_text(encoding="ascii").strip()
        if len(value) >= size:
            private_file(path)
            return value
    except (OSError, UnicodeDecodeError):
        pass
    value = secrets.token_urlsafe(size)
    write_private(path, value.encode("ascii"))
    return value


def options(archive: Path, *, token: str, port: int = 0) -> dict:
    """The settings of the local server for one archive folder.

    Cookies are named after the port: browsers share cookies between ports of one host, and
    two `rmo serve` on one machine must not sign each other out.
    """
    return {
        "DEBUG": False,
        "SECRET_KEY": secret_key(archive),
        "ALLOWED_HOSTS": ["127.0.0.1", "localhost"],
        "ROOT_URLCONF": "generator.web.urls",
        "INSTALLED_APPS": [],
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "generator.web.access.LocalAccess",
        ],
        "TEMPLATES": [{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "DIRS": [HERE / "templates"],
            "OPTIONS": {"context_processors": ["django.template.context_processors.csrf",
                                               "generator.web.pages.common.navigation"]},
        }],
        # Sessions live in a signed cookie: the local server needs no database.
        "SESSION_ENGINE": "django.contrib.sessions.backends.signed_cookies",
        "SESSION_COOKIE_NAME": f"rmo_session_{port}",
        # A bookmark keeps working through the school year (browsers keep a cookie 400 days
        # at most); the printed address signs in again after that.
        "SESSION_COOKIE_AGE": 365 * 24 * 3600,
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "CSRF_COOKIE_NAME": f"rmo_csrf_{port}",
        "CSRF_COOKIE_SAMESITE": "Strict",
        "CSRF_FAILURE_VIEW": "generator.web.pages.common.csrf_failure",
        # Django holds a whole upload in memory below this size and on disk above it; the
        # 20 MB limit itself is checked before the body is read (pages.common.upload).
        "FILE_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024,
        "DATA_UPLOAD_MAX_MEMORY_SIZE": 2 * 1024 * 1024,
        # Uploads larger than that wait on disk inside the archive, not in the system's temp.
        "FILE_UPLOAD_TEMP_DIR": str(temporary_folder(archive)),
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_REFERRER_POLICY": "same-origin",
        "LANGUAGE_CODE": "ru",
        "USE_I18N": True,
        "USE_TZ": False,
        "RMO_ARCHIVE": archive,
        "RMO_TOKEN": token,
        "LOGGING": {
            "version": 1,
            "disable_existing_loggers": False,
            "handlers": {"console": {"class": "logging.StreamHandler"},
                         "null": {"class": "logging.NullHandler"}},
            # Errors of the program reach the terminal; refused requests do not.
            "loggers": {"django.request": {"handlers": ["console"], "level": "ERROR",
                                           "propagate": False},
                        "django.security": {"handlers": ["null"], "propagate": False}},
        },
    }


def configure(archive: Path, *, token: str, port: int = 0) -> None:
    """Configure Django for this process and set it up (once per process)."""
    import django
    from django.conf import settings

    settings.configure(**options(archive, token=token, port=port))
    django.setup()
