"""A form refused by the CSRF check gets the service's own page, saying what to do next."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_an_expired_sign_in_form_gets_the_services_page():
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("accounts:sign_in"), {"username": "x", "password": "y"})
    body = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in body
    assert "Reload the page" in body and "Go back" in body
    assert "sign in again" in body
    assert 'class="govuk-generic-header app-header"' in body  # styled like every other page
    assert "CSRF verification failed" not in body  # not Django's own page
    assert "Reference: " + response["X-Request-ID"] in body


def test_a_signed_in_person_is_told_to_sign_out_and_in_again(caseworker):
    client = sign_in(Client(enforce_csrf_checks=True), caseworker)
    response = client.post(reverse("accounts:sign_out"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "Your form could not be sent" in body
    assert reverse("accounts:sign_out") in body and "sign in again" in body
    # The refused sign-out did not sign them out.
    assert client.get(reverse("core:home")).status_code == 200
