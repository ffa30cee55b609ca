"""Corridor entries for the cross-checks' imports (PSD's pages). STUB: the imports' owner
replaces these entries with the pages' real audiences."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB = frozenset()


def _one(world: World) -> dict:
    return {"pk": 1}


PAGES: dict[str, Page] = {
    "crosschecks:imports": Page(allowed=STUB, acts=STUB),
    "crosschecks:import_new": Page(allowed=STUB, acts=STUB),
    "crosschecks:import_detail": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:import_mapping": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:import_preview": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:import_progress": Page(allowed=STUB, kwargs=_one, acts=STUB),
}


def build(world: World) -> None:
    """Nothing yet."""
