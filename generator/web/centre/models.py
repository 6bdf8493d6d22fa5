"""Who works at the centre: associations, people and their roles, failed sign-ins.

Accounts and password hashes are Django's own (django.contrib.auth.User); a Person adds the
role and the associations it covers.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Role(models.TextChoices):
    HEAD = "head", "руководитель"  # their own association: the pages of `rmo serve`
    METHODIST = "methodist", "методист"  # every association read-only; summary; people
    OFFICE = "office", "делопроизводитель"  # reads and downloads given associations' documents


class Association(models.Model):
    name = models.CharField("название", max_length=300, unique=True)
    # The archive folder's name inside the centre's «Объединения»; never changes once made.
    folder = models.CharField("папка", max_length=200, unique=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="person")
    role = models.CharField("роль", max_length=20, choices=Role.choices)
    associations = models.ManyToManyField(Association, blank=True, related_name="people")

    def __str__(self) -> str:
        return f"{self.user.username} ({self.get_role_display()})"


class FailedLogin(models.Model):
    """One failed sign-in: the login throttle counts these (a table, so that it holds across
    restarts and across the threads and processes of the server)."""

    login = models.CharField(max_length=150, db_index=True)
    address = models.CharField(max_length=64, db_index=True)
    at = models.DateTimeField(db_index=True)


class DueKind(models.TextChoices):
    """The documents the methodist sets a date for (generator.web.centre.deadlines says which
    kind of the register each is)."""

    PLAN = "plan", "план работы"
    PASSPORT = "passport", "паспорт"
    ANALYSIS = "analysis", "анализ работы"


class Deadline(models.Model):
    """The date by which every association hands in its document of a kind for a school year
    (one date for the district: the centre chases all associations at once)."""

    year = models.CharField("учебный год", max_length=9)  # «2025-2026», as the archive's folder
    kind = models.CharField("документ", max_length=20, choices=DueKind.choices)
    due = models.DateField("срок")

    class Meta:
        ordering = ["year", "kind"]
        constraints = [models.UniqueConstraint(fields=["year", "kind"],
                                               name="one_deadline_per_year_and_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.year}: {self.due:%d.%m.%Y}"
