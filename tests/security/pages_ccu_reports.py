"""Corridor entries for the CCU's intelligence reports.

The report (``intel_report``) sits in the operation the analyst and the subject persona are
granted, is about the subject persona and is owned by the analyst. So: the analyst sees every
tab, its source too (as the owner); the head sees every tab after giving a reason (the operation
is not allocated to them: the justification page is a 200 that logs nothing until the reason);
the subject persona, a CCU analyst with the grant, gets 404 on all of it (it is about them);
everyone outside the CCU gets 404. The list and recording a report are for the whole CCU; the
historic import for the head only.
"""

from __future__ import annotations

from tests.security.registry import CCU, Page
from tests.security.world import World

WORKERS = frozenset({"ccu_analyst", "ccu_head"})
HEAD = frozenset({"ccu_head"})


def _PK(world: World) -> dict:  # noqa: N802
    return {"pk": world.records["intel_report"].pk}


PAGES: dict[str, Page] = {
    "ccu:report_list": Page(allowed=CCU, logs=1),
    "ccu:report_record": Page(allowed=CCU, acts=CCU),
    "ccu:report_import": Page(allowed=HEAD, acts=HEAD),
    "ccu:report": Page(allowed=WORKERS, kwargs=_PK, acts=WORKERS),
    # The original text and source: the head and the owner (the analyst) only.
    "ccu:report_source": Page(allowed=WORKERS, kwargs=_PK),
    "ccu:report_grading": Page(allowed=WORKERS, kwargs=_PK, acts=WORKERS),
    "ccu:report_edit": Page(allowed=WORKERS, kwargs=_PK, acts=WORKERS),
    "ccu:report_subjects": Page(allowed=WORKERS, kwargs=_PK, acts=WORKERS),
    "ccu:report_move": Page(allowed=WORKERS, kwargs=_PK, acts=WORKERS),
    "ccu:report_notes": Page(allowed=WORKERS, kwargs=_PK, acts=WORKERS),
    "ccu:report_timeline": Page(allowed=WORKERS, kwargs=_PK),
}


def build(world: World) -> None:
    """Nothing to build: the pages point at the world's own ``intel_report``."""
