"""The admin no longer edits roles, the superuser and staff flags, permissions, passwords or
authenticator apps: a POST that tries stores nothing, and the way through is the role pages."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.access.roles import Role
from standards.accounts.models import RoleRequest, User

pytestmark = pytest.mark.django_db

FORBIDDEN_FIELDS = {"groups", "is_superuser", "is_staff", "user_permissions"}


def _change_url(user) -> str:
    return f"/admin/accounts/user/{user.pk}/change/"


def _form_data(user, **extra) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "person": user.person_id or "",
        "date_joined_0": user.date_joined.strftime("%Y-%m-%d"),
        "date_joined_1": user.date_joined.strftime("%H:%M:%S"),
    }
    data.update(extra)
    return data


def test_the_user_admin_has_no_role_flag_or_permission_field(rf, administrator):
    user_admin = admin.site._registry[User]
    fields = {f for _, options in user_admin.fieldsets for f in options["fields"]}
    assert not fields & FORBIDDEN_FIELDS
    request = rf.get("/admin/")
    request.user = administrator
    form = user_admin.get_form(request, administrator)
    assert not set(form.base_fields) & FORBIDDEN_FIELDS


@pytest.mark.parametrize("whom", ["self", "someone else"])
def test_an_administrators_post_adding_a_ccu_group_through_the_admin_stores_nothing(
    client_for, administrator, staff_member, whom
):
    target = administrator if whom == "self" else staff_member
    before = set(target.groups.values_list("name", flat=True))
    ccu_head = Group.objects.get(name=Role.CCU_HEAD.value)
    client = client_for(administrator)
    page = client.get(_change_url(target)).content.decode()
    for field in FORBIDDEN_FIELDS:
        assert f'name="{field}"' not in page
    response = client.post(
        _change_url(target),
        _form_data(
            target,
            groups=[ccu_head.pk],
            is_superuser="on",
            is_staff="on",
            user_permissions=[Permission.objects.get(codename="view_operation").pk],
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    target = User.objects.get(pk=target.pk)
    assert set(target.groups.values_list("name", flat=True)) == before
    assert not target.is_superuser
    assert not target.user_permissions.exists()
    assert target.is_staff == (whom == "self")
    assert not RoleRequest.objects.exists()


def test_the_roles_are_read_only_in_the_admin(client_for, administrator):
    client = client_for(administrator)
    group = Group.objects.get(name=Role.CCU_HEAD.value)
    assert client.get("/admin/auth/group/").status_code == 200
    assert client.get("/admin/auth/group/add/").status_code == 403
    response = client.post(f"/admin/auth/group/{group.pk}/change/", {"name": "Renamed"})
    assert response.status_code == 403
    assert Group.objects.filter(name=Role.CCU_HEAD.value).exists()
    assert client.post(f"/admin/auth/group/{group.pk}/delete/", {"post": "yes"}).status_code == 403


def test_an_authenticator_is_neither_shown_nor_removed_in_the_admin(
    client_for, administrator, ccu_head
):
    device = TOTPDevice.objects.get(user=ccu_head)
    client = client_for(administrator)
    page = client.get(f"/admin/otp_totp/totpdevice/{device.pk}/change/").content.decode()
    assert device.key not in page
    assert "otpauth://" not in page
    response = client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert client.get("/admin/otp_totp/totpdevice/add/").status_code == 403
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_the_admins_password_form_sends_the_administrator_to_the_reset_page(
    client_for, administrator, ccu_head
):
    client = client_for(administrator)
    url = f"/admin/accounts/user/{ccu_head.pk}/password/"
    response = client.post(url, {"password1": "x" * 20, "password2": "x" * 20})
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/roles/users/{ccu_head.pk}/reset/"
    assert User.objects.get(pk=ccu_head.pk).check_password("correct horse battery staple 42")


def test_a_sensitive_holders_login_cannot_be_relinked_to_another_person(
    client_for, administrator, ccu_head, staff_member
):
    page = client_for(administrator).get(_change_url(ccu_head)).content.decode()
    assert 'name="person"' not in page
    page = client_for(administrator).get(_change_url(staff_member)).content.decode()
    assert 'name="person"' in page


def test_the_change_form_links_to_the_role_pages(client_for, administrator, staff_member):
    page = client_for(administrator).get(_change_url(staff_member)).content.decode()
    assert f'href="/accounts/roles/users/{staff_member.pk}/"' in page
