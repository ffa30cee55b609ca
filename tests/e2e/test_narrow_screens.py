"""Reflow (WCAG 2.1, 1.4.10): at 320 CSS pixels wide, the width of a phone or of a desktop
browser zoomed to 400%, no page scrolls sideways. A table too wide for the screen scrolls inside
its own container, which a keyboard can reach (it takes focus) and a screen reader can name."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from registers.associations.demo import seed_associations
from registers.gifts.demo import seed_gifts
from registers.interests.demo import seed_interests
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

pytestmark = pytest.mark.django_db(transaction=True)

NARROW = {"width": 320, "height": 640}
DESKTOP = {"width": 1280, "height": 900}

# The main list pages, each as a login that may read it.
LIST_PAGES = [
    ("psd.head", "/registers/gifts/", "gifts register"),
    ("psd.head", "/registers/interests/", "business interests register"),
    ("ccu.head", "/registers/associations/register/", "notifiable associations register"),
    ("auditor", "/audit/", "access log"),
    ("psd.caseworker", "/people/", "staff directory"),
]
# And the pages a member of staff uses from a phone.
STAFF_PAGES = [
    ("staff", "/", "home page"),
    ("staff", "/my/", "my declarations"),
    ("staff", "/my/gifts/new/", "gift declaration form"),
    ("staff", "/my/interests/new/", "business interest application"),
    ("staff", "/my/associations/new/", "association declaration form"),
]


def _page_width(page) -> tuple[int, int]:
    return page.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )


def _tables_outside_a_scrolling_region(page) -> list[str]:
    """Tables that are not inside a keyboard-reachable, named region (their caption or test id)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('main table')).filter((table) => {
            const region = table.closest('.app-table-wrapper');
            return !(region && region.getAttribute('tabindex') === '0'
                && region.getAttribute('role') === 'region' && region.getAttribute('aria-label'));
        }).map((table) => table.dataset.testid || table.caption?.textContent || 'a table')"""
    )


@pytest.fixture
def busy_force(demo_force):
    today = timezone.localdate()
    seed_gifts(today=today, rng=random.Random(2017))
    seed_interests(today=today, rng=random.Random(2017))
    seed_associations(today=today, rng=random.Random(2017))
    return demo_force


def test_no_page_scrolls_sideways_at_320_pixels(browser, live_server, busy_force, screenshot):
    contexts = {}
    try:
        for login, path, what in [*LIST_PAGES, *STAFF_PAGES]:
            if login not in contexts:
                context = browser.new_context(viewport=NARROW, locale="en-GB")
                page = context.new_page()
                sign_in(page, live_server.url, busy_force[login])
                page.wait_for_url(f"{live_server.url}/")
                contexts[login] = context
            page = contexts[login].pages[0]
            page.goto(f"{live_server.url}{path}")
            screenshot(page, f"narrow-{path.strip('/').replace('/', '-') or 'home'}")
            scroll_width, client_width = _page_width(page)
            assert scroll_width <= 320, f"the {what} scrolls sideways: {scroll_width}px wide"
            assert client_width <= 320
            assert _tables_outside_a_scrolling_region(page) == [], what
            assert_accessible(page)  # includes scrollable-region-focusable
            if login == "staff":
                continue
            assert page.locator("main tbody tr").count() >= 2, f"{what}: no rows to lay out"
            # Nothing lies over the results (MOJ's filter panel would, on a phone, unopened).
            page.locator("main tbody td").first.scroll_into_view_if_needed()
            assert page.evaluate(
                """() => {
                    const cell = document.querySelector('main tbody td');
                    const box = cell.getBoundingClientRect();
                    const top = document.elementFromPoint(box.left + 2, box.top + 2);
                    return cell.contains(top);
                }"""
            ), f"something covers the {what}"
    finally:
        for context in contexts.values():
            context.close()


def test_a_form_with_a_date_a_count_and_revealing_radios_at_phone_and_desktop_width(
    page, live_server, demo_force, screenshot
):
    """The business interest application: revealing radios (paid? yes: how much), two date
    inputs and a character count. Screenshots at each width, for a person to look at."""
    # One sign-in: an authenticator code is good once, and both widths use the same person.
    sign_in(page, live_server.url, demo_force["staff"])
    page.wait_for_url(f"{live_server.url}/")
    for name, viewport in (("320", NARROW), ("desktop", DESKTOP)):
        page.set_viewport_size(viewport)
        page.goto(f"{live_server.url}/my/interests/new/")
        assert not page.locator("#id_pay_details").is_visible()
        page.get_by_label("Yes", exact=True).check()
        page.locator("#id_start_date_day").fill("1")
        page.locator("#id_start_date_year").fill(str(dt.date.today().year))
        page.locator("#id_possible_conflicts").fill("None that I can think of. " * 4)
        status = page.locator(".govuk-character-count__status")
        assert status.inner_text() == "You have 1,896 characters remaining"
        page.get_by_role("button", name="Send application").click()
        page.get_by_role("link", name="The start date must include a month").wait_for()
        assert page.locator("#id_pay_details").is_visible()  # still open after the error
        screenshot(page, f"form-interest-application-{name}")
        assert _page_width(page)[0] <= viewport["width"]
        assert_accessible(page)
