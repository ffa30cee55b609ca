"""Intake: the complaints waiting to be opened as cases or added to one, for PSD only (the
Intake rule in complaints/rules.py), and the open cases each may repeat (complaints.matching)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Min, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from complaints import matching, rules
from complaints.clocks import LOG_WITHIN_WORKING_DAYS
from complaints.models import Intake, IntakeStatus, Subject
from complaints.selectors.cases import case_list_for_user
from standards.access import policy
from standards.core.extensions import ReviewQueue
from standards.core.working_days import add_working_days, is_working_day

QUEUE_VIEWS = {
    "new": ("Waiting", Q(status=IntakeStatus.NEW)),
    "done": ("Dealt with", ~Q(status=IntakeStatus.NEW)),
}


def intake_list_for_user(*, user) -> QuerySet[Intake]:
    return policy.visible(user, Intake.objects.all())


def intake_get_for_user(*, user, pk) -> Intake:
    """The intake, or the 404 of a missing one for anyone outside PSD."""
    try:
        return (
            intake_list_for_user(user=user).select_related("recorded_by", "decided_by").get(pk=pk)
        )
    except (Intake.DoesNotExist, ValueError, TypeError):
        raise Http404("No such intake") from None


def intake_dealt_with_out_of_sight(*, user, pk) -> str | None:
    """The reference of an intake someone else has dealt with while the user had its page open,
    now out of their sight (it is part of a case whose team they are not in), or None. A PSD
    user saw it in the queue a moment ago, so saying it has gone tells them nothing new; anyone
    outside PSD, or about whom the case is, gets None (and so the 404 of a missing page)."""
    if not user.is_authenticated or not policy.in_psd(user):
        return None
    return (
        Intake.objects.exclude(status=IntakeStatus.NEW)
        .filter(pk=pk)
        .filter(policy.not_about(user, rules.ABOUT_CASE_OF))
        .exclude(pk__in=intake_list_for_user(user=user).values("pk"))
        .values_list("reference", flat=True)
        .first()
    )


def intake_queue_for_user(*, user, view: str = "new") -> QuerySet[Intake]:
    """The intake queue: waiting ones oldest first (the log clock runs from receipt), the
    dealt-with ones newest first. Outside PSD the page itself is a 404."""
    if not policy.in_psd(user):
        raise Http404
    _, condition = QUEUE_VIEWS.get(view, QUEUE_VIEWS["new"])
    order = ("received_at", "pk") if view != "done" else ("-decided_at", "-pk")
    return intake_list_for_user(user=user).filter(condition).select_related("case").order_by(*order)


def log_due_by(received_at: dt.datetime) -> dt.date:
    """The day the complaint should be logged by (2 working days from receipt)."""
    return add_working_days(timezone.localdate(received_at), LOG_WITHIN_WORKING_DAYS)


def overdue_before(today: dt.date) -> dt.date:
    """Intakes received before this day are past the log clock (2 working days) today."""
    day, counted = today, 0
    while counted < LOG_WITHIN_WORKING_DAYS:
        day -= dt.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def overdue_before_datetime() -> dt.datetime:
    """The moment before which a waiting intake is past the log clock."""
    return timezone.make_aware(
        dt.datetime.combine(overdue_before(timezone.localdate()), dt.time.min)
    )


def intake_may_record(*, user) -> None:
    """Recording a complaint received another way is PSD's: the 404 of a missing page for
    anyone else."""
    if not policy.in_psd(user):
        raise Http404


def intake_match_candidates(*, user, intake: Intake) -> list[matching.Match]:
    """The open cases this intake may repeat, best first: prefiltered in SQL, fetched through
    the access policy (a case out of the user's sight is never offered), then scored."""
    if intake.status != IntakeStatus.NEW:
        return []
    cases = (
        case_list_for_user(user=user)
        .open()
        .filter(matching.prefilter(intake))
        .prefetch_related(
            "complainants",
            Prefetch("subjects", queryset=Subject.objects.select_related("person")),
            Prefetch("intakes", queryset=Intake.objects.only("pk", "reference", "case_id")),
        )
        .order_by("-received_on", "-pk")[: matching.MAX_CANDIDATES]
    )
    matches = [m for case in cases if (m := matching.score(intake, case)) is not None]
    return sorted(matches, key=lambda m: (-m.score, -m.case.pk))


def review_queues(*, user) -> list[ReviewQueue]:
    """PSD's intake queue on the review-queues page: one aggregate query."""
    if not user.is_authenticated or not policy.in_psd(user):
        return []
    cutoff = overdue_before_datetime()
    totals = (
        intake_list_for_user(user=user)
        .filter(status=IntakeStatus.NEW)
        .order_by()
        .aggregate(
            count=Count("pk"),
            oldest=Min("received_at"),
            overdue=Count("pk", filter=Q(received_at__lt=cutoff)),
        )
    )
    return [
        ReviewQueue(
            key="complaints-intake",
            title="New complaints waiting in the intake queue",
            url=reverse("complaints:intake_queue"),
            count=totals["count"],
            oldest=totals["oldest"],
            overdue=totals["overdue"],
            overdue_after_days=LOG_WITHIN_WORKING_DAYS,
        )
    ]
