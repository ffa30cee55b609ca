"""The staff portal's own pages: the overview and the annual declaration."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from registers.models import AnnualDeclaration
from standards.access.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

MY = reverse("my:declarations")
ANNUAL = reverse("my:annual_declaration")


def test_portal_invites_the_annual_declaration_until_it_is_made(client_for, staff_member):
    client = client_for(staff_member)
    assert "Make your annual declaration" in client.get(MY).content.decode()

    response = client.post(ANNUAL, {"confirm": "on", "comments": "Nothing new this year."})
    assert response["Location"] == MY
    declaration = AnnualDeclaration.objects.get(person=staff_member.person)
    assert declaration.year == timezone.localdate().year
    assert declaration.history.first().history_change_reason == "Annual declaration made"
    assert "You made your annual declaration" in client.get(MY).content.decode()


def test_annual_declaration_needs_the_confirmation(client_for, staff_member):
    body = client_for(staff_member).post(ANNUAL, {"comments": ""}).content.decode()
    assert "Confirm you have nothing further to declare" in body
    assert not AnnualDeclaration.objects.exists()


def test_annual_declaration_refuses_markup(client_for, staff_member):
    body = (
        client_for(staff_member)
        .post(ANNUAL, {"confirm": "on", "comments": "<script>alert(1)</script>"})
        .content.decode()
    )
    assert "Remove the HTML or script" in body
    assert not AnnualDeclaration.objects.exists()


def test_annual_declaration_is_made_once_a_year(client_for, staff_member):
    client = client_for(staff_member)
    client.post(ANNUAL, {"confirm": "on"})
    client.post(ANNUAL, {"confirm": "on"})
    assert AnnualDeclaration.objects.count() == 1
    assert "You do not need to do anything else" in client.get(ANNUAL).content.decode()


def test_a_login_without_a_directory_record_has_no_portal(client_for, db):
    service_account = UserFactory(person=None, roles=[Role.STAFF])
    client = client_for(service_account)
    assert client.get(MY).status_code == 404
    assert "My declarations" not in client.get("/").content.decode()


def test_queues_page_is_only_for_reviewers(client_for, staff_member, board_member):
    assert client_for(staff_member).get(reverse("registers:queues")).status_code == 404
    # A chief officer's queue is the business-interest appeals put to them.
    assert client_for(board_member).get(reverse("registers:queues")).status_code == 200
