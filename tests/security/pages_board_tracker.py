"""Corridor entries for the board's HMICFRS recommendations tracker: the board readers (the DCC,
the head of PSD, the head of the CCU) see and change every page; anyone else gets 404. The list
logs its search (one row); a record page one row about its record; the form for a new inspection
shows no record and logs none."""

from __future__ import annotations

import datetime as dt

from tests.security.registry import Page
from tests.security.world import World

READERS = frozenset({"dcc", "psd_head", "ccu_head"})


def _pk(record: str):
    return lambda world: {"pk": world.records[record].pk}


PAGES: dict[str, Page] = {
    "board:tracker": Page(allowed=READERS, logs=1),
    "board:inspection_new": Page(allowed=READERS, acts=READERS),
    "board:inspection": Page(allowed=READERS, kwargs=_pk("tracker_inspection")),
    "board:inspection_edit": Page(allowed=READERS, acts=READERS, kwargs=_pk("tracker_inspection")),
    "board:recommendation_new": Page(
        allowed=READERS, acts=READERS, kwargs=_pk("tracker_inspection")
    ),
    "board:recommendation": Page(allowed=READERS, kwargs=_pk("tracker_recommendation")),
    "board:recommendation_update": Page(
        allowed=READERS, acts=READERS, kwargs=_pk("tracker_recommendation")
    ),
    "board:action_new": Page(allowed=READERS, acts=READERS, kwargs=_pk("tracker_recommendation")),
    "board:action_edit": Page(allowed=READERS, acts=READERS, kwargs=_pk("tracker_action")),
}


def build(world: World) -> None:
    """An inspection with one recommendation, its first update and an overdue action."""
    from tests.board.factories import (
        InspectionFactory,
        RecommendationFactory,
        RecommendationUpdateFactory,
        TrackerActionFactory,
    )

    inspection = InspectionFactory(published_on=dt.date(2019, 9, 27))
    recommendation = RecommendationFactory(inspection=inspection)
    RecommendationUpdateFactory(recommendation=recommendation, recorded_by=world.users["psd_head"])
    world.records["tracker_inspection"] = inspection
    world.records["tracker_recommendation"] = recommendation
    world.records["tracker_action"] = TrackerActionFactory(
        recommendation=recommendation,
        owner=world.users["psd_head"].person,
        due_on=dt.date.today() - dt.timedelta(days=7),
    )
