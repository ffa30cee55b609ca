"""Counter Corruption Unit (CCU) material. All of it sits behind the sterile corridor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords


class OperationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


# Every tag of an operation's status says its choices' label in this colour.
STATUS_COLOURS = {OperationStatus.OPEN: "blue", OperationStatus.CLOSED: "grey"}


class Operation(models.Model):
    """A CCU operation: the compartment that intelligence, nominals and actions sit in.

    An analyst sees an operation's material only when granted access to it (a guardian object
    permission, to them or to their team's group); the head of the CCU sees every operation.
    """

    code_name = models.CharField(
        max_length=60, unique=True, help_text="For example Operation KESTREL."
    )
    purpose = models.TextField(help_text="What the operation is for. Never leaves the CCU.")
    status = models.CharField(
        max_length=10, choices=OperationStatus.choices, default=OperationStatus.OPEN
    )
    opened_on = models.DateField()
    closed_on = models.DateField(null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    subjects = models.ManyToManyField(
        "people.Person",
        blank=True,
        related_name="+",
        help_text="Members of the workforce the operation is about.",
    )

    history = HistoricalRecords(m2m_fields=[subjects])

    class Meta:
        ordering = ["-opened_on", "code_name"]
        permissions = [("work_operation", "Work on the operation's material")]
        indexes = [
            # The operations list's order: the head's first page is an index scan.
            models.Index(fields=["-opened_on", "code_name"], name="ccu_operation_listing_idx")
        ]

    def __str__(self) -> str:
        return self.code_name

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[OperationStatus(self.status)]

    @property
    def is_closed(self) -> bool:
        return self.status == OperationStatus.CLOSED


class OperationUserObjectPermission(UserObjectPermissionBase):
    """Need-to-know on one operation, granted to one analyst (guardian, direct foreign key)."""

    content_object = models.ForeignKey(Operation, on_delete=models.CASCADE)

    history = HistoricalRecords()


class OperationGroupObjectPermission(GroupObjectPermissionBase):
    """Need-to-know on one operation, granted to a CCU team (a group)."""

    content_object = models.ForeignKey(Operation, on_delete=models.CASCADE)

    history = HistoricalRecords()
