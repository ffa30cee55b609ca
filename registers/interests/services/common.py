"""What the steps share: the row lock, plain-text checks, saving with history, the decision every
stage opens the same way, and the notices to PSD and the member."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.interests import selectors
from registers.interests.models import (
    APPROVED_STATUSES,
    OUTCOMES_BY_STAGE,
    WITH_CONDITIONS,
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core.validators import no_markup
from standards.notifications.services import notify


def _users_with(role: Role, *, excluding_person_id: int | None = None):
    from standards.accounts.models import User

    users = User.objects.filter(groups__name=role.value, is_active=True).select_related("person")
    if excluding_person_id:
        # The member is never asked to review their own application, even when they hold the role.
        users = users.exclude(person_id=excluding_person_id)
    return list(users)


def _user_of(person_id: int | None):
    if not person_id:
        return None
    from standards.accounts.models import User

    return User.objects.filter(person_id=person_id, is_active=True).first()


def _locked(interest: BusinessInterest) -> BusinessInterest:
    """The interest's row, locked for this transaction, so two people acting at once cannot both
    decide it; the second sees the first's result and is told."""
    return (
        BusinessInterest.objects.select_for_update(of=("self",))
        .select_related("declarant")
        .get(pk=interest.pk)
    )


def _own(interest: BusinessInterest, acting_user) -> BusinessInterest:
    """The member's own interest, locked: anyone else's is a 404, as it is on the portal."""
    selectors.interest_get_for_declarant(user=acting_user, pk=interest.pk)
    return _locked(interest)


def _locked_visible(interest: BusinessInterest, user) -> BusinessInterest:
    if not policy.can_view(user, interest):
        raise Http404
    return _locked(interest)


def _text(value: str, field: str, *, required: str | None = None) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: required})
    try:
        no_markup(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return value


def _save(interest: BusinessInterest, reason: str, acting_user) -> None:
    interest._change_reason = reason
    interest._history_user = acting_user
    interest.save()


def one_year_on(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _apply_outcome(interest: BusinessInterest, status: InterestStatus) -> None:
    now = timezone.now()
    interest.status = status
    interest.reviewed_at = now
    interest.review_due_now = False
    interest.review_due_now_reason = ""
    # An approved interest is reviewed a year on; a refused one has nothing to review.
    interest.review_due = (
        one_year_on(timezone.localdate(now)) if status in APPROVED_STATUSES else None
    )


# --- the decision every stage takes the same way -----------------------------------------------


@dataclass(frozen=True)
class Step:
    """A recommendation, decision, review or appeal decision: who may take it (``reach``, the
    stage's ``interest_get_for_<step>`` selector, 404 for anyone else) and when (the statuses
    the interest waits in for it)."""

    stage: DecisionStage
    reach: Callable[..., BusinessInterest]
    waiting_in: tuple[str, ...]
    not_waiting: str


def open_decision(
    step: Step,
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    acting_user,
) -> InterestDecision:
    """The opening every decision shares: the step's selector says the user may take it (else
    404, as for a missing record); the row is locked; the interest must be waiting for this
    step; the outcome must be one of the stage's, with plain-text reasons, and conditions when
    the outcome sets them. Returns the decision on the locked interest, not yet recorded."""
    step.reach(user=acting_user, pk=interest.pk)
    interest = _locked(interest)
    if interest.status not in step.waiting_in:
        raise ValidationError(step.not_waiting)
    if outcome not in OUTCOMES_BY_STAGE[step.stage]:
        raise ValidationError({"outcome": "Select an outcome"})
    rationale = _text(rationale, "rationale", required="Enter the reasons for the decision")
    conditions = _text(conditions, "conditions")
    if outcome in WITH_CONDITIONS and not conditions:
        raise ValidationError({"conditions": "Enter the conditions the member must keep to"})
    return InterestDecision(
        interest=interest,
        stage=step.stage,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions if outcome in WITH_CONDITIONS else "",
        decided_by=acting_user,
    )


def record_decision(decision: InterestDecision) -> InterestDecision:
    decision._change_reason = (
        f"{DecisionStage(decision.stage).label}: {DecisionOutcome(decision.outcome).label}"
    )
    decision._history_user = decision.decided_by
    decision.save()
    return decision


# --- who is told -------------------------------------------------------------------------------


def _portal_url(interest: BusinessInterest) -> str:
    return reverse("my_interests:detail", kwargs={"pk": interest.pk})


def _register_url(interest: BusinessInterest) -> str:
    return reverse("interests:detail", kwargs={"pk": interest.pk})


def _notify_psd_deciders(
    interest: BusinessInterest, *, key: str, subject: str, step: str = ""
) -> None:
    notify(
        recipients=_users_with(Role.PSD_DECISION_MAKER, excluding_person_id=interest.declarant_id),
        key=key,
        subject=subject,
        url=_register_url(interest),
        record=interest,
        step=step,
    )


def _notify_member(interest: BusinessInterest, *, key: str, subject: str, body: str) -> None:
    notify(
        recipients=[_user_of(interest.declarant_id)],
        key=key,
        subject=subject,
        body=body,
        url=_portal_url(interest),
        record=interest,
    )
