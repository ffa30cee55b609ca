"""Corridor entries for the annual declaration.

Every member with a directory record makes their own declaration (every persona has one); only
the staff persona has made theirs, so only they see the "made" page (everyone else is sent to
make it). The completion page and each unit's names are PSD's; the overdue list is PSD's and the
line managers' (their reports); a new policy version is the head of PSD's. The CCU has no page
here: nothing of the corridor is in them, and none of them is the CCU's work.
"""

from __future__ import annotations

from tests.registers.annual.factories import declaration_made
from tests.security.registry import PSD, Page
from tests.security.world import ALL_SIGNED_IN, World

DECLARANT = frozenset({"staff"})


def _unit(world: World) -> dict:
    return {"pk": world.users["staff"].person.org_unit_id}


PAGES: dict[str, Page] = {
    "my_annual:declare": Page(
        allowed=ALL_SIGNED_IN - DECLARANT,
        overrides=dict.fromkeys(DECLARANT, 302),
        acts=ALL_SIGNED_IN - DECLARANT,
        post_overrides=dict.fromkeys(DECLARANT, 302),
    ),
    "my_annual:done": Page(
        allowed=DECLARANT, overrides=dict.fromkeys(ALL_SIGNED_IN - DECLARANT, 302)
    ),
    "annual:completion": Page(allowed=PSD, logs=1),
    "annual:overdue": Page(allowed=PSD | {"manager"}, logs=1),
    "annual:unit_overdue": Page(allowed=PSD, kwargs=_unit, logs=1),
    "annual:policy_new": Page(allowed=frozenset({"psd_head"}), acts=frozenset({"psd_head"})),
}


def build(world: World) -> None:
    declaration_made(world.users["staff"].person, made_by=world.users["staff"])
