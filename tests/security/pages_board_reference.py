"""Corridor entries for the board's national and most-similar-forces figures: the board's readers
see the list and each figure (the list logs one search row, a figure one row about it); the head
of PSD and the board add, import and correct; the head of the CCU reads only (the forms are 404
to them, a correction refused with 403 on a figure they can see)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from standards.board.models import ReferenceFigure, ReferenceScope
from standards.core.records import save_with_history
from tests.security.registry import Page
from tests.security.world import World

READERS = frozenset({"psd_head", "ccu_head", "dcc"})
WRITERS = frozenset({"psd_head", "dcc"})

PAGES: dict[str, Page] = {
    "board:reference_list": Page(allowed=READERS, logs=1),
    "board:reference_new": Page(allowed=WRITERS, acts=WRITERS, logs=0),
    "board:reference_import": Page(allowed=WRITERS, acts=WRITERS, logs=0),
    "board:reference_edit": Page(
        allowed=READERS,
        acts=WRITERS,
        post_overrides={"ccu_head": 403},
        kwargs=lambda world: {"pk": world.records["reference_figure"].pk},
    ),
}


def build(world: World) -> None:
    """One national figure for a financial year, recorded by the head of PSD."""
    figure = ReferenceFigure(
        measure_key="complaints.cases_logged.per_1000",
        scope=ReferenceScope.NATIONAL,
        period_start=dt.date(2024, 4, 1),
        period_end=dt.date(2025, 3, 31),
        value=Decimal("287.00"),
        source="IOPC, Police complaints: statistics for England and Wales 2024/25",
        recorded_by=world.users["psd_head"],
    )
    save_with_history(figure, "Recorded by hand", world.users["psd_head"])
    world.records["reference_figure"] = figure
