"""Access rules for gifts and hospitality (see standards.access.policy).

Gifts are PSD material: PSD roles see every declaration, the CCU reads them (PSD material is
read-only to the CCU, never the other way round), and a line manager sees the declarations of
the people who report to them now. Nobody else, the integrity board included (it sees
aggregates only). Whoever they are, nobody sees their own declaration as a reviewer: they see
it through the staff portal (``subject_paths``).

Acting on a declaration: the head of PSD (a PSD decision maker) decides any of them; a line
manager recommends or decides on their own reports' ones. Caseworkers record declarations on a
member's behalf but do not decide; the CCU only reads.

The whole register (rather than a line manager's team page) is PSD's, and the CCU reads it; only
PSD discloses it in an export, as PSD material is read-only to the CCU.
"""

from __future__ import annotations

from django.db.models import Q

from registers.gifts.models import Gift, GiftDecision
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role
from standards.people.models import Person


def reports_of(user, prefix: str = "") -> Q:
    """Declarations made by the people who report to ``user`` today."""
    if not user.person_id:
        return policy.NOTHING
    return Q(**{f"{prefix}declarant__line_manager_id": user.person_id})


def _visible(user, prefix: str = "") -> Q:
    if policy.in_psd(user) or policy.in_ccu(user):
        return policy.EVERYTHING
    return reports_of(user, prefix)


def _changeable(user, prefix: str = "") -> Q:
    if policy.holds(user, Role.PSD_DECISION_MAKER):
        return policy.EVERYTHING
    return reports_of(user, prefix)


policy.register(
    policy.Rule(
        model=Gift,
        area=Area.REGISTERS,
        visible=_visible,
        changeable=_changeable,
        subject_paths=("declarant",),
    )
)

# Decisions are read only through their declaration; the rule keeps them closed by default.
policy.register(
    policy.Rule(
        model=GiftDecision,
        area=Area.REGISTERS,
        visible=lambda user: _visible(user, "gift__"),
        changeable=lambda user: policy.NOTHING,
        subject_paths=("gift__declarant",),
    )
)


def may_recommend(user, gift: Gift) -> bool:
    """Only the declarant's line manager today, and never on their own declaration."""
    return bool(
        user.person_id
        and gift.declarant_id != user.person_id
        and Person.objects.filter(pk=gift.declarant_id, line_manager_id=user.person_id).exists()
    )


def may_browse_register(user) -> bool:
    return policy.in_psd(user) or policy.in_ccu(user)


def may_export_register(user) -> bool:
    return policy.in_psd(user)


def may_record_for_others(user) -> bool:
    """PSD enters declarations that reach it on paper or by e-mail (caseworkers record)."""
    return policy.in_psd(user)


def may_decide(user, gift: Gift) -> bool:
    """PSD decision makers decide (caseworkers record and prepare, but do not decide)."""
    return policy.holds(user, Role.PSD_DECISION_MAKER) and policy.can_change(user, gift)
