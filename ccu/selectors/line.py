"""Reads of the confidential reporting line for the CCU, through the access policy.

A line report is seen by whoever may see its intelligence report (``ccu.rules``: the general
intake, for every CCU analyst and the head). A sealed identity is the head's alone, and opens only
after a reason (its rule is never "allocated").
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse

from ccu.models import LineMessage, LineReport, MessageDirection, SealedIdentity
from standards.access import policy
from standards.core.extensions import ReviewQueue


def _with_flags(queryset: QuerySet[LineReport]) -> QuerySet[LineReport]:
    last_direction = (
        LineMessage.objects.filter(line_report=OuterRef("pk"))
        .order_by("-sent_on", "-pk")
        .values("direction")[:1]
    )
    return queryset.annotate(
        last_direction=Subquery(last_direction),
        message_count=Count("messages"),
    )


def line_list_for_user(*, user) -> QuerySet[LineReport]:
    """The line reports the user may see, newest first, each with ``last_direction`` (a reply
    waiting when the reporter spoke last) and ``message_count``; a 404 outside the CCU."""
    if not policy.in_ccu(user):
        raise Http404
    return _with_flags(policy.visible(user, LineReport.objects.select_related("report"))).order_by(
        "-received_on", "-pk"
    )


def line_report_get_for_user(*, user, pk: int) -> LineReport:
    line_report = (
        policy.visible(user, LineReport.objects.select_related("report")).filter(pk=pk).first()
    )
    if line_report is None:
        raise Http404
    return line_report


def line_messages(*, line_report: LineReport) -> list[LineMessage]:
    """The dialogue, oldest first (for the CCU: who in the CCU wrote each question)."""
    return list(line_report.messages.select_related("written_by__person").order_by("sent_on", "pk"))


def reporter_dialogue(*, line_report: LineReport) -> list[LineMessage]:
    """The dialogue as the reporter sees it: the words and the day, never who in the CCU wrote
    them (the view passes only these fields to the page)."""
    return list(line_report.messages.only("direction", "text", "sent_on").order_by("sent_on", "pk"))


def line_may_write(*, user, line_report: LineReport) -> bool:
    return policy.changeable(user, LineReport.objects.filter(pk=line_report.pk)).exists()


def line_has_sealed_identity(*, user, line_report: LineReport) -> bool:
    """Whether the page offers the head the way to the sealed identity (no one else is told)."""
    return policy.visible(user, SealedIdentity.objects.filter(line_report=line_report)).exists()


def sealed_identity_get_for_head(*, user, pk: int) -> SealedIdentity:
    """The sealed identity of line report ``pk``, for the head of the CCU; 404 for anyone else
    and for an anonymous report (which has none)."""
    sealed = (
        policy.visible(
            user,
            SealedIdentity.objects.select_related("line_report", "person__org_unit"),
        )
        .filter(line_report_id=pk)
        .first()
    )
    if sealed is None:
        raise Http404
    return sealed


def identity_needs_reason(*, user, sealed: SealedIdentity) -> bool:
    return policy.needs_justification(user, sealed)


def identity_openings(*, user, sealed: SealedIdentity):
    return list(
        policy.visible(user, sealed.openings.select_related("opened_by__person")).order_by(
            "-opened_at"
        )
    )


def line_queues(*, user) -> list[ReviewQueue]:
    """The line's queue for the review-queues page: reports not yet answered and replies
    waiting (CCU roles only). Counted when read: the line itself never sends a notice."""
    if not policy.in_ccu(user):
        return []
    waiting = (
        _with_flags(policy.visible(user, LineReport.objects.all()))
        .filter(
            Q(last_direction=MessageDirection.FROM_REPORTER)
            | Q(message_count=0, report__status="new")
        )
        .count()
    )
    return [
        ReviewQueue(
            key="ccu-reporting-line",
            title="Reporting line: new reports and replies waiting",
            url=reverse("ccu:line_list"),
            count=waiting,
        )
    ]
