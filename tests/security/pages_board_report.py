"""Corridor entries for the board's report pages. STUB: every page is a 404 until it is built."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB: frozenset[str] = frozenset()

PAGES: dict[str, Page] = {
    "board:report": Page(allowed=STUB, acts=STUB),
    "board:report_pdf": Page(allowed=STUB, acts=STUB),
    "board:report_csv": Page(allowed=STUB, acts=STUB),
}


def build(world: World) -> None:
    """Nothing to build yet."""
