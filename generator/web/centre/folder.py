"""The centre folder: its settings file, its database address, its associations' archives.

Read without Django, so that `rmo serve ПАПКА` can tell a centre folder from an archive folder
before importing anything heavy. The settings file is TOML with Russian comments: the person
who installs the server edits it by hand (host names, HTTPS), and tomllib reads it.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ...archive.store import SERVICE, private_file, private_folder, service_folder
from ...errors import RmoError, os_reason

SETTINGS = "rmo-centre.toml"
SQLITE = "centre.sqlite3"
ASSOCIATIONS = "Объединения"  # one archive folder per association, as `rmo build -o` makes

TEMPLATE = """\
# Настройки сервера методического центра rmo (rmo serve {folder}).
# После правки перезапустите сервер.

# База данных: "sqlite" — файл {sqlite} в этой папке; или адрес PostgreSQL вида
# "postgresql://пользователь:пароль@сервер:5432/база".
database = {database}

# Имена и адреса, по которым сервер открывают в браузере (заголовок Host).
# Запросы с другим именем отклоняются. Пример: ["rmo.bmc.local", "192.168.1.10"].
hosts = {hosts}

# true, когда перед сервером стоит прокси с HTTPS (nginx, Caddy), см. README:
# cookie только по HTTPS, адрес https:// для проверки форм, заголовок X-Forwarded-Proto.
https = false

# Адрес прокси перед сервером (nginx, Caddy), например "127.0.0.1", или "" — прокси нет.
# Только от этого адреса сервер принимает заголовок X-Forwarded-For с настоящим адресом
# пользователя (по нему считаются неудачные входы). Без строки proxy при https = true
# прокси считается на "127.0.0.1".
proxy = ""
# Сводный отчёт: составитель (название центра) и кто его подписывает.
# Пусто — составитель из «Организации» книг объединений (если у всех одна), подпись —
# «Директор» и пустая строка. Пример: signer = "Директор Е.А. Иванова".
organisation = ""
signer = ""
"""


@dataclass(frozen=True)
class Centre:
    """A centre folder's settings as read from its file."""

    folder: Path
    database: str  # "sqlite" or a postgresql:// address
    hosts: tuple[str, ...]
    https: bool
    proxy: str = ""  # the proxy's address, the only one whose X-Forwarded-For is believed
    organisation: str = ""  # the summary's originator: the centre's name
    signer: str = ""  # who signs the summary: «Директор Е.А. Иванова»

    @property
    def associations(self) -> Path:
        return self.folder / ASSOCIATIONS

    def databases(self) -> dict:
        """Django's DATABASES for this centre."""
        return {"default": database_settings(self.database, self.folder)}


def is_centre(folder: Path) -> bool:
    return (Path(folder) / SETTINGS).is_file()


def load(folder: Path) -> Centre:
    """The settings of a centre folder, or an RmoError saying what is wrong with the file."""
    folder = Path(folder).resolve()
    path = folder / SETTINGS
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise RmoError.single(f"В папке «{folder}» нет файла {SETTINGS}: это не папка "
                              "методического центра. Создайте её командой "
                              f"rmo centre init «{folder}».") from error
    except OSError as error:
        raise RmoError.single(f"Файл «{path}» не читается: {os_reason(error)}.") from error
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise RmoError.single(f"Файл «{path}» не читается: {error}. Исправьте его по "
                              "образцу из README (раздел «Методический центр»).") from error
    database = data.get("database", "sqlite")
    hosts = data.get("hosts", ["127.0.0.1", "localhost"])
    https = data.get("https", False)
    organisation, signer = data.get("organisation", ""), data.get("signer", "")
    if not isinstance(database, str) or not isinstance(https, bool) or not (
            isinstance(hosts, list) and hosts and all(isinstance(h, str) for h in hosts)) \
            or not isinstance(organisation, str) or not isinstance(signer, str):
        raise RmoError.single(f"В файле «{path}»: database — строка в кавычках, hosts — "
                              'список имён в кавычках (["rmo.bmc.local"]), https — true или '
                              "false, organisation и signer — строки в кавычках. Исправьте "
                              "файл и запустите сервер снова.")
    database_settings(database, folder)  # refuses an address it cannot use
    return Centre(folder, database, tuple(hosts), https,
                  _proxy(data.get("proxy", "127.0.0.1" if https else ""), path),
                  organisation.strip(), signer.strip())


def _proxy(value, path: Path) -> str:
    """The proxy's address from the settings file: one IP address, or "" for none."""
    import ipaddress

    try:
        return str(ipaddress.ip_address(value)) if value else ""
    except (ValueError, TypeError):
        raise RmoError.single(f"В файле «{path}»: proxy — адрес прокси в кавычках, например "
                              '"127.0.0.1", или "" без прокси. Исправьте файл и запустите '
                              "сервер снова.") from None


def create(folder: Path, database: str = "sqlite") -> Centre:
    """Write the settings file of a new centre folder (the database is made by the caller)."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise RmoError.single(f"«{folder}» — файл, а нужна папка центра.")
    if is_centre(folder):
        raise RmoError.single(f"Папка «{folder}» уже настроена как методический центр; "
                              "rmo не перезаписывает её настройки.")
    if folder.is_dir() and any(folder.iterdir()):
        raise RmoError.single(f"Папка «{folder}» не пустая. Укажите новую или пустую папку.")
    database_settings(database, folder)
    private_folder(folder)
    (folder / ASSOCIATIONS).mkdir(exist_ok=True)
    path = folder / SETTINGS
    text = TEMPLATE.format(folder=folder.name, sqlite=SQLITE, database=json.dumps(database),
                           hosts=json.dumps(["127.0.0.1", "localhost"]))
    # The file may hold the database's password: only its owner reads it.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        stream.write(text)
    return load(folder)


def secure(centre: Centre) -> None:
    """Make the centre's secrets its server's user's only, before the database is opened.

    The database holds sessions and password hashes, the settings file may hold the database's
    password, .rmo/secret-key signs the cookies: the centre folder is made 0700 and those files
    0600 (a folder made by rmo 0.x is put right at start). SQLite would create its file 0644,
    so it is created empty first, 0600; its -wal and -shm files take the database's mode.
    Windows has no such modes: there the centre folder lives under the server user's profile.
    """
    private_folder(centre.folder)
    service_folder(centre.folder, create=True)
    if centre.database == "sqlite":
        database = centre.folder / SQLITE
        if not database.exists():
            os.close(os.open(database, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for name in (SETTINGS, SQLITE, f"{SQLITE}-wal", f"{SQLITE}-shm", f"{SQLITE}-journal",
                 f"{SERVICE}/secret-key"):
        private_file(centre.folder / name)


def database_settings(address: str, folder: Path) -> dict:
    """One DATABASES entry from "sqlite" or a postgresql:// address.

    Parsed with urllib: the two forms rmo takes do not need a URL-settings library.
    """
    if address == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(Path(folder) / SQLITE),
                # Several threads of the server write the sessions and the login journal.
                "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE",
                            "init_command": "PRAGMA journal_mode=WAL;"}}
    parts = urlsplit(address)
    if parts.scheme not in ("postgresql", "postgres") or not parts.path.strip("/"):
        raise RmoError.single(f"Адрес базы «{address}» не понят: нужен «sqlite» или адрес "
                              "вида postgresql://пользователь:пароль@сервер:5432/база.")
    return {"ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.strip("/")),
            "USER": unquote(parts.username or ""), "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "", "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
