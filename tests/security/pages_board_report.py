"""Corridor entries for the board's quarterly report: board readers only. Figures, no record: the
page writes one access-log row (a search), the PDF and the CSV one each (a disclosure)."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

READERS = frozenset({"dcc", "psd_head", "ccu_head"})

PAGES: dict[str, Page] = {
    "board:report": Page(allowed=READERS, logs=1),
    "board:report_pdf": Page(allowed=READERS, logs=1),
    "board:report_csv": Page(allowed=READERS, logs=1),
}


def build(world: World) -> None:
    """Nothing to build: the report counts what the world already holds."""
