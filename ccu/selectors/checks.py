"""The CCU's side of the intelligence-check exchange (``standards.exchange``): its review queue
of unanswered checks, and the notice to its analysts when PSD asks for one.

The person a check is about never learns one was asked (DESIGN.md, corridor rule 5): the notice
goes to the CCU only, and leaves them out even when they work in the CCU.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ccu.selectors.people import Holdings, people_holdings
from standards.access import policy
from standards.access.roles import CCU_ROLES
from standards.core.extensions import ReviewQueue
from standards.exchange.models import CheckList, IntelligenceCheck
from standards.exchange.selectors import (
    ANSWER_WITHIN_DAYS,
    CheckState,
    asked_for_model,
    check_list_for_user,
    checks_awaiting_summary,
    checks_visible,
)
from standards.notifications.services import notify


def check_queue_for_user(*, user, state: str) -> QuerySet[IntelligenceCheck]:
    """The CCU's list of checks (awaiting or answered), or 404 outside the CCU. Each check says
    whether it is overdue by the same rule the review queue counts (asked more than
    ``ANSWER_WITHIN_DAYS`` ago and not answered), so the count and the marked rows agree."""
    if not policy.in_ccu(user):
        raise Http404
    late = timezone.now() - dt.timedelta(days=ANSWER_WITHIN_DAYS)
    return (
        check_list_for_user(user=user, state=state)
        .exclude(asked_for_model(CheckList))  # grouped under their list (``list_queue_for_user``)
        .annotate(
            is_overdue=ExpressionWrapper(
                Q(answer="", requested_at__lt=late), output_field=BooleanField()
            )
        )
    )


@dataclass(frozen=True)
class QueuedList:
    """A list of people in the CCU's queue: its checks counted as the user may see them."""

    check_list: CheckList
    awaiting: int
    answered: int
    oldest: dt.datetime | None

    @property
    def is_overdue(self) -> bool:
        late = timezone.now() - dt.timedelta(days=ANSWER_WITHIN_DAYS)
        return bool(self.awaiting and self.oldest and self.oldest < late)


def list_queue_for_user(*, user, state: str) -> list[QueuedList]:
    """The lists in the CCU's queue, their checks grouped under them: those with a check still
    awaiting an answer (oldest first), or those fully answered (newest first). Two queries."""
    if not policy.in_ccu(user):
        raise Http404
    counts = (
        checks_visible(user, IntelligenceCheck.objects.filter(asked_for_model(CheckList)))
        .order_by()
        .values("asked_for_id")
        .annotate(
            awaiting=Count("pk", filter=Q(answer="")),
            answered=Count("pk", filter=~Q(answer="")),
            oldest=Min("requested_at", filter=Q(answer="")),
        )
    )
    by_list = {row["asked_for_id"]: row for row in counts}
    if state == CheckState.ANSWERED:
        wanted = [pk for pk, row in by_list.items() if not row["awaiting"]]
    else:
        wanted = [pk for pk, row in by_list.items() if row["awaiting"]]
    lists = policy.visible(
        user, CheckList.objects.filter(pk__in=wanted).select_related("requested_by__person")
    )
    queued = [
        QueuedList(
            check_list=check_list,
            awaiting=by_list[check_list.pk]["awaiting"],
            answered=by_list[check_list.pk]["answered"],
            oldest=by_list[check_list.pk]["oldest"],
        )
        for check_list in lists
    ]
    if state == CheckState.ANSWERED:
        return sorted(queued, key=lambda q: q.check_list.requested_at, reverse=True)
    return sorted(queued, key=lambda q: q.oldest)


def check_list_get_for_ccu(*, user, pk: int) -> CheckList:
    """A list, for the CCU to work: a 404 outside the CCU, and for anyone on it."""
    if not policy.in_ccu(user):
        raise Http404
    found = (
        policy.visible(user, CheckList.objects.select_related("requested_by__person"))
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


@dataclass
class ListRow:
    """One person on a list, as the CCU works it: their check and what the CCU holds."""

    person: object
    check: IntelligenceCheck | None
    holdings: Holdings
    form: object = None  # the page's answer form, while the check waits


def check_list_rows(*, user, check_list: CheckList) -> list[ListRow]:
    """Everyone on the list the user may see (never themselves), by name, each beside their
    check and the CCU's holdings on them."""
    people = [
        person
        for person in check_list.people.select_related("org_unit").order_by(
            "last_name", "first_name", "staff_number"
        )
        if person.pk != user.person_id
    ]
    checks: dict[int, IntelligenceCheck] = {}
    listed = checks_visible(
        user,
        IntelligenceCheck.objects.filter(
            asked_for_model(CheckList), asked_for_id=check_list.pk
        ).select_related("answered_by__person"),
    ).order_by("requested_at", "pk")
    for check in listed:
        checks[check.subject_id] = check  # the latest, should PSD have asked again
    holdings = people_holdings(user=user, people=people)
    return [
        ListRow(person=person, check=checks.get(person.pk), holdings=holdings[person.pk])
        for person in people
    ]


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
    transaction, and ``notify`` sends on commit). A list's checks share one notice, the list's,
    which leaves out everyone on it."""
    if check.asked_for_type_id == ContentType.objects.get_for_model(CheckList).pk:
        check_list = check.asked_for
        on_list = set(check_list.people.values_list("pk", flat=True))
        notify(
            recipients=[
                user
                for user in _ccu_recipients(exclude_person_id=None)
                if user.person_id not in on_list
            ],
            key=f"ccu-check-list-requested-{check_list.pk}",
            subject="waiting for answers",
            body="The Professional Standards Department has asked for intelligence checks on "
            "a list of people.",
            url=reverse("ccu_checks:list_detail", kwargs={"pk": check_list.pk}),
            record=check_list,
            step="answer",
        )
        return
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
