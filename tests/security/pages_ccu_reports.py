"""Corridor entries for the CCU's reports pages.

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
    "ccu:report_list": Page(allowed=STUB, acts=STUB),
    "ccu:report_record": Page(allowed=STUB, acts=STUB),
    "ccu:report_import": Page(allowed=STUB, acts=STUB),
    "ccu:report": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_source": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_grading": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_edit": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_subjects": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_move": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_notes": Page(allowed=STUB, kwargs=_PK, acts=STUB),
    "ccu:report_timeline": Page(allowed=STUB, kwargs=_PK, acts=STUB),
}


def build(world: World) -> None:
    pass
