"""The confidential reporting line.

Anonymous by default: a ``LineReport`` holds what was reported, the day it arrived (never the
time) and a receipt code's lookup and slow hash - no user, no IP address, no user agent. With the
receipt code the reporter comes back to read the CCU's questions and answer them
(``LineMessage``, kept apart from the CCU's internal notes on the report). A reporter who chooses
to be **confidential, not anonymous** leaves their identity sealed (``SealedIdentity``), opened
only by the head of the CCU with a recorded reason (``IdentityOpening``).

Every row written while a reporter is at the line is dated to the day: the services set the
history rows' dates to midnight, and nothing here has a time of day.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class Anonymity(models.TextChoices):
    ANONYMOUS = "anonymous", "Anonymous: nobody, not even the CCU, can know who I am"
    CONFIDENTIAL = "confidential", "Confidential: the head of the CCU can find out who I am"


class LineReport(models.Model):
    report = models.OneToOneField(
        "ccu.IntelligenceReport", on_delete=models.PROTECT, related_name="line_report"
    )
    received_on = models.DateField()
    anonymity = models.CharField(max_length=20, choices=Anonymity.choices)
    account = models.TextField(help_text="What the reporter told the line, in their words.")
    # The receipt code is ``<lookup>-<secret>``: the lookup finds the row, the whole code is
    # checked against a slow, salted hash. The code itself is shown once and stored nowhere.
    lookup = models.CharField(max_length=8, unique=True)
    code_hash = models.CharField(max_length=200)

    history = HistoricalRecords(excluded_fields=["code_hash"])

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return f"Reporting line {self.received_on:%d %b %Y}"


class MessageDirection(models.TextChoices):
    TO_REPORTER = "to_reporter", "From the CCU"
    FROM_REPORTER = "from_reporter", "From the reporter"


class LineMessage(models.Model):
    """A message between the CCU and the reporter. Dated to the day, like the report."""

    line_report = models.ForeignKey(LineReport, on_delete=models.CASCADE, related_name="messages")
    direction = models.CharField(max_length=20, choices=MessageDirection.choices)
    text = models.TextField()
    sent_on = models.DateField()
    # Who in the CCU wrote it; empty for the reporter's messages.
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["sent_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_direction_display()} on {self.sent_on:%d %b %Y}"


class SealedIdentity(models.Model):
    """Who made a confidential (not anonymous) report. Nobody reads it but the head of the CCU,
    and only after recording why (``IdentityOpening``)."""

    line_report = models.OneToOneField(
        LineReport, on_delete=models.PROTECT, related_name="sealed_identity"
    )
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Sealed identity for {self.line_report}"


class IdentityOpening(models.Model):
    sealed = models.ForeignKey(SealedIdentity, on_delete=models.PROTECT, related_name="openings")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField()
    reason = models.TextField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"Opened {self.opened_at:%d %b %Y}"
