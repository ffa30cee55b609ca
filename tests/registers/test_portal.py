"""The staff portal's own pages: the overview and the annual declaration."""

from __future__ import annotations

import pytest
from django.urls import reverse

from standards.access.roles import Role
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

MY = reverse("my:declarations")


def test_a_login_without_a_directory_record_has_no_portal(client_for, db):
    service_account = UserFactory(person=None, roles=[Role.STAFF])
    client = client_for(service_account)
    assert client.get(MY).status_code == 404
    assert "My declarations" not in client.get("/").content.decode()


def test_queues_page_is_only_for_reviewers(client_for, staff_member, board_member):
    assert client_for(staff_member).get(reverse("registers:queues")).status_code == 404
    # A chief officer's queue is the business-interest appeals put to them.
    assert client_for(board_member).get(reverse("registers:queues")).status_code == 200
