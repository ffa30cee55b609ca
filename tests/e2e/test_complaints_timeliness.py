"""The timeliness report in the browser (reg 13, Police (Complaints and Misconduct) Regulations
2020; reg 19, Police (Conduct) Regulations 2020): a conduct investigation 13 months old whose
12-month report was never recorded shows it overdue in the head of PSD's overdue view and on the
case; the caseworker records the report, first refused for missing answers, keeping it from the
local policing body with the reason; the clock moves to the next relevant period, the report is
listed on the decisions tab and the timeline says it was sent.

Each page is screenshotted (tests/e2e/screenshots/timeliness-*.png) and checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import fill_date, open_as

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"timeliness-{name}")
    assert_accessible(page)


def _written(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def test_a_missed_timeliness_report_is_overdue_until_recorded(
    browser, live_server, demo_force, screenshot
):
    from complaints import clocks
    from complaints.models import CaseKind, CaseStatus, Channel
    from standards.accounts.models import User
    from standards.people.models import Person, RoleType
    from tests.complaints.factories import CaseFactory, SubjectFactory

    url = live_server.url
    today = dt.date.today()
    caseworker = User.objects.get(username="psd.caseworker")
    received = clocks.shift_months(today, -13)
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        status=CaseStatus.INVESTIGATION,
        summary="A custody sergeant reports that the officer pushed a detainee.",
        received_on=received,
        investigation_started_on=received + dt.timedelta(days=5),
        terms_of_reference="Whether the officer used force, and whether it was necessary.",
        team=[caseworker],
    )
    officer = (
        Person.objects.filter(role_type=RoleType.OFFICER, user__isnull=True)
        .order_by("staff_number")
        .first()
    )
    SubjectFactory(case=case, person=officer, notice_served_on=received + dt.timedelta(days=9))
    clocks.refresh(case)
    first = next(clocks.relevant_periods(received))
    second = first.following()

    # 1. The head of PSD sees it in the overdue view.
    head_context, head = open_as(browser, live_server, demo_force["psd.head"])
    head.goto(f"{url}/complaints/?view=overdue")
    assert case.reference in head.get_by_test_id("case-list").inner_text()
    _check(head, screenshot, "01-head-overdue")

    # 2. The caseworker sees the report overdue on the decisions tab and opens its page.
    worker_context, worker = open_as(browser, live_server, demo_force["psd.caseworker"])
    worker.goto(f"{url}/complaints/{case.pk}/decisions/")
    clocks_table = worker.get_by_test_id("conduct-clocks")
    row = clocks_table.get_by_role("row").filter(has_text="Report to the local policing body")
    assert "Overdue" in row.inner_text()
    assert _written(first.report_due_on) in row.inner_text()
    _check(worker, screenshot, "02-decisions-overdue")
    row.get_by_role("link", name="Record the report").click()
    worker.get_by_role("heading", name="Record the 12-month timeliness report").wait_for()
    assert "Overdue" in worker.get_by_test_id("report-state").inner_text()
    _check(worker, screenshot, "03-form")

    # 3. Missing answers are refused, and nothing is stored.
    worker.get_by_role("button", name="Record the report").click()
    summary = worker.locator(".govuk-error-summary")
    summary.wait_for()
    for message in (
        "Enter the date the report was sent",
        "Enter the progress of the investigation",
        "Select whether it was sent to the local policing body",
        "Select whether a copy was sent to the officer concerned",
    ):
        assert message in summary.inner_text()
    _check(worker, screenshot, "04-errors")

    # 4. The report, kept from the local policing body because of a criminal investigation.
    fill_date(worker, "sent_on", today)
    worker.get_by_label("The progress of the investigation").fill(
        "The detainee, the sergeant and two detention officers have given statements; custody "
        "CCTV has been reviewed."
    )
    worker.get_by_label("Why has the investigation taken this long?").fill(
        "The investigation waited for the CPS to decide on a charge of assault."
    )
    worker.get_by_label("The steps planned to complete the investigation").fill(
        "Interview the officer; obtain the forensic medical examiner's report; write the report."
    )
    fill_date(worker, "conclusion_expected_on", today + dt.timedelta(days=60))
    fill_date(worker, "report_expected_on", today + dt.timedelta(days=90))
    worker.locator("#id_policing_body_2").check()
    worker.get_by_label("How might it prejudice an investigation?").fill(
        "The criminal investigation of the same assault is at the charging stage."
    )
    worker.locator("#id_officer_copy").check()
    _check(worker, screenshot, "05-filled")
    worker.get_by_role("button", name="Record the report").click()

    # 5. Back on the decisions tab: what happens next, the report, and the next period's clock.
    worker.wait_for_url(f"**/complaints/{case.pk}/decisions/")
    banner = worker.locator(".govuk-notification-banner").inner_text()
    assert f"The 12-month report sent on {_written(today)} is recorded" in banner
    assert f"the next report is due on {_written(second.report_due_on)}" in banner
    report = worker.get_by_test_id("timeliness-report").inner_text()
    assert "The IOPC only" in report
    assert "charging stage" in report
    assert _written(received) in report
    row = (
        worker.get_by_test_id("conduct-clocks")
        .get_by_role("row")
        .filter(has_text="Report to the local policing body")
    )
    assert _written(second.report_due_on) in row.inner_text()
    assert "Overdue" not in row.inner_text()
    assert row.get_by_role("link", name="Record the report").count() == 0
    _check(worker, screenshot, "06-recorded")

    # 6. The timeline says it was sent (never to whom).
    worker.get_by_role("navigation", name="Case sections").get_by_role(
        "link", name="Timeline"
    ).click()
    timeline = worker.locator("main").inner_text()
    assert "12-month timeliness report sent" in timeline
    _check(worker, screenshot, "07-timeline")

    # 7. The head of PSD's overdue view no longer lists it.
    head.goto(f"{url}/complaints/?view=overdue")
    assert case.reference not in head.locator("main").inner_text()
    head_context.close()
    worker_context.close()
