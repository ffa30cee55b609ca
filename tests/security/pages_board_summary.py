"""Corridor entries for the board's summary pages. STUB: every page is a 404 until it is built."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB: frozenset[str] = frozenset()

PAGES: dict[str, Page] = {
    "board:summary": Page(allowed=STUB, acts=STUB),
    "board:section": Page(allowed=STUB, acts=STUB, kwargs=lambda world: {"key": "complaints"}),
}


def build(world: World) -> None:
    """Nothing to build yet."""
