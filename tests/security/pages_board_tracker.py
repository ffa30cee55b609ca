"""Corridor entries for the board's tracker pages. STUB: every page is a 404 until it is built."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB: frozenset[str] = frozenset()

PAGES: dict[str, Page] = {
    "board:tracker": Page(allowed=STUB, acts=STUB),
    "board:inspection_new": Page(allowed=STUB, acts=STUB),
    "board:inspection": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0),
    "board:inspection_edit": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0),
    "board:recommendation_new": Page(
        allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0
    ),
    "board:recommendation": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0),
    "board:recommendation_update": Page(
        allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0
    ),
    "board:action_new": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0),
    "board:action_edit": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0),
}


def build(world: World) -> None:
    """Nothing to build yet."""
