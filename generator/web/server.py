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
from dataclasses import dataclass
from pathlib import Path

THREADS = 8
DEFAULT_PORT = 8765
TRIES = 20  # ports tried after the default one before giving up


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


@dataclass(frozen=True)
class Place:
    """Where the page is served: a bound socket, or none when this archive's page already runs
    on `port` (another window of rmo serve); `note` is what to tell about the port."""

    sock: socket.socket | None
    port: int
    note: str = ""


def listen(port: int | None, default: int = DEFAULT_PORT,
           ours: Callable[[int], bool] = lambda port: False) -> Place:
    """The port asked for; or else the default one, or this archive's page running on it or on
    one of the next ports (`ours` asks a port), or the next free port (then the note says so)."""
    from ..errors import RmoError, os_reason

    if port is not None:
        try:
            return Place(_bind(port), port)
        except OSError as error:
            raise RmoError.single(
                f"Не удалось открыть страницу на порту {port}: {os_reason(error)}. Укажите "
                f"другой порт (rmo serve --port {port + 1 if port < 65535 else 8766}) или не "
                "указывайте порт вовсе.") from error
    for candidate in range(default, default + TRIES):
        try:
            sock = _bind(candidate)
        except OSError:
            if ours(candidate):
                return Place(None, candidate, "Страница этого архива уже открыта: rmo serve "
                                              "для этой папки запущена в другом окне.")
            continue
        if candidate == default:
            return Place(sock, candidate)
        return Place(sock, candidate, f"Порт {default} занят другой программой (может быть, "
                                      "rmo serve другой папки архива), поэтому страница "
                                      f"открыта на порту {candidate}.")
    raise RmoError.single(f"Порты с {default} по {default + TRIES - 1} заняты другими "
                          "программами. Укажите свободный порт: rmo serve --port 9000.")


def serves_this_archive(port: int, key: str) -> bool:
    """Is the program on this port rmo serving the archive of this sign-in key? It proves
    it by the key without being told it (access.proof): another program learns nothing."""
    import hmac
    import secrets
    import urllib.request

    from .access import proof

    nonce = secrets.token_hex(16)
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never a proxy
    try:
        with opener.open(f"http://127.0.0.1:{port}/rmo/whoami?nonce={nonce}",
                         timeout=1) as answer:
            said = answer.read(100).decode("ascii", "replace").strip()
    except (OSError, ValueError):
        return False
    return hmac.compare_digest(said, proof(key, nonce))


def serve(folder: Path, port: int | None = None, open_browser: bool = True,
          say: Callable[[str], None] = print) -> None:
    """Serve the archive folder until Ctrl+C; print the sign-in address first."""
    from ..errors import RmoError, os_reason
    from .settings import configure, sign_in_key

    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise RmoError.single(f"«{folder}» — файл, а нужна папка архива.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise RmoError.single(f"Не удалось создать папку архива «{folder}»: "
                              f"{os_reason(error)}.") from error
    from ..archive.service import prepare

    repaired = prepare(folder)  # an old archive's service files moved, a killed build ended
    token = sign_in_key(folder.resolve())
    place = listen(port, ours=lambda candidate: serves_this_archive(candidate, token))
    address = f"http://127.0.0.1:{place.port}/?token={token}"
    if place.sock is None:  # the page runs already: open it, do not start a second one
        say(f"Страница rmo: {address}")
        say(place.note)
        if open_browser:
            webbrowser.open(address)
        return
    configure(folder.resolve(), token=token, port=place.port)

    from django.core.wsgi import get_wsgi_application
    from waitress.server import create_server

    from .bodies import UNLIMITED, drain_large_bodies

    server = create_server(get_wsgi_application(), sockets=[place.sock], threads=THREADS,
                           ident="rmo", max_request_body_size=UNLIMITED)
    drain_large_bodies(server)
    say(f"Страница rmo: {address}")
    if place.note:
        say(place.note)
    say(f"Архив: {folder.resolve()}. Адрес постоянный: его можно открыть в любом браузере "
        "этого компьютера и сохранить в закладки. Остановить — Ctrl+C.")
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
