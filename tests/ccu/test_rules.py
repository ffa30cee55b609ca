"""The CCU's access rules as a whole: every CCU model is protected, and every rule shows nothing
to anyone outside the CCU, whatever other roles they hold (corridor rule 1)."""

from __future__ import annotations

import pytest
from django.apps import apps

from ccu.models import (
    CorruptionCategory,
    OperationGroupObjectPermission,
    OperationUserObjectPermission,
)
from standards.access import policy
from standards.access.models import Area
from standards.access.roles import Role
from standards.exchange.models import SanitisedReferral
from tests.accounts.factories import UserFactory

# Reference data and guardian's grant tables: not material about anyone.
UNPROTECTED = {CorruptionCategory, OperationGroupObjectPermission, OperationUserObjectPermission}

OUTSIDE_THE_CCU = [
    (Role.STAFF,),
    (Role.STAFF, Role.LINE_MANAGER),
    (Role.STAFF, Role.PSD_CASEWORKER),
    (Role.STAFF, Role.PSD_DECISION_MAKER),
    (Role.STAFF, Role.INTEGRITY_BOARD),
    (Role.ADMINISTRATOR,),
    (Role.AUDITOR,),
    (Role.REVIEW_BODY,),
    # Every role but the CCU's at once.
    (
        Role.STAFF,
        Role.LINE_MANAGER,
        Role.PSD_CASEWORKER,
        Role.PSD_DECISION_MAKER,
        Role.INTEGRITY_BOARD,
        Role.ADMINISTRATOR,
        Role.AUDITOR,
    ),
]


def _ccu_models():
    return [
        model
        for model in apps.get_app_config("ccu").get_models()
        if model not in UNPROTECTED and not model.__name__.startswith("Historical")
    ]


def test_every_ccu_model_has_an_access_rule_in_the_ccu_area():
    missing = []
    for model in _ccu_models():
        try:
            rule = policy.rule_for(model)
        except Exception:  # noqa: BLE001 - any failure to find a rule is the finding
            missing.append(model.__name__)
            continue
        assert rule.area == Area.CCU, model.__name__
    assert not missing, f"CCU models without an access rule: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "roles", OUTSIDE_THE_CCU, ids=lambda roles: "+".join(r.name for r in roles)
)
def test_no_ccu_rule_shows_or_changes_anything_outside_the_ccu(roles):
    user = UserFactory(roles=list(roles))
    for model in [*_ccu_models(), SanitisedReferral]:
        rule = policy.rule_for(model)
        assert rule.visible(user) == policy.NOTHING, f"{model.__name__} visible to {roles}"
        assert rule.changeable(user) == policy.NOTHING, f"{model.__name__} changeable by {roles}"
