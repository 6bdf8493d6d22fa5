"""Associations and people of the centre: what `rmo centre …` and the methodist's pages do.

One set of functions for both, so that a person made on the command line and one made on the
page are the same. Every refusal is an RmoError with a Russian message.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from ...archive.store import safe_filename
from ...errors import RmoError, problem
from .folder import ASSOCIATIONS
from .models import Association, FailedLogin, Person, Role

ROLE_WORDS = {Role(value).label: Role(value) for value in Role.values}  # «руководитель» → HEAD


def archive_folder(association: Association) -> Path:
    """The association's archive: the folder `rmo build -o` would be given."""
    return Path(settings.RMO_CENTRE) / ASSOCIATIONS / association.folder


def _atomic():
    return transaction.atomic(using=_database())


def _database() -> str:
    from django.db import router

    return router.db_for_write(Person)


def add_association(name: str) -> Association:
    name = " ".join(name.split())
    if not name:
        raise RmoError.single("Название объединения пустое. Напишите его полностью, например "
                              "«РМО школьных библиотекарей».")
    if _named(name) is not None:
        raise RmoError.single(f"Объединение «{name}» уже есть.")
    base = safe_filename(name)
    folder, number = base, 1
    taken = set(Association.objects.values_list("folder", flat=True))
    root = Path(settings.RMO_CENTRE) / ASSOCIATIONS
    while folder.lower() in {t.lower() for t in taken} or (root / folder).exists():
        number += 1
        folder = f"{base} ({number})"
    try:
        with _atomic():
            association = Association.objects.create(name=name, folder=folder)
    except IntegrityError as error:  # the same name added at the same moment elsewhere
        raise RmoError.single(f"Объединение «{name}» уже есть.") from error
    archive_folder(association).mkdir(parents=True, exist_ok=True)
    return association


def _named(name: str) -> Association | None:
    """The association of this name in any letter case (SQLite folds only Latin letters, so
    the comparison is made here)."""
    key = " ".join(name.split()).casefold()
    return next((a for a in Association.objects.all() if a.name.casefold() == key), None)


def find_association(name: str) -> Association:
    found = _named(name)
    if found is None:
        known = ", ".join(f"«{a.name}»" for a in Association.objects.all()) or "пока нет ни одного"
        raise RmoError.single(f"Объединения «{name}» нет. Объединения центра: {known}. "
                              "Добавьте его: rmo centre association add ПАПКА \"название\".")
    return found


def role_of(word: str) -> Role:
    try:
        return ROLE_WORDS[word.strip().lower()]
    except KeyError:
        raise RmoError.single(f"Роль «{word}» не понята: нужна одна из "
                              f"{', '.join(ROLE_WORDS)}.") from None


def add_user(login: str, role: Role, associations: Sequence[Association],
             password: str, again: str | None = None) -> Person:
    """A new account; the password (typed `again` on the page; the command line's prompt asks
    twice itself) is checked by Django's validators and stored hashed."""
    User = get_user_model()
    login = login.strip()
    if not login or len(login) > 150 or any(c.isspace() for c in login):
        raise RmoError.single(f"Логин «{login}» не подходит: нужно одно слово без пробелов, "
                              "например ivanova.")
    if any(u.casefold() == login.casefold()
           for u in User.objects.values_list("username", flat=True)):
        raise RmoError.single(f"Логин «{login}» уже занят. Выберите другой.")
    if role == Role.HEAD and len(associations) != 1:
        raise RmoError.single("Руководитель ведёт одно объединение: укажите его "
                              "(--association \"название\").")
    if role == Role.OFFICE and not associations:
        raise RmoError.single("Делопроизводителю укажите объединения, документы которых он "
                              "читает (--association \"название\", можно несколько раз).")
    if role == Role.METHODIST and associations:
        raise RmoError.single("Методист видит все объединения: объединение ему не указывают.")
    _new_password(User(username=login), password, password if again is None else again)
    with _atomic():
        user = User.objects.create_user(login, password=password)
        person = Person.objects.create(user=user, role=role)
        person.associations.set(associations)
    return person


def set_password(login: str, password: str, again: str) -> None:
    """The methodist gives a person a new password, typed twice."""
    User = get_user_model()
    user = User.objects.filter(username__iexact=login).first()
    if user is None:
        raise RmoError.single(f"Пользователя «{login}» нет.")
    _new_password(user, password, again).save(commit=False)
    user.save(update_fields=["password"])


