"""An analyst grades a report, triages it to a management intervention, and the head of the CCU
authorises it; every page says what happens next and passes axe."""

from __future__ import annotations

import datetime as dt

from ccu.models import InterventionStatus, ManagementIntervention, ReportStatus
from standards.accounts.models import User
from standards.people.models import Person
from tests.ccu.factories import ReportFactory
from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import open_as


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"ccu-triage-{name}")
    assert_accessible(page)


def _grade(page, base: str, report) -> None:
    """The grading tab (``ccu:report_grading``): the analyst grades the report 2BP."""
    page.goto(f"{base}/ccu/reports/{report.pk}/grading/")
    page.locator('input[name="source_evaluation"][value="2"]').check()
    page.locator('input[name="intelligence_assessment"][value="B"]').check()
    page.locator('input[name="handling_code"][value="P"]').check()
    page.locator('textarea[name="rationale"]').fill(
        "Untested source; corroborated by an audit of the system."
    )
    page.get_by_role("button", name="Save grading").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("report-grade").inner_text() == "2BP"


def test_an_analyst_triages_to_an_intervention_the_head_authorises(
    browser, live_server, demo_force, screenshot
):
    base = live_server.url
    analyst = User.objects.get(username="ccu.analyst")
    subject = (
        Person.objects.exclude(pk__in=User.objects.values("person"))
        .order_by("staff_number")
        .first()
    )
    report = ReportFactory(
        owner=analyst,
        subjects=[subject],
        received_on=dt.date.today() - dt.timedelta(days=40),
        sanitised_text="A member of staff is said to have searched force systems for a relative.",
    )

    context, page = open_as(browser, live_server, demo_force["ccu.analyst"])
    page.goto(f"{base}/ccu/triage/")
    assert report.reference in page.get_by_test_id("triage-queue").inner_text()
    _check(page, screenshot, "1-queue")

    _grade(page, base, report)
    page.goto(f"{base}/ccu/reports/{report.pk}/triage/")
    assert page.get_by_test_id("report-grade").inner_text() == "2BP"
    assert "waiting for a decision" in page.get_by_test_id("next-step").inner_text()
    _check(page, screenshot, "2-tab")

    # No rationale: the decision is sent back with the GOV.UK error summary.
    page.get_by_label("No further action").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    _check(page, screenshot, "3-tab-errors")

    page.get_by_label("Management intervention (ethical meeting)").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/intervention/")
    page.get_by_label(subject.display_name).check()
    page.get_by_label("Proposal").fill(
        "An ethical meeting with the line manager on the lawful use of force systems."
    )
    page.get_by_label("I have confirmed there is no criminal or misconduct case").check()
    _check(page, screenshot, "4-propose")
    page.get_by_role("button", name="Send to the head of the CCU").click()
    page.wait_for_url("**/ccu/interventions/*/")
    assert page.get_by_text(
        "The proposal is with the head of the CCU, who has been told"
    ).is_visible()
    assert page.get_by_test_id("intervention-status").inner_text() == "Awaiting the head of the CCU"
    assert page.get_by_text("Your decision").count() == 0
    _check(page, screenshot, "5-proposed")
    context.close()

    context, page = open_as(browser, live_server, demo_force["ccu.head"])
    page.goto(f"{base}/ccu/interventions/")
    assert report.reference in page.get_by_test_id("awaiting").inner_text()
    _check(page, screenshot, "6-head-list")
    page.get_by_test_id("awaiting").get_by_role("link").first.click()
    page.wait_for_url("**/ccu/interventions/*/")
    page.get_by_label("Authorise the meeting").check()
    page.get_by_label("Rationale").fill("Proportionate: no case is open; advice will suffice.")
    _check(page, screenshot, "7-head-decides")
    page.get_by_role("button", name="Save decision").click()
    page.wait_for_url("**/ccu/interventions/*/")
    assert page.get_by_text("The meeting is authorised").first.is_visible()
    assert page.get_by_role("link", name="Record the meeting").is_visible()
    _check(page, screenshot, "8-authorised")
    context.close()

    intervention = ManagementIntervention.objects.get(report=report)
    assert intervention.status == InterventionStatus.AUTHORISED
    report.refresh_from_db()
    assert report.status == ReportStatus.INTERVENTION


def test_the_head_checks_what_psd_will_receive_then_refers(
    browser, live_server, demo_force, screenshot
):
    base = live_server.url
    head = User.objects.get(username="ccu.head")
    subject = (
        Person.objects.exclude(pk__in=User.objects.values("person"))
        .order_by("-staff_number")
        .first()
    )
    report = ReportFactory(
        owner=head,
        subjects=[subject],
        source="I watched him pocket the cash from the property store on the late shift.",
        sanitised_text="An officer may have kept money handed in as lost property.",
    )
    context, page = open_as(browser, live_server, demo_force["ccu.head"])
    page.goto(f"{base}/ccu/reports/{report.pk}/triage/")
    page.get_by_label("Sanitised referral to PSD").check()
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url("**/referral/")
    # Repeating the original wording is refused.
    page.get_by_label("Sanitised summary").fill(
        "A colleague says: I watched him pocket the cash from the property store."
    )
    page.get_by_label("Why refer (for the CCU only)").fill("A conduct matter for PSD.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("There is a problem").wait_for()
    _check(page, screenshot, "9-refer-errors")
    page.get_by_label("Sanitised summary").fill(
        "An officer may have kept money handed in as lost property. PSD is asked to assess it."
    )
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_test_id("check-answers").is_visible()
    assert "original report" in page.get_by_test_id("psd-not-see").inner_text()
    _check(page, screenshot, "10-refer-check")
    page.get_by_role("button", name="Send to PSD").click()
    page.wait_for_url(f"**/ccu/reports/{report.pk}/triage/")
    assert page.get_by_test_id("referral").is_visible()
    _check(page, screenshot, "11-referred")
    context.close()
    report.refresh_from_db()
    assert report.status == ReportStatus.REFERRED
