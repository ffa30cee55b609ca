"""The Deputy Chief Constable reads the integrity board: opens /board/, changes the period to a
quarter, opens a chart's figures, then goes to the quarterly report and downloads the PDF; each
page passes axe."""

from __future__ import annotations

import datetime as dt

from standards.core.periods import Quarter
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def _last_complete_quarter() -> Quarter:
    return Quarter.holding(Quarter.holding(dt.date.today()).start - dt.timedelta(days=1))


def _cases(quarter: Quarter) -> None:
    from tests.complaints.factories import CaseFactory

    CaseFactory.create_batch(12, received_on=quarter.start, logged_on=quarter.start)
    earlier = Quarter.holding(quarter.start - dt.timedelta(days=1))
    CaseFactory.create_batch(8, received_on=earlier.start, logged_on=earlier.start)


def test_the_dcc_reads_the_board_and_downloads_the_quarterly_report(
    page, live_server, demo_force, screenshot
):
    quarter = _last_complete_quarter()
    _cases(quarter)
    base = live_server.url
    sign_in(page, base, demo_force["dcc"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/board/")
    screenshot(page, "board-1-summary")
    assert_accessible(page)

    # The period, chosen as on the threat picture (PeriodForm).
    page.get_by_text("Choose another period").click()
    page.get_by_label("A quarter").check()
    page.get_by_label("Quarter", exact=True).select_option(quarter.key)
    page.locator("form[method=get] button[type=submit]").click()
    page.wait_for_url(f"**/board/?*quarter={quarter.key}*")
    assert page.get_by_text(quarter.long_label).first.is_visible()
    screenshot(page, "board-2-quarter")
    assert_accessible(page)

    # Every chart has its figures in a table behind "Show the figures".
    figures = page.locator("details").filter(
        has=page.locator("summary", has_text="Show the figures")
    )
    chart = figures.first
    chart.locator("summary").click()
    table = chart.locator("table")
    table.wait_for()
    assert table.is_visible()
    assert table.locator("tbody tr").count() > 0
    screenshot(page, "board-3-chart-figures")
    assert_accessible(page)

    page.get_by_role("link", name="Download the quarterly report").first.click()
    page.wait_for_url("**/board/report/**")
    assert page.get_by_role("heading", name=quarter.long_label).is_visible()
    screenshot(page, "board-4-report")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == (
        f"integrity-board-report-{quarter.start.isoformat()}-to-{quarter.end.isoformat()}.pdf"
    )
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_the_dcc_chooses_another_period_for_the_report(page, live_server, demo_force, screenshot):
    """The report page on its own: the last complete quarter first, then a year chosen."""
    quarter = _last_complete_quarter()
    base = live_server.url
    sign_in(page, base, demo_force["dcc"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/board/report/")
    assert page.get_by_role("heading", name=quarter.long_label).is_visible()
    screenshot(page, "board-report-1-default")
    assert_accessible(page)
    page.get_by_text("Choose another period").click()
    page.get_by_label("Dates of your own").check()
    page.get_by_role("button", name="Use this period").click()
    page.get_by_text("There is a problem").wait_for()
    screenshot(page, "board-report-2-errors")
    assert_accessible(page)
    page.get_by_label("A financial year").check()
    page.get_by_role("button", name="Use this period").click()
    page.wait_for_url("**/board/report/?*period=year*")
    assert page.get_by_role("link", name="Download the figures (CSV)").is_visible()
    screenshot(page, "board-report-3-year")
    assert_accessible(page)
