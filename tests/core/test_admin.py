"""The Django admin is for administrators only and holds no case, declaration or intelligence
content."""

from __future__ import annotations

import pytest
from django.contrib import admin

# Everything the admin may ever register: accounts, roles, sign-in records and reference data.
# A later step that registers a case, declaration or intelligence model fails here.
ALLOWED_IN_ADMIN = {
    "accounts.User",
    "auth.Group",
    "axes.AccessAttempt",
    "axes.AccessFailureLog",
    "axes.AccessLog",
    "complaints.AllegationCategory",
    "complaints.LetterTemplate",
    "complaints.ProfessionalStandard",
    "complaints.ReferralCriterion",
    "gifts.GiftThreshold",
    "otp_totp.TOTPDevice",
    "people.OrgUnit",
    "people.Person",
}


def test_admin_registers_no_case_declaration_or_intelligence_content():
    registered = {f"{m._meta.app_label}.{m.__name__}" for m in admin.site._registry}
    assert registered <= ALLOWED_IN_ADMIN, registered - ALLOWED_IN_ADMIN


def test_person_admin_hides_sensitive_fields():
    from standards.people.models import Person

    person_admin = admin.site._registry[Person]
    for hidden in ("ethnicity", "sex", "vetting_level", "vetting_expires"):
        assert hidden not in person_admin.fields


@pytest.mark.django_db
def test_administrator_reaches_the_admin(client_for, administrator):
    client = client_for(administrator)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "Accounts, roles and reference data" in response.content.decode()
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "persona",
    ["staff_member", "caseworker", "psd_head", "ccu_head", "board_member", "auditor"],
)
def test_other_roles_get_not_found(client_for, request, persona):
    user = request.getfixturevalue(persona)
    client = client_for(user)
    assert client.get("/admin/").status_code == 404
    assert client.get("/admin/accounts/user/").status_code == 404


@pytest.mark.django_db
def test_administrator_without_second_factor_is_sent_to_sign_in(client, administrator):
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/sign-in/")
    assert "Sign in" in response.content.decode()


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/sign-in/")


# Registered for reading only: roles change through standards.accounts.roles, and an
# authenticator is reset there (with approval where it is needed), never added or removed here.
READ_ONLY_IN_ADMIN = {"auth.Group", "otp_totp.TOTPDevice", "people.Person"}


@pytest.mark.django_db
def test_roles_and_authenticators_are_read_only_in_the_admin(rf, administrator):
    request = rf.get("/admin/")
    request.user = administrator
    for model, model_admin in admin.site._registry.items():
        if f"{model._meta.app_label}.{model.__name__}" in READ_ONLY_IN_ADMIN:
            assert not model_admin.has_add_permission(request), model
            assert not model_admin.has_change_permission(request), model
            assert not model_admin.has_delete_permission(request), model


def test_user_admin_edits_no_role_flag_or_permission():
    from standards.accounts.models import User

    user_admin = admin.site._registry[User]
    fields = {f for _, options in user_admin.fieldsets for f in options["fields"]}
    assert not fields & {"groups", "is_superuser", "is_staff", "user_permissions"}
