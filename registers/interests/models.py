"""Business interests (Police Regulations 2003, regulations 7 to 9): secondary employment, a
business of one's own, directorships and shareholdings, voluntary roles that may conflict, and a
relative's interest in licensed premises in the force area.

An application goes to the member's line manager for a recommendation, then to the Professional
Standards Department (PSD), which asks the Counter Corruption Unit (CCU) for an intelligence
check before the head of PSD decides. The member may appeal a refusal, or conditions, to a chief
officer. Nothing is ever deleted: refused, withdrawn and ended interests stay on the register.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from registers.declarations import Decision, Declaration, DeclarationQuerySet


class InterestType(models.TextChoices):
    SECONDARY_EMPLOYMENT = "secondary_employment", "Secondary employment"
    OWN_BUSINESS = "own_business", "Own business"
    DIRECTORSHIP = "directorship", "Directorship or shareholding"
    VOLUNTARY_ROLE = "voluntary_role", "Voluntary role"
    RELATIVE_LICENSED_PREMISES = (
        "relative_licensed_premises",
        "Relative's interest in licensed premises",
    )


class InterestStatus(models.TextChoices):
    AWAITING_LINE_MANAGER = "awaiting_line_manager", "With line manager"
    # Covers the intelligence check too: the member and their line manager must never learn that
    # the CCU was asked (DESIGN.md, corridor rule 5), so there is deliberately no "with the CCU".
    AWAITING_PSD = "awaiting_psd", "With PSD for decision"
    # The decision in force, in the words of the regulations (the same as the outcomes below).
    APPROVED = "approved", "Compatible"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", "Compatible with conditions"
    REFUSED = "refused", "Incompatible"
    APPEALED = "appealed", "Appeal with a chief officer"
    WITHDRAWN = "withdrawn", "Withdrawn"
    ENDED = "ended", "Ended"


APPROVED_STATUSES = (InterestStatus.APPROVED, InterestStatus.APPROVED_WITH_CONDITIONS)
OPEN_STATUSES = (
    InterestStatus.AWAITING_LINE_MANAGER,
    InterestStatus.AWAITING_PSD,
    InterestStatus.APPEALED,
)
# The "incompatible or withdrawn - monitor" view: applications that did not go ahead, kept so PSD
# can see whether the member carries on regardless.
MONITORED_STATUSES = (InterestStatus.REFUSED, InterestStatus.WITHDRAWN)

# The change reasons of the member's own steps, written by the services and read back by the
# timeline (selectors.interest_timeline), so an earlier appeal or withdrawal keeps its own words.
SUBMITTED = "Application submitted"
APPEAL_LODGED = "Appeal lodged"
WITHDRAWN = "Application withdrawn"
ENDED = "Interest ended"
REVIEW_DUE_NOW = "Review due now"

# One tag colour a status (GOV.UK tag modifiers; "" is the default blue), wherever a status or
# the decision that led to it shows as a tag.
STATUS_COLOURS: dict[str, str] = {
    InterestStatus.AWAITING_LINE_MANAGER: "",
    InterestStatus.AWAITING_PSD: "purple",
    InterestStatus.APPROVED: "green",
    InterestStatus.APPROVED_WITH_CONDITIONS: "teal",
    InterestStatus.REFUSED: "red",
    InterestStatus.APPEALED: "orange",
    InterestStatus.WITHDRAWN: "grey",
    InterestStatus.ENDED: "grey",
}

# How long each stage should take before its queue and list show it as overdue: days since the
# application was submitted (or the appeal lodged).
RECOMMEND_WITHIN_DAYS = 10
DECIDE_WITHIN_DAYS = 28
DECIDE_APPEAL_WITHIN_DAYS = 28
# Approved interests come into PSD's review queue this long before their review date.
REVIEW_NOTICE_DAYS = 30
# The member may appeal a decision that found an interest incompatible, or set conditions, for
# this long after it was taken; after that it stands.
APPEAL_TIME_LIMIT_DAYS = 28


def _review_overdue(today: dt.date) -> models.Q:
    """Approved and past its review date, or flagged by a change of role or unit, which makes the
    review due at once."""
    return models.Q(status__in=APPROVED_STATUSES) & (
        models.Q(review_due__lt=today) | models.Q(review_due_now=True)
    )


class BusinessInterestQuerySet(DeclarationQuerySet):
    def approved(self):
        return self.filter(status__in=APPROVED_STATUSES)

    def needing_review(self, today, days: int = REVIEW_NOTICE_DAYS):
        """Approved interests due for review within ``days``, overdue, or flagged by a change of
        role or unit."""
        return self.approved().filter(
            models.Q(review_due_now=True)
            | models.Q(review_due__lte=today + dt.timedelta(days=days))
        )

    def review_overdue(self, today):
        return self.filter(_review_overdue(today))

    def with_overdue(self, now: dt.datetime):
        """Each interest annotated ``overdue`` (see ``overdue``)."""
        return self.annotate(
            overdue=models.ExpressionWrapper(overdue(now), output_field=models.BooleanField())
        )


def overdue(now: dt.datetime) -> models.Q:
    """Waiting on someone longer than its stage allows, or past its review (a change of role or
    unit makes the review due at once). The review queues count with this and their lists mark
    with it, so a queue's "2 overdue" are the 2 its list marks."""

    def since(days: int) -> dt.datetime:
        return now - dt.timedelta(days=days)

    return (
        models.Q(
            status=InterestStatus.AWAITING_LINE_MANAGER,
            submitted_at__lt=since(RECOMMEND_WITHIN_DAYS),
        )
        | models.Q(status=InterestStatus.AWAITING_PSD, submitted_at__lt=since(DECIDE_WITHIN_DAYS))
        | models.Q(status=InterestStatus.APPEALED, appealed_at__lt=since(DECIDE_APPEAL_WITHIN_DAYS))
        | _review_overdue(timezone.localdate(now))
    )


