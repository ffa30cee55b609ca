"""The CCU's side of the intelligence-check exchange (``standards.exchange``): its review queue
of unanswered checks, and the notice to its analysts when PSD asks for one.

The person a check is about never learns one was asked (DESIGN.md, corridor rule 5): the notice
goes to the CCU only, and leaves them out even when they work in the CCU.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from standards.access import policy
from standards.access.roles import CCU_ROLES
from standards.core.extensions import ReviewQueue
from standards.exchange.models import IntelligenceCheck
from standards.exchange.selectors import (
    ANSWER_WITHIN_DAYS,
    check_list_for_user,
    checks_awaiting_summary,
)
from standards.notifications.services import notify


def check_queue_for_user(*, user, state: str) -> QuerySet[IntelligenceCheck]:
    """The CCU's list of checks (awaiting or answered), or 404 outside the CCU. Each check says
    whether it is overdue by the same rule the review queue counts (asked more than
    ``ANSWER_WITHIN_DAYS`` ago and not answered), so the count and the marked rows agree."""
    if not policy.in_ccu(user):
        raise Http404
    late = timezone.now() - dt.timedelta(days=ANSWER_WITHIN_DAYS)
    return check_list_for_user(user=user, state=state).annotate(
        is_overdue=ExpressionWrapper(
            Q(answer="", requested_at__lt=late), output_field=BooleanField()
        )
    )


def check_queues(*, user) -> list[ReviewQueue]:
    """The CCU's queue of unanswered checks, for the review-queues page (CCU roles only)."""
    summary = checks_awaiting_summary(user=user)
    if summary is None:
        return []
    return [
        ReviewQueue(
            key="ccu-intelligence-checks",
            title="Intelligence checks awaiting an answer",
            url=reverse("ccu_checks:queue"),
            count=summary.count,
            oldest=summary.oldest,
            overdue=summary.overdue,
            overdue_after_days=ANSWER_WITHIN_DAYS,
        )
    ]


def check_requested(*, check: IntelligenceCheck) -> None:
    """Tell the CCU a check is waiting (registered with the exchange; runs inside the request's
    transaction, and ``notify`` sends on commit)."""
    notify(
        recipients=_ccu_recipients(exclude_person_id=check.subject_id),
        key=f"ccu-check-requested-{check.pk}",
        subject="waiting for an answer",
        body="The Professional Standards Department has asked for an intelligence check.",
        url=reverse("ccu_checks:detail", kwargs={"pk": check.pk}),
        record=check,
        step="answer",
    )


def _ccu_recipients(*, exclude_person_id: int | None):
    users = (
        get_user_model()
        .objects.filter(groups__name__in=[role.value for role in CCU_ROLES], is_active=True)
        .distinct()
    )
    if exclude_person_id:
        users = users.exclude(person_id=exclude_person_id)
    return list(users)
