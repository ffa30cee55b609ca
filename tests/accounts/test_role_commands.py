"""``manage.py grant_role`` and ``revoke_role`` go through the same services as the pages;
``create_administrator`` and ``grant_role --first-dcc`` are the two bootstraps, each closed once
it has done its one job."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command

from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role, has_role
from standards.accounts.models import RoleRequest, RoleRequestStatus, User
from standards.accounts.rules import DCC_RANK
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _roles_of(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def test_grant_role_proposes_a_sensitive_role(capsys, staff_member, administrator):
    call_command("grant_role", "staff.member", "ccu analyst", reason="Posted", by="administrator")
    assert "Waiting for the head of the Counter Corruption Unit to approve" in (
        capsys.readouterr().out
    )
    assert _roles_of(staff_member) == {Role.STAFF}
    role_request = RoleRequest.objects.get()
    assert role_request.status == RoleRequestStatus.PENDING
    assert role_request.history.get().history_user == administrator


def test_grant_role_grants_a_role_nobody_approves(capsys, staff_member, administrator):
    call_command(
        "grant_role", "staff.member", "Line manager", reason="Promoted", by="administrator"
    )
    assert "now holds Line manager" in capsys.readouterr().out
    assert Role.LINE_MANAGER in _roles_of(staff_member)


@pytest.mark.parametrize(
    ("username", "by", "message"),
    [
        ("administrator", "administrator", "your own roles"),
        ("staff.member", "ccu.head", "Only an administrator"),
        ("nobody", "administrator", "no login called 'nobody'"),
    ],
)
def test_grant_role_refuses_clearly(staff_member, administrator, ccu_head, username, by, message):
    with pytest.raises(CommandError, match=message):
        call_command("grant_role", username, "CCU head", reason="x", by=by)
    assert not RoleRequest.objects.exists()


def test_grant_role_names_the_roles_when_one_is_misspelt(staff_member, administrator):
    with pytest.raises(CommandError, match='"CCU analyst"'):
        call_command("grant_role", "staff.member", "CCU analsyt", reason="x", by="administrator")


def test_revoke_role_removes_at_once(capsys, ccu_analyst, administrator):
    call_command("revoke_role", "ccu.analyst", "CCU analyst", reason="Left", by="administrator")
    assert _roles_of(ccu_analyst) == {Role.STAFF}
    assert "no longer holds CCU analyst" in capsys.readouterr().out


def test_the_first_dcc_is_granted_once_and_only_to_the_dcc(administrator):
    dcc = UserFactory(username="dcc", roles=[Role.STAFF], person__rank_or_grade=DCC_RANK)
    acc = UserFactory(username="acc", roles=[Role.STAFF], person__rank_or_grade="ACC")
    with pytest.raises(CommandError, match="not the deputy chief constable"):
        call_command(
            "grant_role", "acc", "Integrity board", reason="x", by="administrator", first_dcc=True
        )
    call_command(
        "grant_role", "dcc", "Integrity board", reason="Go-live", by="administrator", first_dcc=True
    )
    assert Role.INTEGRITY_BOARD in _roles_of(dcc)
    # From now on the DCC approves: the bootstrap is closed.
    with pytest.raises(CommandError, match="already a deputy chief constable"):
        call_command(
            "grant_role", "acc", "Integrity board", reason="x", by="administrator", first_dcc=True
        )
    assert Role.INTEGRITY_BOARD not in _roles_of(acc)


def test_create_administrator_works_only_while_there_is_no_administrator(
    monkeypatch, administrator
):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long and unusual passphrase 7")
    with pytest.raises(CommandError, match="An administrator already exists"):
        call_command("create_administrator", "second.admin")
    assert not User.objects.filter(username="second.admin").exists()


def test_create_administrator_is_recorded_like_any_grant(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "a long and unusual passphrase 7")
    call_command("create_administrator", "first.admin")
    user = User.objects.get(username="first.admin")
    assert has_role(user, Role.ADMINISTRATOR) and user.is_staff
    role_request = RoleRequest.objects.get(user=user)
    assert (role_request.role, role_request.status) == (Role.ADMINISTRATOR, RoleRequestStatus.DONE)
    assert AccessLogEntry.objects.filter(
        action=AccessAction.ALTERATION, object_id=str(role_request.pk)
    ).exists()