class BusinessInterest(Declaration):
    """One application to hold a business interest, and what became of it."""

    interest_type = models.CharField(max_length=30, choices=InterestType.choices)
    organisation = models.CharField(
        "employer, business or premises",
        max_length=200,
        help_text="Who the member works for, the business, the company or the licensed premises.",
    )
    role = models.CharField(max_length=200, help_text="What the member (or relative) does there.")
    hours_per_week = models.DecimalField(max_digits=4, decimal_places=1)
    paid = models.BooleanField()
    pay_details = models.CharField(max_length=200, blank=True)
    start_date = models.DateField()
    end_date = models.DateField(null=True, blank=True)
    possible_conflicts = models.TextField()
    status = models.CharField(
        max_length=30,
        choices=InterestStatus.choices,
        default=InterestStatus.AWAITING_LINE_MANAGER,
        db_index=True,
    )
    # Set when the staff directory shows a change of role or unit (an HR import); cleared by the
    # next review. The interest was approved for the job the member had, not the one they have.
    review_due_now = models.BooleanField(default=False, db_index=True)
    review_due_now_reason = models.CharField(max_length=200, blank=True)
    appeal_grounds = models.TextField(blank=True)
    appealed_at = models.DateTimeField(null=True, blank=True)
    withdrawal_reason = models.TextField(blank=True)
    ended_on = models.DateField(null=True, blank=True)
    end_reason = models.TextField(blank=True)

    objects = BusinessInterestQuerySet.as_manager()

    class Meta(Declaration.Meta):
        verbose_name = "business interest"
        indexes = [
            models.Index(fields=["status", "submitted_at"]),
            models.Index(fields=["declarant", "status"]),
        ]

    def __str__(self) -> str:
        return f"Business interest {self.pk}: {self.get_interest_type_display()}"

    @property
    def reference(self) -> str:
        return self.reference_for(self.pk)

    @staticmethod
    def reference_for(pk: int) -> str:
        """The reference of the interest with this primary key, for a list read as values."""
        return f"BI-{pk:05d}"

    @property
    def status_colour(self) -> str:
        return STATUS_COLOURS[self.status]


