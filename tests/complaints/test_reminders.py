"""The case clocks as reminders (complaints/reminders.py): the team is reminded when a clock is
due soon (or 30 and 7 days before a 12-month report), the head of PSD and the lead are told
when it is overdue (a timeliness report until it is recorded as sent); a stopped clock, a closed
case or a clock still far off sends nothing; the notices name the case and the clock, nothing
else."""

from __future__ import annotations

import datetime as dt

import pytest

from complaints import clocks
from complaints.models import (
    BarredListNotification,
    CaseKind,
    CaseStatus,
    ReflectivePractice,
    Restriction,
    RestrictionReview,
)
from complaints.reminders import (
    CASE_CLOCKS,
    DUE_SOON,
    REPORTS,
    RESTRICTION_REVIEWS,
    clock_stage,
)
from complaints.services import conduct as conduct_services
from standards.core.working_days import add_working_days, working_days_between
from standards.notifications import reminders
from standards.notifications.models import Notification, Reminder
from standards.notifications.reminders import send_reminders_for
from tests.complaints.factories import CaseFactory, ComplainantFactory, SubjectFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 11, 23)  # a Monday


def _working_days_before(day: dt.date, n: int) -> dt.date:
    """The latest date ``n`` working days before ``day``."""
    candidate = day
    while working_days_between(candidate, day) < n:
        candidate -= dt.timedelta(days=1)
    return candidate


def _sent() -> dict[str, set[str]]:
    """Who got which stage: {username: {stage, ...}}."""
    sent: dict[str, set[str]] = {}
    for reminder in Reminder.objects.select_related("recipient"):
        sent.setdefault(reminder.recipient.username, set()).add(reminder.stage)
    return sent


def _complaint(caseworker, **kwargs):
    """A complaint logged on time whose complainant has not been contacted: one clock running,
    the contact clock, due 10 working days after receipt."""
    received_on = kwargs.pop("received_on", dt.date(2026, 11, 2))
    return CaseFactory(
        kind=CaseKind.COMPLAINT,
        received_on=received_on,
        logged_on=received_on,
        first_contact_on=None,
        team=[caseworker],
        **kwargs,
    )


def test_the_sources_are_registered():
    names = {source.name for source in reminders.reminder_sources()}
    assert {"case-clock", "case-restriction", "case-report"} <= names


@pytest.mark.parametrize(
    ("working_days_left", "stage"),
    [(6, None), (5, DUE_SOON), (1, DUE_SOON), (0, DUE_SOON), (-1, "overdue")],
)
def test_the_stage_of_a_clock_follows_the_case_page(working_days_left, stage):
    due_on = dt.date(2026, 12, 4)  # a Friday
    if working_days_left >= 0:
        today = _working_days_before(due_on, working_days_left)
    else:
        today = due_on + dt.timedelta(days=1)
    assert clock_stage(due_on, today) == stage
    # The same words as the clock on the case page.
    expected_state = {
        None: clocks.ClockState.RUNNING,
        DUE_SOON: clocks.ClockState.DUE_SOON,
        "overdue": clocks.ClockState.OVERDUE,
    }[stage]
    assert clocks.Clock("x", due_on).state(today) == expected_state


def test_a_clock_due_soon_reminds_the_case_team_only(caseworker, psd_head):
    case = _complaint(caseworker)
    due_on = add_working_days(case.received_on, clocks.CONTACT_WITHIN_WORKING_DAYS)

    assert send_reminders_for(CASE_CLOCKS, today=_working_days_before(due_on, 6)) == 0
    assert send_reminders_for(CASE_CLOCKS, today=_working_days_before(due_on, 5)) == 1
    assert _sent() == {"psd.caseworker": {DUE_SOON}}
    notice = Notification.objects.get()
    assert notice.key == f"case-clock-{case.pk}-contact-{due_on}-due-soon"
    assert notice.subject == (
        f"{case.reference}: contact the complainant due on {due_on:%-d %B %Y}"
    )
    assert notice.step == "contact"
    # Again the next day: the same stage of the same clock, nothing new.
    assert send_reminders_for(CASE_CLOCKS, today=_working_days_before(due_on, 4)) == 0


