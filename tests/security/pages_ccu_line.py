"""Corridor entries for the CCU's line pages.

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
    "ccu:line_list": Page(allowed=STUB, acts=STUB),
    "ccu:line_detail": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:line_identity": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "my_ccu:line_start": Page(allowed=STUB, acts=STUB),
    "my_ccu:line_report": Page(allowed=STUB, acts=STUB),
    "my_ccu:line_return": Page(allowed=STUB, acts=STUB),
}


def build(world: World) -> None:
    pass
