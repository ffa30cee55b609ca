"""Corridor entries for lists of people put up for intelligence checks: PSD's pages (/checks/)
and the CCU's page for a list (/ccu/checks/lists/<pk>/).

The record: a promotion board's list on which the ``subject`` persona (a CCU analyst) and the
``staff`` persona stand, put up by the PSD caseworker. PSD works its lists; the CCU answers them;
nobody on a list ever sees it, the subject persona included, whatever their role.
"""

from __future__ import annotations

from tests.exchange.factories import CheckListFactory
from tests.security.registry import PSD, Page, _pk
from tests.security.world import World

CCU_ANSWERING = frozenset({"ccu_analyst", "ccu_head"})
LIST = _pk("check_list")

PAGES: dict[str, Page] = {
    # The CCU works a list: the subject persona is on it (404); everyone outside the CCU 404.
    "ccu_checks:list_detail": Page(allowed=CCU_ANSWERING, kwargs=LIST, acts=CCU_ANSWERING),
    # PSD's pages: PSD only; the CCU answers from its own pages.
    "checks:list_index": Page(allowed=PSD, logs=1),
    "checks:list_new": Page(allowed=PSD, acts=PSD),
    "checks:list_detail": Page(allowed=PSD, kwargs=LIST),
}


def build(world: World) -> None:
    world.records["check_list"] = CheckListFactory(
        requested_by=world.users["psd_caseworker"],
        people=[world.users["subject"].person, world.users["staff"].person],
    )