def test_an_overdue_clock_goes_to_the_head_of_psd_and_the_lead(caseworker, psd_head):
    case = _complaint(caseworker)
    due_on = add_working_days(case.received_on, clocks.CONTACT_WITHIN_WORKING_DAYS)

    assert send_reminders_for(CASE_CLOCKS, today=due_on + dt.timedelta(days=1)) == 2
    assert _sent() == {"psd.caseworker": {"overdue"}, "psd.head": {"overdue"}}
    assert set(Notification.objects.values_list("subject", flat=True)) == {
        f"{case.reference}: contact the complainant overdue"
    }


def test_an_unallocated_case_reminds_the_head_of_psd(psd_head):
    case = CaseFactory(kind=CaseKind.COMPLAINT, received_on=dt.date(2026, 11, 19), logged_on=None)
    due_on = add_working_days(case.received_on, clocks.LOG_WITHIN_WORKING_DAYS)

    assert send_reminders_for(CASE_CLOCKS, today=due_on) >= 1
    assert _sent() == {"psd.head": {DUE_SOON}}
    assert Notification.objects.filter(key__contains="-log-").count() == 1


def test_a_stopped_clock_or_a_closed_case_sends_nothing(caseworker, psd_head):
    contacted = _complaint(caseworker)
    contacted.first_contact_on = contacted.received_on + dt.timedelta(days=2)
    contacted.save()
    closed = _complaint(caseworker)
    closed.status = CaseStatus.CLOSED
    closed.save()
    conduct = CaseFactory(kind=CaseKind.CONDUCT, logged_on=None, first_contact_on=None)

    assert send_reminders_for(CASE_CLOCKS, today=TODAY + dt.timedelta(days=60)) == 0
    assert list(CASE_CLOCKS.due(today=TODAY, until=TODAY + dt.timedelta(days=60))) == []
    assert conduct.pk  # a conduct matter has neither the log nor the contact clock


def test_the_next_run_closes_a_reminder_whose_clock_stopped(caseworker, psd_head):
    case = _complaint(caseworker)
    due_on = add_working_days(case.received_on, clocks.CONTACT_WITHIN_WORKING_DAYS)
    send_reminders_for(CASE_CLOCKS, today=due_on)
    notice = Notification.objects.get()
    assert notice.done_at is None

    case.first_contact_on = due_on
    case.save()
    assert send_reminders_for(CASE_CLOCKS, today=due_on + dt.timedelta(days=1)) == 0

    notice.refresh_from_db()
    assert notice.done_at is not None


def test_the_reflective_practice_and_barred_list_clocks(caseworker, psd_head):
    case = CaseFactory(kind=CaseKind.CONDUCT, team=[caseworker])
    subject = SubjectFactory(case=case)
    reflection = ReflectivePractice.objects.create(
        subject=subject, referred_on=dt.date(2026, 11, 16), recorded_by=caseworker
    )
    listing = BarredListNotification.objects.create(
        subject=subject,
        barred_list="barred",
        reason="dismissed",
        trigger_on=dt.date(2026, 11, 2),
        full_name="Not Named Anywhere",
        force="Northmoor Police",
        status="officer",
        warrant_or_staff_number="1234",
        conduct="Dishonesty.",
        recorded_by=caseworker,
    )
    done = ReflectivePractice.objects.create(
        subject=subject,
        referred_on=dt.date(2026, 11, 16),
        account_received_on=dt.date(2026, 11, 17),
        recorded_by=caseworker,
    )

    send_reminders_for(CASE_CLOCKS, today=TODAY)

    steps = dict(Notification.objects.values_list("step", "subject"))
    assert set(steps) == {f"rprp-{reflection.pk}", f"barred-list-{listing.pk}"}
    assert f"rprp-{done.pk}" not in steps
    assert steps[f"rprp-{reflection.pk}"].startswith(
        f"{case.reference}: reflective practice account due on"
    )
    assert steps[f"barred-list-{listing.pk}"] == (
        f"{case.reference}: College of Policing notification overdue"
    )


