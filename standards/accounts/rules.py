"""Access rule for role requests (see standards.access.policy).

A request to change someone's access is seen by two kinds of people only:
- the administrator who proposed it (their own proposals, to follow them);
- the head who approves changes of its kind (the head of the Counter Corruption Unit (CCU) for
  CCU analysts, the head of Professional Standards (PSD) for PSD caseworkers, the deputy chief
  constable (DCC) for the rest), who is also told when a role of their unit is removed.

Nobody else: not another administrator, not the auditor, not a board member who is not the DCC.
A change to a CCU role is CCU material: the CCU head's queue is the only queue that shows a CCU
analyst's grant, and to everyone else it is the same 404 as a request that does not exist. Nobody
sees a request about themselves (``subject_paths``), so nobody approves their own change.

The rule's ``area`` is the CCU's, so anything that logs a read from the rule alone keeps the row
opaque (fail closed); the pages log each request under ``request_area`` instead, so a request
outside the corridor is named to the auditor.
"""

from __future__ import annotations

from django.db.models import Q

from standards.access import policy
from standards.access.models import Area
from standards.access.roles import APPROVER_ROLE, Approver, Role, has_role
from standards.accounts.models import RoleRequest, User

# The directory's rank for the deputy chief constable, who approves changes to the roles nobody
# else may approve (see ``is_deputy_chief_constable``).
DCC_RANK = "Deputy Chief Constable"


def is_deputy_chief_constable(user) -> bool:
    """Whether ``user`` is the DCC: an integrity-board member whose staff-directory record has
    the rank Deputy Chief Constable.

    The DCC is modelled by rank, not by a role of its own. A role is a group an administrator
    proposes and someone approves, so a "DCC" role would need an approver above the approver of
    last resort; the rank comes from HR's extract (``manage.py import_people``) and nobody can
    change it in this service (the staff directory is read-only in the admin). Being on the
    integrity board as well means the DCC's approving power ends the day their board role is
    removed, and the demo's ``dcc`` login (``standards.core.demo``) is exactly this.
    """
    if not user.is_authenticated or not policy.holds(user, APPROVER_ROLE[Approver.DCC]):
        return False
    person = getattr(user, "person", None)
    return person is not None and person.rank_or_grade == DCC_RANK


def approver_kinds(user) -> set[Approver]:
    """The kinds of change ``user`` may approve."""
    kinds = {
        kind
        for kind, role in APPROVER_ROLE.items()
        if kind != Approver.DCC and policy.holds(user, role)
    }
    if is_deputy_chief_constable(user):
        kinds.add(Approver.DCC)
    return kinds


def _visible(user) -> Q:
    kinds = approver_kinds(user)
    seen = Q(proposed_by_id=user.pk)
    if kinds:
        seen |= Q(approver__in=sorted(kinds))
    # Never a request about oneself, even for a login with no staff-directory record (which the
    # self-conflict rule's ``subject_paths`` cannot match).
    return seen & ~Q(user_id=user.pk)


def _changeable(user) -> Q:
    # Deciding is for the approver alone; the proposer only follows their proposal.
    kinds = approver_kinds(user)
    if not kinds:
        return policy.NOTHING
    return Q(approver__in=sorted(kinds), needs_approval=True) & ~Q(proposed_by_id=user.pk)


def request_area(role_request: RoleRequest, user=None) -> Area:
    """Where the access log files a request: the CCU's (opaque to the auditor) for CCU material
    and for anything a CCU member does, the accounts area otherwise."""
    if role_request.ccu or (user is not None and policy.in_ccu(user)):
        return Area.CCU
    return Area.ACCOUNTS


policy.register(
    policy.Rule(
        model=RoleRequest,
        area=Area.CCU,
        visible=_visible,
        changeable=_changeable,
        subject_paths=("user__person",),
    )
)


def _accounts_administered(user) -> Q:
    # Administrators manage logins (their roles, password and authenticator); nobody else reads
    # a login as a record. Changing one's own is refused by the services, not hidden here: an
    # administrator's own page says so.
    return policy.EVERYTHING if has_role(user, Role.ADMINISTRATOR) else policy.NOTHING


policy.register(
    policy.Rule(
        model=User,
        area=Area.ACCOUNTS,
        visible=_accounts_administered,
        changeable=_accounts_administered,
    )
)
