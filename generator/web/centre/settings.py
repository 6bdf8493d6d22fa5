"""Django settings of the centre server, made in code from the centre folder's settings file.

They start from the local page's settings (generator.web.settings.options) and change what a
server with accounts needs: the database, Django's auth and sessions in the database, the host
names of the settings file, and the HTTPS settings behind a proxy.
"""

from __future__ import annotations

from ..settings import options as local_options
from .folder import Centre

# Kept in the database the centre server could not do without; the tests configure these once.
APPS = ["django.contrib.contenttypes", "django.contrib.auth", "django.contrib.sessions",
        "generator.web.centre"]
BUILD_WAIT = 300  # seconds a build waits for another build of the same association


def options(centre: Centre) -> dict:
    """Every setting of the centre server for this centre folder."""
    result = local_options(centre.folder, token="", port=0)
    context = result["TEMPLATES"][0]["OPTIONS"]["context_processors"]
    result["TEMPLATES"][0]["OPTIONS"]["context_processors"] = [
        *context, "django.contrib.auth.context_processors.auth",
        "generator.web.centre.pages.navigation",
        "generator.web.centre.deadlines.for_the_head"]
    result.update({
        "INSTALLED_APPS": APPS,
        "DATABASES": centre.databases(),
        "ROOT_URLCONF": "generator.web.centre.urls",
        "ALLOWED_HOSTS": list(centre.hosts),
        "MIDDLEWARE": [
            "django.middleware.security.SecurityMiddleware",
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.middleware.clickjacking.XFrameOptionsMiddleware",
            "generator.web.centre.access.CentreAccess",
        ],
        # Sessions in the database: signing out or a new password ends them on the server.
        "SESSION_ENGINE": "django.contrib.sessions.backends.db",
        "SESSION_COOKIE_NAME": "rmo_centre_session",
        "SESSION_COOKIE_AGE": 12 * 3600,  # one working day
        "CSRF_COOKIE_NAME": "rmo_centre_csrf",
        "CSRF_COOKIE_HTTPONLY": True,
        "LOGIN_URL": "/login/",
        "LOGIN_REDIRECT_URL": "/",
        "AUTH_PASSWORD_VALIDATORS": [
            {"NAME": "django.contrib.auth.password_validation."
                     "UserAttributeSimilarityValidator"},
            {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
            {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
            {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
        ],
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "RMO_ARCHIVE": None,  # chosen per request from the signed-in person
        "RMO_CENTRE": centre.folder,
        "RMO_BUILD_WAIT": BUILD_WAIT,
        # Called with the request after each build made on a page (web/pages/book.py).
        "RMO_AFTER_BUILD": "generator.web.centre.rows.after_build",
    })
    if centre.https:
        # Behind a proxy that speaks HTTPS to browsers and HTTP to rmo (README, «HTTPS»).
        result.update({
            "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
            "SESSION_COOKIE_SECURE": True,
            "CSRF_COOKIE_SECURE": True,
            "SECURE_SSL_REDIRECT": True,
            "SECURE_HSTS_SECONDS": 365 * 24 * 3600,
            "CSRF_TRUSTED_ORIGINS": [f"https://{host}" for host in centre.hosts],
        })
    return result


def configure(centre: Centre, *, migrate: bool = True) -> None:
    """Configure Django for the centre in this process; bring the database up to date."""
    import django
    from django.conf import settings

    from .folder import secure

    secure(centre)
    settings.configure(**options(centre))
    django.setup()
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
