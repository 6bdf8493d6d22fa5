"""Who may use the local page: whoever opened the address `rmo serve` printed.

The address carries a one-time token (the Jupyter way); the first request with it signs the
browser in with a session cookie and the token is spent, so that the address left in the
terminal or the browser history opens nothing for anyone else. Other local accounts and web
sites can reach 127.0.0.1 but know neither the token nor the cookie.
"""

from __future__ import annotations

import secrets
import threading

from django.conf import settings
from django.http import HttpResponseRedirect

SIGNED_IN = "rmo_signed_in"


class LocalAccess:
    """Middleware: sign-in by the token, then the session; every page works on RMO_ARCHIVE."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.spent = False
        self.guard = threading.Lock()

    def __call__(self, request):
        token = request.GET.get("token")
        if token is not None:
            return self.sign_in(request, token)
        if not request.session.get(SIGNED_IN):
            from .pages.common import refusal

            return refusal(request, "Нужно войти",
                           "Откройте страницу по адресу, который напечатала команда "
                           "«rmo serve» (он начинается с http://127.0.0.1 и содержит "
                           "«?token=»).", status=403)
        request.rmo_archive = settings.RMO_ARCHIVE
        return self.get_response(request)

    def sign_in(self, request, token: str):
        from .pages.common import refusal

        rest = request.GET.copy()
        del rest["token"]
        clean = request.path + (f"?{rest.urlencode()}" if rest else "")
        with self.guard:
            valid = secrets.compare_digest(token.encode(), settings.RMO_TOKEN.encode())
            if valid and not self.spent:
                self.spent = True
                request.session.cycle_key()
                request.session[SIGNED_IN] = True
                return HttpResponseRedirect(clean)
        if request.session.get(SIGNED_IN):
            # The same browser opening the printed address again: already signed in.
            return HttpResponseRedirect(clean)
        if valid:
            return refusal(request, "Адрес уже использован",
                           "Этот адрес с ключом входа действует один раз, и по нему уже "
                           "вошли. Запустите rmo serve снова (в его окне нажмите Ctrl+C, "
                           "затем ту же команду) и откройте адрес, который программа "
                           "напечатает.", status=403)
        return refusal(request, "Неверный адрес",
                       "В адресе неверный ключ входа. Откройте страницу по адресу, который "
                       "напечатала команда «rmo serve».", status=403)
