"""Access rules for CCU material (see standards.access.policy)."""

from __future__ import annotations

from ccu.models import Operation
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role


def _operation_visible(user):
    if policy.holds(user, Role.CCU_HEAD):
        return policy.EVERYTHING
    if policy.holds(user, Role.CCU_ANALYST):
        return policy.granted(user, Operation, "view_operation")
    return policy.NOTHING


def _operation_changeable(user):
    if policy.holds(user, Role.CCU_HEAD):
        return policy.EVERYTHING
    if policy.holds(user, Role.CCU_ANALYST):
        return policy.granted(user, Operation, "work_operation")
    return policy.NOTHING


def _operation_allocated(user):
    # The head may open any operation, but one they are not working on needs a reason first.
    return policy.granted(user, Operation, "view_operation")


policy.register(
    policy.Rule(
        model=Operation,
        area=Area.CCU,
        visible=_operation_visible,
        changeable=_operation_changeable,
        subject_paths=("subjects",),
        allocated=_operation_allocated,
    )
)
