"""The intelligence check PSD asks of the Counter Corruption Unit (CCU) before a decision or a
review: the one place the register crosses the corridor, kept apart so that the crossing can
change without touching the stages around it.

The member and their line manager are never told a check was asked: to them the application is
"with PSD for decision" until the decision comes back (DESIGN.md, corridor rule 5).
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404

from registers.interests.models import APPROVED_STATUSES, BusinessInterest, InterestStatus
from registers.interests.services.common import _locked_visible, _register_url, _users_with
from standards.access import policy
from standards.access.roles import Role
from standards.exchange import services as exchange
from standards.exchange.selectors import CheckOutcome, check_outcomes_for
from standards.notifications.services import notify


@transaction.atomic
def interest_request_check(*, interest: BusinessInterest, acting_user):
    """PSD asks the CCU for an intelligence check on the member. The interest itself is not
    changed (not even its ``updated_at``): the member's pages cannot show that anything moved."""
    if not policy.in_psd(acting_user):
        raise Http404
    interest = _locked_visible(interest, acting_user)
    if interest.status not in (InterestStatus.AWAITING_PSD, *APPROVED_STATUSES):
        raise ValidationError("An intelligence check is asked for before a decision or review")
    return exchange.intelligence_check_request(
        subject=interest.declarant,
        purpose=check_purpose(interest),
        asked_for=interest,
        acting_user=acting_user,
    )


def check_purpose(interest: BusinessInterest) -> str:
    """Written by the service, never typed: the purpose crosses into the CCU and says only why
    PSD asks, nothing of what the member wrote."""
    return f"Business interest application: {interest.get_interest_type_display().lower()}"


def interest_check_answered(*, asked_for: BusinessInterest, outcome: CheckOutcome) -> None:
    """The exchange calls this when the CCU answers a check asked for an interest (registered in
    ``InterestsConfig.ready``): tell PSD the application can be decided. The notice names neither
    the answer nor the CCU's analyst."""
    interest = asked_for
    recipients = _users_with(Role.PSD_DECISION_MAKER, excluding_person_id=interest.declarant_id)
    requester = get_user_model().objects.filter(pk=outcome.requested_by_id).first()
    if requester is not None and requester.person_id != interest.declarant_id:
        recipients.append(requester)
    notify(
        recipients=recipients,
        key=f"interest-{interest.pk}-check-{outcome.pk}-answered",
        subject="intelligence check answered, ready for a PSD decision",
        url=_register_url(interest),
        record=interest,
        step="decide",
    )


def _latest_check(interest: BusinessInterest) -> CheckOutcome | None:
    outcomes = check_outcomes_for(interest)
    return outcomes[-1] if outcomes else None
