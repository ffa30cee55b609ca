"""Corridor entries for the board's reference pages. STUB: every page is a 404 until it is built."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB: frozenset[str] = frozenset()

PAGES: dict[str, Page] = {
    "board:reference_list": Page(allowed=STUB, acts=STUB),
    "board:reference_new": Page(allowed=STUB, acts=STUB),
    "board:reference_import": Page(allowed=STUB, acts=STUB),
    "board:reference_edit": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"pk": 1}, logs=0),
}


def build(world: World) -> None:
    """Nothing to build yet."""