class DecisionStage(models.TextChoices):
    RECOMMENDATION = "recommendation", "Line manager's recommendation"
    PSD_DECISION = "psd_decision", "Decision of the head of PSD"
    APPEAL = "appeal", "Appeal decision by a chief officer"
    REVIEW = "review", "Review"


class DecisionOutcome(models.TextChoices):
    SUPPORT = "support", "Supported"
    DO_NOT_SUPPORT = "do_not_support", "Not supported"
    COMPATIBLE = "compatible", "Compatible"
    COMPATIBLE_WITH_CONDITIONS = "compatible_with_conditions", "Compatible with conditions"
    INCOMPATIBLE = "incompatible", "Incompatible"
    APPEAL_UPHELD = "appeal_upheld", "Appeal upheld: compatible"
    APPEAL_UPHELD_WITH_CONDITIONS = (
        "appeal_upheld_with_conditions",
        "Appeal upheld: compatible with conditions",
    )
    APPEAL_DISMISSED = "appeal_dismissed", "Appeal dismissed"


RECOMMENDATION_OUTCOMES = (DecisionOutcome.SUPPORT, DecisionOutcome.DO_NOT_SUPPORT)
PSD_OUTCOMES = (
    DecisionOutcome.COMPATIBLE,
    DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
    DecisionOutcome.INCOMPATIBLE,
)
APPEAL_OUTCOMES = (
    DecisionOutcome.APPEAL_UPHELD,
    DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS,
    DecisionOutcome.APPEAL_DISMISSED,
)
# The status each outcome leaves the interest in. A dismissed appeal is absent: it restores the
# status of the decision appealed.
STATUS_AFTER: dict[str, InterestStatus] = {
    DecisionOutcome.COMPATIBLE: InterestStatus.APPROVED,
    DecisionOutcome.COMPATIBLE_WITH_CONDITIONS: InterestStatus.APPROVED_WITH_CONDITIONS,
    DecisionOutcome.INCOMPATIBLE: InterestStatus.REFUSED,
    DecisionOutcome.APPEAL_UPHELD: InterestStatus.APPROVED,
    DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS: InterestStatus.APPROVED_WITH_CONDITIONS,
}
WITH_CONDITIONS = (
    DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
    DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS,
)
# A line manager's recommendation is for or against, in the same colours as the decision.
RECOMMENDATION_COLOURS = {DecisionOutcome.SUPPORT: "green", DecisionOutcome.DO_NOT_SUPPORT: "red"}

OUTCOMES_BY_STAGE = {
    DecisionStage.RECOMMENDATION: RECOMMENDATION_OUTCOMES,
    DecisionStage.PSD_DECISION: PSD_OUTCOMES,
    DecisionStage.REVIEW: PSD_OUTCOMES,
    DecisionStage.APPEAL: APPEAL_OUTCOMES,
}


class InterestDecision(Decision):
    """A recommendation, decision, review or appeal decision on a business interest. Rows are
    never changed: a later decision is a new row and the earlier one stays in the timeline."""

    interest = models.ForeignKey(
        BusinessInterest, on_delete=models.PROTECT, related_name="decisions"
    )
    stage = models.CharField(max_length=20, choices=DecisionStage.choices)
    outcome = models.CharField(max_length=40, choices=DecisionOutcome.choices)

    class Meta(Decision.Meta):
        indexes = [models.Index(fields=["interest", "decided_at"])]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_outcome_display()}"

    @property
    def outcome_colour(self) -> str:
        if self.outcome in RECOMMENDATION_COLOURS:
            return RECOMMENDATION_COLOURS[self.outcome]
        if self.outcome in STATUS_AFTER:
            return STATUS_COLOURS[STATUS_AFTER[self.outcome]]
        return "grey"  # a dismissed appeal: the decision appealed stands
