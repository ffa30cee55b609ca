"""A gross misconduct case in the browser, from the conduct matter to the hearing's outcome and
the barred list: the caseworker (``psd.caseworker``) records an internal report and runs the
investigation, the head of PSD (``psd.head``) assesses the severity (then re-assesses it, with
the reason kept) and suspends the officer; the hearing's notice and outcome appear on the
public hearings page, which a member of the public reads without signing in.

Each page is screenshotted (tests/e2e/screenshots/conduct-*.png) and checked with axe."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.e2e.signin import fill_date, open_as

pytestmark = pytest.mark.django_db(transaction=True)


def _check(page, screenshot, name: str) -> None:
    screenshot(page, f"conduct-{name}")
    assert_accessible(page)


def _submitted(page, url: str, case_id: str, banner: str) -> None:
    """A successful step goes to the case's decisions tab with a banner saying what happens
    next; the test then reads the conduct panels on the case's conduct page."""
    page.wait_for_url(f"**/complaints/{case_id}/decisions/")
    assert banner in page.locator(".govuk-notification-banner").inner_text()
    page.goto(f"{url}/complaints/{case_id}/conduct/")


def test_gross_misconduct_from_severity_to_hearing_outcome_and_barred_list(
    browser, live_server, demo_force, screenshot
):
    from standards.people.models import Person, RoleType

    url = live_server.url
    today = dt.date.today()
    # An officer with no login: nobody in the story is the subject of their own case.
    officer = (
        Person.objects.filter(
            role_type=RoleType.OFFICER, rank_or_grade="Constable", user__isnull=True
        )
        .order_by("staff_number")
        .first()
    )
    name = f"{officer.first_name} {officer.last_name}"

    # 1. The caseworker records an internal report about the officer.
    worker_context, worker = open_as(browser, live_server, demo_force["psd.caseworker"])
    worker.goto(f"{url}/complaints/conduct/new/")
    worker.get_by_role("button", name="Record the conduct matter").click()
    worker.get_by_text("There is a problem").wait_for()
    _check(worker, screenshot, "01-open-errors")
    worker.locator("#id_summary").fill(
        "A custody sergeant reports that the officer pushed a detainee into a cell wall."
    )
    fill_date(worker, "received_on", today)
    worker.locator("#id_staff_numbers").fill(officer.staff_number)
    _check(worker, screenshot, "02-open-filled")
    worker.get_by_role("button", name="Record the conduct matter").click()
    worker.wait_for_url("**/complaints/*/decisions/")
    case_id = worker.url.rstrip("/").split("/")[-2]
    _submitted(worker, url, case_id, "Conduct matter CM-")
    _check(worker, screenshot, "03-overview-new")

    # 2. The caseworker starts the investigation.
    worker.get_by_role("link", name="Start the investigation").click()
    fill_date(worker, "started_on", today)
    worker.locator("#id_terms_of_reference").fill(
        "Whether the officer used force on the detainee, and whether it was necessary."
    )
    _check(worker, screenshot, "04-investigation")
    worker.get_by_role("button", name="Start the investigation").click()
    _submitted(worker, url, case_id, "The 12-month report is due on")
    assert worker.get_by_test_id("status").inner_text() == "Under investigation"

    # 3. The head of PSD assesses the severity: misconduct first, then gross misconduct on the
    # custody footage. The earlier assessment stays, with who made it and why it changed.
    head_context, head = open_as(browser, live_server, demo_force["psd.head"])
    head.goto(f"{url}/complaints/{case_id}/conduct/")
    head.get_by_role("link", name=f"Assess the severity for {officer}").click()
    head.get_by_label("Misconduct", exact=True).check()
    head.get_by_label("Reasons for the assessment").fill(
        "A push, on the sergeant's account; no injury recorded."
    )
    _check(head, screenshot, "05-severity")
    head.get_by_role("button", name="Record the assessment").click()
    _submitted(head, url, case_id, "assessed as Misconduct")
    head.get_by_role("link", name=f"Re-assess the severity for {officer}").click()
    head.get_by_label("Gross misconduct").check()
    head.get_by_label("Reasons for the assessment").fill(
        "The footage shows the detainee's head striking the wall; if proven, dismissal could "
        "be justified."
    )
    head.get_by_role("button", name="Record the re-assessment").click()
    head.get_by_text("Enter why the assessment has changed").first.wait_for()
    _check(head, screenshot, "06-reassess-errors")
    head.get_by_label("Why has the assessment changed?").fill("Custody CCTV received.")
    head.get_by_role("button", name="Record the re-assessment").click()
    _submitted(head, url, case_id, "assessed as Gross misconduct")
    severity = head.get_by_test_id("severity").inner_text()
    assert "Gross misconduct" in severity
    assert "Why it changed: Custody CCTV received." in severity
    assert "Earlier: Misconduct" in severity

    # 4. The head suspends the officer; the review is due in 4 weeks.
    head.get_by_role("link", name=f"Suspend or restrict {officer}").click()
    head.get_by_label("Suspended").check()
    fill_date(head, "started_on", today)
    head.get_by_label("Reasons for the decision").fill(
        "Risk to detainees; restricted duties would still mean custody contact."
    )
    _check(head, screenshot, "07-suspend")
    head.get_by_role("button", name="Record the decision").click()
    review_due = today + dt.timedelta(days=28)
    _submitted(head, url, case_id, f"Review it by {review_due.day} {review_due:%B %Y}")
    head_context.close()

    # 5. The caseworker serves the reg 17 notice and arranges the hearing.
    worker.goto(f"{url}/complaints/{case_id}/conduct/")
    worker.get_by_role("link", name=f"Record the notice served on {officer}").click()
    fill_date(worker, "served_on", today)
    _check(worker, screenshot, "08-notice")
    worker.get_by_role("button", name="Record the notice").click()
    _submitted(worker, url, case_id, "regulation 17 notice")

    worker.get_by_role("link", name=f"Arrange proceedings for {officer}").click()
    worker.get_by_label("Misconduct hearing", exact=True).check()
    worker.get_by_label("Panel").fill(
        "Chair: a legally qualified person. Members: a superintendent and an independent member."
    )
    fill_date(worker, "held_on", today)
    worker.get_by_label("Venue").fill("Force headquarters, Ladgate Lane, Middlesbrough")
    worker.locator("#id_public_notice").fill(
        f"PC {name} is alleged to have used excessive force on a detainee in custody, in "
        "breach of the standard on use of force. The hearing is held in public."
    )
    _check(worker, screenshot, "09-arrange")
    worker.get_by_role("button", name="Arrange").click()
    _submitted(worker, url, case_id, "Next: publish its notice.")
    assert worker.get_by_test_id("status").inner_text() == "Proceedings"

    # Before the notice is published, the public page does not show it.
    public_context = browser.new_context(viewport={"width": 1280, "height": 900})
    public = public_context.new_page()
    public.goto(f"{url}/public/complaints/hearings/")
    assert name not in public.content()

    worker.get_by_role("link", name="Publish the notice").click()
    _check(worker, screenshot, "10-publish-notice")
    worker.get_by_role("button", name="Publish the notice").click()
    _submitted(worker, url, case_id, "public hearings page")

    public.goto(f"{url}/public/complaints/hearings/")
    assert f"PC {name} is alleged" in public.content()
    _check(public, screenshot, "11-public-hearings")

    # 6. The hearing dismisses the officer; the outcome is published with the notice.
    worker.get_by_role("link", name="Record the outcome").click()
    worker.get_by_label("Gross misconduct proven").check()
    worker.get_by_label("Dismissal without notice").check()
    fill_date(worker, "outcome_on", today)
    worker.get_by_label("Reasons", exact=True).fill(
        "The footage shows deliberate force with no justification; nothing less than "
        "dismissal would maintain public confidence."
    )
    worker.get_by_label("Outcome as published").fill(
        "Gross misconduct proven. The officer was dismissed without notice."
    )
    _check(worker, screenshot, "12-outcome")
    worker.get_by_role("button", name="Record the outcome").click()
    due = _five_working_days(today)
    _submitted(worker, url, case_id, f"Notify the police barred list by {due.day} {due:%B %Y}")
    assert worker.get_by_test_id("status").inner_text() == "Closed"
    assert worker.get_by_test_id("outcome").inner_text() == "Dismissal without notice"

    public.locator('[data-testid="hearing"] a').first.click()
    assert "dismissed without notice" in public.get_by_test_id("public-outcome").inner_text()
    _check(public, screenshot, "13-public-hearing")
    public_context.close()

    # 7. The barred list notification, prefilled from the directory and the case.
    worker.get_by_role("link", name=f"Notify the barred or advisory list about {officer}").click()
    assert worker.locator("#id_full_name").input_value() == name
    assert worker.locator("#id_warrant_or_staff_number").input_value() in (
        officer.collar_number,
        officer.staff_number,
    )
    assert worker.locator("#id_reason").is_checked()  # dismissed
    worker.get_by_label("Use of force").check()
    _check(worker, screenshot, "14-barred-list")
    worker.get_by_role("button", name="Record the notification").click()
    _submitted(worker, url, case_id, "Send it to the College of Policing by")
    assert "not sent yet" in worker.get_by_test_id("listings").inner_text()
    # Due within 5 working days: "Due soon" from the start; the suspension ended with the outcome.
    clocks_table = worker.get_by_test_id("conduct-clocks").inner_text()
    assert "Police barred list notification" in clocks_table
    assert "Due soon" in clocks_table
    assert "Proceedings concluded" in worker.get_by_test_id("restrictions").inner_text()
    _check(worker, screenshot, "15-overview-closed")

    worker.get_by_role("link", name="record it as sent").click()
    fill_date(worker, "notified_on", today)
    worker.get_by_role("button", name="Record the date sent").click()
    _submitted(worker, url, case_id, "The date it was sent is recorded.")
    assert "sent" in worker.get_by_test_id("listings").inner_text()

    # 8. A lesson from the closed case, for the whole force; it may not name the officer.
    worker.get_by_role("link", name="Publish a lesson from this case").click()
    worker.get_by_label("Title").fill("Force in custody is always recorded and reviewed")
    worker.get_by_label("What happened").fill(f"PC {officer.last_name} pushed a detainee.")
    worker.get_by_label("What the force learns").fill(
        "Custody staff report force at once; supervisors review the footage the same shift."
    )
    worker.get_by_role("button", name="Publish the lesson").click()
    worker.get_by_text("Remove what identifies the case or the people in it").first.wait_for()
    _check(worker, screenshot, "16-lesson-refused")
    worker.get_by_label("What happened").fill(
        "An officer pushed a detainee into a cell wall; a sergeant reported it."
    )
    worker.get_by_role("button", name="Publish the lesson").click()
    _submitted(worker, url, case_id, "The lesson is published")
    worker.goto(f"{url}/complaints/lessons/")
    assert "Force in custody is always recorded" in worker.content()
    _check(worker, screenshot, "17-lessons")
    worker_context.close()


