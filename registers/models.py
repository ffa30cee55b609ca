"""The annual declaration: each member of the workforce confirms, once a year, that everything
they must declare is declared."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords


class AnnualDeclaration(models.Model):
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="annual_declarations"
    )
    year = models.PositiveSmallIntegerField()
    nothing_further = models.BooleanField(
        default=True, help_text="Nothing further to declare beyond what is already declared."
    )
    comments = models.TextField(blank=True)
    declared_at = models.DateTimeField(default=timezone.now)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["person", "year"], name="one_annual_declaration_a_year")
        ]

    def __str__(self) -> str:
        return f"Annual declaration {self.year}"
