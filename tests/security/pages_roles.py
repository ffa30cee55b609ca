"""Corridor entries for role administration (/accounts/roles/) and the set-password link.

The records: the administrator persona has proposed three grants for the ``staff`` persona, one
for each approver. The CCU analyst grant is CCU material: only its proposer and the head of the
CCU may see it; the DCC is the ``dcc`` persona, whose staff record has the DCC's rank.
"""

from __future__ import annotations

from standards.access.roles import Role
from standards.accounts.roles import role_grant_propose
from standards.accounts.rules import DCC_RANK
from tests.security.registry import Page, _pk
from tests.security.world import ALL_SIGNED_IN, ANONYMOUS, World

ADMIN = frozenset({"admin"})


def _account(world: World) -> dict:
    return {"pk": world.users["staff"].pk}


PAGES: dict[str, Page] = {
    # The queue: administrators (their proposals) and the three approvers.
    "roles:queue": Page(allowed=frozenset({"admin", "ccu_head", "psd_head", "dcc"}), logs=1),
    # A CCU analyst grant: its proposer and the head of the CCU; nobody else learns of it.
    "roles:detail": Page(allowed=frozenset({"admin", "ccu_head"}), kwargs=_pk("role_request_ccu")),
    # Deciding: the head of the CCU alone; the proposer follows it on the request's own page.
    "roles:decide": Page(
        allowed=frozenset({"ccu_head"}),
        kwargs=_pk("role_request_ccu"),
        acts=frozenset({"ccu_head"}),
    ),
    # An administrator's pages for one login (not their own, but their own page says so).
    "roles:account": Page(allowed=ADMIN, kwargs=_account),
    "roles:grant": Page(allowed=ADMIN, kwargs=_account, acts=ADMIN),
    "roles:revoke": Page(allowed=ADMIN, kwargs=_account, acts=ADMIN),
    "roles:reset": Page(allowed=ADMIN, kwargs=_account, acts=ADMIN),
    # The e-mailed link: open to everyone, who may all use a good link; a link that does not
    # check out says so, and shows no record.
    "accounts:set_password": Page(
        allowed=ALL_SIGNED_IN | {ANONYMOUS},
        kwargs=lambda world: {"uidb64": "MA", "token": "not-a-token"},
        acts=ALL_SIGNED_IN | {ANONYMOUS},
        logs=0,
    ),
}


def build(world: World) -> None:
    dcc = world.users["dcc"].person
    dcc.rank_or_grade = DCC_RANK
    dcc.save()
    admin, staff = world.users["admin"], world.users["staff"]
    for key, role in (
        ("role_request_ccu", Role.CCU_ANALYST),
        ("role_request_psd", Role.PSD_CASEWORKER),
        ("role_request_dcc", Role.AUDITOR),
    ):
        world.records[key] = role_grant_propose(
            user=staff, role=role, reason="Joining the unit", acting_user=admin
        )
