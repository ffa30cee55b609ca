"""The deputy chief constable reads the board's summary for a quarter and one section's page;
each page passes axe, with its charts, tables and "Show the figures" details open."""

from __future__ import annotations

from tests.board.conftest import PERIOD, sections  # noqa: F401 (the fixture)
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def test_the_dcc_reads_the_board_summary(page, live_server, demo_force, screenshot, sections):  # noqa: F811
    base = live_server.url
    sign_in(page, base, demo_force["dcc"])
    page.wait_for_url(f"{base}/")
    assert page.get_by_test_id("board-headlines").is_visible()
    screenshot(page, "board-summary-0-home")
    assert_accessible(page)

    page.goto(f"{base}/board/")
    assert page.get_by_test_id("figures-testing").is_visible()
    screenshot(page, "board-summary-1-year")
    assert_accessible(page)
    page.get_by_text("Choose another period").click()
    page.get_by_label("A quarter").check()
    page.get_by_label("Quarter", exact=True).select_option(f"{PERIOD.start.year}-2")
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_url("**/board/?*")
    assert page.get_by_test_id("period").inner_text().startswith("Q2 2025/26")
    row = page.locator("[data-figure='testing.cases_logged.per_1000']")
    assert row.is_visible()
    for details in page.locator("figure details").all():
        details.locator("summary").click()
    screenshot(page, "board-summary-2-quarter")
    assert_accessible(page)

    page.get_by_role("link", name="Counter corruption for testing").first.click()
    page.wait_for_url("**/board/sections/testing-ccu/?*")
    assert page.get_by_text("fewer than 5").first.is_visible()
    screenshot(page, "board-summary-3-section")
    assert_accessible(page)
