"""`rmo serve`: the page on 127.0.0.1 through waitress, opened in the default browser.

The address stays the same from run to run, so that open tabs and bookmarks keep working
after a restart: a fixed port (the next free one when another program holds it) and the
archive's own sign-in key (settings.sign_in_key).
"""

from __future__ import annotations

import socket
import sys
import threading
import webbrowser
from collections.abc import Callable
from pathlib import Path

THREADS = 8
DEFAULT_PORT = 8765
TRIES = 20  # ports tried after the default one before giving up


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _bind(port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if sys.platform == "win32":
            # Windows lets SO_REUSEADDR take a port another program listens on: refuse that.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:
            # A restart may rebind at once, while the old connections linger in TIME_WAIT.
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", port))
    except BaseException:
        sock.close()
        raise
    return sock


def listen(port: int | None, default: int = DEFAULT_PORT) -> tuple[socket.socket, str]:
    """A bound socket on 127.0.0.1 and what to tell about it: the port asked for, or else the
    default one, or the next free one after it (then the note says so)."""
    from ..errors import RmoError, os_reason

    if port is not None:
        try:
            return _bind(port), ""
        except OSError as error:
            raise RmoError.single(
                f"Не удалось открыть страницу на порту {port}: {os_reason(error)}. Укажите "
                f"другой порт (rmo serve --port {port + 1 if port < 65535 else 8766}) или не "
                "указывайте порт вовсе.") from error
    for candidate in range(default, default + TRIES):
        try:
            sock = _bind(candidate)
        except OSError:
            continue
        if candidate == default:
            return sock, ""
        return sock, (f"Порт {default} занят другой программой (или rmo serve уже запущена в "
                      f"другом окне), поэтому страница открыта на порту {candidate}.")
    raise RmoError.single(f"Порты с {default} по {default + TRIES - 1} заняты другими "
                          "программами. Укажите свободный порт: rmo serve --port 9000.")


def serve(folder: Path, port: int | None = None, open_browser: bool = True,
          say: Callable[[str], None] = print) -> None:
    """Serve the archive folder until Ctrl+C; print the sign-in address first."""
    from ..errors import RmoError, os_reason

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise RmoError.single(f"«{folder}» — файл, а нужна папка архива.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RmoError.single(f"Не удалось создать папку архива «{folder}»: "
                              f"{os_reason(error)}.") from error
    sock, note = listen(port)
    port = sock.getsockname()[1]

    from .settings import configure, sign_in_key

    token = sign_in_key(folder.resolve())
    configure(folder.resolve(), token=token, port=port)

    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    from .bodies import UNLIMITED, drain_large_bodies

    server = create_server(get_wsgi_application(), sockets=[sock], threads=THREADS,
                           ident="rmo", max_request_body_size=UNLIMITED)
    drain_large_bodies(server)
    address = f"http://127.0.0.1:{port}/?token={token}"
    say(f"Страница rmo: {address}")
    if note:
        say(note)
    say(f"Архив: {folder.resolve()}. Адрес постоянный: его можно открыть в любом браузере "
        "этого компьютера и сохранить в закладки. Остановить — Ctrl+C.")
    sys.stdout.flush()
    if open_browser:
        threading.Timer(0.5, webbrowser.open, (address,)).start()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
