"""Separation of duties in the role services: nobody changes their own roles, a sensitive role
takes effect only when the right head approves, and every step is in history and the access log.
"""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from registers.associations.models import NotifiableAssociation
from standards.access import policy
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role
from standards.accounts import roles, selectors
from standards.accounts.models import RoleRequest, RoleRequestStatus, User
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.registers.associations.factories import AssociationFactory

pytestmark = pytest.mark.django_db

REASON = "Joining the unit on 1 March"


def _roles_of(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def _fresh(user) -> User:
    """The user as a new request would load them (no cached roles)."""
    return User.objects.get(pk=user.pk)


def _propose(user, role, administrator):
    return roles.role_grant_propose(user=user, role=role, reason=REASON, acting_user=administrator)


# --- a grant takes effect only after the right head approves ---------------------------------


def test_a_ccu_grant_changes_nothing_until_the_ccu_head_approves(
    staff_member, administrator, ccu_head
):
    association = AssociationFactory()
    role_request = _propose(staff_member, Role.CCU_ANALYST, administrator)

    assert role_request.status == RoleRequestStatus.PENDING
    assert _roles_of(staff_member) == {Role.STAFF}
    assert not policy.visible(_fresh(staff_member), NotifiableAssociation.objects.all()).exists()

    roles.role_request_approve(
        role_request=role_request, reason="Vetted to MV; post confirmed", acting_user=ccu_head
    )

    assert _roles_of(staff_member) == {Role.STAFF, Role.CCU_ANALYST}
    visible = policy.visible(_fresh(staff_member), NotifiableAssociation.objects.all())
    assert list(visible) == [association]
    role_request.refresh_from_db()
    assert role_request.status == RoleRequestStatus.APPROVED
    assert role_request.decided_by == ccu_head


@pytest.mark.parametrize(
    ("role", "approver"),
    [
        (Role.CCU_ANALYST, "ccu_head"),
        (Role.PSD_CASEWORKER, "psd_head"),
        (Role.CCU_HEAD, "dcc"),
        (Role.PSD_DECISION_MAKER, "dcc"),
        (Role.AUDITOR, "dcc"),
        (Role.INTEGRITY_BOARD, "dcc"),
        (Role.ADMINISTRATOR, "dcc"),
    ],
)
def test_each_sensitive_role_is_approved_by_its_head(
    request, staff_member, administrator, role, approver
):
    head = request.getfixturevalue(approver)
    role_request = _propose(staff_member, role, administrator)
    assert role.value not in _roles_of(staff_member)
    roles.role_request_approve(role_request=role_request, reason="Agreed", acting_user=head)
    assert role.value in _roles_of(staff_member)


@pytest.mark.parametrize(
    ("role", "wrong_heads"),
    [
        (Role.CCU_ANALYST, ["psd_head", "dcc", "board_member", "other_administrator"]),
        (Role.PSD_CASEWORKER, ["ccu_head", "dcc", "auditor"]),
        (Role.AUDITOR, ["ccu_head", "psd_head", "board_member"]),
        (Role.CCU_HEAD, ["ccu_head", "psd_head", "board_member"]),
    ],
)
def test_approval_by_the_wrong_head_is_refused_and_changes_nothing(
    request, staff_member, administrator, role, wrong_heads
):
    role_request = _propose(staff_member, role, administrator)
    for name in wrong_heads:
        wrong = request.getfixturevalue(name)
        with pytest.raises(Http404):
            roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=wrong)
    role_request.refresh_from_db()
    assert role_request.status == RoleRequestStatus.PENDING
    assert role.value not in _roles_of(staff_member)


def test_a_board_member_who_is_not_the_dcc_cannot_approve(staff_member, administrator, dcc):
    chief_officer = UserFactory(
        roles=[Role.INTEGRITY_BOARD], person__rank_or_grade="Chief Constable"
    )
    role_request = _propose(staff_member, Role.AUDITOR, administrator)
    with pytest.raises(Http404):
        roles.role_request_approve(
            role_request=role_request, reason="Yes", acting_user=chief_officer
        )
    roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=dcc)
    assert Role.AUDITOR in _roles_of(staff_member)


def test_staff_and_line_manager_are_granted_at_once(staff_member, administrator):
    role_request = _propose(staff_member, Role.LINE_MANAGER, administrator)
    assert role_request.status == RoleRequestStatus.DONE
    assert not role_request.needs_approval
    assert Role.LINE_MANAGER in _roles_of(staff_member)
    assert Notification.objects.filter(recipient=staff_member).exists()


