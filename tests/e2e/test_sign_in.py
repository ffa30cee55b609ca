"""Every demo role signs in with password and TOTP and lands on its own home page."""

from __future__ import annotations

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import current_code, sign_in

# The home-page panel each demo login must see (and the panels it must not).
ROLE_PANELS = {
    "staff": ("me", {"team", "directory", "board", "admin", "audit"}),
    "manager": ("team", {"directory", "board", "admin", "audit"}),
    "psd.caseworker": ("directory", {"team", "board", "admin", "audit"}),
    "psd.head": ("directory", {"board", "admin", "audit"}),
    "ccu.analyst": ("directory", {"board", "admin", "audit"}),
    "ccu.head": ("directory", {"board", "admin", "audit"}),
    "dcc": ("board", {"directory", "admin", "audit"}),
    "admin": ("admin", {"directory", "board", "audit"}),
    "auditor": ("audit", {"directory", "board", "admin"}),
}


@pytest.mark.parametrize("username", list(ROLE_PANELS))
def test_each_demo_role_signs_in_and_sees_its_home(
    page, live_server, demo_force, screenshot, username
):
    login = demo_force[username]
    sign_in(page, live_server.url, login)
    page.wait_for_url(f"{live_server.url}/")

    expected, absent = ROLE_PANELS[username]
    assert page.get_by_test_id(f"panel-{expected}").is_visible()
    for panel in absent:
        assert page.get_by_test_id(f"panel-{panel}").count() == 0
    roles_text = page.get_by_test_id("identity-roles").inner_text()
    for role in login.roles:
        assert role in roles_text
    screenshot(page, f"home-{username}")
    assert_accessible(page)


def test_wrong_code_is_refused_in_the_browser(page, live_server, demo_force, screenshot):
    login = demo_force["staff"]
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(login.username)
    page.get_by_label("Password").fill(login.password)
    page.get_by_role("button", name="Continue").click()
    good = current_code(login.totp_secret)
    page.get_by_label("Code from your authenticator app").fill(f"{(int(good) + 1) % 10**6:06d}")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("There is a problem").wait_for()  # the page sent back
    assert page.get_by_role("link", name="The code is not correct").count() == 1
    screenshot(page, "sign-in-wrong-code")
    assert_accessible(page)


def test_sign_in_page_is_accessible(page, live_server, demo_force, screenshot):
    page.goto(f"{live_server.url}/accounts/sign-in/")
    screenshot(page, "sign-in")
    assert_accessible(page)
