"""Associations and people of the centre: what `rmo centre …` and the methodist's pages do.

One set of functions for both, so that a person made on the command line and one made on the
page are the same. Every refusal is an RmoError with a Russian message.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from ...archive import safe_filename
from ...errors import RmoError
from .folder import ASSOCIATIONS
from .models import Association, Person, Role

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
             password: str) -> Person:
    """A new account; the password is checked by Django's validators and stored hashed."""
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
    candidate = User(username=login)
    try:
        password_validation.validate_password(password, candidate)
    except ValidationError as error:
        raise RmoError.single("Пароль не подходит: " + " ".join(error.messages)) from error
    with _atomic():
        user = User.objects.create_user(login, password=password)
        person = Person.objects.create(user=user, role=role)
        person.associations.set(associations)
    return person


def set_password(login: str, password: str) -> None:
    User = get_user_model()
    user = User.objects.filter(username__iexact=login).first()
    if user is None:
        raise RmoError.single(f"Пользователя «{login}» нет.")
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise RmoError.single("Пароль не подходит: " + " ".join(error.messages)) from error
    user.set_password(password)
    user.save(update_fields=["password"])


@dataclass(frozen=True)
class Account:
    """What a list of people shows: never the password or its hash."""

    login: str
    role: str
    associations: tuple[str, ...]
    last_login: str


def accounts() -> list[Account]:
    found = []
    for person in (Person.objects.select_related("user").prefetch_related("associations")
                   .order_by("role", "user__username")):
        last = person.user.last_login
        found.append(Account(person.user.username, person.get_role_display(),
                             tuple(a.name for a in person.associations.all()),
                             last.strftime("%d.%m.%Y %H:%M") if last else "ещё не входил"))
    return found
