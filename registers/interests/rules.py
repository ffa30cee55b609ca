"""Access rules for business interests (see standards.access.policy).

- PSD roles see every interest; they act on them (the services check which role may do what).
- CCU roles see every interest, read-only: PSD material is visible to the CCU, never the reverse.
- The member's current line manager (in the staff directory) sees their reports' interests.
- Integrity-board members (chief officers) see the interests under appeal, and the ones whose
  appeal they decided; nothing else.
- Nobody sees, as a reviewer, an interest they declared (``subject_paths``): the member sees
  their own only through the staff portal (/my/interests/).
"""

from __future__ import annotations

from django.db.models import Q

from registers.interests.models import (
    BusinessInterest,
    DecisionStage,
    InterestDecision,
    InterestStatus,
)
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role


def _as_line_manager(user) -> Q:
    if not user.person_id:
        return policy.NOTHING
    return Q(declarant__line_manager_id=user.person_id)


def _as_board_member(user) -> Q:
    if not policy.holds(user, Role.INTEGRITY_BOARD):
        return policy.NOTHING
    decided = InterestDecision.objects.filter(
        stage=DecisionStage.APPEAL, decided_by_id=user.pk
    ).values("interest_id")
    return Q(status=InterestStatus.APPEALED) | Q(pk__in=decided)


def _interest_visible(user) -> Q:
    if policy.in_psd(user) or policy.in_ccu(user):
        return policy.EVERYTHING
    return _as_line_manager(user) | _as_board_member(user)


def _interest_changeable(user) -> Q:
    if policy.in_psd(user):
        return policy.EVERYTHING
    appeals = (
        Q(status=InterestStatus.APPEALED)
        if policy.holds(user, Role.INTEGRITY_BOARD)
        else policy.NOTHING
    )
    return _as_line_manager(user) | appeals


def _decision_visible(user) -> Q:
    return Q(interest__in=BusinessInterest.objects.filter(_interest_visible(user)).values("pk"))


policy.register(
    policy.Rule(
        model=BusinessInterest,
        area=Area.REGISTERS,
        visible=_interest_visible,
        changeable=_interest_changeable,
        subject_paths=("declarant",),
    )
)

policy.register(
    policy.Rule(
        model=InterestDecision,
        area=Area.REGISTERS,
        visible=_decision_visible,
        # Decisions are made by the services, never edited.
        changeable=lambda user: policy.NOTHING,
        subject_paths=("interest__declarant",),
    )
)
