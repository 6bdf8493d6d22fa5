"""What the machine did wrong, told apart from what the person did: a full disk, a folder that
cannot be written, a database that does not answer.

None of these is the workbook's fault, so none may say «Исправьте в Excel»: each is a Russian
page saying what happened and who can fix it (on the centre, its administrator), with a status
a proxy or a monitor understands (507 for a full disk, 503 for the rest).
"""

from __future__ import annotations

import errno
from dataclasses import dataclass

from django.conf import settings

FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
READ_ONLY = frozenset({errno.EROFS})
NO_RIGHTS = frozenset({errno.EACCES, errno.EPERM})


@dataclass(frozen=True)
class Fault:
    title: str
    text: str
    status: int


def _chain(error: BaseException | None):
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        yield error
        error = error.__cause__ or error.__context__


def os_error(error: BaseException | None) -> OSError | None:
    """The operating system's error behind this one (the archive's RmoError keeps it as its
    cause), or None when the failure is not the machine's."""
    return next((e for e in _chain(error) if isinstance(e, OSError) and e.errno), None)


def _centre() -> bool:
    return bool(getattr(settings, "RMO_CENTRE", None))


def full_disk() -> Fault:
    if _centre():
        what = ("Сообщите администратору центра, что на диске сервера нужно освободить "
                "место; когда место будет, повторите действие.")
    else:
        what = ("Освободите место на диске (удалите ненужные файлы, очистите корзину) и "
                "повторите действие.")
    return Fault("Нет места на диске",
                 "Файл не записан: на диске " + ("сервера" if _centre() else "компьютера")
                 + " не осталось свободного места. Книга и шаблоны тут ни при чём, а документы, "
                 "уже лежащие в архиве, не испорчены. " + what, 507)


def read_only() -> Fault:
    if _centre():
        what = ("Сообщите администратору центра: ему нужно проверить диск сервера и права "
                "на папку центра. Потом повторите действие.")
    else:
        what = ("Проверьте, что папка архива не на диске только для чтения (компакт-диск, "
                "флешка с защитой) и у вас есть права на запись в неё, или запустите rmo "
                "serve с другой папкой.")
    return Fault("Папка закрыта для записи",
                 "Файл не записан: папка " + ("центра" if _centre() else "архива")
                 + " доступна только для чтения или у программы нет прав писать в неё. Книга "
                 "и шаблоны тут ни при чём, а документы, уже лежащие в архиве, не "
                 "испорчены. " + what, 503)


def database_down() -> Fault:
    return Fault("База данных центра не отвечает",
                 "Сервер не может связаться со своей базой данных (в ней учётные записи и "
                 "входы), поэтому страницу не открыть. Документы архивов не тронуты. "
                 "Сообщите администратору центра: ему нужно проверить, что сервер базы "
                 "данных запущен и доступен. Попробуйте снова через несколько минут.", 503)


def fault(error: BaseException | None, *, folder_only: bool = False) -> Fault | None:
    """The page for a failure of the machine, or None for anything else.

    ``folder_only``: a refused permission counts only when the folder refused it (a document
    open in Word on Windows is a PermissionError too, and has its own message).
    """
    from django.db import InterfaceError, OperationalError

    from ..archive.store import FolderError

    for cause in _chain(error):
        if isinstance(cause, (OperationalError, InterfaceError)):
            # SQLite says so when the disk under its file is full.
            return full_disk() if "full" in str(cause) else database_down()
    cause = os_error(error)
    if cause is None:
        return None
    if cause.errno in FULL:
        return full_disk()
    if cause.errno in READ_ONLY:
        return read_only()
    folder_refused = any(isinstance(e, FolderError) for e in _chain(error))
    if cause.errno in NO_RIGHTS and (folder_refused or not folder_only):
        return read_only()
    return None
