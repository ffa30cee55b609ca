"""User accounts. A login belongs to at most one person in the staff directory."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A login. Roles are Django groups (see ``standards.access.roles``)."""

    person = models.OneToOneField(
        "people.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="user",
        help_text="The staff-directory record of the person who holds this login.",
    )

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.person_id:
            return self.person.display_name
        full = self.get_full_name()
        return full or self.username
