"""Corridor entries for the cross-checks' findings and runs. STUB: the findings pages' owner
replaces these entries with the pages' real audiences."""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB = frozenset()


def _one(world: World) -> dict:
    return {"pk": 1}


PAGES: dict[str, Page] = {
    "crosschecks:findings": Page(allowed=STUB, acts=STUB),
    "crosschecks:finding_detail": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:finding_dispose": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:ccu_findings": Page(allowed=STUB, acts=STUB),
    "crosschecks:ccu_finding_detail": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:ccu_finding_dispose": Page(allowed=STUB, kwargs=_one, acts=STUB),
    "crosschecks:runs": Page(allowed=STUB, acts=STUB),
    "crosschecks:run_detail": Page(allowed=STUB, kwargs=_one, acts=STUB),
}


def build(world: World) -> None:
    """Nothing yet."""
