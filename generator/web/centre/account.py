"""Signing in and out, the one form of a new password, and the throttle on password tries.

Django's auth forms and views do the work (hashed passwords, a new session key on sign-in,
other sessions ended on a password change); this module adds the throttle. Every password try
(sign-in or the current password on «Пароль») is first written as a row of models.FailedLogin
and only then counted: the row of the k-th try to be committed sees at least k rows, so however
many tries arrive at once, at most LIMIT of them reach the password (a count before the insert
let 16 parallel tries through). A try that passes removes the failures of its address; a try
refused by the throttle is removed too, as it checked no password.

Who waits: an address that has failed LIMIT times for a login; any address that has failed for
a login that has failed LIMIT times in all; an address with ADDRESS_LIMIT failures in all, for
the logins it has failed. An address that has not failed for a login is never made to wait, so
an attacker cannot lock the real person out from their own computer. The address is the
client's own: behind the proxy of the settings file (`proxy`) waitress puts the address the
proxy forwarded into REMOTE_ADDR, and ignores that header from anyone else.
A disabled account (generator.web.centre.people) signing in with its right password is told to
ask the methodist, not that the password is wrong.
"""

from __future__ import annotations

import datetime as dt
import math

from django.contrib.auth import password_validation
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, SetPasswordForm
from django.core.exceptions import ValidationError

from .models import FailedLogin

LIMIT = 5
ADDRESS_LIMIT = 30  # from one address: a whole school behind one router signs in from one
WINDOW = dt.timedelta(minutes=15)
LOGIN_LENGTH = 150  # Django's username column


def client_address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:64] if request is not None else ""


def minutes(left: dt.timedelta) -> str:
    number = max(1, math.ceil(left.total_seconds() / 60))
    if number % 10 == 1 and number % 100 != 11:
        word = "минуту"
    elif number % 10 in (2, 3, 4) and number % 100 not in (12, 13, 14):
        word = "минуты"
    else:
        word = "минут"
    return f"{number} {word}"


def disabled(login: str, password: str) -> bool:
    """Is this a disabled account and its right password? Django's backend refuses such a
    sign-in as a wrong password; the person who knows the password is told why instead."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.filter(username=login, is_active=False).first()
    return user is not None and bool(password) and user.check_password(password)


def _wait_error(left: dt.timedelta) -> ValidationError:
    return ValidationError(
        f"Слишком много неудачных попыток входа. Подождите {minutes(left)} и попробуйте "
        "снова; если забыли пароль, попросите методиста центра задать новый.",
        code="throttled")


def _left(rows, limit: int, now: dt.datetime) -> dt.timedelta | None:
    """Until the failures beyond the limit expire, when more than `limit` rows are counted
    (the own try among them); None when within it."""
    times = list(rows.order_by("-at").values_list("at", flat=True)[:limit + 1])
    return times[-1] + WINDOW - now if len(times) > limit else None


def begin(login: str, address: str) -> FailedLogin:
    """Record a password try, then count: the try, or a ValidationError saying how long to
    wait. Must run in autocommit (it does in a view): the insert is committed before the count.
    """
    now = dt.datetime.now()
    login = login.lower()[:LOGIN_LENGTH]
    attempt = FailedLogin.objects.create(login=login, address=address, at=now)
    FailedLogin.objects.filter(at__lt=now - WINDOW).delete()  # counted by no one any more
    recent = FailedLogin.objects.filter(at__gte=now - WINDOW)
    pair = recent.filter(login=login, address=address)
    if pair.count() > 1:  # this address has failed for this login: the limits apply
        waits = [w for w in (_left(pair, LIMIT, now), _left(recent.filter(login=login), LIMIT,
                                                            now),
                             _left(recent.filter(address=address), ADDRESS_LIMIT, now))
                 if w is not None]
        if waits:
            attempt.delete()  # refused before the password: not a try
            raise _wait_error(max(waits))
    return attempt


def passed(attempt: FailedLogin) -> None:
    """The password was right: this address's failures for the login are forgotten (not other
    addresses': the real person signing in does not reset an attacker's count)."""
    FailedLogin.objects.filter(login=attempt.login, address=attempt.address).delete()


class ThrottledForm(AuthenticationForm):
    """Django's sign-in form that counts each password try before checking it."""

    def clean(self):
        login = (self.cleaned_data.get("username") or "").strip()
        address = client_address(self.request)
        if len(login) > LOGIN_LENGTH:
            begin(login, address)  # counted against the address like any wrong try
            raise ValidationError(f"Логин длиннее {LOGIN_LENGTH} знаков: такого нет. Введите "
                                  "логин, который дал методист центра.", code="too_long")
        if not login or not self.cleaned_data.get("password"):
            return super().clean()  # an empty field: Django says so, no password is tried
        attempt = begin(login, address)
        try:
            super().clean()  # a wrong password raises: the try stays counted
        except ValidationError:
            if disabled(login, self.cleaned_data.get("password") or ""):
                raise ValidationError(
                    "Вход для этого логина отключён. Если вы снова работаете с центром, "
                    "попросите методиста центра включить вход.", code="inactive") from None
            raise
        passed(attempt)
        return self.cleaned_data


MISMATCH = "Пароль и повтор пароля не совпадают. Введите их ещё раз."


def unsuitable(error: ValidationError) -> str:
    """What the password validators of the settings said, in one sentence."""
    return "Пароль не подходит: " + " ".join(error.messages)


class NewPassword(SetPasswordForm):
    """A new password typed twice and checked by the validators of the settings: the one form
    of every new password — the own one («Пароль»), another person's set by the methodist and
    a new account's (generator.web.centre.people) — so all say the same."""

    error_messages = {**SetPasswordForm.error_messages, "password_mismatch": MISMATCH}

    def validate_password_for_user(self, user, password_field_name="new_password2"):
        password = self.cleaned_data.get(password_field_name)
        if password:
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error(password_field_name,
                               ValidationError(unsuitable(error), code="password_unsuitable"))

    def messages(self) -> list[str]:
        """Every refusal of the form, in the order of its fields."""
        return [message for messages in self.errors.values() for message in messages]


class ThrottledPasswordChange(PasswordChangeForm, NewPassword):
    """The own password's form: a new password as every form takes it; the current password
    is a password try like a sign-in's."""

    error_messages = {**PasswordChangeForm.error_messages, **NewPassword.error_messages}

    def __init__(self, user, *args, request=None, **kwargs):
        super().__init__(user, *args, **kwargs)
        self.request = request

    def clean_old_password(self):
        attempt = begin(self.user.get_username(), client_address(self.request))
        value = super().clean_old_password()
        passed(attempt)
        return value


class Login(auth_views.LoginView):
    template_name = "rmo/centre/login.html"
    authentication_form = ThrottledForm
    redirect_authenticated_user = True
    extra_context = {"title": "Вход"}


class Logout(auth_views.LogoutView):
    next_page = "/login/"


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "rmo/centre/password.html"
    form_class = ThrottledPasswordChange
    success_url = "/password/done/"
    extra_context = {"title": "Смена пароля"}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}


class PasswordChanged(auth_views.PasswordChangeDoneView):
    template_name = "rmo/centre/password_done.html"
    extra_context = {"title": "Пароль изменён"}
