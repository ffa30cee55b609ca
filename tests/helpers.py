"""Shared test helpers: signing a test client in with both factors, and current TOTP codes."""

from __future__ import annotations

import time

from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.accounts.middleware import LAST_SEEN_AT, SIGNED_IN_AT


def totp_code(device: TOTPDevice, at: float | None = None) -> str:
    """The code the user's authenticator app would show now (or at ``at``)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = at if at is not None else time.time()
    return f"{totp.token():0{device.digits}d}"


def sign_in(client: Client, user) -> Client:
    """Sign ``client`` in as ``user`` as if they had passed the password and code steps."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session["otp_device_id"] = device.persistent_id
    now = time.time()
    session[SIGNED_IN_AT] = now
    session[LAST_SEEN_AT] = now
    session.save()
    return client
