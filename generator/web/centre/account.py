"""Signing in and out, the own password, and the throttle on failed sign-ins.

Django's auth forms and views do the work (hashed passwords, a new session key on sign-in,
other sessions ended on a password change); this module adds the throttle: after LIMIT failed
sign-ins for one login (or ADDRESS_LIMIT from one address) within WINDOW, further attempts wait
with a Russian message. The failures are rows of a table (models.FailedLogin), so the throttle
holds across restarts and across several server processes; no extra dependency is needed.
A disabled account (generator.web.centre.people) signing in with its right password is told to
ask the methodist, not that the password is wrong.
"""

from __future__ import annotations

import datetime as dt
import math

from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from .models import FailedLogin

LIMIT = 5
ADDRESS_LIMIT = 30  # from one address: a whole school behind one router signs in from one
WINDOW = dt.timedelta(minutes=15)


def _address(request) -> str:
    return (request.META.get("REMOTE_ADDR") or "")[:64]


def wait_left(login: str, address: str, now: dt.datetime | None = None) -> dt.timedelta | None:
    """How long this login (or address) must wait, or None when it may try."""
    now = now or dt.datetime.now()
    since = now - WINDOW
    recent = FailedLogin.objects.filter(at__gte=since)
    for rows, limit in ((recent.filter(login=login.lower()), LIMIT),
                        (recent.filter(address=address), ADDRESS_LIMIT)):
        times = list(rows.order_by("-at").values_list("at", flat=True)[:limit])
        if len(times) >= limit:
            return times[-1] + WINDOW - now  # until the oldest counted failure expires
    return None


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


class ThrottledForm(AuthenticationForm):
    """Django's sign-in form that refuses to check a password while the login must wait."""

    def clean(self):
        login = (self.cleaned_data.get("username") or "").strip()
        address = _address(self.request) if self.request else ""
        left = wait_left(login, address)
        if left is not None:
            raise ValidationError(
                f"Слишком много неудачных попыток входа. Подождите {minutes(left)} и "
                "попробуйте снова; если забыли пароль, попросите методиста центра задать "
                "новый.", code="throttled")
        try:
            return super().clean()
        except ValidationError:
            FailedLogin.objects.create(login=login.lower(), address=address,
                                       at=dt.datetime.now())
            if disabled(login, self.cleaned_data.get("password") or ""):
                raise ValidationError(
                    "Вход для этого логина отключён. Если вы снова работаете с центром, "
                    "попросите методиста центра включить вход.", code="inactive") from None
            raise

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        FailedLogin.objects.filter(login=user.username.lower()).delete()


class Login(auth_views.LoginView):
    template_name = "rmo/centre/login.html"
    authentication_form = ThrottledForm
    redirect_authenticated_user = True
    extra_context = {"title": "Вход"}


class Logout(auth_views.LogoutView):
    next_page = "/login/"


class PasswordChange(auth_views.PasswordChangeView):
    template_name = "rmo/centre/password.html"
    success_url = "/password/done/"
    extra_context = {"title": "Смена пароля"}


class PasswordChanged(auth_views.PasswordChangeDoneView):
    template_name = "rmo/centre/password_done.html"
    extra_context = {"title": "Пароль изменён"}
