"""Corridor entries for the CCU's threat picture: the head of the CCU only. Counts, no record:
the page and its CSV each write one access-log row (a search; the CSV a disclosure)."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

HEAD = frozenset({"ccu_head"})

PAGES: dict[str, Page] = {
    "ccu:threat": Page(allowed=HEAD, logs=1),
    "ccu:threat_export": Page(allowed=HEAD, logs=1),
}


def build(world: World) -> None:
    """Nothing to build: the threat picture counts what the world already holds."""
