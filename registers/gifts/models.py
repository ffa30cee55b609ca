"""Gifts and hospitality: every offer a member of the workforce receives or makes, accepted or
declined, the force policy (thresholds) that decides who must agree to it, and each decision.

The thresholds are policy data an administrator keeps (the admin registers ``GiftThreshold`` and
nothing else of this app); a declaration is routed by them when it is made, and the requirement
that applied is stored on it, so a later change of policy never rewrites what was asked of whom.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import BooleanField, Case, OuterRef, Q, Subquery, Value, When
from simple_history.models import HistoricalRecords

from registers.declarations import Decision, Declaration, DeclarationQuerySet
from standards.people.models import RoleType


class Direction(models.TextChoices):
    RECEIVED = "received", "Offered to me"
    GIVEN = "given", "Given or offered by me"


class Kind(models.TextChoices):
    GIFT = "gift", "Gift"
    HOSPITALITY = "hospitality", "Hospitality"


class Response(models.TextChoices):
    ACCEPTED = "accepted", "Accepted"
    DECLINED = "declined", "Declined"


class DonorType(models.TextChoices):
    INDIVIDUAL = "individual", "A member of the public or another individual"
    COMPANY = "company", "A company or business"
    SUPPLIER = "supplier", "A supplier to the force, or a bidder for a force contract"
    PUBLIC_BODY = "public_body", "A public body (council, NHS, another force)"
    CHARITY = "charity", "A charity or community group"
    MEDIA = "media", "The media (press, television, radio)"
    OTHER = "other", "Someone else"


class Requirement(models.TextChoices):
    """What the force policy asks of an offer, from the least to the most demanding."""

    NO_RECORD = "no_record", "Need not be recorded"
    RECORD_ONLY = "record_only", "Record only"
    LINE_MANAGER = "line_manager", "Line manager agreement"
    PSD_APPROVAL = "psd_approval", "PSD approval"


# Strictness, for "the strictest matching threshold wins".
REQUIREMENT_ORDER = {
    Requirement.NO_RECORD: 0,
    Requirement.RECORD_ONLY: 1,
    Requirement.LINE_MANAGER: 2,
    Requirement.PSD_APPROVAL: 3,
}


# What each requirement asks of the member, in the words of the guidance beside the form.
REQUIREMENT_WORDS = {
    Requirement.NO_RECORD: "need not be declared",
    Requirement.RECORD_ONLY: "must be declared, and is recorded",
    Requirement.LINE_MANAGER: "must be declared, and needs your line manager's agreement",
    Requirement.PSD_APPROVAL: "must be declared, and needs approval from Professional Standards",
}


class AppliesTo(models.TextChoices):
    ACCEPTED = "accepted", "Accepted offers"
    DECLINED = "declined", "Declined offers"
    ANY = "any", "Any offer, accepted or declined"


class GiftThreshold(models.Model):
    """One band of the force's gifts and hospitality policy.

    Matches an offer when its value is between ``min_value`` and ``max_value`` (both inclusive, to
    the penny; no maximum means no upper bound), it was accepted or declined as ``applies_to``
    says, and the donor is of ``donor_type`` (blank: any donor). Where several active bands match,
    the most demanding requirement wins.
    """

    min_value = models.DecimalField(
        "from (pounds)",
        max_digits=9,
        decimal_places=2,
        default=Decimal("0"),
        help_text="The lowest value this band covers, inclusive.",
    )
    max_value = models.DecimalField(
        "up to (pounds)",
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The highest value this band covers, inclusive. Leave empty for no upper limit.",
    )
    applies_to = models.CharField(max_length=10, choices=AppliesTo.choices, default=AppliesTo.ANY)
    donor_type = models.CharField(
        max_length=20,
        choices=DonorType.choices,
        blank=True,
        help_text="Leave empty for a band that applies whoever made the offer.",
    )
    requirement = models.CharField(max_length=20, choices=Requirement.choices)
    is_active = models.BooleanField(
        default=True,
        help_text="Untick to retire a band. Bands are never deleted: declarations name the one "
        "that applied to them.",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["donor_type", "applies_to", "min_value"]
        verbose_name = "gift policy threshold"
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__gte=0), name="gift_threshold_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(max_value__isnull=True) | Q(max_value__gte=models.F("min_value")),
                name="gift_threshold_max_not_below_min",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.describe_offer()}: {self.describe_requirement()}"

    def clean(self) -> None:
        if self.min_value is not None and self.min_value < 0:
            raise ValidationError({"min_value": "The lowest value must be 0 or more"})
        if (
            self.max_value is not None
            and self.min_value is not None
            and self.max_value < self.min_value
        ):
            raise ValidationError({"max_value": "The highest value must not be below the lowest"})

    def describe_requirement(self) -> str:
        """What the band asks of the member, in words."""
        return REQUIREMENT_WORDS[Requirement(self.requirement)]

    def describe_offer(self) -> str:
        """The offers this band covers, in words (for the guidance beside the form)."""
        who = {
            AppliesTo.ACCEPTED: "Accepted",
            AppliesTo.DECLINED: "Declined",
            AppliesTo.ANY: "Any",
        }[AppliesTo(self.applies_to)]
        subject = f"{who} offer"
        if self.donor_type:
            subject += f" from {DonorType(self.donor_type).label[0].lower()}"
            subject += DonorType(self.donor_type).label[1:]
        if self.max_value is None and not self.min_value:
            return f"{subject}, whatever its value"
        if self.max_value is None:
            return f"{subject} worth £{self.min_value:,.2f} or more"
        if not self.min_value:
            return f"{subject} worth up to £{self.max_value:,.2f}"
        return f"{subject} worth £{self.min_value:,.2f} to £{self.max_value:,.2f}"


class GiftStatus(models.TextChoices):
    RECORDED = "recorded", "Recorded"
    AWAITING_LINE_MANAGER = "awaiting_line_manager", "With line manager"
    AWAITING_PSD = "awaiting_psd", "With PSD for decision"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


# Each status's GOV.UK tag colour, in one place for every page that shows a status.
STATUS_TAG_CLASSES = {
    GiftStatus.RECORDED: "govuk-tag--turquoise",
    GiftStatus.AWAITING_LINE_MANAGER: "govuk-tag--blue",
    GiftStatus.AWAITING_PSD: "govuk-tag--yellow",
    GiftStatus.DECIDED: "govuk-tag--green",
    GiftStatus.WITHDRAWN: "govuk-tag--grey",
}

# How long a declaration may wait before it is overdue (calendar days from when it was made):
# the review queues count these and the lists they link to mark the same rows.
LINE_MANAGER_OVERDUE_DAYS = 7
PSD_OVERDUE_DAYS = 14


def overdue_with_line_manager(now: dt.datetime) -> Q:
    return Q(
        status=GiftStatus.AWAITING_LINE_MANAGER,
        submitted_at__lt=now - dt.timedelta(days=LINE_MANAGER_OVERDUE_DAYS),
    )


def overdue_with_psd(now: dt.datetime) -> Q:
    return Q(
        status=GiftStatus.AWAITING_PSD,
        submitted_at__lt=now - dt.timedelta(days=PSD_OVERDUE_DAYS),
    )


# A declaration the member may still change or withdraw: nobody has decided on it yet.
OPEN_STATUSES = (
    GiftStatus.RECORDED,
    GiftStatus.AWAITING_LINE_MANAGER,
    GiftStatus.AWAITING_PSD,
)


class Outcome(models.TextChoices):
    """What was decided about an offer. These labels are the register's one vocabulary for an
    outcome: the decision form, tags, timeline, exports and the public register all use them,
    and they match the member's own answer (``Response``) word for word."""

    ACCEPT = "accept", "Accepted"
    DECLINE = "decline", "Declined"
    ACCEPT_DONATE = "accept_donate", "Accepted and donated or raffled"
    RETURN = "return", "Returned to the donor"


