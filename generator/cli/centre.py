"""`rmo centre …`: scriptable administration of a methodical centre's server.

Thin: each command configures Django for the centre folder and calls
generator.web.centre.people, the same functions the methodist's page calls. Django is imported
inside the commands only, so that `rmo --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from ..errors import RmoError
from .terminal import Argument, Group, say

FOLDER = "Папка методического центра."


def _configure(folder: Path, *, migrate: bool = False):
    from ..web.centre.folder import load
    from ..web.centre.settings import configure

    centre = load(folder)
    configure(centre, migrate=migrate)
    return centre


@click.group("centre", cls=Group)
def centre() -> None:
    """Сервер методического центра: папка центра, объединения, люди.

    \b
    Пример:
      rmo centre init центр
      rmo centre association add центр "РМО школьных библиотекарей"
      rmo centre user add центр ivanova --role руководитель \\
          --association "РМО школьных библиотекарей" --password-stdin
      rmo centre user disable центр ivanova
      rmo serve центр --host 127.0.0.1 --port 8000
    """


@centre.command()
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
@click.option("--database", metavar="АДРЕС", default="sqlite",
              help="База данных: sqlite (файл в ПАПКЕ, по умолчанию) или адрес "
                   "postgresql://пользователь:пароль@сервер:5432/база.")
def init(folder: Path, database: str) -> None:
    """Создать папку методического центра ПАПКА: настройки, база, папки объединений."""
    from ..web.centre.folder import SETTINGS, create

    created = create(folder, database)
    try:
        _configure(folder, migrate=True)
    except Exception:
        (created.folder / SETTINGS).unlink()  # so that init can be run again once fixed
        raise
    say(f"Папка центра «{created.folder}» готова (база: "
        f"{'SQLite в этой папке' if database == 'sqlite' else 'PostgreSQL'}).")
    say("Дальше: rmo centre association add ПАПКА \"название\", затем rmo centre user add; "
        f"имена сервера для браузера — в файле {SETTINGS}.")


@centre.group("association", cls=Group)
def association() -> None:
    """Объединения центра."""


@association.command("add")
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
@click.argument("name", cls=Argument, metavar="НАЗВАНИЕ",
                description="Название объединения, например «РМО школьных библиотекарей».")
def association_add(folder: Path, name: str) -> None:
    """Добавить объединение НАЗВАНИЕ; его архив — папка в «Объединения»."""
    _configure(folder)
    from ..web.centre.people import add_association, archive_folder

    added = add_association(name)
    say(f"Объединение «{added.name}» добавлено; его архив: {archive_folder(added)}")


@centre.group("user", cls=Group)
def user() -> None:
    """Люди центра: руководители, методисты, делопроизводители; добавить, отключить
    вход, включить снова, удалить."""


@user.command("add")
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
@click.argument("login", cls=Argument, metavar="ЛОГИН",
                description="Имя для входа, одно слово.")
@click.option("--role", required=True, metavar="РОЛЬ",
              help="руководитель | методист | делопроизводитель.")
@click.option("--association", "names", multiple=True, metavar="НАЗВАНИЕ",
              help="Объединение руководителя (одно) или делопроизводителя (можно несколько).")
@click.option("--password-stdin", is_flag=True,
              help="Прочитать пароль из первой строки стандартного ввода (для скриптов).")
def user_add(folder: Path, login: str, role: str, names: tuple[str, ...],
             password_stdin: bool) -> None:
    """Добавить человека с логином ЛОГИН и ролью; пароль хранится только как хеш."""
    _configure(folder)
    from ..web.centre.people import add_user, find_association, role_of

    chosen = role_of(role)
    found = [find_association(name) for name in names]
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Пароль", hide_input=True,
                                confirmation_prompt="Пароль ещё раз")
    if not password:
        raise RmoError.single("Пароль пустой: передайте его первой строкой ввода, например "
                              "echo 'пароль' | rmo centre user add … --password-stdin.")
    person = add_user(login, chosen, found, password)
    where = f", объединения: {', '.join(a.name for a in found)}" if found else ""
    say(f"Добавлен {person.user.username} — {person.get_role_display()}{where}.")


@user.command("list")
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
def user_list(folder: Path) -> None:
    """Показать людей центра и у кого вход отключён.

    Для каждого: логин, роль, объединения, последний вход; у кого вход отключён —
    «вход отключён»."""
    _configure(folder)
    from ..web.centre.people import accounts

    found = accounts()
    if not found:
        say("Людей пока нет. Добавьте: rmo centre user add ПАПКА ЛОГИН --role … "
            "--password-stdin")
        return
    width = max(len(a.login) for a in found)
    for account in found:
        where = "все объединения" if account.role == "методист" else \
            ", ".join(account.associations) or "—"
        say(f"{account.login:<{width}}  {account.role:<17}  {where}  "
            f"(вход: {account.last_login})" + ("" if account.active else " — вход отключён"))


login_argument = click.argument("login", cls=Argument, metavar="ЛОГИН",
                                description="Логин человека, как в rmo centre user list.")


@user.command("disable")
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
@login_argument
def user_disable(folder: Path, login: str) -> None:
    """Отключить вход человеку ЛОГИН и сразу закрыть его сеансы.

    Войти под этим логином нельзя, пока вход не включат снова (rmo centre user
    enable); документы объединения остаются в архиве. Последнего методиста
    отключить нельзя.

    \b
    Пример:
      rmo centre user disable центр ivanova
    """
    _configure(folder)
    from ..web.centre.people import disable_user

    if disable_user(login):
        say(f"Вход для {login} отключён: открытые сеансы закрыты. Включить снова: "
            f"rmo centre user enable ПАПКА {login}")
    else:
        say(f"Вход для {login} уже был отключён.")


@user.command("enable")
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
@login_argument
def user_enable(folder: Path, login: str) -> None:
    """Снова включить вход человеку ЛОГИН с прежним паролем.

    \b
    Пример:
      rmo centre user enable центр ivanova
    """
    _configure(folder)
    from ..web.centre.people import enable_user

    if enable_user(login):
        say(f"Вход для {login} включён: действует прежний пароль.")
    else:
        say(f"Вход для {login} не был отключён: ничего не изменилось.")


@user.command("remove")
@click.argument("folder", cls=Argument, metavar="ПАПКА",
                type=click.Path(path_type=Path, file_okay=False), description=FOLDER)
@login_argument
@click.option("--yes", is_flag=True, help="Не спрашивать подтверждения (для скриптов).")
def user_remove(folder: Path, login: str, yes: bool) -> None:
    """Удалить человека ЛОГИН; документы объединения остаются.

    Логин и пароль удаляются, сеансы закрываются сразу; документы и архив
    объединения остаются на месте. Сначала спрашивает подтверждение (--yes — не
    спрашивать). Последнего методиста удалить нельзя. Если человек может вернуться, лучше
    rmo centre user disable: вход можно включить снова.

    \b
    Пример:
      rmo centre user remove центр ivanova
      rmo centre user remove центр ivanova --yes
    """
    _configure(folder)
    from ..web.centre import people

    person = people.find_person(login)
    reason = people.refusal(person, "удалить")
    if reason:
        raise RmoError.single(reason)
    described = next(a for a in people.accounts()
                     if a.login == person.user.username).described
    if not yes:
        answer = click.prompt(f"Удалить {described}? Документы останутся. Введите «да», "
                              "чтобы удалить", default="", show_default=False)
        if answer.strip().lower() not in ("да", "д", "yes", "y"):
            say("Ничего не удалено.")
            sys.exit(1)
    gone = people.remove_user(login)
    say(f"Удалён {gone.described}. Документы и архив объединения остались на месте.")
