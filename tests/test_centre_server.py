"""The centre as its administrator meets it: `rmo centre …` and `rmo serve` as real processes,
on SQLite and on PostgreSQL, and a backup restored into a new folder."""

from __future__ import annotations

import http.cookiejar
import os
import re
import secrets
import shutil
import stat
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from .centre_site import PASSWORD, POSTGRES
from .helpers import SAMPLE

RMO = Path(sys.executable).with_name("rmo")
COMMAND = [str(RMO)] if RMO.exists() else [sys.executable, "-m", "generator"]
LIBRARIANS = "РМО школьных библиотекарей"
pytestmark = pytest.mark.slow  # processes and builds


def rmo(*args, stdin: str = "", cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([*COMMAND, *map(str, args)], input=stdin, capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def new_database(kind: str) -> str:
    """"sqlite", or the address of a new, empty PostgreSQL database."""
    if kind == "sqlite":
        return "sqlite"
    if not POSTGRES:
        if os.environ.get("CI") == "true":
            pytest.fail("RMO_TEST_POSTGRES is not set: CI must test the centre on PostgreSQL")
        pytest.skip("PostgreSQL is not available: set RMO_TEST_POSTGRES=postgresql://…")
    import psycopg

    name = f"rmo_test_{secrets.token_hex(4)}"
    with psycopg.connect(POSTGRES, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(POSTGRES)._replace(path=f"/{name}"))


@pytest.fixture(params=["sqlite", "postgresql"])
def made(request, tmp_path):
    """A centre made with the commands an administrator types, and one year built into an
    association's folder by `rmo build` itself (the folders are plain archives)."""
    folder = tmp_path / "центр"
    database = new_database(request.param)
    done = rmo("centre", "init", folder, "--database", database)
    assert done.returncode == 0, done.stderr
    for name in (LIBRARIANS, "РМО учителей математики"):
        assert rmo("centre", "association", "add", folder, name).returncode == 0
    for login, role, extra in (("ivanova", "руководитель", ["--association", LIBRARIANS]),
                               ("metod", "методист", []),
                               ("office", "делопроизводитель", ["--association", LIBRARIANS])):
        added = rmo("centre", "user", "add", folder, login, "--role", role, *extra,
                    "--password-stdin", stdin=PASSWORD + "\n")
        assert added.returncode == 0, added.stderr
    built = rmo("build", SAMPLE, "-o", folder / "Объединения" / LIBRARIANS)
    assert built.returncode == 0, built.stderr
    return folder, database


def modes(folder: Path) -> dict[str, int]:
    """The permissions of the centre folder and of its secrets."""
    names = [".", ".rmo", "rmo-centre.toml", ".rmo/secret-key", "centre.sqlite3"]
    return {name: stat.S_IMODE((folder / name).stat().st_mode) for name in names
            if (folder / name).exists()}


SECRET = {".": 0o700, ".rmo": 0o700, "rmo-centre.toml": 0o600, ".rmo/secret-key": 0o600,
          "centre.sqlite3": 0o600}


def secrets_are_the_servers_users_only(folder: Path, database: str) -> None:
    """Made so by `rmo centre init`, and put right again by the next start of rmo on a folder
    rmo 0.x made readable for every account of the machine."""
    expected = {k: v for k, v in SECRET.items() if k != "centre.sqlite3" or database == "sqlite"}
    assert modes(folder) == expected
    for name in expected:
        (folder / name).chmod(0o755 if (folder / name).is_dir() else 0o644)
    assert rmo("centre", "user", "list", folder).returncode == 0
    assert modes(folder) == expected
    if database == "sqlite":  # the README's copy of a running server's database
        subprocess.run(["sh", "-c", 'umask 077 && sqlite3 centre.sqlite3 ".backup копия.sqlite3"'],
                       cwd=folder, check=True)
        assert stat.S_IMODE((folder / "копия.sqlite3").stat().st_mode) == 0o600
        (folder / "копия.sqlite3").unlink()


def commands_made_a_centre(folder: Path, database: str) -> None:
    secrets_are_the_servers_users_only(folder, database)
    listed = rmo("centre", "user", "list", folder)
    assert listed.stdout.splitlines() == [
        f"ivanova  руководитель       {LIBRARIANS}  (вход: ещё не входил)",
        "metod    методист           все объединения  (вход: ещё не входил)",
        f"office   делопроизводитель  {LIBRARIANS}  (вход: ещё не входил)"]
    assert sorted(p.name for p in (folder / "Объединения").iterdir()) == [
        "РМО учителей математики", LIBRARIANS]
    assert (folder / "centre.sqlite3").is_file() == (database == "sqlite")
    twice = rmo("centre", "user", "add", folder, "ivanova", "--role", "методист",
                "--password-stdin", stdin=PASSWORD + "\n")
    assert (twice.returncode, twice.stderr) == (1, "Ошибка: Логин «ivanova» уже занят. "
                                                   "Выберите другой.\n")
    weak = rmo("centre", "user", "add", folder, "petrov", "--role", "методист",
               "--password-stdin", stdin="12345678\n")
    assert weak.returncode == 1
    assert "Пароль не подходит: Введённый пароль слишком широко распространён." in weak.stderr
    role = rmo("centre", "user", "add", folder, "p", "--role", "директор", "--password-stdin",
               stdin=PASSWORD + "\n")
    assert "Роль «директор» не понята: нужна одна из руководитель, методист, " \
           "делопроизводитель." in role.stderr
    again = rmo("centre", "init", folder)
    assert again.returncode == 1 and "уже настроена как методический центр" in again.stderr


class Browser:
    """A person at the served centre: cookies, the form's CSRF token, no redirects followed."""

    class _Stay(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    def __init__(self, address: str):
        self.address = address
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), self._Stay)

    def open(self, path: str, form: dict | None = None, host: str | None = None):
        data = urllib.parse.urlencode(form).encode() if form is not None else None
        request = urllib.request.Request(self.address + path, data=data)
        if host:
            request.add_header("Host", host)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read(), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers)

    def login(self, login: str, password: str = PASSWORD) -> int:
        _, page, _ = self.open("/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.open("/login/", {"username": login, "password": password,
                                     "csrfmiddlewaretoken": token.decode()})[0]


