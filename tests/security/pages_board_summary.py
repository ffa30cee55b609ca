"""Corridor entries for the board's summary pages: the integrity board, the head of PSD and the
head of the CCU read them (404 for everyone else); counts only, no record, one access-log row (a
search) per page; nobody POSTs.

A section's page is walked with the complaints section, which every board reader may read; it
is registered by the complaints app, and until it is, that page is a 404 for everyone."""

from __future__ import annotations

from standards.board.figures import board_sections
from tests.security.registry import Page
from tests.security.world import World

READERS = frozenset({"dcc", "psd_head", "ccu_head"})
SECTION = "complaints"
SECTION_READERS = (
    READERS if SECTION in {section.key for section in board_sections()} else frozenset()
)

PAGES: dict[str, Page] = {
    "board:summary": Page(allowed=READERS, logs=1),
    "board:section": Page(
        allowed=SECTION_READERS,
        kwargs=lambda world: {"key": SECTION},
        logs=1 if SECTION_READERS else None,
    ),
}


def build(world: World) -> None:
    """Nothing to build: the summary counts what the world already holds."""
