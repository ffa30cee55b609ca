"""The integrity board's own records: the HMICFRS recommendations it tracks, and the national and
similar-force figures it compares the force's with. The board's figures themselves are not
stored: they are counted afresh from the areas' records (``standards.board.figures``).

**The tracker.** An inspection (HMICFRS or its predecessor HMIC) publishes recommendations and
areas for improvement; each is worked by the force to "complete" through a dated log of updates
with evidence, and broken into actions with owners and due dates. The police and crime
commissioner publishes a response within 56 days of the report's publication (Police Act 1996
s.55). The board reads the % complete by actions, as the force's reports to the PCC do ("16
actions, 50% complete").
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from standards.people.models import Person

PCC_RESPONSE_DAYS = 56  # Police Act 1996 s.55(5): the PCC's comments within 56 days


class Inspectorate(models.TextChoices):
    HMICFRS = "HMICFRS", "HMICFRS"
    HMIC = "HMIC", "HMIC (before 2017)"
    IOPC = "IOPC", "IOPC"
    OTHER = "other", "Other"


class InspectionKind(models.TextChoices):
    PEEL = "peel", "PEEL inspection"
    THEMATIC = "thematic", "National thematic inspection"
    FORCE = "force", "Force inspection"
    REVISIT = "revisit", "Revisit"
    OTHER = "other", "Other"


class Inspection(models.Model):
    reference = models.CharField(max_length=20, unique=True, blank=True)  # INS-0001, on create
    title = models.CharField(max_length=300)
    inspectorate = models.CharField(
        max_length=10, choices=Inspectorate.choices, default=Inspectorate.HMICFRS
    )
    kind = models.CharField(max_length=10, choices=InspectionKind.choices)
    published_on = models.DateField()
    url = models.URLField(blank=True, help_text="Where the report is published.")
    summary = models.TextField(blank=True)
    # The PCC's response (s.55): due PCC_RESPONSE_DAYS after publication.
    pcc_response_published_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-published_on", "title"]

    def __str__(self) -> str:
        return f"{self.reference}: {self.title}"

    @property
    def pcc_response_due(self) -> dt.date:
        return self.published_on + dt.timedelta(days=PCC_RESPONSE_DAYS)


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", "Recommendation"
    AFI = "afi", "Area for improvement"
    CAUSE_OF_CONCERN = "concern", "Cause of concern"


class RecommendationStatus(models.TextChoices):
    AWAITING_REVIEW = "awaiting", "Awaiting review"
    BEING_PROGRESSED = "progressing", "Being progressed"
    COMPLETE = "complete", "Complete"


class Recommendation(models.Model):
    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="recommendations"
    )
    kind = models.CharField(max_length=15, choices=RecommendationKind.choices)
    number = models.CharField(max_length=20, help_text="As the report numbers it: 1, 2a, AFI 3.")
    text = models.TextField()
    status = models.CharField(
        max_length=15,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.AWAITING_REVIEW,
    )
    owner = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveIntegerField(default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["inspection", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["inspection", "kind", "number"], name="board_recommendation_number"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


class RecommendationUpdate(models.Model):
    """One dated entry in a recommendation's log: what was done, the evidence, and the status it
    left the recommendation in. Append-only: a correction is a later entry."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="updates"
    )
    on = models.DateField()
    status = models.CharField(max_length=15, choices=RecommendationStatus.choices)
    comment = models.TextField()
    evidence = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.recommendation} update of {self.on}"


class TrackerAction(models.Model):
    """A piece of work towards a recommendation, with an owner and a due date."""

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    owner = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    completed_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["recommendation", "due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.recommendation} action due {self.due_on}"


class ReferenceScope(models.TextChoices):
    NATIONAL = "national", "England and Wales"
    SIMILAR = "similar", "Most similar forces"


class ReferenceFigure(models.Model):
    """A figure the IOPC or the Home Office publishes for a period (the national average, or the
    force's most similar group), entered or imported by PSD, shown beside the force's own
    figure with the same ``measure_key`` for exactly that period."""

    measure_key = models.CharField(max_length=80)
    scope = models.CharField(max_length=10, choices=ReferenceScope.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    value = models.DecimalField(max_digits=14, decimal_places=2)
    source = models.CharField(max_length=300, help_text="The publication it comes from.")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["measure_key", "scope", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["measure_key", "scope", "period_start", "period_end"],
                name="board_reference_figure_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="board_reference_figure_period",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.measure_key} ({self.get_scope_display()}) {self.period_start}"
