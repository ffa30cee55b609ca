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


def open_as(browser, live_server, login):
    """A new browser context (desktop size, en-GB) signed in as ``login``, on the home page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    sign_in(page, live_server.url, login)
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def fill_date(page, field: str, day) -> None:
    """A GOV.UK date input (day, month and year boxes) named ``field``."""
    page.locator(f"#id_{field}_day").fill(str(day.day))
    page.locator(f"#id_{field}_month").fill(str(day.month))
    page.locator(f"#id_{field}_year").fill(str(day.year))
