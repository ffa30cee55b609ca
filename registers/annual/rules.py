"""Access rules for the annual declaration (see standards.access.policy).

A declaration is PSD material: PSD roles see every one, the CCU reads them (PSD material is
read-only to the CCU), and a line manager sees their direct reports' ones (the overdue list).
Nobody sees their own as a reviewer (``subject_paths``): they see it on /my/annual-declaration/.
Nobody changes a declaration once made: it is the member's statement on the day.

The policy versions are the force's published policies, for everyone to read: not protected.
"""

from __future__ import annotations

from django.db.models import Q

from registers.annual.models import AnnualDeclaration
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role


def _visible(user) -> Q:
    if policy.in_psd(user) or policy.in_ccu(user):
        return policy.EVERYTHING
    if user.person_id:
        return Q(person__line_manager_id=user.person_id)
    return policy.NOTHING


policy.register(
    policy.Rule(
        model=AnnualDeclaration,
        area=Area.REGISTERS,
        visible=_visible,
        changeable=lambda user: policy.NOTHING,
        subject_paths=("person",),
    )
)


def may_see_completion(user) -> bool:
    """The force-wide completion figures and every unit's outstanding members: PSD."""
    return policy.in_psd(user)


def may_see_overdue(user) -> bool:
    """The overdue list: PSD (every unit) and line managers (their direct reports)."""
    return may_see_completion(user) or (
        bool(user.person_id) and policy.holds(user, Role.LINE_MANAGER)
    )


def may_publish_policy(user) -> bool:
    """A new version of a policy is the head of PSD's decision (a PSD decision maker)."""
    return policy.holds(user, Role.PSD_DECISION_MAKER)
