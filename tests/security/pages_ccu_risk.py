"""Corridor entries for the CCU's risk pages.

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
    "ccu:risk_index": Page(allowed=STUB, acts=STUB),
    "ccu:risk_assess": Page(allowed=STUB, kwargs=_SLUG, acts=STUB),
    "ccu:person_risk": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:pib": Page(allowed=STUB, acts=STUB),
}


def build(world: World) -> None:
    pass
