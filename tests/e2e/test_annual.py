"""The annual declaration in the browser: the member's line manager sees them on the overdue
list; the member reads the policies, is told what they missed, makes the declaration and sees
what happens next; PSD sees the completion by unit and drills into one. Demo logins ``staff``,
``manager`` and ``psd.head``, each in their own browser context; every page passes axe."""

from __future__ import annotations

import random

import pytest
from django.utils import timezone

from registers.annual.demo import seed_annual_declarations
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


def test_a_member_makes_the_annual_declaration(contexts, live_server, demo_force, screenshot):
    base = live_server.url
    seed_annual_declarations(today=timezone.localdate(), rng=random.Random(2017))
    staff = User.objects.get(username="staff").person

    # --- The line manager sees the member on their overdue list. ---
    manager = contexts()
    sign_in(manager, base, demo_force["manager"])
    manager.wait_for_url(f"{base}/")
    manager.goto(f"{base}/registers/annual-declarations/overdue/")
    assert staff.staff_number in manager.get_by_test_id("outstanding").inner_text()
    screenshot(manager, "annual-1-manager-overdue")
    assert_accessible(manager)

    # --- The member finds it on /my/ and makes it. ---
    member = contexts()
    sign_in(member, base, demo_force["staff"])
    member.wait_for_url(f"{base}/")
    member.goto(f"{base}/my/")
    assert "Not made yet" in member.get_by_test_id("annual-status").inner_text() or (
        "Overdue" in member.get_by_test_id("annual-status").inner_text()
    )
    member.get_by_test_id("section-annual").get_by_role(
        "link", name="Your annual declaration"
    ).click()
    member.wait_for_url(f"{base}/my/annual-declaration/")
    screenshot(member, "annual-2-declare")
    assert_accessible(member)

    # One policy left unticked: the error summary says what is missing, nothing is stored.
    member.get_by_label("I have read and understood the gifts, gratuities and hospitality").check()
    member.get_by_label("I have read and understood the business interests").check()
    member.get_by_role("button", name="Make declaration").click()
    assert "Confirm you have read and understood each policy" in (
        member.locator(".govuk-error-summary").inner_text()
    )
    assert "Confirm your declarations are complete" in (
        member.locator(".govuk-error-summary").inner_text()
    )
    screenshot(member, "annual-3-errors")
    assert_accessible(member)

    member.get_by_label("I have read and understood the notifiable associations").check()
    member.get_by_label("My declarations of gifts and hospitality").check()
    member.get_by_label("I have no business interests").check()
    member.get_by_role("button", name="Make declaration").click()
    member.wait_for_url(f"{base}/my/annual-declaration/made/")
    assert member.get_by_test_id("annual-made").is_visible()
    confirmed = member.get_by_test_id("confirmed-policies").inner_text()
    assert "notifiable associations policy (version 2.1)" in confirmed
    assert "no business interests" in confirmed
    screenshot(member, "annual-4-made")
    assert_accessible(member)

    # --- Off the manager's list straight away. ---
    manager.reload()
    assert staff.staff_number not in manager.get_by_test_id("outstanding").inner_text()

    # --- PSD: completion by unit, then one unit's names. ---
    psd = contexts()
    sign_in(psd, base, demo_force["psd.head"])
    psd.wait_for_url(f"{base}/")
    psd.goto(f"{base}/registers/annual-declarations/")
    assert psd.get_by_test_id("completion").is_visible()
    screenshot(psd, "annual-5-completion")
    assert_accessible(psd)
    psd.goto(f"{base}/registers/annual-declarations/overdue/")
    psd.get_by_test_id("units-outstanding").get_by_role("link").first.click()
    psd.wait_for_url(f"{base}/registers/annual-declarations/overdue/unit/**")
    assert psd.get_by_test_id("outstanding").is_visible()
    screenshot(psd, "annual-6-unit")
    assert_accessible(psd)
