"""The records of the corridor exchanges (see ``standards.exchange.services``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from standards.exchange import registry


class CheckAnswer(models.TextChoices):
    NO_TRACE = "no_trace", "No trace"
    TRACE = "trace", "Trace: speak to the CCU before deciding"


class IntelligenceCheck(models.Model):
    """An intelligence check on a member of the workforce, asked of the Counter Corruption Unit
    (CCU) by the Professional Standards Department (PSD), for example before a business interest
    is decided.

    One of the two recorded crossings of the sterile corridor (DESIGN.md, rule 5). The request
    carries only a short purpose the asking service writes itself and the record it is asked for
    (by content type and id, so the exchange knows no area's models); what goes back to PSD is
    only the ``answer`` and when it was given. ``ccu_note`` and who in the CCU answered never
    leave the CCU, and the subject never learns a check was asked.
    """

    subject = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(max_length=200)
    # The record the check is asked for (a business interest, say). No reverse accessor anywhere:
    # nothing reached from the asking record may lead to its checks by accident; the asking area
    # reads the sanitised answer explicitly (``selectors.check_outcomes_for``).
    asked_for_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    asked_for_id = models.PositiveBigIntegerField()
    asked_for = GenericForeignKey("asked_for_type", "asked_for_id")
    asked_for_ref = models.CharField(
        max_length=30, help_text="The asking record's own reference, for example BI-00230."
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now, db_index=True)
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
            models.Index(
                fields=["answered_at", "requested_at"], name="exchange_check_answered_idx"
            ),
            # The asking side's reads: a record's checks in order, and its latest answer.
            models.Index(
                fields=["asked_for_type", "asked_for_id", "requested_at"],
                name="exchange_check_asked_for_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"Intelligence check {self.pk}"

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    @property
    def asked_for_details(self) -> list:
        """What the asking area shows the CCU about the record (``registry.CheckDetail`` rows)."""
        return registry.details_for(self)


class CheckListPurpose(models.TextChoices):
    PROMOTION = "promotion", "Promotion board"
    SENSITIVE_POSTING = "sensitive_posting", "Posting to a sensitive role"
    TRANSFEREES = "transferees", "Transferees from another force"
    VETTING = "vetting", "Vetting"
    OTHER = "other", "Other"


class CheckList(models.Model):
    """PSD's request for intelligence checks on a list of people at once (a promotion board, a
    posting to a sensitive role, transferees, vetting). Each person on it gets an
    ``IntelligenceCheck`` asked for the list; PSD sees only the answers and their dates."""

    title = models.CharField(max_length=150)
    purpose = models.CharField(max_length=20, choices=CheckListPurpose.choices)
    people = models.ManyToManyField("people.Person", related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(m2m_fields=[people])

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return self.reference

    @property
    def reference(self) -> str:
        return f"CL-{self.pk:05d}" if self.pk else "CL-new"


class SanitisedReferral(models.Model):
    """The CCU's sanitised referral to PSD (DESIGN.md corridor rule 5, the second crossing).

    It holds only the sanitised summary, the people it is about and the day it was sent; what it
    opened on the PSD side is referenced generically. Nothing here names a CCU report, operation,
    source or analyst: the CCU keeps its own link (``ccu.ReportReferral``) on its side.
    """

    summary = models.TextField()
    subjects = models.ManyToManyField("people.Person", related_name="+")
    sent_on = models.DateField()
    opened_type = models.ForeignKey(
        ContentType, on_delete=models.PROTECT, null=True, related_name="+"
    )
    opened_id = models.PositiveBigIntegerField(null=True)
    opened = GenericForeignKey("opened_type", "opened_id")

    history = HistoricalRecords(m2m_fields=[subjects])

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"Sanitised referral {self.pk}"
