"""Access rules for the cross-checks (see standards.access.policy).

Imports and PSD findings are Professional Standards' work: PSD caseworkers and decision makers
see and work them. CCU findings (those drawing on CCU records: an associate or a member matched
to a CCU nominal) are the CCU's alone and are a 404 to everyone else, PSD included. Nobody sees a
finding about themselves (``subject_paths``).
"""

from __future__ import annotations

from django.db.models import Q

from registers.crosschecks.models import (
    Bid,
    CcuFinding,
    Contract,
    DiaryEntry,
    ExpenseClaim,
    Finding,
    ImportBatch,
    PsdFinding,
    Supplier,
)
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import CCU_ROLES, PSD_ROLES


def _psd(user) -> Q:
    return policy.EVERYTHING if policy.holds(user, *PSD_ROLES) else policy.NOTHING


def _ccu(user) -> Q:
    return policy.EVERYTHING if policy.holds(user, *CCU_ROLES) else policy.NOTHING


def _nobody(user) -> Q:
    return policy.NOTHING


for model in (ImportBatch, Supplier, Contract, Bid, DiaryEntry, ExpenseClaim):
    policy.register(policy.Rule(model=model, area=Area.PSD, visible=_psd, changeable=_psd))

policy.register(
    policy.Rule(
        model=PsdFinding, area=Area.PSD, visible=_psd, changeable=_psd, subject_paths=("people",)
    )
)
policy.register(
    policy.Rule(
        model=CcuFinding, area=Area.CCU, visible=_ccu, changeable=_ccu, subject_paths=("people",)
    )
)
# The table itself is read only through the two views above.
policy.register(policy.Rule(model=Finding, area=Area.CCU, visible=_nobody, changeable=_nobody))
