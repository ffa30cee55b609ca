"""Gifts and hospitality in the browser: a PCSO declares a declined bottle of wine from their
phone-sized screen; a gift within the sergeant's authority goes to them and the decision comes
back; PSD works the register; the public reads the chief officers' register."""

from __future__ import annotations

import datetime as dt
import random
from contextlib import contextmanager

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.conftest import SCREENSHOTS
from tests.e2e.signin import sign_in

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@contextmanager
def _person(browser, live_server, login, viewport=DESKTOP):
    context = browser.new_context(viewport=viewport, locale="en-GB")
    page = context.new_page()
    try:
        if login is not None:
            sign_in(page, live_server.url, login)
            page.wait_for_url(f"{live_server.url}/")
        yield page
    finally:
        context.close()


def _fill_declaration(
    page, *, what, value, response, donor, donor_type, reason, offered_to="Offered to me"
):
    page.get_by_label(offered_to).check()
    page.get_by_label("Gift", exact=True).check()
    page.get_by_label("What was it?").fill(what)
    page.get_by_label("Roughly how much was it worth, in pounds?").fill(value)
    today = dt.date.today()
    page.locator("#id_offered_on_day").fill(str(today.day))
    page.locator("#id_offered_on_month").fill(str(today.month))
    page.locator("#id_offered_on_year").fill(str(today.year))
    page.get_by_label(response, exact=True).check()
    page.get_by_label("Who offered it? If", exact=False).fill(donor)
    page.get_by_label(donor_type).check()
    page.get_by_label("Why was it offered?").fill(reason)


def test_a_pcso_declares_a_declined_bottle_of_wine(browser, live_server, demo_force, screenshot):
    with _person(browser, live_server, demo_force["staff"], viewport=PHONE) as page:
        page.goto(f"{live_server.url}/my/")
        section = page.get_by_test_id("section-gifts")
        assert "You have not declared any gifts or hospitality" in section.inner_text()
        section.get_by_role("link", name="Declare a gift or hospitality").click()
        page.wait_for_url("**/my/gifts/new/")
        page.get_by_text("What you must declare").click()  # the policy, from the thresholds
        assert page.get_by_test_id("policy-guidance").get_by_text("Declined offer worth").count()
        screenshot(page, "gifts-1-declare-form")
        assert_accessible(page)

        # Sent empty: every question says what it needs.
        page.get_by_role("button", name="Send declaration").click()
        page.get_by_text("There is a problem").wait_for()  # the page sent back
        assert page.get_by_role("link", name="Enter the value of the gift").count() == 1
        screenshot(page, "gifts-2-declare-errors")
        assert_accessible(page)

        _fill_declaration(
            page,
            what="Bottle of red wine",
            value="£12",
            response="Declined",
            donor="Mrs J. Hartley",
            donor_type="A member of the public or another individual",
            reason="A thank you after I helped with a burglary at her home.",
        )
        screenshot(page, "gifts-3-declare-filled")
        page.get_by_role("button", name="Send declaration").click()
        page.wait_for_url("**/my/gifts/*/")
        assert "is on your record" in page.get_by_role("alert").inner_text()
        assert page.get_by_test_id("gift-status").inner_text() == "Recorded"
        screenshot(page, "gifts-4-declared")
        assert_accessible(page)

        page.goto(f"{live_server.url}/my/")
        listed = page.get_by_test_id("section-gifts").get_by_test_id("my-gifts")
        assert "Bottle of red wine" in listed.inner_text()
        assert "Recorded" in listed.inner_text()
        assert "Declined, £12.00" in listed.inner_text()
        screenshot(page, "gifts-5-my-declarations")
        assert_accessible(page)


