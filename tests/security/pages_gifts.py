"""Gifts and hospitality in the corridor matrix: every URL, every persona, the exact outcome.

The record is a declaration by the ``staff`` persona that waits for their line manager (the
``manager`` persona): PSD and the CCU read it, the manager recommends on it, the head of PSD may
decide it; the declarant reaches it only through /my/gifts/, and everyone else gets 404. The
public register is open to anyone, signed in or not.
"""

from __future__ import annotations

from decimal import Decimal

from registers.gifts import services
from tests.security.registry import CCU, PSD, Page
from tests.security.world import ALL_SIGNED_IN, ANONYMOUS, World


def _gift(world: World) -> dict:
    return {"pk": world.records["gift"].pk}


DECLARANT = frozenset({"staff"})

PAGES: dict[str, Page] = {
    # Reviewers: PSD's register (the CCU reads it), PSD's export and paper declarations.
    "gifts:register": Page(allowed=PSD | CCU, logs=1),
    "gifts:export": Page(allowed=PSD, acts=PSD),
    "gifts:record": Page(allowed=PSD, acts=PSD),
    # The line manager's team page: the manager persona has reports; nobody else does.
    "gifts:team": Page(allowed=frozenset({"manager"}), logs=1),
    # One declaration: PSD and the CCU read it, the declarant's line manager too; the declarant
    # does not see it as a reviewer.
    "gifts:detail": Page(allowed=PSD | CCU | {"manager"}, kwargs=_gift),
    "gifts:recommend": Page(
        allowed=frozenset({"manager"}), kwargs=_gift, acts=frozenset({"manager"})
    ),
    "gifts:decide": Page(
        allowed=frozenset({"psd_head"}), kwargs=_gift, acts=frozenset({"psd_head"})
    ),
    # The staff portal: everyone with a directory record declares; only the declarant opens
    # their own declaration.
    "my_gifts:list": Page(allowed=ALL_SIGNED_IN, logs=1),
    "my_gifts:new": Page(allowed=ALL_SIGNED_IN, acts=ALL_SIGNED_IN),
    "my_gifts:detail": Page(allowed=DECLARANT, kwargs=_gift),
    "my_gifts:update": Page(allowed=DECLARANT, kwargs=_gift, acts=DECLARANT),
    "my_gifts:withdraw": Page(allowed=DECLARANT, kwargs=_gift, acts=DECLARANT),
    # The public register: no sign-in.
    "public_gifts:register": Page(
        allowed=ALL_SIGNED_IN | {ANONYMOUS}, post_overrides={ANONYMOUS: 405}
    ),
    "public_gifts:csv": Page(allowed=ALL_SIGNED_IN | {ANONYMOUS}, post_overrides={ANONYMOUS: 405}),
}


def build(world: World) -> None:
    # £15, accepted: within the line manager's authority, so it waits for the manager persona.
    world.records["gift"] = services.gift_declare(
        details=services.GiftDetails(
            direction="received",
            kind="gift",
            donor_name="Mrs J. Hartley",
            donor_type="individual",
            description="Bottle of red wine",
            estimated_value=Decimal("15.00"),
            offered_on=services.timezone.localdate(),
            business_reason="A thank you after a burglary.",
            response="accepted",
        ),
        acting_user=world.users["staff"],
    )