def serve(folder: Path):
    from .web_client import free_port

    process = subprocess.Popen([*COMMAND, "serve", str(folder), "--port", str(free_port()),
                                "--no-browser"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.fullmatch(r"Сервер методического центра: (http://127\.0\.0\.1:\d+)/\n", line)
    if not match:
        process.kill()
        raise AssertionError(line + process.stderr.read())
    return process, match.group(1)


def stop(process) -> str:
    process.terminate()
    process.wait(timeout=10)
    errors = process.stderr.read()
    process.stdout.close()
    process.stderr.close()
    return errors


def restore(folder: Path, database: str, target: Path) -> Path:
    """The README's restore: the folder copied; PostgreSQL's dump loaded into a new database
    and the settings pointed at it."""
    shutil.copytree(folder, target)
    if database == "sqlite":
        return target
    dump = target.parent / "centre.sql"
    # The README's command: the dump holds sessions and password hashes.
    subprocess.run(["sh", "-c", 'umask 077 && pg_dump --no-owner -f "$0" "$1"', str(dump),
                    database], check=True)
    assert stat.S_IMODE(dump.stat().st_mode) == 0o600
    copy = new_database("postgresql")
    subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", "-f", str(dump), copy], check=True,
                   capture_output=True)
    settings = target / "rmo-centre.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(database, copy),
                        encoding="utf-8")
    return target


def test_commands_make_a_centre_and_a_restored_backup_serves_it(made, tmp_path):
    """One test for both, as each step is a process start: it keeps the run short."""
    folder, database = made
    commands_made_a_centre(folder, database)
    restored = restore(folder, database, tmp_path / "восстановленный центр")
    shutil.rmtree(folder)  # the old machine is gone
    process, address = serve(restored)
    try:
        head = Browser(address)
        assert head.login("ivanova") == 302
        code, page, _ = head.open("/archive/2025-2026/")
        assert code == 200 and "План работы на 2025-2026 учебный год.docx" in page.decode()
        code, data, headers = head.open(
            "/files/2025-2026/" + urllib.parse.quote("План работы на 2025-2026 учебный год.docx"))
        assert code == 200 and data[:2] == b"PK"
        office = Browser(address)
        assert office.login("office") == 302
        assert head.open("/check/", {"x": "1"})[0] == 403  # a POST without its token
        assert Browser(address).login("metod", "не тот пароль") == 200
        # Another Host is refused; an unknown address is the Russian page, never a debug one.
        code, body, _ = Browser(address).open("/login/", host="evil.example")
        assert code == 400 and body.decode().startswith("Запрос отклонён")
        code, body, _ = head.open("/nothing/here/")
        assert code == 404 and "Страница не найдена" in body.decode()
        assert "Traceback" not in body.decode() and "DEBUG" not in body.decode()
    finally:
        errors = stop(process)
    assert "Traceback" not in errors, errors


