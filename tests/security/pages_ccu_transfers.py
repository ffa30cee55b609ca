"""Corridor entries for the CCU's transfers pages.

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
    "ccu:transfer_list": Page(allowed=STUB, acts=STUB),
    "ccu:transfer_new": Page(allowed=STUB, acts=STUB),
    "ccu:transfer_incoming": Page(allowed=STUB, acts=STUB),
    "ccu:transfer_detail": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:transfer_pack": Page(allowed=STUB, kwargs=_PK, acts=STUB),
}


def build(world: World) -> None:
    pass
