"""`rmo serve ПАПКА` on a centre folder: the centre server through waitress, no browser."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

# Builds of different associations run side by side in these threads; more would only wait
# for the interpreter's lock (README, «За пределами одной машины»).
THREADS = 16


def serve(folder: Path, host: str, port: int, say: Callable[[str], None] = print) -> None:
    from ...errors import RmoError, os_reason
    from .folder import SETTINGS, load
    from .settings import configure

    centre = load(folder)
    try:
        configure(centre, migrate=True)
    except RmoError:
        raise
    except Exception as error:  # the database is down or refuses the login
        raise RmoError.single(f"Не удалось открыть базу данных центра: {error}. Проверьте "
                              f"адрес database в файле {SETTINGS} и что сервер базы "
                              "запущен.") from error

    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    from ..bodies import UNLIMITED, drain_large_bodies

    application = get_wsgi_application()
    from ...archive.service import prepare
    from .rows import warm

    repaired = [f"{archive.name}: {note}"  # rmo 0.x's layout moved, a killed build finished
                for archive in (sorted(centre.associations.iterdir())
                                if centre.associations.is_dir() else ())
                for note in prepare(archive)]

    warm()  # the summary's rows of every association, read while the first people sign in

    # Behind the proxy of the settings file (README): it says which scheme and address the
    # browser used, and waitress puts that address in REMOTE_ADDR (the login throttle counts
    # by it); the same headers from anyone else are dropped.
    proxy = {"trusted_proxy": centre.proxy, "trusted_proxy_count": 1,
             "trusted_proxy_headers": {"x-forwarded-proto", "x-forwarded-for"}} \
        if centre.proxy else {}
    try:
        server = create_server(application, host=host, port=port, threads=THREADS,
                               ident="rmo", max_request_body_size=UNLIMITED,
                               **proxy)
        drain_large_bodies(server)  # a file over the limit gets the page's Russian refusal
    except OSError as error:
        raise RmoError.single(f"Не удалось занять {host}:{port}: {os_reason(error)}. Укажите "
                              "другой порт (--port) или адрес (--host).") from error
    shown = f"[{host}]" if ":" in host else host
    say(f"Сервер методического центра: http://{shown}:{port}/")
    say(f"Папка центра: {centre.folder}. Имена для браузера: {', '.join(centre.hosts)} "
        f"(файл {SETTINGS}). Остановить — Ctrl+C.")
    for note in repaired:
        say(f"Предупреждение: {note}")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
