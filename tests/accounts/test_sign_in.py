"""Sign-in with a password and an authenticator code; lockout; session lifetimes; sign-out."""

from __future__ import annotations

import time

import pytest
from axes.models import AccessAttempt, AccessFailureLog
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.access.roles import Role
from standards.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT
from tests.accounts.factories import PASSWORD, UserFactory
from tests.helpers import totp_code

SIGN_IN = reverse("accounts:sign_in")
CODE = reverse("accounts:sign_in_code")
SET_UP = reverse("accounts:set_up_authenticator")
HOME = reverse("core:home")


@pytest.fixture
def officer(db):
    return UserFactory(username="pc.jones", roles=[Role.STAFF])


def _password(client, username, password=PASSWORD):
    return client.post(SIGN_IN, {"username": username, "password": password})


def _device(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=True)


def test_password_then_code_signs_in(client, officer):
    response = _password(client, officer.username)
    assert response.status_code == 302
    assert response["Location"] == CODE

    response = client.post(CODE, {"code": totp_code(_device(officer))})
    assert response.status_code == 302
    assert response["Location"] == HOME

    home = client.get(HOME)
    assert home.status_code == 200
    assert officer.person.staff_number in home.content.decode()


def test_password_alone_does_not_open_any_page(client, officer):
    _password(client, officer.username)
    response = client.get(HOME)
    assert response.status_code == 302
    assert response["Location"].startswith(SIGN_IN)


def test_code_page_without_password_step_goes_back_to_sign_in(client, officer):
    response = client.get(CODE, follow=True)
    assert response.redirect_chain[-1][0] == SIGN_IN
    assert "Sign in with your username and password first" in response.content.decode()


def test_wrong_password_is_refused_with_a_clear_message(client, officer):
    response = _password(client, officer.username, "not the password")
    assert response.status_code == 200
    body = response.content.decode()
    assert "There is a problem" in body
    assert "Enter a correct username and password" in body
    assert AccessAttempt.objects.get(username=officer.username).failures_since_start == 1


def test_empty_form_explains_each_missing_field(client, db):
    body = client.post(SIGN_IN, {"username": "", "password": ""}).content.decode()
    assert "Enter your username" in body
    assert "Enter your password" in body


def test_wrong_code_is_refused_and_counted(client, officer):
    _password(client, officer.username)
    device = _device(officer)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(CODE, {"code": wrong})
    assert response.status_code == 200
    assert "The code is not correct" in response.content.decode()
    assert AccessAttempt.objects.get(username=officer.username).failures_since_start == 1
    assert client.get(HOME).status_code == 302


def test_code_must_be_six_digits(client, officer):
    _password(client, officer.username)
    body = client.post(CODE, {"code": "12ab"}).content.decode()
    assert "The code must be 6 digits" in body
    body = client.post(CODE, {"code": ""}).content.decode()
    assert "Enter the 6-digit code from your authenticator app" in body


def test_five_wrong_passwords_lock_the_account_and_the_lockout_is_recorded(client, officer):
    for _ in range(4):
        assert _password(client, officer.username, "wrong").status_code == 200
    response = _password(client, officer.username, "wrong")
    assert response.status_code == 429
    assert "Your account is locked" in response.content.decode()
    assert AccessFailureLog.objects.filter(username=officer.username, locked_out=True).exists()

    # Even the right password is now refused.
    response = _password(client, officer.username)
    assert response.status_code == 429
    assert client.get(HOME).status_code == 302


def test_five_wrong_codes_lock_the_account(client, officer):
    _password(client, officer.username)
    device = _device(officer)
    wrong = f"{(int(totp_code(device)) + 7) % 1_000_000:06d}"
    statuses = [client.post(CODE, {"code": wrong}).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert AccessFailureLog.objects.filter(username=officer.username, locked_out=True).exists()

    # The right code no longer helps: the pending sign-in is gone, the code page sends the user
    # back to the start, and the right password is refused while the account is locked.
    assert client.post(CODE, {"code": totp_code(device)})["Location"] == SIGN_IN
    assert _password(client, officer.username).status_code == 429
    assert client.get(HOME).status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(client, officer):
    _password(client, officer.username, "wrong")
    _password(client, officer.username)
    client.post(CODE, {"code": totp_code(_device(officer))})
    assert not AccessAttempt.objects.filter(username=officer.username).exists()


def test_first_sign_in_sets_up_an_authenticator(client, db):
    newcomer = UserFactory(username="new.starter", roles=[Role.STAFF], authenticator=False)
    response = _password(client, newcomer.username)
    assert response["Location"] == SET_UP

    page = client.get(SET_UP)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    # The page shows the same secret on every visit until it is confirmed: one device, not many.
    client.get(SET_UP)
    assert TOTPDevice.objects.filter(user=newcomer).count() == 1

    response = client.post(SET_UP, {"code": totp_code(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(HOME).status_code == 200


def test_next_is_followed_only_within_the_service(client, officer):
    client.post(
        SIGN_IN,
        {"username": officer.username, "password": PASSWORD, "next": "https://evil.example/"},
    )
    response = client.post(CODE, {"code": totp_code(_device(officer))})
    assert response["Location"] == HOME

    client.post(reverse("accounts:sign_out"))
    client.post(SIGN_IN, {"username": officer.username, "password": PASSWORD, "next": "/people/"})
    # A fresh code: the previous one was used within this 30-second step.
    device = _device(officer)
    code = totp_code(device, at=time.time() + device.step)
    response = client.post(CODE, {"code": code})
    assert response["Location"] == "/people/"


def test_sign_out_asks_then_ends_the_session(client_for, officer):
    client = client_for(officer)
    asked = client.get(reverse("accounts:sign_out"))
    assert asked.status_code == 200
    assert "Stay signed in" in asked.content.decode()
    assert client.get(HOME).status_code == 200  # asking did not sign out
    response = client.post(reverse("accounts:sign_out"), follow=True)
    assert "You have signed out" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_idle_session_ends_after_15_minutes(client_for, officer):
    client = client_for(officer)
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 16 * 60
    session.save()
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[0][0] == SIGN_IN
    assert "had not used the service for 15 minutes" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_activity_keeps_a_session_alive(client_for, officer):
    client = client_for(officer)
    session = client.session
    session[LAST_SEEN_AT] = time.time() - 14 * 60
    session.save()
    assert client.get(HOME).status_code == 200
    assert client.session[LAST_SEEN_AT] > time.time() - 60


def test_session_ends_ten_hours_after_sign_in_whatever_the_activity(client_for, officer):
    client = client_for(officer)
    session = client.session
    session[SIGNED_IN_AT] = time.time() - 10 * 60 * 60 - 1
    session.save()
    response = client.get(HOME, follow=True)
    assert "signed in for 10 hours" in response.content.decode()
    assert client.get(HOME).status_code == 302


def test_inactive_account_cannot_sign_in(client, officer):
    officer.is_active = False
    officer.save()
    response = _password(client, officer.username)
    assert response.status_code == 200
    assert "Enter a correct username and password" in response.content.decode()
