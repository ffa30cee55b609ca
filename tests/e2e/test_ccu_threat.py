"""The head of the CCU reads the threat picture for a quarter, then produces a transfer pack for
someone leaving (answers, preview, pack) and downloads it; each page passes axe."""

from __future__ import annotations

import datetime as dt
import random

from ccu.demo.transfers import seed_transfers
from ccu.models import TransferDisclosure
from standards.people.models import Person
from tests.ccu.factories import ReportFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in


def test_the_head_reads_the_threat_picture_and_produces_a_transfer_pack(
    page, live_server, demo_force, screenshot
):
    today = dt.date.today()
    for index, code in enumerate(["disclosure", "systems-misuse", "association", "drugs"]):
        ReportFactory(received_on=today - dt.timedelta(days=index * 20), categories=[code])
    base = live_server.url
    sign_in(page, base, demo_force["ccu.head"])
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/ccu/threat/")
    assert page.get_by_test_id("by-category").is_visible()
    screenshot(page, "ccu-threat-1-year")
    assert_accessible(page)
    page.get_by_text("Choose another period").click()
    page.get_by_label("A quarter").check()
    page.get_by_role("button", name="Show the figures").click()
    page.wait_for_url("**/ccu/threat/?*")
    assert page.locator("[data-testid=by-route] thead th").count() == 3  # route, 1 quarter, total
    screenshot(page, "ccu-threat-2-quarter")
    assert_accessible(page)

    leaver = Person.objects.exclude(user__username__startswith="ccu.").order_by("pk").first()
    page.goto(f"{base}/ccu/transfers/")
    page.get_by_role("link", name="Produce a pack for someone leaving").click()
    page.get_by_label("Staff number").fill(leaver.staff_number)
    page.get_by_label("Force they are moving to").fill("North Yorkshire Police")
    page.get_by_label("Who the pack is for").fill("Head of Professional Standards, North Yorkshire")
    page.get_by_label("Sanitised intelligence summary (optional)").fill("No intelligence to share.")
    page.get_by_role("button", name="Preview the pack").click()
    page.get_by_text("Check the pack before you produce it").wait_for()
    screenshot(page, "ccu-transfer-1-preview")
    assert_accessible(page)
    page.get_by_role("button", name="Produce the pack").click()
    page.wait_for_url("**/ccu/transfers/*/")
    assert page.get_by_text("The transfer pack for").is_visible()
    screenshot(page, "ccu-transfer-2-produced")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the pack (PDF)").click()
    with open(download.value.path(), "rb") as pdf:
        assert pdf.read(4) == b"%PDF"

    seed_transfers(today=today, rng=random.Random(1))
    page.goto(f"{base}/ccu/transfers/")
    assert TransferDisclosure.objects.count() == 3
    screenshot(page, "ccu-transfer-3-list")
    assert_accessible(page)
    page.goto(f"{base}/ccu/transfers/incoming/")
    page.get_by_role("button", name="Record the pack").click()
    page.get_by_text("There is a problem").wait_for()
    screenshot(page, "ccu-transfer-4-incoming-errors")
    assert_accessible(page)
