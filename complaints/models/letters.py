"""Letters issued from a case, and reviews of a complaint's outcome (reg 29)."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords

from complaints.models.case import Case, Complainant
from complaints.models.intake import ContactPreference
from complaints.models.reference import USER, LetterKind, LetterTemplate


class ReviewBody(models.TextChoices):
    LOCAL_POLICING_BODY = "lpb", "The local policing body"
    IOPC = "iopc", "The IOPC"


class Letter(models.Model):
    """A letter issued from the case, as issued: its wording is frozen when it is sent."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="letters")
    complainant = models.ForeignKey(
        Complainant, null=True, blank=True, on_delete=models.PROTECT, related_name="letters"
    )
    template = models.ForeignKey(LetterTemplate, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    subject_line = models.CharField(max_length=200)
    body = models.TextField()
    sent_by_method = models.CharField(max_length=10, choices=ContactPreference.choices)
    review_body = models.CharField(max_length=5, choices=ReviewBody.choices, blank=True)
    review_last_day = models.DateField(null=True, blank=True)
    issued_on = models.DateField()
    issued_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["issued_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} letter, {self.issued_on:%d %B %Y}"


class ReviewResult(models.TextChoices):
    UNDECIDED = "", "Not decided"
    UPHELD = "upheld", "Upheld: the outcome was not reasonable and proportionate"
    NOT_UPHELD = "not_upheld", "Not upheld: the outcome was reasonable and proportionate"


class Review(models.Model):
    """An application for a review (reg 29), within 28 days starting the day after the outcome
    letter. A late one is recorded and flagged, never refused silently."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    outcome_letter = models.ForeignKey(
        Letter, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    body = models.CharField(max_length=5, choices=ReviewBody.choices, db_index=True)
    applied_on = models.DateField()
    late = models.BooleanField(default=False)
    late_reason = models.TextField(
        blank=True, help_text="For a late application: the complainant's explanation."
    )
    grounds = models.TextField(blank=True)
    result = models.CharField(max_length=12, choices=ReviewResult.choices, blank=True)
    recommendation = models.TextField(blank=True)
    rationale = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    decided_by = models.ForeignKey(
        USER, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")

    history = HistoricalRecords()

    class Meta:
        ordering = ["applied_on", "pk"]
        indexes = [models.Index(fields=["body", "decided_on"])]

    def __str__(self) -> str:
        return f"Review by {self.get_body_display()}"

    @property
    def is_open(self) -> bool:
        return self.decided_on is None
