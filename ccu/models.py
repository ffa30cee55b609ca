"""Counter Corruption Unit (CCU) material. All of it sits behind the sterile corridor."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase
from simple_history.models import HistoricalRecords


class OperationStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


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


class OperationUserObjectPermission(UserObjectPermissionBase):
    """Need-to-know on one operation, granted to one analyst (guardian, direct foreign key)."""

    content_object = models.ForeignKey(Operation, on_delete=models.CASCADE)

    history = HistoricalRecords()


class OperationGroupObjectPermission(GroupObjectPermissionBase):
    """Need-to-know on one operation, granted to a CCU team (a group)."""

    content_object = models.ForeignKey(Operation, on_delete=models.CASCADE)

    history = HistoricalRecords()


class CheckAnswer(models.TextChoices):
    NO_TRACE = "no_trace", "No trace"
    TRACE = "trace", "Trace: speak to the CCU before deciding"


class IntelligenceCheck(models.Model):
    """An intelligence check on a member of the workforce, asked for by the Professional
    Standards Department (PSD), for example before a business interest is decided.

    One of the two recorded crossings of the sterile corridor (DESIGN.md, rule 5). The request
    carries only a short purpose the service writes itself; what goes back to PSD is only the
    ``answer`` and when it was given. ``ccu_note`` and who in the CCU answered never leave the
    CCU, and the subject never learns a check was asked.
    """

    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=200)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
    # No reverse accessor ("+"): nothing reached from a business interest may lead to its checks
    # by accident; the interests selectors ask for the sanitised answer explicitly.
    business_interest = models.ForeignKey(
        "interests.BusinessInterest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answer = models.CharField(max_length=20, choices=CheckAnswer.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    ccu_note = models.TextField(
        blank=True, help_text="For the CCU only. Never shown outside the CCU."
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["answered_at", "requested_at"]),
            models.Index(fields=["business_interest", "requested_at"]),
        ]

    def __str__(self) -> str:
        return f"Intelligence check {self.pk}"

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)
