"""The head of the CCU opens an operation, gives an analyst access and closes it after checking
the answers; each page says what happens next and a closed one offers nothing stale."""

from __future__ import annotations

import datetime as dt

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def _fill_date(page, field: str, day: dt.date) -> None:
    """The GOV.UK date input: day, month and year."""
    page.locator(f"#id_{field}_day").fill(str(day.day))
    page.locator(f"#id_{field}_month").fill(str(day.month))
    page.locator(f"#id_{field}_year").fill(str(day.year))


def test_the_head_opens_gives_access_to_and_closes_an_operation(
    page, live_server, demo_force, screenshot
):
    base = live_server.url
    sign_in(page, base, demo_force["ccu.head"])
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/ccu/")
    page.get_by_role("link", name="Open an operation").click()
    page.wait_for_url("**/ccu/operations/new/")
    page.get_by_label("Code name").fill("Operation HERON")
    page.get_by_label("Purpose").fill("Unauthorised disclosure from the custody system.")
    _fill_date(page, "opened_on", dt.date.today() + dt.timedelta(days=2))
    page.get_by_role("button", name="Open operation").click()
    page.get_by_text("There is a problem").wait_for()  # the page sent back
    screenshot(page, "ccu-1-open-errors")
    assert_accessible(page)

    _fill_date(page, "opened_on", dt.date.today())
    page.get_by_role("button", name="Open operation").click()
    page.wait_for_url("**/ccu/operations/*/")
    assert page.get_by_text("Operation HERON is open. Give access").is_visible()
    assert "Give access to the analysts" in page.get_by_test_id("next-step").inner_text()
    screenshot(page, "ccu-2-opened")
    assert_accessible(page)

    page.get_by_role("link", name="Change access").click()
    page.wait_for_url("**/access/")
    page.get_by_label("Who should have access").select_option(index=1)
    page.get_by_label("Reason").fill("Assigned analyst for the custody system enquiry.")
    screenshot(page, "ccu-3-access")
    assert_accessible(page)
    page.get_by_role("button", name="Give access").click()
    page.wait_for_url("**/ccu/operations/*/")
    assert page.get_by_text("can now see Operation HERON").is_visible()

    page.get_by_role("link", name="Close operation").click()
    page.wait_for_url("**/close/")
    page.get_by_label("Result and reason for closing").fill(
        "No evidence of disclosure; words of advice given."
    )
    screenshot(page, "ccu-4-close")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_test_id("check-answers").is_visible()
    screenshot(page, "ccu-5-close-check")
    assert_accessible(page)
    page.get_by_role("button", name="Close the operation").click()
    page.wait_for_url("**/ccu/operations/*/")
    assert page.get_by_text("Its record is now read-only").is_visible()
    assert page.get_by_role("link", name="Close operation").count() == 0
    screenshot(page, "ccu-6-closed")
    assert_accessible(page)

    page.goto(f"{base}/ccu/")
    screenshot(page, "ccu-7-list")
    assert_accessible(page)
