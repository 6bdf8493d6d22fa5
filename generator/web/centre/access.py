"""Who may open what on the centre server, decided in one place for every address.

Each address is known by its URL name. A head opens the pages of `rmo serve`, always over their
own association's archive: no address names an association, so none can reach another's
(ids, file names and `../` all resolve inside the own folder or nowhere). The methodist and the
office staff pick an association on the centre's page (kept in the session, checked on every
request) and may open only the names listed for their role. Everything else is a 404, the same
page as for an address that does not exist, so that nothing tells what exists elsewhere.
A new address is closed to every role but the head's until it is listed here.
"""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponseRedirect
from django.urls import Resolver404, resolve

from .. import menu
from .. import urls as local_urls
from .models import Association, Role

SELECTED = "rmo_association"  # session key: the association the methodist or office chose
PUBLIC = frozenset({"login"})
ACCOUNT = frozenset({"logout", "password", "password-done"})
# an association's archive, read-only
READ = frozenset({"archive", "archive-year", "archive-year-zip", "file"})
# the pages of rmo serve, but its answer to a second `rmo serve` of the same folder
LOCAL = frozenset(p.name for p in local_urls.urlpatterns if p.name) - {"whoami"}
# Each role opens the sections of its menu (generator.web.menu) and the addresses behind them.
ALLOWED = {
    Role.HEAD: LOCAL | ACCOUNT | menu.names(menu.HEAD),
    # «Справка за годы»: of one association from its archive page, or of a teacher of
    # several associations in one record («records», «record-docx»).
    Role.METHODIST: READ | ACCOUNT | menu.names(menu.METHODIST) | {
        "centre-open", "deadlines", "summary-docx", "summary-xlsx", "associations",
        "person-password", "person-disable", "person-enable", "person-remove", "archive-record",
        "record-docx"},
    Role.OFFICE: READ | ACCOUNT | menu.names(menu.OFFICE) | {"centre-open"},
}


def may_open(role: Role, name: str) -> bool:
    return name in ALLOWED.get(role, frozenset())


def permitted(person, association: Association) -> bool:
    """May this person read this association's archive?"""
    if person.role == Role.METHODIST:
        return True
    return person.associations.filter(pk=association.pk).exists()


class CentreAccess:
    """Middleware: sign-in required; the role's addresses only; the archive per request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .people import archive_folder

        request.rmo_archive = None
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.get_response(request)  # Django's 404 page, for everyone alike
        name = match.url_name
        if request.path_info.startswith("/static/") or name in PUBLIC:
            return self.get_response(request)
        user = request.user
        if not user.is_authenticated:
            return HttpResponseRedirect(f"/login/?next={quote(request.get_full_path())}")
        person = getattr(user, "person", None)
        if person is None:  # an account made outside rmo (createsuperuser): no role
            raise Http404
        request.rmo_person = person
        # The pages offer only what the role may open (the archive page's record forms).
        request.rmo_may_open = lambda other: may_open(person.role, other)
        if name == "book" and person.role != Role.HEAD:
            return HttpResponseRedirect("/centre/")
        if not may_open(person.role, name):
            raise Http404
        association = self.association(request, person)
        if name in LOCAL and association is None:
            if person.role == Role.HEAD:
                raise Http404  # a head without an association: the methodist sets it
            return HttpResponseRedirect("/centre/")
        if association is not None:
            request.rmo_association = association
            request.rmo_archive = archive_folder(association)
            request.rmo_archive.mkdir(parents=True, exist_ok=True)
        from ..pages.common import too_big

        refusal = too_big(request)  # before the form check reads a body that was dropped
        if refusal is not None:
            return refusal
        return self.get_response(request)

    @staticmethod
    def association(request, person) -> Association | None:
        if person.role == Role.HEAD:
            return person.associations.first()
        chosen = request.session.get(SELECTED)
        if chosen is None:
            return None
        association = Association.objects.filter(pk=chosen).first()
        if association is None or not permitted(person, association):
            request.session.pop(SELECTED, None)
            return None
        return association
