"""Reads of watchlists and their alerts, through the access policy (``ccu.rules``).

Everything here is a 404 outside the CCU. An entry and its alerts are hidden from the person
watched whatever their role, and an intelligence alert shows only to those who may see its
report (an analyst not granted the report's operation never learns the alert exists).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    ExpressionWrapper,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ccu.models import AlertKind, WatchAlert, WatchlistEntry
from standards.access import policy
from standards.people.models import Person

# Where an alert's record opens, in its own area (which decides, through its own rules, whether
# the reader may open it). The areas are named by URL, never imported.
RECORD_PAGES: dict[str, str] = {
    "gifts.gift": "gifts:detail",
    "interests.businessinterest": "interests:detail",
    "associations.notifiableassociation": "associations:detail",
    "complaints.case": "complaints:case",
    "ccu.intelligencereport": "ccu:report",
    # A PSD finding ("crosschecks.psdfinding") has no link: its page is PSD's.
    "crosschecks.ccufinding": "crosschecks:ccu_finding_detail",
}


def require_ccu(*, user) -> None:
    """A watch page that shows no one record exists only inside the CCU."""
    if not policy.in_ccu(user):
        raise Http404


def person_for_staff_number(*, user, staff_number: str) -> Person | None:
    """The member of the workforce with this staff number, as the user may see them."""
    staff_number = (staff_number or "").strip()
    if not staff_number:
        return None
    return policy.visible(user, Person.objects.filter(staff_number=staff_number)).first()


def _unseen_alerts(user):
    """A correlated count of the alerts on an entry that the user may see and nobody has seen."""
    return Coalesce(
        Subquery(
            policy.visible(
                user, WatchAlert.objects.filter(entry=OuterRef("pk"), seen_at__isnull=True)
            )
            .order_by()
            .values("entry")
            .annotate(n=Count("*"))
            .values("n")
        ),
        0,
    )


def watchlist_for_user(*, user) -> QuerySet[WatchlistEntry]:
    """The live entries the user may see, the soonest review first, each with its count of
    unseen alerts; a 404 outside the CCU."""
    require_ccu(user=user)
    return (
        policy.visible(user, WatchlistEntry.objects.filter(removed_on__isnull=True))
        .select_related("person", "person__org_unit")
        .annotate(unseen=_unseen_alerts(user))
        .order_by("review_on", "pk")
    )


def watch_entry_get_for_user(*, user, pk: int) -> WatchlistEntry:
    """The entry (live or taken off), or 404 - the same 404 for the person it is about."""
    entry = (
        policy.visible(
            user,
            WatchlistEntry.objects.select_related(
                "person", "person__org_unit", "added_by__person", "removed_by__person"
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if entry is None:
        raise Http404
    return entry


def entry_history(*, entry: WatchlistEntry):
    """The entry's history, newest first: added, each review with its note, taken off."""
    return entry.history.select_related("history_user__person").order_by("-history_date")[:100]


def review_due(entry: WatchlistEntry) -> bool:
    return entry.is_live and entry.review_on <= timezone.localdate()


@dataclass(frozen=True)
class AlertRow:
    alert: WatchAlert
    url: str


def _rows(alerts) -> list[AlertRow]:
    rows = []
    for alert in alerts:
        name = RECORD_PAGES.get(alert.record_label)
        if alert.kind == AlertKind.INTELLIGENCE and alert.report_id:
            url = reverse("ccu:report", kwargs={"pk": alert.report_id})
        elif name:
            url = reverse(name, kwargs={"pk": alert.record_id})
        else:
            url = ""
        rows.append(AlertRow(alert=alert, url=url))
    return rows


def entry_alerts_for_user(*, user, entry: WatchlistEntry) -> list[AlertRow]:
    """The entry's alerts the user may see, newest first, each with a link to its record."""
    alerts = policy.visible(user, WatchAlert.objects.filter(entry=entry)).select_related(
        "seen_by__person"
    )
    return _rows(alerts.order_by("-raised_at", "-pk")[:500])


def alert_list_for_user(*, user) -> QuerySet[WatchAlert]:
    """Every alert the user may see, the unseen first, then newest first; 404 outside the CCU."""
    require_ccu(user=user)
    return (
        policy.visible(user, WatchAlert.objects.all())
        .select_related("entry__person")
        .annotate(unseen=ExpressionWrapper(Q(seen_at__isnull=True), output_field=BooleanField()))
        .order_by("-unseen", "-raised_at", "-pk")
    )


def alert_rows(alerts) -> list[AlertRow]:
    """A page of alerts with the link to each one's record."""
    return _rows(alerts)


def alert_get_for_user(*, user, pk: int) -> WatchAlert:
    alert = policy.visible(user, WatchAlert.objects.all()).filter(pk=pk).first()
    if alert is None:
        raise Http404
    return alert
