"""Access rule for intelligence checks (see standards.access.policy).

A check is CCU material: every CCU analyst and the head see the queue (checks are not kept in
operations, so there is no compartment to grant), nobody outside the CCU sees a check at all, and
the self-conflict rule hides a check from the person it is about, even when they work in the CCU.
The asking side reads only the sanitised answer (``selectors.check_outcomes_for``), never
through this rule.
"""

from __future__ import annotations

from standards.access import policy
from standards.access.models import Area
from standards.exchange.models import CheckList, IntelligenceCheck, SanitisedReferral


def _in_ccu(user):
    return policy.EVERYTHING if policy.in_ccu(user) else policy.NOTHING


policy.register(
    policy.Rule(
        model=IntelligenceCheck,
        area=Area.CCU,
        visible=_in_ccu,
        changeable=_in_ccu,
        subject_paths=("subject",),
    )
)


def _psd_and_ccu(user):
    # A list of people put up for checks: PSD, who asked, and the CCU, who answer. Never anyone
    # on it (``subject_paths``): a member of PSD on a promotion board's list does not see it.
    return policy.EVERYTHING if policy.in_psd(user) or policy.in_ccu(user) else policy.NOTHING


def _psd(user):
    return policy.EVERYTHING if policy.in_psd(user) else policy.NOTHING


policy.register(
    policy.Rule(
        model=CheckList,
        area=Area.PSD,
        visible=_psd_and_ccu,
        changeable=_psd,
        subject_paths=("people",),
    )
)

# The referral as sent is the CCU's record of what crossed: PSD reads what it opened (a conduct
# matter), never this row.
policy.register(
    policy.Rule(
        model=SanitisedReferral,
        area=Area.CCU,
        visible=_in_ccu,
        changeable=_in_ccu,
        subject_paths=("subjects",),
    )
)
