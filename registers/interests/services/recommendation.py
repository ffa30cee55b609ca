"""The line manager's recommendation: for or against, with reasons. PSD decides either way."""

from __future__ import annotations

from django.db import transaction

from registers.interests import selectors
from registers.interests.models import (
    BusinessInterest,
    DecisionStage,
    InterestDecision,
    InterestStatus,
)
from registers.interests.services.common import (
    Step,
    _notify_psd_deciders,
    _save,
    open_decision,
    record_decision,
)
from standards.notifications.services import notifications_done

RECOMMENDING = Step(
    stage=DecisionStage.RECOMMENDATION,
    reach=selectors.interest_get_for_recommendation,
    waiting_in=(InterestStatus.AWAITING_LINE_MANAGER,),
    not_waiting="This application is no longer waiting for your recommendation",
)


@transaction.atomic
def interest_recommend(
    *, interest: BusinessInterest, outcome: str, rationale: str, acting_user
) -> InterestDecision:
    """The member's line manager recommends; the application goes on to PSD either way."""
    decision = open_decision(
        RECOMMENDING,
        interest=interest,
        outcome=outcome,
        rationale=rationale,
        acting_user=acting_user,
    )
    record_decision(decision)
    interest = decision.interest
    interest.status = InterestStatus.AWAITING_PSD
    _save(interest, "Line manager's recommendation given", acting_user)
    notifications_done(record=interest, steps=("recommend",))
    _notify_psd_deciders(
        interest,
        key=f"interest-{interest.pk}-awaiting-psd",
        subject="waiting for a PSD decision",
        step="decide",
    )
    return decision