class Stage(models.TextChoices):
    LINE_MANAGER_RECOMMENDATION = "lm_recommendation", "Line manager recommendation"
    LINE_MANAGER_DECISION = "lm_decision", "Line manager decision"
    PSD_DECISION = "psd_decision", "PSD decision"


# Stages whose outcome settles the declaration (a recommendation only advises PSD).
DECIDING_STAGES = (Stage.LINE_MANAGER_DECISION, Stage.PSD_DECISION)


class GiftQuerySet(DeclarationQuerySet):
    def awaiting_line_manager(self):
        return self.filter(status=GiftStatus.AWAITING_LINE_MANAGER)

    def awaiting_psd(self):
        return self.filter(status=GiftStatus.AWAITING_PSD)

    def not_withdrawn(self):
        return self.exclude(status=GiftStatus.WITHDRAWN)

    def with_outcome(self):
        """Annotate ``outcome``: the latest deciding decision's outcome (None while undecided).

        One correlated subquery, so a list shows each row's decision without a query per row.
        """
        latest = GiftDecision.objects.filter(gift=OuterRef("pk"), stage__in=DECIDING_STAGES)
        return self.annotate(
            outcome=Subquery(latest.order_by("-decided_at", "-pk").values("outcome")[:1])
        )

    def with_overdue(self, now: dt.datetime, *, with_psd: bool = True):
        """Annotate ``is_overdue``, by the same rule as the review queues' overdue counts: late
        with the line manager, or (``with_psd``) late with PSD."""
        late = overdue_with_line_manager(now)
        if with_psd:
            late |= overdue_with_psd(now)
        return self.annotate(
            is_overdue=Case(
                When(late, then=Value(True)), default=Value(False), output_field=BooleanField()
            )
        )

    def published(self):
        """What the public register shows: chief officers' offers received, once settled."""
        return self.filter(
            chief_officer_entry=True,
            direction=Direction.RECEIVED,
            status__in=(GiftStatus.RECORDED, GiftStatus.DECIDED),
        )


