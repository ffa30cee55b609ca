"""The head of PSD works the HMICFRS tracker: reads the list, records an update on a
recommendation, completes an overdue action, and sees the % complete move; every page passes
axe."""

from __future__ import annotations

import datetime as dt
import random

from standards.board.demo.tracker import seed_tracker
from standards.board.models import Recommendation, RecommendationStatus, TrackerAction
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"board-tracker-{name}")
    assert_accessible(page)


def test_the_head_of_psd_records_an_update_and_completes_an_action(
    page, live_server, demo_force, screenshot
):
    today = dt.date.today()
    assert seed_tracker(today=today, rng=random.Random(1)) == 58
    base = live_server.url
    sign_in(page, base, demo_force["psd.head"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/board/inspections/")
    assert page.get_by_test_id("tracker-total").inner_text().startswith("24 actions, 75% complete")
    _check(page, screenshot, "1-list")

    page.get_by_role("link", name="PEEL spotlight report: Shining a light on betrayal").click()
    page.wait_for_url("**/board/inspections/*/")
    assert "13 actions, 62% complete" in page.get_by_test_id("inspection-progress").inner_text()
    _check(page, screenshot, "2-inspection")

    # Recommendation 5 has waited for review: the head of PSD records the decision.
    page.get_by_role("link", name="Recommendation 5").click()
    page.wait_for_url("**/board/recommendations/*/")
    page.get_by_role("link", name="Record an update").click()
    _check(page, screenshot, "3-update-form")
    page.get_by_label("Being progressed").check()
    page.get_by_label("What has been done").fill(
        "Two detective constables added to the CCU for proactive work on abuse of position; "
        "training booked with the College."
    )
    page.get_by_role("button", name="Record the update").click()
    page.wait_for_url("**/board/recommendations/*/")
    assert page.get_by_text("Update recorded: Recommendation 5 is being progressed").is_visible()
    assert page.get_by_test_id("status").inner_text() == "Being progressed"
    assert page.locator(".moj-timeline__item").count() == 1
    _check(page, screenshot, "4-recommendation")
    rec5 = Recommendation.objects.get(number="5", inspection__title__startswith="PEEL")
    assert rec5.status == RecommendationStatus.BEING_PROGRESSED

    # Recommendation 2's overdue action is done.
    action = TrackerAction.objects.get(description__startswith="Adopt the national transferee")
    page.goto(f"{base}/board/recommendations/{action.recommendation_id}/")
    assert page.get_by_test_id("actions").get_by_text("Overdue").is_visible()
    page.get_by_role("link", name=action.description).click()
    page.wait_for_url(f"**/board/actions/{action.pk}/")
    _check(page, screenshot, "5-action")
    page.get_by_role("button", name="Complete the action").click()
    page.wait_for_url(f"**/board/recommendations/{action.recommendation_id}/")
    assert page.get_by_text("Action completed.").is_visible()
    assert "2 actions, 100% complete" in page.get_by_test_id("recommendation-progress").inner_text()
    _check(page, screenshot, "6-action-completed")
    action.refresh_from_db()
    assert action.completed_on == today

    page.goto(f"{base}/board/inspections/")
    assert page.get_by_test_id("tracker-total").inner_text().startswith("24 actions, 79% complete")

    # A mistake is caught: an update marked complete without evidence.
    page.goto(f"{base}/board/recommendations/{action.recommendation_id}/update/")
    page.get_by_label("Complete", exact=True).check()
    page.get_by_label("What has been done").fill("Template adopted.")
    page.get_by_role("button", name="Record the update").click()
    page.get_by_text("There is a problem").wait_for()
    _check(page, screenshot, "7-update-errors")
