"""The CCU's reference lists, held as data: the national corruption categories (HMICFRS), installed
by a data migration from ``ccu.defaults``."""

from __future__ import annotations

from django.db import models
from simple_history.models import HistoricalRecords


class CorruptionCategory(models.Model):
    """One of the national corruption categories every report is recorded against."""

    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=120)
    order = models.PositiveSmallIntegerField(default=0)
    # Seed 001's strategic priorities: shown first, and weighted so in the demo.
    priority = models.PositiveSmallIntegerField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "name"]
        verbose_name_plural = "corruption categories"

    def __str__(self) -> str:
        return self.name