def test_an_administrator_granted_the_role_becomes_staff_and_loses_it_on_revoke(
    staff_member, administrator, dcc
):
    role_request = _propose(staff_member, Role.ADMINISTRATOR, administrator)
    assert not _fresh(staff_member).is_staff
    roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=dcc)
    assert _fresh(staff_member).is_staff
    roles.role_revoke(
        user=staff_member, role=Role.ADMINISTRATOR, reason="Moved on", acting_user=administrator
    )
    assert not _fresh(staff_member).is_staff


# --- nobody changes their own roles ----------------------------------------------------------


def test_an_administrator_cannot_propose_a_role_for_themselves(administrator):
    for role in (Role.CCU_HEAD, Role.LINE_MANAGER):
        with pytest.raises(ValidationError, match="your own roles"):
            _propose(administrator, role, administrator)
    assert not RoleRequest.objects.exists()
    assert _roles_of(administrator) == {Role.ADMINISTRATOR}


def test_nobody_revokes_or_resets_for_themselves(administrator):
    with pytest.raises(ValidationError, match="your own"):
        roles.role_revoke(
            user=administrator, role=Role.ADMINISTRATOR, reason="x", acting_user=administrator
        )
    with pytest.raises(ValidationError, match="your own"):
        roles.password_reset_propose(user=administrator, reason="x", acting_user=administrator)
    assert not RoleRequest.objects.exists()


def test_the_proposer_cannot_approve_their_own_proposal(staff_member):
    # An administrator who is also head of the CCU: the one person who might be tempted.
    both = UserFactory(roles=[Role.ADMINISTRATOR, Role.CCU_HEAD], is_staff=True)
    role_request = _propose(staff_member, Role.CCU_ANALYST, both)
    with pytest.raises(ValidationError, match="someone else must approve"):
        roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=both)
    assert Role.CCU_ANALYST not in _roles_of(staff_member)


def test_nobody_approves_a_change_to_themselves(administrator, ccu_head):
    second_head = UserFactory(roles=[Role.CCU_HEAD])
    role_request = _propose(ccu_head, Role.CCU_ANALYST, administrator)
    with pytest.raises(Http404):
        roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=ccu_head)
    roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=second_head)
    assert Role.CCU_ANALYST in _roles_of(ccu_head)


def test_only_administrators_propose(staff_member, ccu_head):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        _propose(staff_member, Role.CCU_ANALYST, ccu_head)


def test_a_change_already_waiting_is_not_proposed_twice(staff_member, administrator):
    _propose(staff_member, Role.CCU_ANALYST, administrator)
    with pytest.raises(ValidationError, match="already been proposed"):
        _propose(staff_member, Role.CCU_ANALYST, administrator)
    assert RoleRequest.objects.count() == 1


def test_a_reason_is_required_and_plain_text(staff_member, administrator, ccu_head):
    with pytest.raises(ValidationError):
        roles.role_grant_propose(
            user=staff_member, role=Role.CCU_ANALYST, reason="  ", acting_user=administrator
        )
    role_request = _propose(staff_member, Role.CCU_ANALYST, administrator)
    with pytest.raises(ValidationError):
        roles.role_request_approve(role_request=role_request, reason="", acting_user=ccu_head)
    with pytest.raises(ValidationError):
        roles.role_request_approve(
            role_request=role_request, reason="<script>x</script>", acting_user=ccu_head
        )
    assert Role.CCU_ANALYST not in _roles_of(staff_member)


# --- refusing and revoking -------------------------------------------------------------------


def test_a_refusal_changes_nothing_and_tells_the_proposer(staff_member, administrator, ccu_head):
    role_request = _propose(staff_member, Role.CCU_ANALYST, administrator)
    roles.role_request_refuse(
        role_request=role_request, reason="Not vetted to MV", acting_user=ccu_head
    )
    role_request.refresh_from_db()
    assert role_request.status == RoleRequestStatus.REFUSED
    assert role_request.decision_reason == "Not vetted to MV"
    assert _roles_of(staff_member) == {Role.STAFF}
    assert Notification.objects.filter(recipient=administrator, key__endswith="refused").exists()
    with pytest.raises(ValidationError, match="already been decided"):
        roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=ccu_head)


