"""A member of the public complains online, and a caseworker matches it to an open case, in the
browser: the public form's pages (with its error summary), check your answers and the
confirmation with the reference; then the PSD caseworker signs in, opens the intake queue, sees
that the complaint matches an open case (same e-mail address, a shortened first name) and adds it
to that case as an update. axe finds no WCAG 2.1 AA violation on any page."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from complaints.models import Case, CaseUpdate, Intake, IntakeStatus
from tests.complaints.factories import CaseFactory, ComplainantFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    # The real Redis cache, counted under keys of this run only (the live server is 127.0.0.1).
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"e2e-{uuid.uuid4().hex}"}
    }


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"complaints-intake-{name}")
    assert_accessible(page)


def test_a_member_of_the_public_complains_and_the_caseworker_adds_it_to_the_open_case(
    browser, live_server, demo_force, screenshot
):
    url = live_server.url
    caseworker = demo_force["psd.caseworker"]
    from standards.accounts.models import User

    existing = CaseFactory(team=[User.objects.get(username=caseworker.username)])
    ComplainantFactory(case=existing, name="Jonathan Smith", email="jon.smith@example.org")
    happened = dt.date.today() - dt.timedelta(days=4)

    # 1. The member of the public, not signed in.
    public_context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    public = public_context.new_page()
    public.goto(f"{url}/public/complaints/")
    _check(public, screenshot, "01-start")
    public.get_by_role("button", name="Start now").click()
    public.wait_for_url("**/public/complaints/about-you/")
    public.get_by_role("button", name="Continue").click()
    public.get_by_text("There is a problem").wait_for()
    _check(public, screenshot, "02-about-you-errors")
    public.get_by_label("Full name").fill("Jon Smith")
    public.get_by_label("E-mail address (optional)").fill("Jon.Smith@example.org")
    public.get_by_label("Phone number (optional)").fill("07700 900123")
    public.get_by_label("Postcode (optional)").fill("ts1 2ab")
    public.get_by_label("E-mail", exact=True).check()
    _check(public, screenshot, "03-about-you")
    public.get_by_role("button", name="Continue").click()

    public.wait_for_url("**/public/complaints/what-happened/")
    public.locator("#id_incident_date_day").fill(str(happened.day))
    public.locator("#id_incident_date_month").fill(str(happened.month))
    public.locator("#id_incident_date_year").fill(str(happened.year))
    public.get_by_label("Where did it happen?").fill("Middlesbrough bus station")
    public.get_by_label("Which officers or staff were involved? (optional)").fill("PC 4471")
    public.get_by_label("What happened?").fill(
        "I asked an officer for directions and he pushed me aside and laughed. This is the "
        "second time I am writing about this: nobody has replied to my first complaint."
    )
    public.get_by_label("What would you like to happen? (optional)").fill("An apology.")
    _check(public, screenshot, "04-what-happened")
    public.get_by_role("button", name="Continue").click()

    public.wait_for_url("**/public/complaints/check-your-answers/")
    assert public.get_by_text("Middlesbrough bus station").is_visible()
    _check(public, screenshot, "05-check-answers")
    public.get_by_role("button", name="Send complaint").click()
    public.wait_for_url("**/public/complaints/complaint-sent/")
    reference = public.get_by_test_id("reference").inner_text().strip()
    intake = Intake.objects.get()
    assert reference == intake.reference
    assert public.get_by_role("heading", name="What happens next").is_visible()
    _check(public, screenshot, "06-sent")
    public_context.close()

    # 2. The caseworker finds it in the intake queue and sees the match.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    staff = context.new_page()
    sign_in(staff, url, caseworker)
    staff.wait_for_url(f"{url}/")
    staff.goto(f"{url}/complaints/intake/")
    _check(staff, screenshot, "07-queue")
    staff.get_by_role("link", name=reference).click()
    staff.wait_for_url(f"**/complaints/intake/{intake.pk}/")
    match = staff.get_by_test_id("match")
    assert match.count() == 1
    text = match.inner_text()
    assert existing.reference in text
    assert "Same e-mail address" in text and "Similar complainant name" in text
    _check(staff, screenshot, "08-intake-with-match")

    # Adding it without a note is refused and says why.
    staff.get_by_label(existing.reference, exact=False).check()
    staff.get_by_role("button", name="Add to the case as an update").click()
    staff.get_by_text("There is a problem").wait_for()
    _check(staff, screenshot, "09-add-errors")
    staff.get_by_label(existing.reference, exact=False).check()
    staff.locator("#id_add-note").fill("Same complainant and incident: a chaser.")
    staff.get_by_role("button", name="Add to the case as an update").click()
    staff.wait_for_url(f"{url}/complaints/intake/")
    assert staff.get_by_text(f"is added to {existing.reference} as an update").is_visible()
    _check(staff, screenshot, "10-queue-after")
    # The form for a complaint received by phone, letter or in person is there too.
    staff.get_by_role("link", name="Record a complaint").click()
    staff.get_by_role("button", name="Record complaint").click()
    staff.get_by_text("There is a problem").wait_for()
    _check(staff, screenshot, "11-record-errors")
    context.close()

    intake.refresh_from_db()
    assert intake.status == IntakeStatus.ADDED
    assert CaseUpdate.objects.get().case == existing
    assert Case.objects.count() == 1  # no duplicate case