def test_pause_reflective_practice_suspension_review_and_tribunal_pages(
    browser, live_server, demo_force, screenshot
):
    """The other conduct pages, each checked with axe: the sub judice pause and its durations,
    reflective practice for an officer assessed as practice requiring improvement, a
    suspension's review and end, a meeting's outcome form (no dismissal offered) and an appeal
    to the Police Appeals Tribunal with its result."""
    from complaints.models import CaseKind, Channel, Finding, ProceedingsForm, Severity
    from complaints.services import conduct as conduct_services
    from complaints.services import proceedings as proceedings_services
    from standards.accounts.models import User
    from tests.complaints.factories import CaseFactory, SubjectFactory

    url = live_server.url
    today = dt.date.today()
    head_user = User.objects.get(username="psd.head")
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        summary="Internal report: two officers at a domestic incident.",
        received_on=today - dt.timedelta(days=60),
        logged_on=today - dt.timedelta(days=60),
    )
    pri, misconduct, gross = (SubjectFactory(case=case) for _ in range(3))
    for subject, severity in (
        (pri, Severity.PRI),
        (misconduct, Severity.MISCONDUCT),
        (gross, Severity.GROSS),
    ):
        conduct_services.severity_assess(
            subject=subject, severity=severity, rationale="Assessed.", acting_user=head_user
        )
    conduct_services.restriction_start(
        subject=pri,
        kind="restricted",
        started_on=today - dt.timedelta(days=30),
        rationale="No contact with the public.",
        acting_user=head_user,
    )
    meeting = proceedings_services.proceedings_arrange(
        subject=misconduct,
        form=ProceedingsForm.MEETING,
        panel="Chair: a superintendent.",
        held_on=today,
        acting_user=head_user,
    )
    hearing = proceedings_services.proceedings_arrange(
        subject=gross,
        form=ProceedingsForm.HEARING,
        panel="Chair: a legally qualified person.",
        held_on=today,
        venue="Force headquarters",
        public_notice="PC X: alleged discreditable conduct.",
        acting_user=head_user,
    )
    proceedings_services.proceedings_record_outcome(
        proceedings=hearing,
        finding=Finding.GROSS,
        outcome="final_written_warning",
        rationale="Proven.",
        outcome_on=today,
        public_outcome="Final written warning.",
        acting_user=head_user,
    )
    base = f"{url}/complaints/{case.pk}"
    context, head = open_as(browser, live_server, demo_force["psd.head"])

    # The restriction was last decided 30 days ago: its review is overdue.
    head.goto(f"{base}/conduct/")
    assert "Overdue" in head.get_by_test_id("conduct-clocks").inner_text()
    head.get_by_role("link", name="review the restricted duties").click()
    head.get_by_label("Yes, it continues").check()
    fill_date(head, "reviewed_on", today)
    head.get_by_label("Reasons for the review decision").fill("The hearing found against them.")
    _check(head, screenshot, "20-restriction-review")
    head.get_by_role("button", name="Record the review").click()
    _submitted(head, url, str(case.pk), "The next review is due by")

    # The sub judice pause, and the durations with and without it.
    head.get_by_role("link", name="Pause the investigation").click()
    fill_date(head, "started_on", today - dt.timedelta(days=14))
    head.get_by_label("Why is the investigation paused?").fill(
        "Criminal trial of one officer at Teesside Crown Court."
    )
    _check(head, screenshot, "21-pause")
    head.get_by_role("button", name="Pause the investigation").click()
    _submitted(head, url, str(case.pk), "The investigation is paused.")
    head.get_by_role("link", name="end the pause").click()
    fill_date(head, "ended_on", today - dt.timedelta(days=7))
    _check(head, screenshot, "22-pause-end")
    head.get_by_role("button", name="End the pause").click()
    _submitted(head, url, str(case.pk), "The pause has ended")
    durations = head.get_by_test_id("durations").inner_text()
    assert "Excluding pauses" in durations
    _check(head, screenshot, "23-overview-paused")

    # Reflective practice for the officer assessed as practice requiring improvement.
    head.get_by_role("link", name=f"Refer {pri} to reflective practice").click()
    fill_date(head, "referred_on", today)
    _check(head, screenshot, "24-rprp-refer")
    head.get_by_role("button", name="Refer").click()
    _submitted(head, url, str(case.pk), "Their account is due by")
    head.get_by_role("link", name="record it").first.click()
    fill_date(head, "received_on", today)
    _check(head, screenshot, "25-rprp-account")
    head.get_by_role("button", name="Record the account").click()
    _submitted(head, url, str(case.pk), "Next: the development report.")
    head.get_by_role("link", name="write the development report").click()
    head.get_by_label("Summary of the matter").fill("Left a vulnerable caller without advice.")
    head.get_by_label("What was discussed").fill("The force's safeguarding policy.")
    head.get_by_label("Actions agreed").fill("Safeguarding refresher training.")
    head.get_by_label("Time period for the actions").fill("3 months")
    head.get_by_label("Lessons for the officer").fill("Always give safeguarding advice.")
    head.get_by_label("Lessons for the force").fill("None beyond the officer.")
    head.get_by_label("Review period").fill("6 months")
    fill_date(head, "completed_on", today)
    _check(head, screenshot, "26-rprp-report")
    head.get_by_role("button", name="Record the report").click()
    _submitted(head, url, str(case.pk), "reflective practice is complete")

    # The meeting's outcome page offers no dismissal and no management advice.
    head.goto(f"{base}/proceedings/{meeting.pk}/outcome/")
    assert head.get_by_label("Dismissal without notice").count() == 0
    assert "management advice" not in head.locator("form").inner_text().lower()
    _check(head, screenshot, "27-meeting-outcome")

    # An appeal to the Police Appeals Tribunal against the hearing, and its result.
    head.goto(f"{base}/conduct/")
    head.get_by_role("link", name="Record an appeal to the Police Appeals Tribunal").click()
    fill_date(head, "lodged_on", today)
    head.get_by_label("Grounds of appeal").fill("The finding was unreasonable.")
    _check(head, screenshot, "28-appeal")
    head.get_by_role("button", name="Record the appeal").click()
    _submitted(head, url, str(case.pk), "Record the tribunal's result when it comes.")
    head.get_by_role("link", name="record it").first.click()
    head.get_by_label("The tribunal's result").fill("Appeal dismissed")
    fill_date(head, "decided_on", today)
    _check(head, screenshot, "29-appeal-result")
    head.get_by_role("button", name="Record the result").click()
    _submitted(head, url, str(case.pk), "The tribunal's result is recorded.")
    assert "Appeal dismissed" in head.get_by_test_id("proceedings").all_inner_texts()[-1]

    # Suspension and restricted duties end on the outcome; open one on the meeting's subject
    # and end it.
    head.get_by_role("link", name=f"Suspend or restrict {misconduct}").click()
    head.get_by_label("Restricted duties").check()
    fill_date(head, "started_on", today)
    head.get_by_label("Reasons for the decision").fill("Pending the meeting.")
    head.get_by_role("button", name="Record the decision").click()
    _submitted(head, url, str(case.pk), "Review it by")
    head.get_by_role("link", name="end it").last.click()
    fill_date(head, "ended_on", today)
    head.get_by_label("Why does it end?").fill("Moved to a back-office role instead.")
    _check(head, screenshot, "30-restriction-end")
    head.get_by_role("button", name="End it").click()
    _submitted(head, url, str(case.pk), "has ended")
    context.close()


def _five_working_days(day: dt.date) -> dt.date:
    from standards.core.working_days import add_working_days

    return add_working_days(day, 5)
