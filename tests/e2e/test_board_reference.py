"""The head of PSD imports the IOPC's national figures from a small CSV: the first file has a bad
row, reported row by row with nothing imported; the corrected file is previewed and imported, the
list shows the figures by period, and one is corrected with its history kept. Every page passes
axe."""

from __future__ import annotations

import pytest
import tablib

from standards.board import figures
from standards.board.figures import BoardSection, Section
from standards.board.models import ReferenceFigure
from standards.board.services.reference import COLUMNS
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

SOURCE = "IOPC, Police complaints: statistics for England and Wales 2024/25"
ROWS = [
    ["complaints.cases_logged.per_1000", "national", "2024-04-01", "2025-03-31", "287.0", SOURCE],
    [
        "complaints.allegations_logged.per_1000",
        "national",
        "2024-04-01",
        "2025-03-31",
        "538",
        SOURCE,
    ],
    ["complaints.days_to_log", "national", "2024-04-01", "2025-03-31", "4", SOURCE],
]


def _csv(rows) -> dict:
    return {
        "name": "iopc-national.csv",
        "mimeType": "text/csv",
        "buffer": tablib.Dataset(*rows, headers=COLUMNS).export("csv").encode(),
    }


@pytest.fixture(autouse=True)
def _complaints_section(monkeypatch):
    if "complaints" not in figures._SECTIONS:
        monkeypatch.setitem(
            figures._SECTIONS,
            "complaints",
            BoardSection(
                key="complaints", title="Complaints", order=10, figures=lambda p: Section()
            ),
        )


def test_the_head_of_psd_imports_national_figures(page, live_server, demo_force, screenshot):
    base = live_server.url
    sign_in(page, base, demo_force["psd.head"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/board/reference/")
    assert page.get_by_test_id("reference-empty").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Import figures from a file").click()
    assert_accessible(page)

    bad = [*ROWS, ["complaints.days_to_log", "national", "2024-04-01", "2025-03-31", "-4", SOURCE]]
    page.set_input_files("#id_file", files=[_csv(bad)])
    page.get_by_role("button", name="Check the file").click()
    page.get_by_test_id("import-rows").wait_for()
    assert "1 with errors" in page.get_by_test_id("import-summary").inner_text()
    assert page.get_by_text("The value must be 0 or more").is_visible()
    assert page.get_by_role("button", name="Import").count() == 0
    screenshot(page, "board-reference-1-errors")
    assert_accessible(page)
    assert not ReferenceFigure.objects.exists()

    page.set_input_files("#id_file", files=[_csv(ROWS)])
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Import 3 figures").wait_for()
    screenshot(page, "board-reference-2-preview")
    assert_accessible(page)
    page.get_by_role("button", name="Import 3 figures").click()
    page.wait_for_url(f"{base}/board/reference/")
    assert page.get_by_text("3 new figures and 0 corrections imported").is_visible()
    assert page.get_by_role("table", name="Financial year 2024/25").is_visible()
    screenshot(page, "board-reference-3-list")
    assert_accessible(page)
    assert ReferenceFigure.objects.count() == 3

    page.get_by_role("link", name="complaints.days_to_log").click()
    page.get_by_label("Value").fill("4.3")
    page.get_by_role("button", name="Save the correction").click()
    page.wait_for_url(f"{base}/board/reference/")
    page.get_by_role("link", name="complaints.days_to_log").click()
    assert page.get_by_text("Corrected by hand (was 4.00)").is_visible()
    screenshot(page, "board-reference-4-figure")
    assert_accessible(page)
