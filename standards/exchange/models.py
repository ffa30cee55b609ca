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