def _new_password(user, password: str, again: str):
    """The form every new password goes through (account.NewPassword), or its refusals."""
    from .account import NewPassword

    form = NewPassword(user, {"new_password1": password, "new_password2": again})
    if not form.is_valid():
        raise RmoError([problem(message) for message in form.messages()])
    return form


@dataclass(frozen=True)
class Account:
    """What a list of people shows: never the password or its hash."""

    login: str
    role: str
    associations: tuple[str, ...]
    last_login: str
    active: bool = True  # False: the methodist has disabled the sign-in

    @property
    def described(self) -> str:
        """«ivanova — руководитель, РМО школьных библиотекарей»."""
        where = "все объединения" if ROLE_WORDS.get(self.role) == Role.METHODIST else \
            ", ".join(self.associations)
        return f"{self.login} — {self.role}" + (f", {where}" if where else "")


def _account(person: Person) -> Account:
    last = person.user.last_login
    return Account(person.user.username, person.get_role_display(),
                   tuple(a.name for a in person.associations.all()),
                   last.strftime("%d.%m.%Y %H:%M") if last else "ещё не входил",
                   person.user.is_active)


def accounts() -> list[Account]:
    return [_account(person) for person in Person.objects.select_related("user")
            .prefetch_related("associations").order_by("role", "user__username")]


# --- letting people go ----------------------------------------------------------------------
# A disabled person keeps the account (is_active off: Django's backend then neither signs them
# in nor accepts their session); a removed one is deleted. Documents belong to associations,
# not to people, so both leave every archive as it is.

def find_person(login: str) -> Person:
    person = Person.objects.select_related("user") \
        .filter(user__username__iexact=login.strip()).first()
    if person is None:
        raise RmoError.single(f"Человека с логином «{login.strip()}» на сервере центра нет. "
                              "Проверьте логин по списку людей центра.")
    return person


IMPERATIVE = {"отключить": "отключите", "удалить": "удалите"}


def refusal(person: Person, action: str, by: Person | None = None) -> str:
    """Why this person may not be disabled or removed (action: a key of IMPERATIVE), or ""."""
    login = person.user.username
    if by is not None and by.pk == person.pk:
        return (f"Себя {action} нельзя. Это может сделать другой методист на странице «Люди» "
                f"или администратор сервера командой rmo centre user.")
    others = Person.objects.filter(role=Role.METHODIST, user__is_active=True) \
        .exclude(pk=person.pk)
    if person.role == Role.METHODIST and person.user.is_active and not others.exists():
        return (f"{login} — последний методист центра: без методиста некому добавлять людей "
                "и задавать пароли. Сначала добавьте другого методиста (на странице «Люди» "
                f"или командой rmo centre user add ПАПКА ЛОГИН --role методист), потом "
                f"{IMPERATIVE[action]} этого.")
    return ""


def _guarded(login: str, action: str, by: Person | None) -> Person:
    """The person, locked with every methodist for the rest of the transaction, so that two
    methodists disabling each other at once cannot leave the centre without one."""
    list(Person.objects.select_for_update().filter(role=Role.METHODIST))
    person = find_person(login)
    reason = refusal(person, action, by)
    if reason:
        raise RmoError.single(reason)
    return person


def end_sessions(user) -> int:
    """End every session of this account now (sessions live in the database); how many."""
    from django.contrib.sessions.models import Session

    key = str(user.pk)
    ended = [s.pk for s in Session.objects.filter(expire_date__gt=dt.datetime.now())
             if s.get_decoded().get("_auth_user_id") == key]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


def disable_user(login: str, by: Person | None = None) -> bool:
    """Disable the sign-in and end the sessions; False when it was disabled already."""
    with _atomic():
        person = _guarded(login, "отключить", by)
        user = person.user
        end_sessions(user)
        if not user.is_active:
            return False
        user.is_active = False
        user.save(update_fields=["is_active"])
    return True


def enable_user(login: str) -> bool:
    """Let a disabled person sign in again with their old password; False when they could."""
    user = find_person(login).user
    if user.is_active:
        return False
    user.is_active = True
    user.save(update_fields=["is_active"])
    return True


def remove_user(login: str, by: Person | None = None) -> Account:
    """Delete the account and end its sessions; what it was, to say so."""
    with _atomic():
        person = _guarded(login, "удалить", by)
        gone = _account(person)
        end_sessions(person.user)
        FailedLogin.objects.filter(login=person.user.username.lower()).delete()
        person.user.delete()  # the Person and its links to associations go with it
    return gone
