"""The confidential reporting line in a browser: a member reports anonymously and reads their
receipt code; the CCU analyst asks a question; the reporter comes back with the code and answers;
the analyst sees the answer. Every page passes axe."""

from __future__ import annotations

import uuid

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

ACCOUNT = "A custody sergeant is passing arrest details to a journalist at the Gazette."


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-e2e-{uuid.uuid4().hex}"}
    }


def test_an_anonymous_report_a_question_and_the_reporters_answer(
    browser, page, live_server, demo_force, screenshot
):
    base = live_server.url
    sign_in(page, base, demo_force["staff"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/my/")
    page.get_by_role("link", name="Report a concern in confidence").click()
    page.wait_for_url("**/my/reporting-line/")
    screenshot(page, "line-1-start")
    assert_accessible(page)

    page.get_by_role("link", name="Make a report").click()
    page.wait_for_url("**/my/reporting-line/report/")
    page.get_by_role("button", name="Send report").click()
    page.get_by_text("There is a problem").wait_for()
    screenshot(page, "line-2-report-errors")
    assert_accessible(page)

    page.get_by_label("What happened?").fill(ACCOUNT)
    assert page.get_by_label("Yes, stay anonymous").is_checked()  # anonymous unless changed
    page.get_by_role("button", name="Send report").click()
    page.get_by_role("heading", name="Report sent").wait_for()
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert len(code.replace("-", "")) >= 16
    screenshot(page, "line-3-receipt")
    assert_accessible(page)

    # The analyst, in another browser, finds the report on the line and asks a question.
    analyst_context = browser.new_context(viewport={"width": 1280, "height": 900})
    analyst = analyst_context.new_page()
    sign_in(analyst, base, demo_force["ccu.analyst"])
    analyst.wait_for_url(f"{base}/")
    analyst.goto(f"{base}/ccu/line/")
    screenshot(analyst, "line-4-ccu-list")
    assert_accessible(analyst)
    analyst.get_by_test_id("line-list").get_by_role("link").first.click()
    analyst.wait_for_url("**/ccu/line/*/")
    assert ACCOUNT in analyst.get_by_test_id("account").inner_text()
    analyst.get_by_label("Message to the reporter").fill("Which custody suite, and since when?")
    analyst.get_by_role("button", name="Send to the reporter").click()
    analyst.get_by_text("Your message is waiting for the reporter").wait_for()
    screenshot(analyst, "line-5-ccu-asked")
    assert_accessible(analyst)

    # The reporter comes back with the code and answers.
    page.goto(f"{base}/my/reporting-line/return/")
    screenshot(page, "line-6-return")
    assert_accessible(page)
    page.get_by_label("Receipt code").fill("WRONGXXX-AAAA-BBBB-CCCC-DDDD")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    assert_accessible(page)
    page.get_by_label("Receipt code").fill(code)
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Which custody suite, and since when?").wait_for()
    assert code not in page.url
    screenshot(page, "line-7-dialogue")
    assert_accessible(page)
    page.get_by_label("Your answer").fill("Central custody, since the spring.")
    page.get_by_role("button", name="Send answer").click()
    page.get_by_text("Your answer has been sent").wait_for()
    screenshot(page, "line-8-answered")
    assert_accessible(page)

    # The analyst sees the answer, flagged on the list.
    analyst.goto(f"{base}/ccu/line/")
    assert analyst.get_by_test_id("reply-waiting").count() >= 1
    analyst.get_by_test_id("line-list").get_by_role("link").first.click()
    analyst.get_by_text("Central custody, since the spring.").wait_for()
    screenshot(analyst, "line-9-ccu-answer")
    assert_accessible(analyst)
    analyst_context.close()
