"""An analyst records an intelligence report, is sent back to put a mistake right, grades it with
conditions on sharing, and finds it in the list; every page passes axe."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def _fill_date(page, field: str, day: dt.date) -> None:
    page.locator(f"#id_{field}_day").fill(str(day.day))
    page.locator(f"#id_{field}_month").fill(str(day.month))
    page.locator(f"#id_{field}_year").fill(str(day.year))


@pytest.fixture
def categories(transactional_db):
    """The national categories (installed by a migration; a browser test's flush removes them)."""
    from ccu.defaults import CATEGORIES
    from ccu.models import CorruptionCategory

    for order, (code, name, priority) in enumerate(CATEGORIES, start=1):
        CorruptionCategory.objects.get_or_create(
            code=code, defaults={"name": name, "order": order, "priority": priority}
        )


def test_an_analyst_records_and_grades_a_report(
    page, live_server, demo_force, categories, screenshot
):
    base = live_server.url
    sign_in(page, base, demo_force["ccu.analyst"])
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/ccu/reports/")
    screenshot(page, "ccu-reports-1-empty-list")
    assert_accessible(page)

    page.get_by_role("link", name="Record a report").click()
    page.wait_for_url("**/ccu/reports/new/")
    _fill_date(page, "received_on", dt.date.today() - dt.timedelta(days=2))
    page.get_by_label("Line manager").check()
    page.get_by_label("Original text").fill(
        "Sgt Patel phoned: PC Ward looked up his ex-partner's new address on the PNC."
    )
    page.get_by_label("Source details (optional)").fill("Sgt Patel, response team, 07700 900456")
    page.get_by_label("Sanitised text").fill(
        "An officer is said to have searched force systems for a former partner's address."
    )
    page.get_by_role("button", name="Record report").click()  # no category chosen
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_text("Select at least one national corruption category").first.is_visible()
    screenshot(page, "ccu-reports-2-record-errors")
    assert_accessible(page)

    page.get_by_label("Misusing force systems").check()
    page.get_by_label("Disclosure of information").check()
    screenshot(page, "ccu-reports-3-record")
    page.get_by_role("button", name="Record report").click()
    page.wait_for_url("**/ccu/reports/*/grading/")
    assert page.get_by_text("is recorded and awaiting triage").is_visible()
    screenshot(page, "ccu-reports-4-grading")
    assert_accessible(page)

    page.get_by_label("2: untested").check()
    page.get_by_label("B: known indirectly but corroborated").check()
    page.get_by_label("C: lawful sharing with conditions").check()
    page.get_by_label("Conditions on sharing").fill("Share with PSD only after sanitising.")
    page.get_by_label("Reason for this grading").fill(
        "Untested source; the audit of the system corroborates the searches."
    )
    page.get_by_role("button", name="Save grading").click()
    page.wait_for_url("**/ccu/reports/*/")
    assert page.get_by_text("is graded 2BC. Any earlier grading").is_visible()
    assert page.get_by_test_id("report-grade").inner_text() == "2BC"
    assert "waits for triage" in page.get_by_test_id("next-step").inner_text()
    summary = page.get_by_test_id("report-summary").inner_text()
    assert "Misusing force systems" in summary and "Disclosure of information" in summary
    assert "Infiltration" not in summary
    screenshot(page, "ccu-reports-5-summary")
    assert_accessible(page)

    # As its owner, the analyst reads the original text and source on their own tab.
    page.get_by_role("link", name="Original and source").first.click()
    page.wait_for_url("**/source/")
    assert "Sgt Patel phoned" in page.get_by_test_id("original-text").inner_text()
    screenshot(page, "ccu-reports-6-source")
    assert_accessible(page)

    page.get_by_role("link", name="Timeline").first.click()
    page.wait_for_url("**/timeline/")
    assert "Graded 2BC" in page.get_by_test_id("timeline").inner_text()
    screenshot(page, "ccu-reports-7-timeline")
    assert_accessible(page)

    page.goto(f"{base}/ccu/reports/")
    assert "2BC" in page.get_by_test_id("report-list").inner_text()
    screenshot(page, "ccu-reports-8-list")
    assert_accessible(page)
