"""Corridor entries for notifiable associations.

The whole register is CCU material: its reviewers' pages exist only for CCU analysts and the head
of the CCU (the "subject" persona is a CCU analyst who is not the declarant, so they see it too).
The declaration is made by the staff persona, whose line manager is the manager persona: the
manager, PSD, the DCC, the administrator and the auditor all get the 404 a missing page gets. The
declarant reaches their own /my/ pages, and nobody else does.
"""

from __future__ import annotations

from tests.registers.associations.factories import AssociationFactory
from tests.security.registry import CCU, Page
from tests.security.world import ALL_SIGNED_IN, World


def _pk(world: World) -> dict:
    return {"pk": world.records["association"].pk}


DECLARANT = frozenset({"staff"})

PAGES: dict[str, Page] = {
    # The CCU's pages.
    "associations:queue": Page(allowed=CCU, logs=1),
    "associations:register": Page(allowed=CCU, logs=1),
    "associations:detail": Page(allowed=CCU, kwargs=_pk),
    "associations:assess": Page(allowed=CCU, kwargs=_pk, acts=CCU),
    "associations:end": Page(allowed=CCU, kwargs=_pk, acts=CCU),
    # The member's own pages: anyone with a directory record may declare; only the declarant
    # sees their declaration.
    "my_associations:declare": Page(allowed=ALL_SIGNED_IN, acts=ALL_SIGNED_IN),
    "my_associations:detail": Page(allowed=DECLARANT, kwargs=_pk),
    "my_associations:update": Page(allowed=DECLARANT, kwargs=_pk, acts=DECLARANT),
    "my_associations:end": Page(allowed=DECLARANT, kwargs=_pk, acts=DECLARANT),
}


def build(world: World) -> None:
    staff = world.users["staff"]
    world.records["association"] = AssociationFactory(
        declarant=staff.person, submitted_by=staff, associate_name="Matrix Associate"
    )
