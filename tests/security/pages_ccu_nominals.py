"""Corridor entries for the CCU's nominals pages.

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
    "ccu:nominal_list": Page(allowed=STUB, acts=STUB),
    "ccu:nominal_add": Page(allowed=STUB, acts=STUB),
    "ccu:nominal_detail": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:nominal_duplicates": Page(allowed=STUB, acts=STUB),
    "ccu:nominal_merge": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_nominals": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:search": Page(allowed=STUB, acts=STUB),
    "ccu:person_chart": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:operation_chart": Page(allowed=STUB, kwargs=_PK, acts=STUB),
}


def build(world: World) -> None:
    pass
