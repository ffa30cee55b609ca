"""Watchlists and their alerts: CCU only. The person watched, and everyone outside the CCU, never
learn of it: no notice, e-mail, count or page outside the CCU mentions an entry or an alert."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class WatchlistEntry(models.Model):
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    reason = models.TextField()
    review_on = models.DateField()
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_on = models.DateField(default=timezone.localdate)
    removed_on = models.DateField(null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    removal_reason = models.TextField(blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["review_on", "pk"]
        verbose_name_plural = "watchlist entries"
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=models.Q(removed_on__isnull=True),
                name="ccu_watch_one_live_entry",
            )
        ]

    def __str__(self) -> str:
        return f"Watchlist entry {self.pk}"

    @property
    def is_live(self) -> bool:
        return self.removed_on is None


class AlertKind(models.TextChoices):
    INTELLIGENCE = "intelligence", "Intelligence"
    COMPLAINT = "complaint", "Complaint"
    CONDUCT = "conduct", "Conduct matter"
    GIFT = "gift", "Gift or hospitality"
    INTEREST = "interest", "Business interest"
    ASSOCIATION = "association", "Notifiable association"
    CROSSCHECK = "crosscheck", "Cross-check finding"


class WatchAlert(models.Model):
    """Something new about a watched person. ``record_type``/``record_id`` name the record in
    its own area (which decides, through its own rules, who may open it); an intelligence alert
    also names its report, so an analyst sees it only when they may see the report."""

    entry = models.ForeignKey(WatchlistEntry, on_delete=models.CASCADE, related_name="alerts")
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    summary = models.CharField(max_length=200)
    record_label = models.CharField(max_length=60)
    record_id = models.PositiveBigIntegerField()
    record_ref = models.CharField(max_length=30)
    report = models.ForeignKey(
        "ccu.IntelligenceReport", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    raised_at = models.DateTimeField(default=timezone.now)
    seen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seen_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-raised_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "record_label", "record_id", "kind"], name="ccu_alert_once"
            )
        ]

    def __str__(self) -> str:
        return self.summary
