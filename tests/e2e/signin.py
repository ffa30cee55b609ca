"""Signing in through the real pages, as a person would."""

from __future__ import annotations

import base64
import time

from django_otp.oath import TOTP


def current_code(secret_base32: str) -> str:
    totp = TOTP(base64.b32decode(secret_base32))
    totp.time = time.time()
    return f"{totp.token():06d}"


def sign_in(page, base_url: str, login) -> None:
    page.goto(f"{base_url}/accounts/sign-in/")
    page.get_by_label("Username").fill(login.username)
    page.get_by_label("Password").fill(login.password)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/sign-in/code/")
    page.get_by_label("Code from your authenticator app").fill(current_code(login.totp_secret))
    page.get_by_role("button", name="Sign in").click()
