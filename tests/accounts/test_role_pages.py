"""The role pages: the administrator proposes, the right head approves on the request's page,
every page says who acts next, and a CCU request shows nowhere outside its proposer and the
head of the CCU."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role
from standards.accounts import roles
from standards.accounts.models import RoleRequest, RoleRequestStatus, User
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _roles_of(user) -> set[str]:
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def _proposed(user, role, administrator) -> RoleRequest:
    return roles.role_grant_propose(
        user=user, role=role, reason="Joining the unit", acting_user=administrator
    )


def test_an_administrator_proposes_and_the_ccu_head_approves_through_the_pages(
    client_for, staff_member, administrator, ccu_head
):
    admin_client = client_for(administrator)
    page = admin_client.get(reverse("roles:grant", kwargs={"pk": staff_member.pk}))
    body = page.content.decode()
    assert "Needs approval by the head of the Counter Corruption Unit" in body
    assert "Granted at once" in body  # Line manager

    response = admin_client.post(
        reverse("roles:grant", kwargs={"pk": staff_member.pk}),
        {"role": Role.CCU_ANALYST.value, "reason": "Posted to the CCU from 1 March"},
        follow=True,
    )
    body = response.content.decode()
    assert "Waiting for the head of the Counter Corruption Unit to approve" in body
    assert _roles_of(staff_member) == {Role.STAFF}
    role_request = RoleRequest.objects.get()

    head_client = client_for(ccu_head)
    queue = head_client.get(reverse("roles:queue")).content.decode()
    assert role_request.reference in queue
    detail = head_client.get(reverse("roles:detail", kwargs={"pk": role_request.pk}))
    assert "Waiting for you to approve or refuse" in detail.content.decode()

    decide_url = reverse("roles:decide", kwargs={"pk": role_request.pk})
    confirm = head_client.get(decide_url).content.decode()
    assert "gets the role CCU analyst at once" in confirm
    missing_reason = head_client.post(decide_url, {"decision": "approve", "reason": ""})
    assert "Enter the reason for your decision" in missing_reason.content.decode()
    assert _roles_of(staff_member) == {Role.STAFF}

    done = head_client.post(decide_url, {"decision": "approve", "reason": "Vetted"}, follow=True)
    assert "Approved, and done" in done.content.decode()
    assert _roles_of(staff_member) == {Role.STAFF, Role.CCU_ANALYST}


def test_an_administrators_own_role_proposal_through_the_page_is_refused(client_for, administrator):
    client = client_for(administrator)
    url = reverse("roles:grant", kwargs={"pk": administrator.pk})
    assert "This is your own login" in client.get(url).content.decode()
    response = client.post(url, {"role": Role.CCU_HEAD.value, "reason": "I need it"})
    assert response.status_code == 200
    assert "You cannot change your own roles" in response.content.decode()
    assert not RoleRequest.objects.exists()
    assert _roles_of(administrator) == {Role.ADMINISTRATOR}


def test_an_administrator_adding_anyone_to_a_ccu_role_through_the_pages_changes_nothing(
    client_for, administrator, staff_member
):
    client = client_for(administrator)
    client.post(
        reverse("roles:grant", kwargs={"pk": staff_member.pk}),
        {"role": Role.CCU_HEAD.value, "reason": "Acting up"},
    )
    assert _roles_of(staff_member) == {Role.STAFF}
    role_request = RoleRequest.objects.get()
    assert role_request.status == RoleRequestStatus.PENDING
    # The proposer cannot decide it from the decision page either.
    response = client.post(
        reverse("roles:decide", kwargs={"pk": role_request.pk}),
        {"decision": "approve", "reason": "Urgent"},
    )
    assert response.status_code == 404
    assert _roles_of(staff_member) == {Role.STAFF}
    role_request.refresh_from_db()
    assert role_request.status == RoleRequestStatus.PENDING


@pytest.mark.parametrize(
    "persona", ["other_administrator", "psd_head", "auditor", "board_member", "dcc", "ccu_analyst"]
)
def test_a_ccu_request_is_a_404_and_absent_from_every_list_outside_the_ccu_head(
    request, client_for, staff_member, administrator, ccu_head, persona
):
    role_request = _proposed(staff_member, Role.CCU_ANALYST, administrator)
    client = client_for(request.getfixturevalue(persona))
    for name in ("roles:detail", "roles:decide"):
        response = client.get(reverse(name, kwargs={"pk": role_request.pk}))
        assert response.status_code == 404
        assert role_request.reference not in response.content.decode()
    queue = client.get(reverse("roles:queue"))
    assert role_request.reference not in queue.content.decode()
    assert staff_member.display_name not in queue.content.decode()
    home = client.get(reverse("core:home")).content.decode()
    assert role_request.reference not in home
    post = client.post(
        reverse("roles:decide", kwargs={"pk": role_request.pk}),
        {"decision": "approve", "reason": "Yes"},
    )
    assert post.status_code == 404
    assert _roles_of(staff_member) == {Role.STAFF}


def test_the_proposer_follows_their_proposal(client_for, staff_member, administrator):
    role_request = _proposed(staff_member, Role.AUDITOR, administrator)
    client = client_for(administrator)
    queue = client.get(reverse("roles:queue")).content.decode()
    assert role_request.reference in queue
    detail = client.get(reverse("roles:detail", kwargs={"pk": role_request.pk})).content.decode()
    assert "Waiting for the deputy chief constable to approve" in detail
    assert "Approve or refuse" not in detail


def test_the_reset_page_says_who_approves(client_for, administrator, ccu_analyst, staff_member):
    client = client_for(administrator)
    page = client.get(reverse("roles:reset", kwargs={"pk": ccu_analyst.pk})).content.decode()
    assert "the head of the Counter Corruption Unit is asked" in page
    page = client.get(reverse("roles:reset", kwargs={"pk": staff_member.pk})).content.decode()
    assert "The reset happens at once" in page

    response = client.post(
        reverse("roles:reset", kwargs={"pk": ccu_analyst.pk}),
        {"what": "second_factor", "reason": "Lost phone; called from the station"},
        follow=True,
    )
    assert "Waiting for the head of the Counter Corruption Unit to approve" in (
        response.content.decode()
    )


def test_the_revoke_page_removes_at_once(client_for, administrator, caseworker):
    client = client_for(administrator)
    response = client.post(
        reverse("roles:revoke", kwargs={"pk": caseworker.pk}),
        {"role": Role.PSD_CASEWORKER.value, "reason": "Left PSD"},
        follow=True,
    )
    assert "no longer holds the role PSD caseworker" in response.content.decode()
    assert _roles_of(caseworker) == {Role.STAFF}


def test_the_account_page_shows_roles_and_only_the_administrators_own_proposals(
    client_for, administrator, other_administrator, staff_member
):
    mine = _proposed(staff_member, Role.AUDITOR, administrator)
    theirs = _proposed(staff_member, Role.CCU_ANALYST, other_administrator)
    page = client_for(administrator).get(reverse("roles:account", kwargs={"pk": staff_member.pk}))
    body = page.content.decode()
    assert mine.reference in body
    assert theirs.reference not in body


def test_a_request_page_writes_one_opaque_access_log_row(
    client_for, staff_member, administrator, ccu_head, psd_head
):
    """A role request may be CCU material, so its rule files every read in the CCU's area: the
    auditor sees who opened a request and when, never which one. The changes themselves are
    filed per request (test_role_services)."""
    ccu_request = _proposed(staff_member, Role.CCU_ANALYST, administrator)
    psd_request = _proposed(staff_member, Role.PSD_CASEWORKER, administrator)
    before = AccessLogEntry.objects.count()
    client_for(ccu_head).get(reverse("roles:detail", kwargs={"pk": ccu_request.pk}))
    client_for(psd_head).get(reverse("roles:detail", kwargs={"pk": psd_request.pk}))
    rows = list(AccessLogEntry.objects.order_by("pk")[before:])
    assert [(r.action, r.area, r.username) for r in rows] == [
        (AccessAction.CONSULTATION, Area.CCU, "ccu.head"),
        (AccessAction.CONSULTATION, Area.CCU, "psd.head"),
    ]
    for row in rows:
        assert row.object_id == "" and row.record_label == ""
        assert row.record_ref.startswith("CCU-")


def test_the_queue_page_pins_its_query_count(
    client_for, administrator, ccu_head, django_assert_max_num_queries
):
    for _ in range(12):
        _proposed(UserFactory(roles=[Role.STAFF]), Role.CCU_ANALYST, administrator)
    client = client_for(ccu_head)
    with django_assert_max_num_queries(16):
        response = client.get(reverse("roles:queue"))
    assert response.content.decode().count("RC-") >= 12


def test_the_approvers_home_page_shows_what_waits_for_them_and_nobody_elses_does(
    client_for, staff_member, administrator, ccu_head, psd_head, board_member
):
    _proposed(staff_member, Role.CCU_ANALYST, administrator)
    home = client_for(ccu_head).get(reverse("core:home")).content.decode()
    assert "Role changes waiting for your approval" in home
    assert reverse("roles:queue") in home
    psd_home = client_for(psd_head).get(reverse("core:home")).content.decode()
    # The head of PSD has a queue of their own, empty: a CCU request is not counted in it.
    assert re.search(r"Role changes waiting for your approval</a>\s*<strong[^>]*>0<", psd_home)
    ccu_home = client_for(ccu_head).get(reverse("core:home")).content.decode()
    assert re.search(r"Role changes waiting for your approval</a>\s*<strong[^>]*>1<", ccu_home)
    for user in (board_member, staff_member):
        home = client_for(user).get(reverse("core:home")).content.decode()
        assert "Role changes" not in home


def test_the_approver_is_warned_when_the_login_has_never_been_used(
    client_for, staff_member, administrator, ccu_head
):
    role_request = _proposed(staff_member, Role.CCU_ANALYST, administrator)
    url = reverse("roles:decide", kwargs={"pk": role_request.pk})
    assert "has never signed in" in client_for(ccu_head).get(url).content.decode()
    staff_member.last_login = timezone.now()
    staff_member.save(update_fields=["last_login"])
    assert "has never signed in" not in client_for(ccu_head).get(url).content.decode()
