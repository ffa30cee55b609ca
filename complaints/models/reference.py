"""Reference data held as data: the IOPC categories, the Standards of Professional Behaviour,
the mandatory referral criteria and the letter templates."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

USER = settings.AUTH_USER_MODEL


class AllegationCategory(models.Model):
    """An IOPC allegation category (2020 data guidance): 11 groups, each with subcategories."""

    group = models.CharField(max_length=120)
    name = models.CharField(max_length=160)
    code = models.CharField(max_length=12, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "code"]
        verbose_name_plural = "allegation categories"

    def __str__(self) -> str:
        return f"{self.group}: {self.name}"


class ProfessionalStandard(models.Model):
    """One of the Standards of Professional Behaviour (Conduct Regulations 2020, Schedule 2)."""

    name = models.CharField(max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]

    def __str__(self) -> str:
        return self.name


class ReferralCriterion(models.Model):
    """A mandatory referral criterion (reg 4): any one met means the matter goes to the IOPC."""

    code = models.CharField(max_length=40, unique=True)
    question = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order"]
        verbose_name_plural = "referral criteria"

    def __str__(self) -> str:
        return self.question


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", "Acknowledgement"
    HANDLING = "handling", "Handling decision"
    OUTCOME = "outcome", "Outcome"
    REVIEW_OUTCOME = "review_outcome", "Review outcome"


class LetterTemplate(models.Model):
    """A letter's wording, held as data so PSD can change it without a release.

    ``body`` uses ``{{ field }}`` placeholders from a fixed list (``complaints.letters``); an
    outcome template must contain the right-of-review placeholder or it cannot be saved.
    """

    kind = models.CharField(max_length=20, choices=LetterKind.choices)
    name = models.CharField(max_length=120)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    active = models.BooleanField(default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name
