"""The roles exist as groups (created by a data migration) with their model permissions."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from standards.access.roles import ROLE_PERMISSIONS, Role

pytestmark = pytest.mark.django_db


def test_every_role_is_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= {r.value for r in Role}
    assert {r.value for r in Role} == {
        "Staff",
        "Line manager",
        "PSD caseworker",
        "PSD decision maker",
        "CCU analyst",
        "CCU head",
        "Integrity board",
        "Administrator",
        "Auditor",
        "Review body",
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_group_has_exactly_its_permissions(role):
    group = Group.objects.get(name=role.value)
    held = {
        f"{app}.{code}"
        for app, code in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert held == set(ROLE_PERMISSIONS[role])


def test_administrator_has_no_case_permissions_and_auditor_none_at_all():
    admin_perms = set(ROLE_PERMISSIONS[Role.ADMINISTRATOR])
    reference = {"accounts", "auth", "people", "otp_totp", "axes", "gifts", "complaints"}
    assert all(p.split(".")[0] in reference for p in admin_perms)
    # Of the registers, only the gifts policy thresholds (reference data), never a declaration.
    assert all("threshold" in p for p in admin_perms if p.startswith("gifts."))
    # Of complaints, only reference data (categories, standards, referral criteria, the letter
    # templates' wording), never a case.
    reference_data = ("_lettertemplate", "_allegationcategory", "_professionalstandard")
    assert all(
        p.endswith((*reference_data, "_referralcriterion"))
        for p in admin_perms
        if p.startswith("complaints.")
    )
    assert ROLE_PERMISSIONS[Role.AUDITOR] == ()


def test_administrator_cannot_edit_roles_or_authenticators():
    """Roles and authenticator apps change only through standards.accounts.roles."""
    admin_perms = set(ROLE_PERMISSIONS[Role.ADMINISTRATOR])
    assert not {p for p in admin_perms if p.startswith("auth.") and not p.startswith("auth.view")}
    assert {p for p in admin_perms if p.startswith("otp_totp.")} == {"otp_totp.view_totpdevice"}


def test_every_role_that_needs_approval_has_an_approver():
    from standards.access.roles import ROLE_APPROVER, SENSITIVE_ROLES

    assert set(ROLE_APPROVER) >= SENSITIVE_ROLES
    assert set(ROLE_APPROVER) - SENSITIVE_ROLES == {Role.ADMINISTRATOR}
    assert {Role.STAFF, Role.LINE_MANAGER}.isdisjoint(ROLE_APPROVER)


@pytest.mark.django_db(transaction=True)
def test_roles_survive_a_database_flush():
    """A flush (as browser tests do between tests) empties auth_group; post_migrate refills it."""
    from django.core.management import call_command

    call_command("flush", "--noinput", verbosity=0)
    group = Group.objects.get(name=Role.CCU_HEAD.value)
    held = {
        f"{app}.{code}"
        for app, code in group.permissions.values_list("content_type__app_label", "codename")
    }
    assert held == set(ROLE_PERMISSIONS[Role.CCU_HEAD])
