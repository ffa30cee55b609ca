"""An administrator proposes a CCU role for a member of staff from the admin; the head of the CCU
approves it from their home page. Demo logins ``admin`` and ``ccu.head``, each in their own
browser context."""

from __future__ import annotations

import pytest

from standards.access.roles import Role
from standards.accounts.models import User
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


@pytest.fixture
def contexts(browser):
    opened = []

    def new_page():
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
        opened.append(context)
        return context.new_page()

    yield new_page
    for context in opened:
        context.close()


def _roles(username: str) -> set[str]:
    return set(User.objects.get(username=username).groups.values_list("name", flat=True))


def test_a_ccu_role_is_proposed_in_the_admin_and_approved_by_the_ccu_head(
    contexts, live_server, demo_force, screenshot
):
    base = live_server.url
    member = User.objects.get(username="staff")

    admin = contexts()
    sign_in(admin, base, demo_force["admin"])
    admin.wait_for_url(f"{base}/")
    admin.goto(f"{base}/admin/accounts/user/{member.pk}/change/")
    assert admin.locator('[name="groups"]').count() == 0
    admin.get_by_role("link", name="Roles and sign-in").click()
    admin.wait_for_url(f"{base}/accounts/roles/users/{member.pk}/")
    admin.get_by_role("link", name="Grant a role").click()
    screenshot(admin, "roles-1-propose")
    assert_accessible(admin)
    admin.get_by_label("CCU analyst").check()
    admin.get_by_label("Why do they need this role?").fill("Posted to the CCU from 1 March")
    admin.get_by_role("button", name="Propose").click()
    assert (
        admin.get_by_test_id("next-step")
        .inner_text()
        .startswith("Waiting for the head of the Counter Corruption Unit to approve")
    )
    screenshot(admin, "roles-2-proposed")
    assert_accessible(admin)
    assert Role.CCU_ANALYST not in _roles("staff")

    head = contexts()
    sign_in(head, base, demo_force["ccu.head"])
    head.wait_for_url(f"{base}/")
    head.get_by_role("link", name="Role changes waiting for your approval").click()
    head.get_by_role("link", name="RC-").first.click()
    head.get_by_role("link", name="Approve or refuse").click()
    head.get_by_role("button", name="Confirm your decision").click()
    head.get_by_text("There is a problem").wait_for()  # the page sent back
    screenshot(head, "roles-3-decide-errors")
    assert_accessible(head)
    head.get_by_label("Approve").check()
    head.get_by_label("Your reason").fill("Vetted to MV; post confirmed")
    head.get_by_role("button", name="Confirm your decision").click()
    assert "Approved, and done" in head.get_by_test_id("next-step").inner_text()
    screenshot(head, "roles-4-approved")
    assert_accessible(head)
    assert Role.CCU_ANALYST in _roles("staff")
