"""Every address of the centre server: the pages of `rmo serve`, the account, the centre's own.

Which role may open which address is decided by name in generator.web.centre.access.
"""

from __future__ import annotations

from django.urls import path

from .. import urls as local
from . import account, pages

urlpatterns = [
    *local.urlpatterns,
    path("login/", account.Login.as_view(), name="login"),
    path("logout/", account.Logout.as_view(), name="logout"),
    path("password/", account.PasswordChange.as_view(), name="password"),
    path("password/done/", account.PasswordChanged.as_view(), name="password-done"),
    path("centre/", pages.home, name="centre"),
    path("centre/open/<int:association_id>/", pages.open_association, name="centre-open"),
    path("centre/status/", pages.status, name="status"),
    path("centre/status/deadlines/", pages.deadlines_save, name="deadlines"),
    path("centre/summary/", pages.summary, name="summary"),
    path("centre/summary.docx", pages.summary_docx, name="summary-docx"),
    path("centre/summary.xlsx", pages.summary_xlsx, name="summary-xlsx"),
    path("centre/records/", pages.records, name="records"),
    path("centre/records/record/", pages.record_docx, name="record-docx"),
    path("centre/associations/", pages.associations, name="associations"),
    path("centre/people/", pages.people_page, name="people"),
    path("centre/people/password/", pages.person_password, name="person-password"),
    path("centre/people/disable/", pages.person_disable, name="person-disable"),
    path("centre/people/enable/", pages.person_enable, name="person-enable"),
    path("centre/people/remove/", pages.person_remove, name="person-remove"),
]

handler400 = pages.bad_request
handler404 = local.handler404
handler500 = local.handler500
