"""Corridor entries for the CCU's watch pages.

Everything is a 404 outside the CCU. The entry and its alert are about the "subject" persona (a
CCU analyst): they reach the list pages like any analyst, but their own entry is a 404 to them
(and neither list shows it).
"""

from __future__ import annotations

from tests.ccu.factories import WatchlistEntryFactory
from tests.security.registry import CCU, Page
from tests.security.world import World

HEAD_AND_ANALYST = frozenset({"ccu_analyst", "ccu_head"})


def _entry(world: World) -> dict:
    return {"pk": world.records["watch_entry"].pk}


PAGES: dict[str, Page] = {
    "ccu:watchlist": Page(allowed=CCU, logs=1),
    "ccu:watch_add": Page(allowed=CCU, acts=CCU),
    "ccu:watch_detail": Page(allowed=HEAD_AND_ANALYST, kwargs=_entry, acts=HEAD_AND_ANALYST),
    "ccu:alert_list": Page(allowed=CCU, acts=CCU, logs=1),
}


def build(world: World) -> None:
    from ccu.models import AlertKind, WatchAlert

    entry = WatchlistEntryFactory(
        person=world.users["subject"].person, added_by=world.users["ccu_head"]
    )
    report = world.records["intel_report"]
    WatchAlert.objects.create(
        entry=entry,
        kind=AlertKind.INTELLIGENCE,
        summary=f"{report.reference}: intelligence recorded",
        record_label="ccu.intelligencereport",
        record_id=report.pk,
        record_ref=report.reference,
        report=report,
    )
    world.records["watch_entry"] = entry