@pytest.mark.parametrize(
    ("days_since_start_or_review", "stage"),
    [(20, None), (23, DUE_SOON), (28, DUE_SOON), (29, "overdue")],
)
def test_a_suspension_review_every_4_weeks(caseworker, psd_head, days_since_start_or_review, stage):
    case = CaseFactory(kind=CaseKind.CONDUCT, team=[caseworker])
    started = TODAY - dt.timedelta(days=days_since_start_or_review)
    restriction = Restriction.objects.create(
        subject=SubjectFactory(case=case),
        kind="suspended",
        started_on=started,
        rationale="Risk to the public.",
        decided_by=psd_head,
    )

    send_reminders_for(RESTRICTION_REVIEWS, today=TODAY)

    if stage is None:
        assert not Notification.objects.exists()
        return
    wanted = {"psd.caseworker": {stage}}
    if stage == "overdue":
        wanted["psd.head"] = {stage}
    assert _sent() == wanted
    due_on = started + dt.timedelta(days=clocks.RESTRICTION_REVIEW_DAYS)
    assert set(Notification.objects.values_list("key", flat=True)) == {
        f"case-restriction-{case.pk}-suspended-{restriction.pk}-{due_on}-{stage}"
    }
    assert "review of the suspension" in Notification.objects.first().subject


def test_a_reviewed_or_ended_restriction_is_not_due(caseworker, psd_head):
    case = CaseFactory(kind=CaseKind.CONDUCT, team=[caseworker])
    reviewed = Restriction.objects.create(
        subject=SubjectFactory(case=case),
        kind="restricted",
        started_on=TODAY - dt.timedelta(days=40),
        rationale="Risk.",
        decided_by=psd_head,
    )
    RestrictionReview.objects.create(
        restriction=reviewed,
        reviewed_on=TODAY - dt.timedelta(days=10),
        rationale="Still needed.",
        reviewed_by=psd_head,
    )
    Restriction.objects.create(
        subject=SubjectFactory(case=case),
        kind="suspended",
        started_on=TODAY - dt.timedelta(days=40),
        ended_on=TODAY - dt.timedelta(days=5),
        rationale="Risk.",
        decided_by=psd_head,
    )
    closed = CaseFactory(kind=CaseKind.CONDUCT, status=CaseStatus.CLOSED, team=[caseworker])
    Restriction.objects.create(
        subject=SubjectFactory(case=closed),
        kind="suspended",
        started_on=TODAY - dt.timedelta(days=40),
        rationale="Risk.",
        decided_by=psd_head,
    )

    assert send_reminders_for(RESTRICTION_REVIEWS, today=TODAY) == 0


@pytest.mark.parametrize(
    ("days_to_report", "stage"), [(31, None), (30, "30d"), (8, "30d"), (7, "7d"), (0, "7d")]
)
def test_the_12_month_report(caseworker, psd_head, days_to_report, stage):
    report_on = TODAY + dt.timedelta(days=days_to_report)
    # 12 months from the day the complaint was made (reg 13(3)), not from the investigation.
    received_on = clocks.shift_months(report_on, -12)
    case = CaseFactory(
        kind=CaseKind.COMPLAINT,
        status=CaseStatus.INVESTIGATION,
        received_on=received_on,
        first_contact_on=received_on,
        investigation_started_on=received_on + dt.timedelta(days=30),
        team=[caseworker],
    )

    send_reminders_for(REPORTS, today=TODAY)

    if stage is None:
        assert not Notification.objects.exists()
        return
    assert _sent() == {"psd.caseworker": {stage}}
    assert Notification.objects.get().key == f"case-report-{case.pk}-report-{report_on}-{stage}"


