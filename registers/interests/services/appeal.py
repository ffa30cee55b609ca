"""The member's appeal to a chief officer against a decision that found the interest incompatible
or set conditions, and the chief officer's decision on it, which is final."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from registers.interests import selectors
from registers.interests.models import (
    APPEAL_LODGED,
    STATUS_AFTER,
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
)
from registers.interests.services.common import (
    Step,
    _apply_outcome,
    _notify_member,
    _notify_psd_deciders,
    _own,
    _register_url,
    _save,
    _text,
    _users_with,
    open_decision,
    record_decision,
)
from standards.access.roles import Role
from standards.notifications.services import notifications_done, notify

HEARING = Step(
    stage=DecisionStage.APPEAL,
    reach=selectors.interest_get_for_appeal,
    waiting_in=(InterestStatus.APPEALED,),
    not_waiting="This interest is not under appeal",
)


@transaction.atomic
def interest_appeal(*, interest: BusinessInterest, grounds: str, acting_user) -> None:
    """The member appeals a refusal, or conditions, to a chief officer, within the time limit."""
    interest = _own(interest, acting_user)
    appealable = selectors.appealable_decision(interest)
    if appealable is None:
        raise ValidationError("This decision cannot be appealed")
    appeal_by = selectors.appeal_by(appealable)
    if timezone.localdate() > appeal_by:
        raise ValidationError(
            f"The time to appeal ended on {appeal_by:%-d %B %Y}. Speak to the Professional "
            "Standards Department if you could not appeal in time."
        )
    interest.appeal_grounds = _text(grounds, "grounds", required="Enter the grounds of your appeal")
    interest.appealed_at = timezone.now()
    interest.status = InterestStatus.APPEALED
    _save(interest, APPEAL_LODGED, acting_user)
    notify(
        recipients=_users_with(Role.INTEGRITY_BOARD, excluding_person_id=interest.declarant_id),
        key=f"interest-{interest.pk}-appeal-{interest.appealed_at:%Y%m%d%H%M%S}",
        subject="appeal waiting for a chief officer's decision",
        url=_register_url(interest),
        record=interest,
        step="decide_appeal",
    )


@transaction.atomic
def interest_decide_appeal(
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    acting_user,
) -> InterestDecision:
    """A chief officer (integrity board) decides the appeal personally. Not the member (the
    policy hides it from them), not whoever took the decision appealed, not the member's line
    manager: the appeal is heard by someone who has not already taken a side."""
    decision = open_decision(
        HEARING,
        interest=interest,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    interest = decision.interest
    appealed = (
        interest.decisions.filter(stage__in=(DecisionStage.PSD_DECISION, DecisionStage.REVIEW))
        .order_by("-decided_at", "-pk")
        .first()
    )
    if appealed.decided_by_id == acting_user.pk:
        raise ValidationError("You took the decision under appeal: another chief officer decides")
    if interest.declarant.line_manager_id and (
        interest.declarant.line_manager_id == acting_user.person_id
    ):
        raise ValidationError("You are the member's line manager: another chief officer decides")
    record_decision(decision)
    if outcome == DecisionOutcome.APPEAL_DISMISSED:
        # The decision appealed stands, and so does its review date.
        interest.status = STATUS_AFTER[appealed.outcome]
        _save(interest, "Appeal dismissed", acting_user)
    else:
        _apply_outcome(interest, STATUS_AFTER[outcome])
        _save(interest, f"Appeal decided: {decision.get_outcome_display()}", acting_user)
    notifications_done(record=interest, steps=("decide_appeal",))
    _notify_member(
        interest,
        key=f"interest-{interest.pk}-decision-{decision.pk}",
        subject="appeal decided",
        body=f"{decision.get_outcome_display()}.",
    )
    _notify_psd_deciders(
        interest,
        key=f"interest-{interest.pk}-appeal-decided-{decision.pk}",
        subject="appeal decided",
    )
    return decision
