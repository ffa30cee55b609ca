"""The CCU's work queues, for its home page and the review-queues page: what waits for triage,
the viewer's own actions, interventions awaiting the head and unseen watchlist alerts (the
reporting line has its own, ``ccu.selectors.line``). Each is one aggregate query through the
access policy, so a count never includes what the viewer may not open; outside the CCU there
are none (not even a zero)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone

from ccu.models import (
    Action,
    IntelligenceReport,
    InterventionStatus,
    ManagementIntervention,
    ReportStatus,
    WatchAlert,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import ReviewQueue

# New intelligence is triaged within a week of arriving; older is shown as overdue.
TRIAGE_WITHIN_DAYS = 7
# A reporter's reply, and an intervention awaiting the head, are dealt with within 3 days.
REPLY_WITHIN_DAYS = 3


def _start_of(day: dt.date | None) -> dt.datetime | None:
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def ccu_queues(*, user) -> list[ReviewQueue]:
    if not policy.in_ccu(user):
        return []
    today = timezone.localdate()
    queues: list[ReviewQueue] = []

    triage = (
        policy.visible(user, IntelligenceReport.objects.filter(status=ReportStatus.NEW))
        .order_by()
        .aggregate(
            count=Count("pk"),
            oldest=Min("received_on"),
            overdue=Count(
                "pk", filter=Q(received_on__lt=today - dt.timedelta(days=TRIAGE_WITHIN_DAYS))
            ),
        )
    )
    queues.append(
        ReviewQueue(
            key="ccu-triage",
            title="Intelligence awaiting triage",
            url=reverse("ccu:triage_queue"),
            count=triage["count"],
            oldest=_start_of(triage["oldest"]),
            overdue=triage["overdue"],
            overdue_after_days=TRIAGE_WITHIN_DAYS,
        )
    )

    actions = (
        policy.visible(user, Action.objects.filter(owner=user, done_on__isnull=True))
        .order_by()
        .aggregate(
            count=Count("pk"), oldest=Min("due_on"), overdue=Count("pk", filter=Q(due_on__lt=today))
        )
    )
    queues.append(
        ReviewQueue(
            key="ccu-actions",
            title="Your development actions",
            url=reverse("ccu:action_list"),
            count=actions["count"],
            overdue=actions["overdue"],
        )
    )

    if policy.holds(user, Role.CCU_HEAD):
        proposed = (
            policy.visible(
                user,
                ManagementIntervention.objects.filter(status=InterventionStatus.PROPOSED),
            )
            .order_by()
            .aggregate(count=Count("pk"), oldest=Min("proposed_at"))
        )
        queues.append(
            ReviewQueue(
                key="ccu-interventions",
                title="Management interventions to authorise",
                url=reverse("ccu:intervention_list"),
                count=proposed["count"],
                oldest=proposed["oldest"],
                overdue_after_days=REPLY_WITHIN_DAYS,
            )
        )

    alerts = (
        policy.visible(user, WatchAlert.objects.filter(seen_at__isnull=True))
        .order_by()
        .aggregate(count=Count("pk"), oldest=Min("raised_at"))
    )
    queues.append(
        ReviewQueue(
            key="ccu-alerts",
            title="Watchlist alerts not yet seen",
            url=reverse("ccu:alert_list"),
            count=alerts["count"],
            oldest=alerts["oldest"],
        )
    )

    return queues