def test_a_report_not_sent_escalates_until_recorded_then_the_next_and_stops_with_the_outcome(
    caseworker, psd_head
):
    started = dt.date(2025, 5, 20)
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        status=CaseStatus.INVESTIGATION,
        received_on=started,
        investigation_started_on=started,
        team=[caseworker],
    )
    # The 12-month report fell due on 20 May 2026 and none is recorded: it does not roll on to
    # November, it is overdue, and the head of PSD and the lead are told (once).
    assert send_reminders_for(REPORTS, today=dt.date(2026, 6, 1)) == 2
    assert _sent() == {"psd.head": {"overdue"}, "psd.caseworker": {"overdue"}}
    assert send_reminders_for(REPORTS, today=dt.date(2026, 6, 8)) == 0
    conduct_services.timeliness_report_record(
        case=case,
        period_ended_on=dt.date(2026, 5, 19),
        sent_on=dt.date(2026, 6, 1),
        progress="Statements taken.",
        conclusion_expected_on=dt.date(2026, 12, 1),
        report_expected_on=dt.date(2027, 1, 1),
        reason_for_time="Forensics.",
        planned_steps="Interview.",
        withheld_from_policing_body=False,
        officer_copy_sent=True,
        acting_user=caseworker,
    )
    # The next is 18 months, 20 November 2026: the team is reminded, then it escalates.
    assert send_reminders_for(REPORTS, today=dt.date(2026, 11, 19)) == 1
    assert send_reminders_for(REPORTS, today=TODAY) == 2
    assert set(Reminder.objects.values_list("due_on", flat=True)) == {
        dt.date(2026, 5, 20),
        dt.date(2026, 11, 20),
    }
    case.outcome_on = dt.date(2026, 11, 25)
    case.save()
    assert send_reminders_for(REPORTS, today=dt.date(2027, 5, 15)) == 0


def test_nobody_is_reminded_of_a_case_about_themselves(caseworker, psd_head):
    case = _complaint(caseworker)
    SubjectFactory(case=case, person=psd_head.person)
    due_on = add_working_days(case.received_on, clocks.CONTACT_WITHIN_WORKING_DAYS)

    send_reminders_for(CASE_CLOCKS, today=due_on + dt.timedelta(days=1))

    assert _sent() == {"psd.caseworker": {"overdue"}}


def test_a_notice_names_the_case_and_the_clock_only(caseworker, psd_head):
    case = _complaint(caseworker, summary="Officer Quentin Blackwood took a bribe at Harbour Road.")
    subject = SubjectFactory(case=case)
    complainant = ComplainantFactory(case=case, name="Wilhelmina Fairweather")
    due_on = add_working_days(case.received_on, clocks.CONTACT_WITHIN_WORKING_DAYS)

    send_reminders_for(CASE_CLOCKS, today=due_on)
    send_reminders_for(CASE_CLOCKS, today=due_on + dt.timedelta(days=1))

    notices = list(Notification.objects.all())
    assert len(notices) == 3
    for notice in notices:
        text = f"{notice.subject} {notice.body} {notice.url}"
        assert case.reference in notice.subject
        for secret in (
            "Blackwood",
            "Harbour",
            "bribe",
            complainant.name,
            subject.person.last_name,
            subject.person.staff_number,
        ):
            assert secret not in text


def test_what_is_due_is_read_in_a_fixed_number_of_queries(
    caseworker, psd_head, django_assert_max_num_queries
):
    """However many cases: a query per case (its team, its subjects) would fail here."""
    for number in range(6):
        # Received a year ago: each case's 12-month report falls due within the month.
        case = _complaint(caseworker, received_on=dt.date(2025, 11, 25) + dt.timedelta(days=number))
        case.investigation_started_on = dt.date(2025, 12, 1)
        case.save()
        subject = SubjectFactory(case=case)
        ComplainantFactory(case=case)
        ReflectivePractice.objects.create(
            subject=subject, referred_on=dt.date(2026, 11, 16), recorded_by=caseworker
        )
        Restriction.objects.create(
            subject=subject,
            kind="suspended",
            started_on=TODAY - dt.timedelta(days=26),
            rationale="Risk.",
            decided_by=psd_head,
        )
    until = TODAY + dt.timedelta(days=30)
    with django_assert_max_num_queries(7):
        assert len(CASE_CLOCKS.due(today=TODAY, until=until)) == 12
    with django_assert_max_num_queries(6):
        assert len(RESTRICTION_REVIEWS.due(today=TODAY, until=until)) == 6
    with django_assert_max_num_queries(6):  # and the reports recorded, in one query
        assert len(REPORTS.due(today=TODAY, until=until)) == 6