def test_a_revoke_needs_no_approval_and_is_recorded_and_notified(
    ccu_analyst, administrator, ccu_head
):
    role_request = roles.role_revoke(
        user=ccu_analyst, role=Role.CCU_ANALYST, reason="Left the unit", acting_user=administrator
    )
    assert role_request.status == RoleRequestStatus.DONE
    assert _roles_of(ccu_analyst) == {Role.STAFF}
    told = set(Notification.objects.values_list("recipient__username", flat=True))
    assert told == {"ccu.analyst", "ccu.head"}
    assert role_request.history.count() == 1
    entry = AccessLogEntry.objects.get(action=AccessAction.ALTERATION)
    assert (entry.area, entry.username) == (Area.CCU, "administrator")


# --- who sees a request ----------------------------------------------------------------------


def test_a_ccu_request_is_invisible_outside_its_proposer_and_the_ccu_head(
    request, staff_member, administrator, ccu_head
):
    role_request = _propose(staff_member, Role.CCU_ANALYST, administrator)
    assert selectors.rolerequest_get_for_user(user=ccu_head, pk=role_request.pk) == role_request
    assert selectors.rolerequest_get_for_user(user=administrator, pk=role_request.pk)
    assert selectors.pending_approvals_count(user=ccu_head) == 1
    for name in (
        "other_administrator",
        "psd_head",
        "caseworker",
        "auditor",
        "board_member",
        "dcc",
        "ccu_analyst",
        "staff_member",
    ):
        user = request.getfixturevalue(name)
        assert not selectors.rolerequest_list_for_user(user=user).exists(), name
        assert selectors.pending_approvals_count(user=user) == 0, name
        if selectors.may_use_role_pages(user):  # an administrator, the other heads
            assert selectors.role_queue_for_user(user=user).total == 0, name
        else:
            with pytest.raises(Http404):
                selectors.role_queue_for_user(user=user)
        with pytest.raises(Http404):
            selectors.rolerequest_get_for_user(user=user, pk=role_request.pk)
    # Nobody was told of it but the head of the CCU.
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {"ccu.head"}


# --- resets ----------------------------------------------------------------------------------


def test_a_password_reset_of_a_ccu_member_needs_the_ccu_head_and_emails_a_link(
    client, ccu_analyst, administrator, ccu_head, sent_on_commit
):
    ccu_analyst.person.email = "analyst@force.example"
    ccu_analyst.person.save()
    role_request = roles.password_reset_propose(
        user=ccu_analyst, reason="Forgot it; identity checked", acting_user=administrator
    )
    assert role_request.status == RoleRequestStatus.PENDING
    assert role_request.approver == "ccu_head"
    assert _fresh(ccu_analyst).has_usable_password()

    with sent_on_commit():
        roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=ccu_head)

    assert not _fresh(ccu_analyst).has_usable_password()
    to_analyst = [m for m in mail.outbox if m.to == ["analyst@force.example"]]
    link = next(m for m in to_analyst if "set a new password" in m.subject)
    path = re.search(r"https?://[^/\s]+(/accounts/set-password/\S+)", link.body).group(1)
    # The notice's own e-mail says nothing but that there is something to read.
    assert any("new notice" in m.subject for m in to_analyst)

    form_page = client.get(path, follow=True)
    assert "Set a new password" in form_page.content.decode()
    new_password = "a fresh and memorable phrase 88"
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert _fresh(ccu_analyst).check_password(new_password)
    # The link works once.
    assert "This link does not work" in client.get(path, follow=True).content.decode()


def test_a_second_factor_reset_of_a_psd_member_needs_the_head_of_psd(
    caseworker, administrator, psd_head, sent_on_commit
):
    caseworker.email = "caseworker@force.example"
    caseworker.save()
    role_request = roles.second_factor_reset_propose(
        user=caseworker, reason="New phone", acting_user=administrator
    )
    assert role_request.approver == "psd_head"
    assert TOTPDevice.objects.filter(user=caseworker).exists()
    with sent_on_commit():
        roles.role_request_approve(role_request=role_request, reason="Yes", acting_user=psd_head)
    assert not TOTPDevice.objects.filter(user=caseworker).exists()
    assert [m.to for m in mail.outbox] == [["caseworker@force.example"]]
    assert Notification.objects.filter(
        recipient=caseworker, subject="Reset authenticator app"
    ).exists()


def test_a_reset_of_a_unit_head_needs_the_dcc(ccu_head, administrator, dcc):
    role_request = roles.second_factor_reset_propose(
        user=ccu_head, reason="New phone", acting_user=administrator
    )
    assert role_request.approver == "dcc"
    assert role_request.ccu


