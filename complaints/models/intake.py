"""A complaint as it arrived, online or recorded by staff, before anyone opens it as a case."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from complaints.models.reference import USER


class Channel(models.TextChoices):
    ONLINE = "online", "Online form"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "E-mail"
    IN_PERSON = "in_person", "In person"
    POLICING_BODY = "policing_body", "Via the local policing body"
    INTERNAL = "internal", "Internal report"
    CCU_REFERRAL = "ccu_referral", "CCU sanitised referral"
    FROM_COMPLAINT = "from_complaint", "Arising from a complaint"
    DSI = "dsi", "Death or serious injury"


PUBLIC_CHANNELS = (
    Channel.ONLINE,
    Channel.PHONE,
    Channel.LETTER,
    Channel.EMAIL,
    Channel.IN_PERSON,
    Channel.POLICING_BODY,
)


class ContactPreference(models.TextChoices):
    EMAIL = "email", "E-mail"
    PHONE = "phone", "Phone"
    LETTER = "letter", "Letter"


class IntakeStatus(models.TextChoices):
    NEW = "new", "New"
    OPENED = "opened", "Opened as a case"
    ADDED = "added", "Added to a case as an update"


class Intake(models.Model):
    """A complaint as it arrived (online, or recorded by staff), waiting in the intake queue.

    A caseworker opens it as a new case or adds it to an open case as an update, so a duplicate or
    a follow-up is never counted as a new complaint. The complainant's reference is this row's.
    """

    reference = models.CharField(max_length=20, unique=True)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    received_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=40, blank=True)
    address = models.TextField(blank=True)
    postcode = models.CharField(max_length=10, blank=True)
    contact_preference = models.CharField(
        max_length=10, choices=ContactPreference.choices, default=ContactPreference.EMAIL
    )
    adjustments = models.TextField(blank=True)
    incident_date = models.DateField(null=True, blank=True)
    incident_place = models.CharField(max_length=200, blank=True)
    officers_named = models.TextField(blank=True)
    what_happened = models.TextField()
    outcome_wanted = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=IntakeStatus.choices, default=IntakeStatus.NEW, db_index=True
    )
    case = models.ForeignKey(
        "Case", null=True, blank=True, on_delete=models.PROTECT, related_name="intakes"
    )
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["received_at", "pk"]
        indexes = [models.Index(fields=["status", "received_at"])]

    def __str__(self) -> str:
        return self.reference
