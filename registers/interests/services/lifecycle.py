"""After the decision: the member ends an interest they have given up, and a change of role or
unit in the staff directory marks their approved interests for review."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from registers.interests.models import (
    APPROVED_STATUSES,
    ENDED,
    REVIEW_DUE_NOW,
    BusinessInterest,
    InterestStatus,
)
from registers.interests.services.common import _own, _portal_url, _save, _text
from standards.notifications.services import notifications_done, notify


@transaction.atomic
def interest_end(
    *, interest: BusinessInterest, ended_on: dt.date, reason: str = "", acting_user
) -> None:
    """The member has given the interest up. Nothing more to review."""
    interest = _own(interest, acting_user)
    if interest.status not in APPROVED_STATUSES:
        raise ValidationError("Only an approved interest can be ended")
    if ended_on is None or ended_on > timezone.localdate():
        raise ValidationError({"ended_on": "The date it ended must be today or in the past"})
    if ended_on < interest.start_date:
        raise ValidationError(
            {"ended_on": "The date it ended must be on or after the date it started"}
        )
    interest.end_reason = _text(reason, "reason")
    interest.ended_on = ended_on
    interest.status = InterestStatus.ENDED
    interest.review_due = None
    interest.review_due_now = False
    interest.review_due_now_reason = ""
    _save(interest, ENDED, acting_user)
    notifications_done(record=interest, steps=("review",))


@transaction.atomic
def interest_mark_review_due_now(*, person_ids, reason: str, acting_user=None) -> int:
    """Mark these people's approved interests "review due now": their role or unit changed, and
    an interest approved for one job may conflict with the next. Called by the HR import inside
    its transaction, so an import that fails marks nothing. Returns how many were marked."""
    person_ids = set(person_ids)
    if not person_ids:
        return 0
    reason = (reason or "change of role or unit").strip()
    interests = list(
        BusinessInterest.objects.select_for_update()
        .filter(declarant_id__in=person_ids, status__in=APPROVED_STATUSES, review_due_now=False)
        .order_by("pk")
    )
    now = timezone.now()
    for interest in interests:
        interest.review_due_now = True
        interest.review_due_now_reason = reason[:200]  # the field shown on the record
        interest.updated_at = now  # auto_now is not applied by a bulk update
    if interests:
        # A whole reorganisation can move hundreds at once: one UPDATE a batch, history kept.
        bulk_update_with_history(
            interests,
            BusinessInterest,
            fields=["review_due_now", "review_due_now_reason", "updated_at"],
            batch_size=500,
            default_user=acting_user,
            default_change_reason=f"{REVIEW_DUE_NOW}: {reason}",
        )
    from standards.accounts.models import User

    members = User.objects.filter(
        person_id__in={interest.declarant_id for interest in interests}, is_active=True
    )
    today = timezone.localdate()
    notify_each = {interest.declarant_id: interest for interest in interests}
    for user in members:
        interest = notify_each[user.person_id]
        notify(
            recipients=[user],
            key=f"interests-review-due-now-{user.person_id}-{today:%Y%m%d}",
            subject="Your business interests need a review",
            body=(
                "Your role or unit has changed. The Professional Standards Department will review "
                "your business interests, and may ask you about them."
            ),
            url=_portal_url(interest),
        )
    return len(interests)
