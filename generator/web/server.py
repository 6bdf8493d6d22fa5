"""`rmo serve`: the page on 127.0.0.1 through waitress, opened in the default browser."""

from __future__ import annotations

import secrets
import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

from .settings import UPLOAD_LIMIT

THREADS = 8


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(folder: Path, port: int | None = None, open_browser: bool = True,
          say: Callable[[str], None] = print) -> None:
    """Serve the archive folder until Ctrl+C; print the sign-in address first."""
    from ..errors import RmoError

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise RmoError.single(f"«{folder}» — файл, а нужна папка архива.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RmoError.single(f"Не удалось создать папку архива «{folder}»: "
                              f"{error.strerror}.") from error
    from ..service import prepare

    repaired = prepare(folder)  # an old archive's service files moved, a killed build ended
    port = port or free_port()
    token = secrets.token_urlsafe(24)

    from .settings import configure

    configure(folder.resolve(), token=token, port=port)

    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    try:
        server = create_server(get_wsgi_application(), host="127.0.0.1", port=port,
                               threads=THREADS, ident="rmo",
                               max_request_body_size=UPLOAD_LIMIT + 1024 * 1024)
    except OSError as error:
        raise RmoError.single(f"Порт {port} занят другой программой. Укажите другой: "
                              "rmo serve --port 8765, или не указывайте порт вовсе.") from error
    address = f"http://127.0.0.1:{port}/?token={token}"
    say(f"Страница rmo: {address}")
    say(f"Архив: {folder.resolve()}. Остановить — Ctrl+C.")
    for note in repaired:
        say(f"Предупреждение: {note}")
    sys.stdout.flush()
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (address,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
