"""PSD's decision on an application, and its reviews of an approved interest."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from registers.interests import selectors
from registers.interests.models import (
    APPROVED_STATUSES,
    STATUS_AFTER,
    BusinessInterest,
    DecisionStage,
    InterestDecision,
    InterestStatus,
)
from registers.interests.services.checks import _latest_check
from registers.interests.services.common import (
    Step,
    _apply_outcome,
    _notify_member,
    _save,
    open_decision,
    record_decision,
)
from standards.notifications.services import notifications_done

DECIDING = Step(
    stage=DecisionStage.PSD_DECISION,
    reach=selectors.interest_get_for_decision,
    waiting_in=(InterestStatus.AWAITING_PSD,),
    not_waiting="This application is not waiting for a PSD decision",
)
REVIEWING = Step(
    stage=DecisionStage.REVIEW,
    reach=selectors.interest_get_for_decision,
    waiting_in=APPROVED_STATUSES,
    not_waiting="Only an approved interest can be reviewed",
)


@transaction.atomic
def interest_decide(
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    spoke_to_ccu: bool = False,
    acting_user,
) -> InterestDecision:
    """The head of PSD (a PSD decision maker) decides: compatible, compatible with conditions, or
    incompatible. Only after the CCU has answered an intelligence check; a trace means speaking
    to the CCU first, and the decision maker says they have."""
    decision = open_decision(
        DECIDING,
        interest=interest,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    interest = decision.interest
    check = _latest_check(interest)
    if check is None:
        raise ValidationError("Ask the CCU for an intelligence check before deciding")
    if not check.is_answered:
        raise ValidationError("The CCU has not answered the intelligence check yet")
    if check.is_trace and not spoke_to_ccu:
        raise ValidationError(
            {"spoke_to_ccu": "Speak to the CCU about the trace, then confirm you have"}
        )
    record_decision(decision)
    _apply_outcome(interest, STATUS_AFTER[outcome])
    _save(interest, f"PSD decision: {decision.get_outcome_display()}", acting_user)
    notifications_done(record=interest, steps=("decide",))
    _notify_member(
        interest,
        key=f"interest-{interest.pk}-decision-{decision.pk}",
        subject="decision recorded",
        body=f"Your application was decided: {decision.get_outcome_display().lower()}.",
    )
    return decision


@transaction.atomic
def interest_review(
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    acting_user,
) -> InterestDecision:
    """PSD reviews an approved interest: once a year, and whenever the member's role or unit
    changes. The outcome may keep, change or withdraw the approval."""
    decision = open_decision(
        REVIEWING,
        interest=interest,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    interest = decision.interest
    record_decision(decision)
    _apply_outcome(interest, STATUS_AFTER[outcome])
    _save(interest, f"Review: {decision.get_outcome_display()}", acting_user)
    notifications_done(record=interest, steps=("review",))
    _notify_member(
        interest,
        key=f"interest-{interest.pk}-decision-{decision.pk}",
        subject="review recorded",
        body=f"The review found it {decision.get_outcome_display().lower()}.",
    )
    return decision