def test_the_sergeant_decides_and_the_pcso_reads_the_decision(
    browser, live_server, demo_force, screenshot
):
    with _person(browser, live_server, demo_force["staff"]) as pcso:
        pcso.goto(f"{live_server.url}/my/gifts/new/")
        _fill_declaration(
            pcso,
            what="Box of chocolates",
            value="9.50",
            response="Accepted",
            donor="Mr D. Pickering",
            donor_type="A member of the public or another individual",
            reason="A thank you for help with a neighbour dispute.",
        )
        pcso.get_by_role("button", name="Send declaration").click()
        pcso.wait_for_url("**/my/gifts/*/")
        assert "It is with your line manager" in pcso.get_by_role("alert").inner_text()
        gift_url = pcso.url

        with _person(browser, live_server, demo_force["manager"]) as sergeant:
            sergeant.goto(f"{live_server.url}/registers/")
            sergeant.get_by_role("link", name="Gifts and hospitality waiting for you").click()
            sergeant.wait_for_url("**/registers/gifts/team/")
            screenshot(sergeant, "gifts-6-sergeant-team")
            assert_accessible(sergeant)
            sergeant.get_by_role("link", name="Decide").first.click()
            sergeant.get_by_label("Accepted", exact=True).check()
            sergeant.get_by_label("Reasons").fill("A modest thank you, openly given. Fine.")
            screenshot(sergeant, "gifts-7-sergeant-decides")
            assert_accessible(sergeant)
            sergeant.get_by_role("button", name="Record decision").click()
            sergeant.wait_for_url("**/registers/gifts/team/")
            assert "Your decision on" in sergeant.get_by_role("alert").inner_text()

        pcso.goto(gift_url)
        assert pcso.get_by_test_id("gift-status").inner_text() == "Decided"
        assert "A modest thank you" in pcso.get_by_test_id("timeline").inner_text()
        screenshot(pcso, "gifts-8-pcso-reads-decision")
        assert_accessible(pcso)


@pytest.fixture
def demo_gifts(demo_force):
    from registers.gifts.demo import seed_gifts

    seed_gifts(today=dt.date.today(), rng=random.Random(2017))
    return demo_force


def test_psd_works_the_register_and_the_public_reads_it(
    browser, live_server, demo_gifts, screenshot
):
    with _person(browser, live_server, demo_gifts["psd.head"]) as psd:
        psd.goto(f"{live_server.url}/registers/gifts/")
        screenshot(psd, "gifts-9-psd-register")
        # The full page is 50 rows long; this is what a caseworker sees first.
        psd.screenshot(path=str(SCREENSHOTS / "gifts-9-psd-register-top.png"))
        assert_accessible(psd)
        psd.get_by_label("Status").select_option("awaiting_psd")
        psd.get_by_role("button", name="Apply filters").click()
        rows = psd.get_by_test_id("gift-register").locator("tbody tr")
        assert rows.count() >= 1
        # The PSD queue's list: the rows it counts overdue are marked so.
        marked = psd.get_by_test_id("gift-overdue").count()
        counted = psd.get_by_test_id("overdue-count")
        assert marked == (int(counted.inner_text().split()[0]) if counted.count() else 0)
        screenshot(psd, "gifts-9b-psd-waiting-for-decision")
        assert_accessible(psd)
        rows.first.get_by_role("link").click()
        psd.wait_for_url("**/registers/gifts/*/")
        screenshot(psd, "gifts-10-psd-declaration")
        assert_accessible(psd)
        psd.get_by_role("link", name="Decide").click()
        psd.get_by_label("Accepted and donated or raffled").check()
        psd.get_by_label("Reasons").fill("Accept for the force and raffle for the charity.")
        psd.get_by_role("button", name="Record decision").click()
        assert "The decision on" in psd.get_by_role("alert").inner_text()
        screenshot(psd, "gifts-11-psd-decided")

        psd.goto(f"{live_server.url}/registers/gifts/export/")
        screenshot(psd, "gifts-12-psd-export")
        assert_accessible(psd)

        # A paper declaration, entered for the member; a wrong staff number is caught.
        psd.goto(f"{live_server.url}/registers/gifts/record/")
        psd.get_by_label("Staff number of the person who made the declaration").fill("000000")
        psd.get_by_label("How did the declaration reach PSD?").fill("Paper form, Kirkwell station")
        _fill_declaration(
            psd,
            what="Christmas hamper",
            value="60",
            response="Accepted",
            donor="Saltcote Fisheries",
            donor_type="A company or business",
            reason="Sent to the station at Christmas.",
            offered_to="Offered to them",  # the form speaks of the member, not to them
        )
        psd.get_by_role("button", name="Record declaration").click()
        assert psd.get_by_role("link", name="No member of the workforce has staff number").count()
        screenshot(psd, "gifts-12b-psd-record-errors")
        assert_accessible(psd)

    with _person(browser, live_server, None) as public:
        public.goto(f"{live_server.url}/public/gifts/")
        assert public.get_by_test_id("public-register").locator("tbody tr").count() >= 10
        screenshot(public, "gifts-13-public-register")
        assert_accessible(public)