def test_people_are_disabled_enabled_and_removed_while_the_server_runs(made):
    folder, _ = made
    plan = folder / "Объединения" / LIBRARIANS / "2025-2026" / \
        "План работы на 2025-2026 учебный год.docx"
    process, address = serve(folder)
    try:
        head, office = Browser(address), Browser(address)
        assert head.login("ivanova") == 302 and office.login("office") == 302
        assert office.open("/centre/")[0] == 200

        done = rmo("centre", "user", "disable", folder, "office")
        assert (done.returncode, done.stdout) == (0, "Вход для office отключён: открытые "
                                                     "сеансы закрыты. Включить снова: rmo "
                                                     "centre user enable ПАПКА office\n")
        code, _, headers = office.open("/centre/")  # the open session has ended
        assert code == 302 and headers["Location"] == "/login/?next=/centre/"
        _, page, _ = office.open("/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        code, page, _ = office.open("/login/", {"username": "office", "password": PASSWORD,
                                                "csrfmiddlewaretoken": token.decode()})
        assert code == 200 and "Вход для этого логина отключён. Если вы снова работаете с " \
            "центром, попросите методиста центра включить вход." in page.decode()
        listed = rmo("centre", "user", "list", folder).stdout.splitlines()
        assert re.fullmatch(f"office   делопроизводитель  {LIBRARIANS}  "
                            r"\(вход: \d\d\.\d\d\.\d{4} \d\d:\d\d\) — вход отключён", listed[2])
        again = rmo("centre", "user", "enable", folder, "office")
        assert again.stdout == "Вход для office включён: действует прежний пароль.\n"
        assert office.login("office") == 302

        last = rmo("centre", "user", "disable", folder, "metod")
        assert last.returncode == 1
        assert last.stderr.startswith("Ошибка: metod — последний методист центра: без "
                                      "методиста некому добавлять людей и задавать пароли.")
        assert rmo("centre", "user", "remove", folder, "metod", "--yes").returncode == 1

        kept = rmo("centre", "user", "remove", folder, "ivanova", stdin="нет\n")
        assert (kept.returncode, kept.stdout) == (1, (
            f"Удалить ivanova — руководитель, {LIBRARIANS}? Документы останутся. Введите "
            "«да», чтобы удалить: Ничего не удалено.\n"))
        assert head.open("/archive/")[0] == 200
        gone = rmo("centre", "user", "remove", folder, "ivanova", stdin="да\n")
        assert gone.returncode == 0
        assert gone.stdout.endswith(f"Удалён ivanova — руководитель, {LIBRARIANS}. Документы "
                                    "и архив объединения остались на месте.\n")
        assert head.open("/archive/")[0] == 302
        assert head.login("ivanova") == 200
        assert plan.is_file()
        quiet = rmo("centre", "user", "remove", folder, "office", "--yes")
        assert quiet.stdout == f"Удалён office — делопроизводитель, {LIBRARIANS}. Документы " \
                               "и архив объединения остались на месте.\n"
        assert rmo("centre", "user", "list", folder).stdout == \
            "metod  методист           все объединения  (вход: ещё не входил)\n"
    finally:
        errors = stop(process)
    assert "Traceback" not in errors, errors


def sign_in(address: str, login: str, password: str, source: str = "127.0.0.1",
            forwarded: str = "") -> tuple[int, str]:
    """A sign-in sent from this local address (a proxy, or not), with the X-Forwarded-For
    header a proxy adds; the answer's status and page."""
    import http.client

    parts = urllib.parse.urlsplit(address)
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}

    def ask(method: str, body: str = "", extra: dict | None = None):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=120,
                                                source_address=(source, 0))
        try:
            connection.request(method, "/login/", body or None, {**headers, **(extra or {})})
            response = connection.getresponse()
            return response.status, response.read().decode(), response.getheader("Set-Cookie")
        finally:
            connection.close()

    _, page, cookie = ask("GET")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    form = urllib.parse.urlencode({"username": login, "password": password,
                                   "csrfmiddlewaretoken": token})
    status, page, _ = ask("POST", form, {
        "Cookie": cookie.split(";")[0], "Content-Type": "application/x-www-form-urlencoded"})
    return status, page


def test_the_throttle_counts_the_address_the_proxy_forwarded_and_holds_a_burst(tmp_path):
    import threading

    folder = tmp_path / "центр"
    assert rmo("centre", "init", folder).returncode == 0
    assert rmo("centre", "user", "add", folder, "metod", "--role", "методист",
               "--password-stdin", stdin=PASSWORD + "\n").returncode == 0
    settings = folder / "rmo-centre.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        'proxy = ""', 'proxy = "127.0.0.2"'), encoding="utf-8")
    wrong, wait = "правильные имя пользователя и пароль", "Слишком много неудачных попыток"
    process, address = serve(folder)
    try:
        answers: list[str] = []

        def attack(number: int) -> None:  # through the proxy, from the attacker's address
            answers.append(sign_in(address, "metod", f"угадал-{number}", "127.0.0.2",
                                   "203.0.113.66")[1])

        threads = [threading.Thread(target=attack, args=(n,)) for n in range(16)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=300)
        assert len(answers) == 16
        tried = sum(wrong in a for a in answers)
        assert 1 <= tried <= 5 and sum(wait in a for a in answers) == 16 - tried
        # Not through the proxy: the header is not believed, the failure is 127.0.0.1's (and
        # as the login has failed five times, an address that fails for it waits at once).
        assert wrong in sign_in(address, "metod", "угадал?", forwarded="203.0.113.7")[1]
        assert wait in sign_in(address, "metod", PASSWORD, forwarded="203.0.113.7")[1]
        # The person, through the proxy from their own address, signs in at once.
        assert sign_in(address, "metod", PASSWORD, "127.0.0.2", "203.0.113.7")[0] == 302
    finally:
        errors = stop(process)
    assert "Traceback" not in errors, errors
