"""Access rules for notifiable associations (see standards.access.policy).

The register sits wholly inside the sterile corridor: only CCU analysts and the head of the CCU
see it, and every one of them sees every association (an association is a declaration, not
operation material, so there is no compartment). PSD, line managers, the integrity board,
administrators and auditors get the same 404 as for a record that does not exist.

The self-conflict rule (``subject_paths``) hides a CCU member's own declaration from them as a
reviewer: they see it only through the staff portal, whose selectors filter on the declarant and
never consult this rule.
"""

from __future__ import annotations

from django.db.models import Q

from registers.associations.models import AssociationAssessment, NotifiableAssociation
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role

ASSESSING_ROLES = (Role.CCU_ANALYST, Role.CCU_HEAD)


def _ccu_only(user) -> Q:
    return policy.EVERYTHING if policy.holds(user, *ASSESSING_ROLES) else policy.NOTHING


policy.register(
    policy.Rule(
        model=NotifiableAssociation,
        area=Area.CCU,
        visible=_ccu_only,
        changeable=_ccu_only,
        subject_paths=("declarant",),
    )
)

policy.register(
    policy.Rule(
        model=AssociationAssessment,
        area=Area.CCU,
        visible=_ccu_only,
        changeable=_ccu_only,
        subject_paths=("association__declarant",),
    )
)
