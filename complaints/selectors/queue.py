"""The caseworker's queue (/complaints/): the cases the user may see, in one of four views, then
filtered and sorted by ``filters.CaseQueueFilter``. Every view is one indexed query (plus its
count): the access rule is a SQL filter and the sorts follow ``Case.Meta.indexes``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from complaints.clocks import DUE_SOON_WORKING_DAYS
from complaints.filters import CaseQueueFilter
from complaints.models import Case, CaseStatus
from complaints.selectors.cases import case_list_for_user
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import PersonLink, RecordLine, ReviewQueue
from standards.core.working_days import add_working_days

MINE, ALL, UNALLOCATED, OVERDUE = "mine", "all", "unallocated", "overdue"
VIEW_TITLES = {
    MINE: "My cases",
    ALL: "All cases",
    UNALLOCATED: "Unallocated",
    OVERDUE: "Overdue",
}


def may_use_queue(user) -> bool:
    """PSD works the queue, the CCU reads it, the review body sees the cases with it."""
    return policy.in_psd(user) or policy.in_ccu(user) or policy.holds(user, Role.REVIEW_BODY)


def is_head(user) -> bool:
    return policy.holds(user, Role.PSD_DECISION_MAKER)


def views_for(user) -> tuple[str, ...]:
    """The views a user's queue offers: the review body has only its own cases (the rule shows
    it nothing else); the CCU, in nobody's case team, has no "mine"."""
    if policy.holds(user, Role.REVIEW_BODY) and not policy.in_psd(user):
        return (MINE,)
    if policy.in_psd(user):
        return (MINE, ALL, UNALLOCATED, OVERDUE)
    return (ALL, UNALLOCATED, OVERDUE)


def default_view(user) -> str:
    views = views_for(user)
    if is_head(user):
        return ALL
    return views[0]


def due_soon_before(today: dt.date) -> dt.date:
    """A clock due before this date is "due soon" (or overdue): the same test as
    ``clocks.Clock.state``, within ``DUE_SOON_WORKING_DAYS`` working days of today."""
    return add_working_days(today, DUE_SOON_WORKING_DAYS + 1)


def _queue_cases(user) -> QuerySet[Case]:
    return case_list_for_user(user=user).select_related("lead__person")


def _mine(user) -> Q:
    if policy.holds(user, Role.REVIEW_BODY) and not policy.in_psd(user):
        return policy.EVERYTHING  # the rule already narrows them to the cases with them
    # The case team: the cases the user has been granted (the lead is always granted). Their
    # open cases are read in date order through Case.Meta.indexes and each tested against the
    # grants, which stops at the page; the semi-join form would gather every grant first.
    return policy.granted_within(user, Case, "view_case")


def _in_view(queryset: QuerySet[Case], *, user, view: str, today: dt.date) -> QuerySet[Case]:
    if view == MINE:
        return queryset.filter(_mine(user))
    if view == UNALLOCATED:
        return queryset.filter(lead__isnull=True).exclude(status=CaseStatus.CLOSED)
    if view == OVERDUE:
        return queryset.filter(next_due_on__lt=today).exclude(status=CaseStatus.CLOSED)
    return queryset


def case_queue_for_user(*, user, params) -> CaseQueueFilter:
    """The queue as the user may see it, in the view ``params["view"]`` names (mine, all,
    unallocated, overdue; a view the user does not have falls back to their default), filtered
    and sorted. ``.view`` on the result says which view it is."""
    if not may_use_queue(user):
        raise Http404
    today = timezone.localdate()
    view = params.get("view", "")
    if view not in views_for(user):
        view = default_view(user)
    queryset = _in_view(_queue_cases(user), user=user, view=view, today=today)
    queue = CaseQueueFilter(
        params,
        queryset=queryset,
        default_sort="due" if view == OVERDUE else "received",
        today=today,
        soon=due_soon_before(today),
        leads=_leads(),
    )
    queue.view = view
    return queue


def _leads():
    """Who a case can be led by: PSD caseworkers and heads (the lead filter's choices)."""
    return (
        get_user_model()
        .objects.filter(
            groups__name__in=[Role.PSD_CASEWORKER.value, Role.PSD_DECISION_MAKER.value],
            is_active=True,
        )
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "person__first_name", "username")
    )


@dataclass(frozen=True)
class ViewTab:
    key: str
    title: str
    count: int | None


def queue_tabs(*, user, current: str) -> list[ViewTab]:
    """The views as sub-navigation; the head of PSD sees how many cases are unallocated and
    overdue (two counts, each on a partial index)."""
    today = timezone.localdate()
    tabs = []
    for key in views_for(user):
        count = None
        if is_head(user) and key in (UNALLOCATED, OVERDUE):
            count = _in_view(
                case_list_for_user(user=user), user=user, view=key, today=today
            ).count()
        tabs.append(ViewTab(key, VIEW_TITLES[key], count))
    return tabs


def case_queues(*, user) -> list[ReviewQueue]:
    """The review-queues page: a caseworker's open cases; the head's unallocated cases."""
    if not policy.in_psd(user):
        return []
    today = timezone.localdate()
    url = reverse("complaints:queue")
    queues = []
    visible = case_list_for_user(user=user)
    mine = _in_view(visible, user=user, view=MINE, today=today).exclude(status=CaseStatus.CLOSED)
    # One query for both numbers: the review-queues page counts every area's queues.
    counts = mine.aggregate(count=Count("pk"), overdue=Count("pk", filter=Q(next_due_on__lt=today)))
    queues.append(
        ReviewQueue(
            key="complaints-mine",
            title="Complaint and conduct cases allocated to you",
            url=f"{url}?view={MINE}",
            count=counts["count"],
            overdue=counts["overdue"],
        )
    )
    if is_head(user):
        queues.append(
            ReviewQueue(
                key="complaints-unallocated",
                title="Unallocated complaint and conduct cases",
                url=f"{url}?view={UNALLOCATED}",
                count=_in_view(visible, user=user, view=UNALLOCATED, today=today).count(),
            )
        )
    return queues


def case_links_for_person(*, viewer, person) -> list[PersonLink]:
    """A person's page: the cases they are a subject of, as the viewer may see them (PSD and
    the CCU; nobody else learns that a case exists). A few are listed, newest first, each
    opening through the case page (and its break glass)."""
    if not (policy.in_psd(viewer) or policy.in_ccu(viewer)):
        return []
    about = case_list_for_user(user=viewer).filter(subjects__person=person).distinct()
    count = about.count()
    if not count:
        return []
    records = tuple(
        RecordLine(
            text=f"{case.reference}: {case.get_status_display()}",
            url=reverse("complaints:case", kwargs={"pk": case.pk}),
        )
        for case in about.order_by("-received_on", "-pk")[:5]
    )
    return [PersonLink(label="Complaint and conduct cases", count=count, records=records)]
