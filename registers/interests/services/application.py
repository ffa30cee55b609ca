"""The member's application: they apply, and may withdraw it until it is decided."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse

from registers.interests.models import (
    SUBMITTED,
    WITHDRAWN,
    BusinessInterest,
    InterestStatus,
    InterestType,
)
from registers.interests.services.common import (
    _notify_psd_deciders,
    _own,
    _save,
    _text,
    _user_of,
)
from standards.core import extensions
from standards.notifications.services import notifications_done, notify

MAX_HOURS = Decimal("80")


def _recommender(declarant):
    """The line manager's login, if the member has a manager who can sign in to recommend."""
    return _user_of(declarant.line_manager_id)


@transaction.atomic
def interest_apply(
    *,
    interest_type: str,
    organisation: str,
    role: str,
    hours_per_week: Decimal,
    paid: bool,
    pay_details: str = "",
    start_date: dt.date,
    end_date: dt.date | None = None,
    possible_conflicts: str,
    acting_user,
) -> BusinessInterest:
    """The member applies. It goes to their line manager for a recommendation; a member with no
    line manager who can sign in goes straight to PSD, so no application waits on nobody."""
    if not acting_user.person_id:
        raise ValidationError("Your login is not linked to the staff directory")
    if interest_type not in InterestType.values:
        raise ValidationError({"interest_type": "Select the kind of business interest"})
    organisation = _text(
        organisation,
        "organisation",
        required="Enter the name of the employer, business or premises",
    )
    role = _text(role, "role", required="Enter the role")
    pay_details = _text(pay_details, "pay_details")
    possible_conflicts = _text(
        possible_conflicts,
        "possible_conflicts",
        required="Say how this could conflict with your police role, or that you know of no way",
    )
    if hours_per_week is None or not (Decimal("0") <= Decimal(hours_per_week) <= MAX_HOURS):
        raise ValidationError({"hours_per_week": "Hours a week must be between 0 and 80"})
    if paid and not pay_details:
        raise ValidationError({"pay_details": "Enter how much you are paid, or how"})
    if not paid:
        pay_details = ""
    if end_date and end_date < start_date:
        raise ValidationError(
            {"end_date": "The end date must be the same as or after the start date"}
        )

    from standards.people.models import Person

    declarant = Person.objects.select_related("line_manager").get(pk=acting_user.person_id)
    manager = _recommender(declarant)
    interest = BusinessInterest(
        declarant=declarant,
        submitted_by=acting_user,
        interest_type=interest_type,
        organisation=organisation,
        role=role,
        hours_per_week=hours_per_week,
        paid=paid,
        pay_details=pay_details,
        start_date=start_date,
        end_date=end_date,
        possible_conflicts=possible_conflicts,
        status=(InterestStatus.AWAITING_LINE_MANAGER if manager else InterestStatus.AWAITING_PSD),
    )
    _save(interest, SUBMITTED, acting_user)
    extensions.record_about_people(
        kind="interest",
        record=interest,
        person_ids=[declarant.pk],
        summary=f"{interest.reference}: business interest declared",
    )
    if manager:
        notify(
            recipients=[manager],
            key=f"interest-{interest.pk}-awaiting-recommendation",
            subject="waiting for your recommendation",
            body=f"{declarant.display_name} has applied for a business interest. Give your "
            "recommendation so the Professional Standards Department can decide.",
            url=reverse("interests:recommend", kwargs={"pk": interest.pk}),
            record=interest,
            step="recommend",
        )
    else:
        _notify_psd_deciders(
            interest,
            key=f"interest-{interest.pk}-awaiting-psd",
            subject="waiting for a PSD decision",
            step="decide",
        )
    return interest


@transaction.atomic
def interest_withdraw(*, interest: BusinessInterest, reason: str = "", acting_user) -> None:
    """The member withdraws an application not yet decided. It stays on the register."""
    interest = _own(interest, acting_user)
    if interest.status not in (
        InterestStatus.AWAITING_LINE_MANAGER,
        InterestStatus.AWAITING_PSD,
    ):
        raise ValidationError("Only an application that has not been decided can be withdrawn")
    interest.withdrawal_reason = _text(reason, "reason")
    interest.status = InterestStatus.WITHDRAWN
    _save(interest, WITHDRAWN, acting_user)
    notifications_done(record=interest, steps=("recommend", "decide"))
