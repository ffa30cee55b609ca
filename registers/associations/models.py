"""Notifiable associations: people a member of the workforce knows who could put them, or the
force, in a difficult position. Declared by the member; assessed only by the Counter Corruption
Unit (CCU).

The whole register is CCU material inside the sterile corridor (DESIGN.md): outside the CCU only
the declarant sees their own declaration, and then only their own answers, the advice and
conditions given and the next review date. The risk rating and its rationale live on
``AssociationAssessment`` rows, never on the declaration, so nothing the declarant's pages load can
carry them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from registers.declarations import Decision, Declaration, DeclarationQuerySet


class AssociationStatus(models.TextChoices):
    AWAITING_ASSESSMENT = "awaiting_assessment", "Awaiting assessment"
    LIVE = "live", "Live"
    ENDED = "ended", "Ended"


class Relationship(models.TextChoices):
    FAMILY = "family", "Family member"
    PARTNER = "partner", "Partner"
    EX_PARTNER = "ex_partner", "Ex-partner"
    FRIEND = "friend", "Friend"
    NEIGHBOUR = "neighbour", "Neighbour"
    BUSINESS = "business", "Business contact"
    OTHER = "other", "Other"


class ConcernCategory(models.TextChoices):
    CRIMINALITY = "criminality", "Involved in criminality"
    UNDER_INVESTIGATION = "under_investigation", "Under investigation"
    ORGANISED_CRIME = "organised_crime", "Organised crime group member"
    EXTREMIST = "extremist", "Extremist group"
    PRIVATE_INVESTIGATOR = "private_investigator", "Private investigator"
    MEDIA = "media", "Journalist or media"
    SEX_WORKER = "sex_worker", "Sex worker"
    VULNERABLE = "vulnerable", "Vulnerable person met through work"
    OTHER = "other", "Other"


class ContactFrequency(models.TextChoices):
    DAILY = "daily", "Daily"
    WEEKLY = "weekly", "Weekly"
    MONTHLY = "monthly", "Monthly"
    OCCASIONALLY = "occasionally", "Occasionally"
    NO_LONGER = "no_longer", "No longer in contact"


class Risk(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"


# One vocabulary: every tag, filter and timeline line says a risk or a status with its choices
# label and, on a tag, this colour. An association not yet assessed has no risk.
NOT_ASSESSED = "Not yet assessed"
RISK_COLOURS = {Risk.LOW: "green", Risk.MEDIUM: "orange", Risk.HIGH: "red"}
STATUS_COLOURS = {
    AssociationStatus.AWAITING_ASSESSMENT: "yellow",
    AssociationStatus.LIVE: "blue",
    AssociationStatus.ENDED: "grey",
}


@dataclass(frozen=True)
class Tag:
    """A GOV.UK tag: its words and colour (registers/associations/includes/tag.html)."""

    label: str
    colour: str


def risk_tag(risk: str | None) -> Tag:
    if not risk:
        return Tag(NOT_ASSESSED, "grey")
    return Tag(Risk(risk).label, RISK_COLOURS[Risk(risk)])


def status_tag(status: str) -> Tag:
    return Tag(AssociationStatus(status).label, STATUS_COLOURS[AssociationStatus(status)])


class NotifiableAssociationQuerySet(DeclarationQuerySet):
    def awaiting_assessment(self):
        return self.filter(status=AssociationStatus.AWAITING_ASSESSMENT)

    def live(self):
        return self.filter(status=AssociationStatus.LIVE)

    def changed_since_assessment(self):
        """Live associations the member has changed since the CCU last assessed them."""
        return self.live().filter(declarant_changed_at__gt=F("reviewed_at"))


class NotifiableAssociation(Declaration):
    """A notifiable association (NA) declared by a member of the workforce."""

    associate_name = models.CharField(max_length=200)
    associate_date_of_birth = models.DateField(null=True, blank=True)
    associate_address = models.TextField(blank=True)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    category_of_concern = models.CharField(max_length=30, choices=ConcernCategory.choices)
    contact_frequency = models.CharField(max_length=20, choices=ContactFrequency.choices)
    known_since = models.DateField()
    circumstances = models.TextField()
    status = models.CharField(
        max_length=30,
        choices=AssociationStatus.choices,
        default=AssociationStatus.AWAITING_ASSESSMENT,
        db_index=True,
    )
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)
    # When the member last changed their answers. A change after the last assessment puts a live
    # association back in front of the CCU (the "changed since assessment" queue).
    declarant_changed_at = models.DateTimeField(null=True, blank=True)

    objects = NotifiableAssociationQuerySet.as_manager()

    class Meta(Declaration.Meta):
        verbose_name = "notifiable association"
        indexes = [models.Index(fields=["status", "review_due"])]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status=AssociationStatus.ENDED) | Q(ended_on__isnull=False),
                name="association_ended_has_a_date",
            )
        ]

    def __str__(self) -> str:
        # Never the associate's or the declarant's name: str() ends up in logs and messages.
        return f"Notifiable association {self.pk}"

    @property
    def is_ended(self) -> bool:
        return self.status == AssociationStatus.ENDED

    @property
    def status_tag(self) -> Tag:
        return status_tag(self.status)

    @property
    def current_risk_tag(self) -> Tag:
        """The risk of the latest assessment (``current_risk``, annotated by the lists)."""
        return risk_tag(getattr(self, "current_risk", None))

    @property
    def days_waiting(self) -> int:
        return (timezone.now() - self.submitted_at).days

    @property
    def days_since_changed(self) -> int | None:
        """Days since the member last changed their answers (the "changed" queue's wait)."""
        if self.declarant_changed_at is None:
            return None
        return (timezone.now() - self.declarant_changed_at).days

    def review_overdue_on(self, today: dt.date) -> bool:
        return self.status == AssociationStatus.LIVE and bool(
            self.review_due and self.review_due < today
        )


class AssociationAssessment(Decision):
    """The CCU's assessment of one association: a risk rating with its rationale (CCU only), the
    advice and any conditions given to the member, and when it is next reviewed.

    A reassessment is a new row; the earlier ones stay in the CCU's timeline.
    """

    association = models.ForeignKey(
        NotifiableAssociation, on_delete=models.PROTECT, related_name="assessments"
    )
    # The Decision's outcome is, for an association, the risk rating.
    outcome = models.CharField("risk", max_length=40, choices=Risk.choices)
    advice = models.TextField()
    next_review_on = models.DateField()

    class Meta(Decision.Meta):
        verbose_name = "notifiable association assessment"
        indexes = [models.Index(fields=["association", "decided_at"])]

    def __str__(self) -> str:
        return f"Assessment {self.pk}"

    @property
    def risk(self) -> str:
        return self.outcome

    def get_risk_display(self) -> str:
        return self.get_outcome_display()

    @property
    def risk_tag(self) -> Tag:
        return risk_tag(self.outcome)
