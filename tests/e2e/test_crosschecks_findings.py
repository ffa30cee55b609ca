"""A PSD caseworker opens a cross-check finding and records what was done about it: a reason is
required, the decision and its reason show in the finding's history. Demo login
``psd.caseworker``."""

from __future__ import annotations

import pytest

from registers.crosschecks.models import Disposition, FindingDecision
from standards.accounts.models import User
from standards.people.models import Person
from tests.crosschecks.factories import CrossCheckRunFactory, FindingFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import sign_in

REASON = "The dinner was declared (GH-000042) and approved before the contract was tendered."


@pytest.fixture
def finding(demo_force):
    caseworker = User.objects.get(username=demo_force["psd.caseworker"].username)
    officer = Person.objects.exclude(pk=caseworker.person_id).order_by("pk").first()
    run = CrossCheckRunFactory(rows_compared=48_210, findings_new=1)
    return FindingFactory(
        first_run=run,
        people=[officer],
        summary="Donor 'Acme Ltd' is the supplier of contract C-01234, awarded 3 months after "
        "the gift",
        details={
            "gift": "GH-000042: dinner at the Midland Hotel, £85, 4 March 2026",
            "contract": "C-01234: vehicle maintenance, £25,000, awarded 2 June 2026",
            "supplier": "ACME Limited (company 01234567)",
        },
        score=0.97,
    )


def test_a_caseworker_opens_a_finding_and_records_a_decision(
    page, live_server, demo_force, finding, screenshot
):
    base = live_server.url
    sign_in(page, base, demo_force["psd.caseworker"])
    page.wait_for_url(f"{base}/")
    page.get_by_role("link", name="Cross-checks").first.click()
    page.wait_for_url(f"{base}/registers/crosschecks/findings/")
    assert page.get_by_test_id("findings").get_by_text(finding.reference).is_visible()
    screenshot(page, "crosschecks-1-findings")
    assert_accessible(page)

    page.get_by_role("link", name=finding.reference).click()
    assert page.get_by_test_id("details").get_by_text("ACME Limited").is_visible()
    assert page.get_by_test_id("next-step").is_visible()
    screenshot(page, "crosschecks-2-finding")
    assert_accessible(page)

    page.get_by_role("link", name="Record a decision").click()
    # Referring it to a PSD case shows which case; there is none about this officer.
    page.get_by_label("Referred to a PSD case").check()
    assert page.get_by_label("Which case?").is_visible()
    screenshot(page, "crosschecks-3-decision-form")
    assert_accessible(page)

    page.get_by_label("Explained").check()
    page.get_by_role("button", name="Record decision").click()
    page.get_by_text("There is a problem").wait_for()
    assert page.get_by_role("link", name="Give the reason for this decision").count()
    screenshot(page, "crosschecks-4-decision-errors")
    assert_accessible(page)
    assert not FindingDecision.objects.exists()

    page.get_by_label("Why?").fill(REASON)
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_url(f"{base}/registers/crosschecks/findings/{finding.pk}/")
    assert page.get_by_text(f"{finding.reference} is dealt with: explained.").is_visible()
    assert page.get_by_test_id("decisions").get_by_text(REASON).is_visible()
    screenshot(page, "crosschecks-5-decided")
    assert_accessible(page)
    decision = FindingDecision.objects.get()
    assert (decision.disposition, decision.rationale) == (Disposition.EXPLAINED, REASON)
