"""Corridor entries for the CCU's triage pages.

(Stubs until the stage is built: every persona gets 404, a visitor the sign-in page.)
"""

from __future__ import annotations

from tests.security.registry import Page
from tests.security.world import World

STUB: frozenset[str] = frozenset()


def _PK(world: World) -> dict:  # noqa: N802
    return {"pk": world.records["intel_report"].pk}


def _SLUG(world: World) -> dict:  # noqa: N802
    return {"slug": "abuse-of-position"}


PAGES: dict[str, Page] = {
    "ccu:triage_queue": Page(allowed=STUB, acts=STUB),
    "ccu:report_triage": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:action_add": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:action_list": Page(allowed=STUB, acts=STUB),
    "ccu:action_complete": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:intervention_propose": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:intervention_list": Page(allowed=STUB, acts=STUB),
    "ccu:intervention_detail": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:intervention_meeting": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_refer": Page(allowed=STUB, kwargs=_PK, acts=STUB),
}


def build(world: World) -> None:
    pass
