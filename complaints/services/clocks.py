"""Keeping the stored next deadline of open cases true (complaints.clocks.refresh, in bulk)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from complaints import clocks
from complaints.models import Case

CLOCK_PREFETCH = (
    "pauses",
    "letters",
    "subjects__restrictions__reviews",
    "subjects__reflections",
    "subjects__listings",
    "timeliness_reports",
)
BATCH = 500


def case_clocks_refresh_all(*, today: dt.date | None = None) -> int:
    """Refresh every open case's ``next_due_on``; returns how many changed. Batches of 500, each
    in its own transaction, so a long run never holds locks on the whole table."""
    today = today or timezone.localdate()
    changed = 0
    last_pk = 0
    while True:
        with transaction.atomic():
            batch = list(
                Case.objects.open()
                .filter(pk__gt=last_pk)
                .order_by("pk")
                .prefetch_related(*CLOCK_PREFETCH)[:BATCH]
            )
            if not batch:
                return changed
            for case in batch:
                before = (case.next_due_on, case.next_due_label)
                case._history_user = None
                clocks.refresh(case, today=today)
                changed += before != (case.next_due_on, case.next_due_label)
            last_pk = batch[-1].pk
