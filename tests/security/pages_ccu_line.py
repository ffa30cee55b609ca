"""Corridor entries for the confidential reporting line.

The member's side (/my/reporting-line/) is for every signed-in persona with a directory record
(all of them here, administrators, auditors and the review body too, as for /my/) and writes no
access-log row: a row would say who visited the line. The CCU's side is invisible outside the
CCU; a line report sits in the general intake, so every CCU analyst sees it (the subject persona
too: the report is not about them); its sealed identity is the head's alone, after a reason.
"""

from __future__ import annotations

import datetime as dt

from ccu.models import Anonymity
from ccu.services.line import line_report_make
from tests.security.registry import CCU, Page
from tests.security.world import ALL_SIGNED_IN, World

HEAD = frozenset({"ccu_head"})


def _line(world: World) -> dict:
    return {"pk": world.records["line_report"].pk}


PAGES: dict[str, Page] = {
    "ccu:line_list": Page(allowed=CCU, logs=1),
    "ccu:line_detail": Page(allowed=CCU, kwargs=_line, acts=CCU),
    # The head gets the reason page first (no row); once a reason is given, one row per read.
    "ccu:line_identity": Page(allowed=HEAD, kwargs=_line, acts=HEAD),
    "my_ccu:line_start": Page(allowed=ALL_SIGNED_IN, logs=0),
    "my_ccu:line_report": Page(allowed=ALL_SIGNED_IN, acts=ALL_SIGNED_IN, logs=0),
    "my_ccu:line_return": Page(allowed=ALL_SIGNED_IN, acts=ALL_SIGNED_IN, logs=0),
}


def build(world: World) -> None:
    line_report, _code = line_report_make(
        what_happened="A matrix colleague looks up records for a friend.",
        when_where="",
        anonymity=Anonymity.CONFIDENTIAL,
        person=world.users["staff"].person,
        today=dt.date.today(),
    )
    world.records["line_report"] = line_report
