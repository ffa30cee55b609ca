"""A complaint with two allegations, recorded under Schedule 3 and investigated, to its outcome,
the outcome letter, a review and the review outcome letter, in the browser: the caseworker
records the outcome, previews the outcome letter (with its right-of-review paragraph) and issues
it, records the complainant's review application; the local policing body's reviewer signs in,
finds the case in their list and records the result; the caseworker sends the review outcome
letter, which closes the case. axe on every page; screenshots in tests/e2e/screenshots/."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps as django_apps
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.access.roles import Role
from tests.accounts.factories import PASSWORD, UserFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import fill_date
from tests.helpers import totp_code

pytestmark = pytest.mark.django_db(transaction=True)


def _reference_data() -> None:
    """Browser tests flush the database between tests, taking the migrations' reference data
    with it: put the allegation categories and letter templates back if they are gone."""
    from complaints.models import AllegationCategory, LetterTemplate

    if not AllegationCategory.objects.exists():
        importlib.import_module("complaints.migrations.0002_reference_data").install(
            django_apps, None
        )
    if not LetterTemplate.objects.exists():
        importlib.import_module("complaints.migrations.0004_letters_templates").install(
            django_apps, None
        )


def _as(browser, live_server, user):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/accounts/sign-in/code/")
    device = TOTPDevice.objects.get(user=user)
    page.get_by_label("Code from your authenticator app").fill(totp_code(device))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/")
    return context, page


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"complaints-letters-{name}")
    assert_accessible(page)


def test_outcome_letter_review_and_review_outcome(browser, live_server, screenshot):
    from complaints.models import CaseStatus, Letter, Review
    from tests.complaints.test_letters_cases import ready_case

    _reference_data()
    url = live_server.url
    caseworker = UserFactory(username="e2e.caseworker", roles=[Role.STAFF, Role.PSD_CASEWORKER])
    reviewer = UserFactory(username="e2e.reviewer", roles=[Role.REVIEW_BODY])
    case = ready_case([caseworker])
    first, second = case.allegations.all()
    today = dt.date.today()

    # 1. The caseworker records the outcome: first with nothing filled in, then properly.
    worker_context, worker = _as(browser, live_server, caseworker)
    worker.goto(f"{url}/complaints/{case.pk}/outcome/")
    worker.get_by_role("button", name="Record the outcome").click()
    worker.get_by_text("There is a problem").wait_for()
    _check(worker, screenshot, "01-outcome-errors")
    worker.locator(f"#id_result_{first.pk}_2").check()  # Service not acceptable
    worker.locator(f"#id_actions_{first.pk}").fill("The officer will reflect with his sergeant.")
    worker.locator(f"#id_result_{second.pk}").check()  # Service acceptable
    worker.locator(f"#id_actions_{second.pk}").fill("No further action: the search was lawful.")
    fill_date(worker, "outcome_on", today)
    worker.locator("#id_rationale").fill(
        "Body-worn video shows the officer swearing. The search record gives lawful grounds."
    )
    _check(worker, screenshot, "02-outcome-filled")
    worker.get_by_role("button", name="Record the outcome").click()
    worker.wait_for_url(f"**/complaints/{case.pk}/letters/new/")

    # 2. The outcome letter: chosen, previewed with its review paragraph, issued.
    worker.get_by_text("The outcome is recorded").wait_for()
    worker.get_by_label("Outcome", exact=True).check()
    worker.get_by_label("Letter", exact=True).check()
    _check(worker, screenshot, "03-write-letter")
    worker.get_by_role("button", name="Preview the letter").click()
    worker.get_by_role("heading", name="Check the letter before you issue it").wait_for()
    letter_text = worker.get_by_test_id("letter-text").inner_text()
    last_day = today + dt.timedelta(days=28)
    assert "you have the right to apply for a review" in letter_text
    assert f"The last day to apply is {last_day.day} {last_day:%B %Y}." in letter_text
    assert "Police and Crime Commissioner" in letter_text
    assert worker.get_by_test_id("review-body").inner_text() == "The local policing body"
    _check(worker, screenshot, "04-preview")
    worker.get_by_role("button", name="Issue the letter").click()
    worker.wait_for_url("**/complaints/letters/*/")
    worker.get_by_text("The outcome letter is issued").wait_for()
    _check(worker, screenshot, "05-letter-issued")
    assert Letter.objects.get(case=case).review_last_day == last_day

    # 3. The complainant applies for a review; the caseworker records it.
    worker.goto(f"{url}/complaints/{case.pk}/review/")
    fill_date(worker, "applied_on", today)
    worker.locator("#id_grounds").fill("Nobody explained why my car was searched.")
    _check(worker, screenshot, "06-review-application")
    worker.get_by_role("button", name="Record the application").click()
    worker.wait_for_url("**/complaints/reviews/*/")
    worker.get_by_text("The review application is recorded").wait_for()
    _check(worker, screenshot, "07-review-recorded")

    # 4. The reviewer at the local policing body finds it in their list and records the result.
    reviewer_context, review_page = _as(browser, live_server, reviewer)
    review_page.goto(f"{url}/complaints/reviews/")
    _check(review_page, screenshot, "08-reviewer-list")
    review_page.get_by_role("link", name=case.reference).click()
    review_page.wait_for_url("**/complaints/reviews/*/")
    assert (
        "you have the right to apply for a review"
        in review_page.get_by_test_id("letter-text").inner_text()
    )
    assert "searched without a reason" in review_page.get_by_test_id("allegations").inner_text()
    _check(review_page, screenshot, "09-reviewer-review")
    review_page.get_by_role("link", name="Record the result").click()
    review_page.get_by_label("Upheld: the outcome was not reasonable and proportionate").check()
    review_page.locator("#id_recommendation").fill(
        "Write to the complainant explaining the grounds for the search."
    )
    review_page.locator("#id_rationale").fill(
        "The grounds were recorded but never explained to the complainant."
    )
    _check(review_page, screenshot, "10-reviewer-decide")
    review_page.get_by_role("button", name="Record the result").click()
    review_page.get_by_text("The result of the review is recorded").wait_for()
    _check(review_page, screenshot, "11-reviewer-decided")
    assert Review.objects.get(case=case).result == "upheld"
    reviewer_context.close()

    # 5. The caseworker sends the review outcome letter, which closes the case.
    worker.goto(f"{url}/complaints/{case.pk}/letters/new/")
    worker.get_by_label("Review outcome", exact=True).check()
    worker.get_by_label("Letter", exact=True).check()
    worker.get_by_role("button", name="Preview the letter").click()
    assert (
        "Write to the complainant explaining" in worker.get_by_test_id("letter-text").inner_text()
    )
    worker.get_by_role("button", name="Issue the letter").click()
    worker.get_by_text("The case is now closed").wait_for()
    _check(worker, screenshot, "12-review-outcome-issued")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    worker_context.close()
