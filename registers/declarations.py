"""The shared shape of every declaration the workforce makes about themselves (gifts and
hospitality, business interests, notifiable associations), and of every decision taken on one.

A declaration is never deleted: it is withdrawn, ended, refused or superseded, and its history
(django-simple-history) and its decisions keep every step with who, when and why.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class DeclarationQuerySet(models.QuerySet):
    def for_declarant(self, person_id: int):
        return self.filter(declarant_id=person_id)

    def review_overdue(self, today: dt.date):
        return self.filter(review_due__lt=today)

    def review_due_within(self, today: dt.date, days: int):
        return self.filter(review_due__gte=today, review_due__lte=today + dt.timedelta(days=days))


class Declaration(models.Model):
    """Declarant, status, submitted and reviewed, and the date the next review is due."""

    declarant = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="%(app_label)s_%(class)ss"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now, db_index=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_due = models.DateField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(inherit=True)
    objects = DeclarationQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["-submitted_at"]


class Decision(models.Model):
    """One decision on a declaration: a recommendation, a decision, an assessment or an appeal.

    Decisions are rows, never overwritten: a changed decision is a new row, and the earlier one
    stays in the timeline. The rationale is required (inspectors found decisions without one).
    """

    outcome = models.CharField(max_length=40)
    rationale = models.TextField()
    conditions = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(default=timezone.now)

    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True
        ordering = ["decided_at", "pk"]