class Gift(Declaration):
    """A gift or hospitality declaration: one offer, received or made, accepted or declined."""

    direction = models.CharField(max_length=10, choices=Direction.choices)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    donor_name = models.CharField(
        max_length=200, help_text="Who offered it; for a gift given, who it was given to."
    )
    donor_type = models.CharField(max_length=20, choices=DonorType.choices)
    description = models.TextField()
    estimated_value = models.DecimalField(max_digits=9, decimal_places=2)
    offered_on = models.DateField(db_index=True)
    business_reason = models.TextField()
    response = models.CharField(max_length=10, choices=Response.choices)
    requirement = models.CharField(
        max_length=20,
        choices=Requirement.choices,
        help_text="What the policy asked of this offer when it was declared or last changed.",
    )
    threshold = models.ForeignKey(
        GiftThreshold,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="The policy band that applied (empty: no band matched, so PSD decides).",
    )
    status = models.CharField(
        max_length=30, choices=GiftStatus.choices, default=GiftStatus.RECORDED, db_index=True
    )
    chief_officer_entry = models.BooleanField(
        default=False,
        help_text="Declared by a chief officer: published on the public register once settled.",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)

    objects = GiftQuerySet.as_manager()

    class Meta(Declaration.Meta):
        verbose_name = "gift or hospitality declaration"
        indexes = [
            # The integrity board's figures read the offers of a period from this index alone
            # (an index-only scan: every column they count is in it; registers/gifts/board.py).
            models.Index(
                fields=["offered_on", "kind", "donor_type", "response", "estimated_value"],
                name="gifts_gift_board_idx",
                condition=Q(direction=Direction.RECEIVED) & ~Q(status=GiftStatus.WITHDRAWN),
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__gte=0), name="gift_value_not_negative"
            )
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.get_kind_display().lower()}, {self.donor_name}"

    @property
    def reference(self) -> str:
        return self.reference_for(self.pk) if self.pk else "GH-new"

    @staticmethod
    def reference_for(pk: int) -> str:
        """The reference of the gift with this primary key, for a list read as values."""
        return f"GH-{pk:06d}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def status_tag_class(self) -> str:
        return STATUS_TAG_CLASSES[GiftStatus(self.status)]

    @property
    def outcome_label(self) -> str:
        """The decision in words, when the queryset was annotated ``with_outcome``."""
        outcome = getattr(self, "outcome", None)
        return Outcome(outcome).label if outcome else ""


class GiftDecision(Decision):
    """A line manager's recommendation or decision, or PSD's decision, on one declaration.

    Never overwritten: a changed decision is a new row and the earlier one stays in the timeline.
    """

    gift = models.ForeignKey(Gift, on_delete=models.PROTECT, related_name="decisions")
    stage = models.CharField(max_length=20, choices=Stage.choices)
    outcome = models.CharField(max_length=40, choices=Outcome.choices)

    class Meta(Decision.Meta):
        verbose_name = "gift decision"
        indexes = [models.Index(fields=["gift", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_outcome_display()}"


# --- Who is a chief officer -----------------------------------------------------------------
# Their declarations are published on the public register (``GiftQuerySet.published``).

# Police officer chief officers, by rank.
CHIEF_OFFICER_RANKS = frozenset(
    {"Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable"}
)
# Police staff chief officers: the directors who sit in the chief officer team (for example
# the Director of Finance, or of Corporate Services), by grade or by post in that team.
CHIEF_OFFICER_STAFF_GRADES = frozenset({"Director"})
CHIEF_OFFICER_TEAM = "Chief Officer Team"


def chief_officer_filter(prefix: str = "") -> Q:
    """People who are chief officers (``prefix`` leads from another model to a Person)."""
    rank = f"{prefix}rank_or_grade"
    officers = Q(**{f"{rank}__in": CHIEF_OFFICER_RANKS})
    staff_directors = Q(**{f"{prefix}role_type": RoleType.STAFF}) & (
        Q(**{f"{rank}__in": CHIEF_OFFICER_STAFF_GRADES})
        | Q(
            **{
                f"{prefix}org_unit__name__iexact": CHIEF_OFFICER_TEAM,
                f"{prefix}job_title__istartswith": "Director",
            }
        )
    )
    return officers | staff_directors
