"""Who may use the local page: whoever opened the address `rmo serve` printed.

The address carries the archive's sign-in key (the Jupyter way), kept in its service folder
for as long as the archive exists: any browser of this computer may open it, any number of
times, and the address stays the same after a restart. Opening it signs the browser in with
a session cookie signed by the archive's secret key, so a restart keeps the tabs open too.
Other local accounts and web sites can reach 127.0.0.1 but know neither the key nor the
cookie. The stylesheet and script are public, so that the sign-in page is styled.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect

SIGNED_IN = "rmo_signed_in"
PUBLIC = re.compile(r"^/(?:static/rmo/[a-z]+\.(?:css|js)|rmo/whoami)$")


def proof(key: str, nonce: str) -> str:
    """What a server holding this sign-in key answers to a nonce: proves it holds the key
    without telling it (server.listen asks, to find this archive's page already running)."""
    return hmac.new(key.encode(), nonce.encode(), hashlib.sha256).hexdigest()


def whoami(request) -> HttpResponse:
    nonce = request.GET.get("nonce", "")
    key = getattr(settings, "RMO_TOKEN", "")
    if not key or not 16 <= len(nonce) <= 64:
        raise Http404
    return HttpResponse(proof(key, nonce), content_type="text/plain; charset=ascii")


def key_of(value: str) -> str:
    """The key in what a person pasted: the whole printed line, the address or the key."""
    return value.rsplit("token=", 1)[-1].split("&", 1)[0].strip()


class LocalAccess:
    """Middleware: sign-in by the key, then the session; every page works on RMO_ARCHIVE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .pages.common import sign_in_needed, too_big

        if PUBLIC.match(request.path):
            return self.get_response(request)
        token = request.GET.get("token")
        if token is not None:
            return self.sign_in(request, token)
        if not request.session.get(SIGNED_IN):
            return sign_in_needed(request)
        request.rmo_archive = settings.RMO_ARCHIVE
        # Before the form check reads the body: a body over the limit reaches Django empty
        # (web.bodies), and the page says why, with the menu, instead of «форма устарела».
        refusal = too_big(request)
        return refusal or self.get_response(request)

    def sign_in(self, request, token: str):
        from .pages.common import sign_in_needed

        rest = request.GET.copy()
        del rest["token"]
        clean = request.path + (f"?{rest.urlencode()}" if rest else "")
        if secrets.compare_digest(key_of(token).encode(), settings.RMO_TOKEN.encode()):
            if not request.session.get(SIGNED_IN):
                request.session.cycle_key()
                request.session[SIGNED_IN] = True
            return HttpResponseRedirect(clean)
        if request.session.get(SIGNED_IN):
            # An old address from the history of a browser that is signed in anyway.
            return HttpResponseRedirect(clean)
        return sign_in_needed(request, wrong=True)