def test_a_reset_of_someone_without_a_sensitive_role_happens_at_once_and_is_recorded(
    staff_member, administrator
):
    role_request = roles.second_factor_reset_propose(
        user=staff_member, reason="New phone", acting_user=administrator
    )
    assert role_request.status == RoleRequestStatus.DONE
    assert not TOTPDevice.objects.filter(user=staff_member).exists()
    assert AccessLogEntry.objects.filter(
        action=AccessAction.ALTERATION, area=Area.ACCOUNTS, object_id=str(role_request.pk)
    ).exists()


def test_a_reset_is_refused_when_the_persons_roles_changed_since_it_was_proposed(
    staff_member, administrator, ccu_head, dcc
):
    role_request = roles.second_factor_reset_propose(
        user=staff_member, reason="New phone", acting_user=administrator
    )
    assert role_request.status == RoleRequestStatus.DONE  # no sensitive role then
    TOTPDevice.objects.create(user=staff_member, name="App", confirmed=True)
    pending = roles.second_factor_reset_propose(
        user=ccu_head, reason="New phone", acting_user=administrator
    )
    # Their CCU head role is removed before the DCC decides: the DCC no longer answers for them.
    roles.role_revoke(user=ccu_head, role=Role.CCU_HEAD, reason="Moved", acting_user=administrator)
    with pytest.raises(ValidationError, match="roles have changed"):
        roles.role_request_approve(role_request=pending, reason="Yes", acting_user=dcc)


def test_a_password_reset_needs_an_address_to_send_the_link_to(staff_member, administrator):
    staff_member.email = ""
    staff_member.save()
    staff_member.person.email = ""
    staff_member.person.save()
    with pytest.raises(ValidationError, match="no e-mail address"):
        roles.password_reset_propose(user=staff_member, reason="x", acting_user=administrator)


def test_the_link_goes_to_the_address_hr_holds_not_the_logins(
    staff_member, administrator, sent_on_commit
):
    staff_member.email = "changed.by.someone@example.com"
    staff_member.save()
    staff_member.person.email = "from.hr@force.example"
    staff_member.person.save()
    with sent_on_commit():
        roles.password_reset_propose(user=staff_member, reason="x", acting_user=administrator)
    link = next(m for m in mail.outbox if "set a new password" in m.subject)
    assert link.to == ["from.hr@force.example"]


# --- history and the access log --------------------------------------------------------------


def test_every_step_writes_history_and_an_access_log_row(
    staff_member, administrator, ccu_head, psd_head
):
    ccu_request = _propose(staff_member, Role.CCU_ANALYST, administrator)
    roles.role_request_approve(role_request=ccu_request, reason="Agreed", acting_user=ccu_head)
    psd_request = _propose(staff_member, Role.PSD_CASEWORKER, administrator)
    roles.role_request_refuse(role_request=psd_request, reason="No post", acting_user=psd_head)

    reasons = [h.history_change_reason for h in ccu_request.history.order_by("history_id")]
    users = [h.history_user for h in ccu_request.history.order_by("history_id")]
    assert reasons == [f"Grant a role proposed: {REASON}", "Approved and done: Agreed"]
    assert users == [administrator, ccu_head]
    assert psd_request.history.count() == 2

    rows = AccessLogEntry.objects.filter(action=AccessAction.ALTERATION).order_by("pk")
    assert [(r.username, r.area) for r in rows] == [
        ("administrator", Area.CCU),
        ("ccu.head", Area.CCU),
        ("administrator", Area.ACCOUNTS),
        ("psd.head", Area.ACCOUNTS),
    ]
    ccu_rows, psd_rows = rows[:2], rows[2:]
    # Inside the corridor the auditor gets an opaque reference only: no id, no name, no role.
    for row in ccu_rows:
        assert row.record_ref.startswith("CCU-")
        assert (row.object_id, row.record_label, row.content_type_id) == ("", "", None)
    assert {r.record_ref for r in ccu_rows} == {ccu_rows[0].record_ref}
    for row in psd_rows:
        assert row.object_id == str(psd_request.pk)
        assert "PSD caseworker" in row.record_label
    # The source of a CCU row is kept for the CCU head's audit page, not the auditor's.
    assert rows[1].view_name == "ccu"
    assert rows[1].detail.view_name == "accounts.roles.grant.approved"
