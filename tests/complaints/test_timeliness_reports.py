"""The timeliness report (reg 13, Police (Complaints and Misconduct) Regulations 2020; reg 19,
Police (Conduct) Regulations 2020) is recordable: a report not recorded as sent stays due on its
relevant period and goes overdue (on the case, in the queue's overdue view, in the reminders)
until it is recorded; then the clock moves to the next period. Bad input stores nothing and says
why; only the case team reaches the page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from complaints import clocks
from complaints.models import CaseKind, CaseStatus, Channel, IopcMode, TimelinessReport
from complaints.reminders import REPORTS
from complaints.selectors.case_page import case_timeline
from complaints.selectors.queue import case_queue_for_user
from complaints.services import conduct as services
from standards.access.roles import Role
from standards.notifications.models import Notification, Reminder
from standards.notifications.reminders import send_reminders_for
from tests.accounts.factories import UserFactory
from tests.complaints.factories import CaseFactory, SubjectFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
REPORT = "Report to the local policing body and the IOPC (12 months)"
NEXT_REPORT = "Report to the local policing body and the IOPC (18 months)"


def _report_clock(case, today: dt.date) -> clocks.Clock | None:
    return next(
        (
            c
            for c in clocks.case_clocks(case, today=today)
            if c.name.startswith("Report to the local policing body")
        ),
        None,
    )


def _long_case(team, *, months_ago: int = 13, **kwargs):
    """A conduct matter received ``months_ago`` months ago whose investigation began a week
    later: with 13, its first relevant period ended about a month ago."""
    received = clocks.shift_months(TODAY, -months_ago)
    kwargs.setdefault("investigation_started_on", received + dt.timedelta(days=7))
    return CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        status=CaseStatus.INVESTIGATION,
        received_on=received,
        team=team,
        **kwargs,
    )


def _first_period(case) -> clocks.RelevantPeriod:
    return next(clocks.relevant_periods(case.received_on))


def _record(case, user, **overrides):
    period = _first_period(case)
    data = {
        "period_ended_on": period.ends_on,
        "sent_on": period.report_due_on + dt.timedelta(days=2),
        "progress": "Witnesses interviewed; CCTV and body-worn video reviewed.",
        "conclusion_expected_on": TODAY + dt.timedelta(days=60),
        "report_expected_on": TODAY + dt.timedelta(days=90),
        "reason_for_time": "The criminal investigation came first.",
        "planned_steps": "Interview the officer under caution; write the report.",
        "withheld_from_policing_body": False,
        "withheld_reason": "",
        "officer_copy_sent": True,
        "officer_copy_reason": "",
    }
    return services.timeliness_report_record(case=case, acting_user=user, **(data | overrides))


# --- the clock -----------------------------------------------------------------------------------


def test_a_report_not_sent_stays_due_and_goes_overdue(psd_head):
    """Received 2 January 2024: the first relevant period ends on 1 January 2025 and the report
    is due on 2 January. Two months on, with no report recorded, it is still that report, and
    overdue; it does not roll on to July."""
    case = CaseFactory(
        received_on=dt.date(2024, 1, 2),
        first_contact_on=dt.date(2024, 1, 4),
        status=CaseStatus.INVESTIGATION,
        investigation_started_on=dt.date(2024, 2, 1),
    )
    today = dt.date(2025, 3, 1)

    clock = _report_clock(case, today)
    assert clock.due_on == dt.date(2025, 1, 2)
    assert clock.state(today) == clocks.ClockState.OVERDUE
    assert (clock.label(today), clock.colour(today)) == ("Overdue", "red")
    # Months on, still the same report, still overdue.
    assert _report_clock(case, dt.date(2025, 11, 1)).due_on == dt.date(2025, 1, 2)

    clocks.refresh(case, today=today)
    case.refresh_from_db()
    assert (case.next_due_on, case.next_due_label) == (dt.date(2025, 1, 2), REPORT)


def test_the_queue_overdue_view_and_the_reminders_see_a_missed_report(caseworker, psd_head):
    case = _long_case([caseworker])
    clocks.refresh(case)
    period = _first_period(case)
    assert case.next_due_on == period.report_due_on < TODAY

    overdue = case_queue_for_user(user=psd_head, params={"view": "overdue"}).qs
    assert case in overdue

    assert send_reminders_for(REPORTS, today=TODAY) == 2  # the head of PSD and the lead
    assert set(Reminder.objects.values_list("stage", "due_on")) == {
        ("overdue", period.report_due_on)
    }
    # Recording the report closes them at once; the next run sends nothing about it again.
    _record(case, caseworker)
    assert not Notification.objects.filter(done_at__isnull=True).exists()
    assert send_reminders_for(REPORTS, today=TODAY) == 0


def test_the_next_period_after_a_report(caseworker):
    case = _long_case([caseworker])
    first = _first_period(case)

    report = _record(case, caseworker)

    second = first.following()
    assert second.starts_on == first.ends_on + dt.timedelta(days=1)
    assert second.ends_on == clocks.shift_months(second.starts_on, 6) - dt.timedelta(days=1)
    clock = _report_clock(case, TODAY)
    assert clock.due_on == second.report_due_on > TODAY
    assert clock.state(TODAY) == clocks.ClockState.RUNNING
    case.refresh_from_db()
    assert (case.next_due_on, case.next_due_label) == (second.report_due_on, NEXT_REPORT)
    # What the report stated from the case, who recorded it, and the history.
    assert report.complaint_made_on == case.received_on
    assert report.recorded_by == caseworker
    assert report.history.get().history_user == caseworker
    titles = [entry.title for entry in case_timeline(user=caseworker, case=case)]
    assert "12-month timeliness report sent" in titles


def test_two_missed_periods_are_reported_one_at_a_time(caseworker):
    case = _long_case([caseworker], months_ago=19)
    first = _first_period(case)
    second = first.following()
    assert _report_clock(case, TODAY).due_on == first.report_due_on

    _record(case, caseworker, sent_on=TODAY)

    assert _report_clock(case, TODAY).due_on == second.report_due_on < TODAY  # overdue too
    _record(case, caseworker, period_ended_on=second.ends_on, sent_on=TODAY)
    assert _report_clock(case, TODAY).due_on == second.following().report_due_on


def test_no_clock_once_the_investigation_has_its_outcome_or_the_iopc_runs_it(caseworker):
    case = _long_case([caseworker])
    assert _report_clock(case, TODAY) is not None
    case.outcome_on = TODAY
    assert _report_clock(case, TODAY) is None
    # Directed or independent investigations are reported on by the Director General (reg 13(2)).
    for mode in (IopcMode.DIRECTED, IopcMode.INDEPENDENT):
        assert _report_clock(_long_case([caseworker], iopc_mode=mode), TODAY) is None
    assert _report_clock(_long_case([caseworker], iopc_mode=IopcMode.LOCAL), TODAY) is not None


def test_periods_that_ended_before_the_investigation_began_owe_no_report(caseworker):
    received = clocks.shift_months(TODAY, -14)
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        received_on=received,
        investigation_started_on=TODAY - dt.timedelta(days=10),
        team=[caseworker],
    )
    first = _first_period(case)
    assert _report_clock(case, TODAY).due_on == first.following().report_due_on
    with pytest.raises(ValidationError, match="started after the period"):
        _record(case, caseworker, sent_on=TODAY)


# --- the refusals --------------------------------------------------------------------------------


def test_a_report_for_a_period_not_yet_ended_is_refused(caseworker):
    case = _long_case([caseworker], months_ago=6)
    first = _first_period(case)
    with pytest.raises(ValidationError, match="record the report once it has ended"):
        _record(case, caseworker, period_ended_on=first.ends_on, sent_on=TODAY)
    assert not TimelinessReport.objects.exists()


def test_a_second_report_for_the_same_period_is_refused(caseworker):
    case = _long_case([caseworker])
    _record(case, caseworker)
    with pytest.raises(ValidationError, match="is already recorded"):
        _record(case, caseworker)
    assert TimelinessReport.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"sent_on": TODAY + dt.timedelta(days=1)}, "must be today or in the past"),
        ({"sent_on": None}, "Enter the date the report was sent"),
        ({"period_ended_on": TODAY - dt.timedelta(days=3)}, "No relevant period of"),
        ({"progress": "  "}, "Enter the progress of the investigation"),
        ({"reason_for_time": ""}, "Enter why the investigation is taking this long"),
        ({"planned_steps": ""}, "Enter the steps planned to complete it"),
        ({"progress": "<script>x</script>"}, "HTML"),
        ({"conclusion_expected_on": None}, "Enter when the investigation is expected to conclude"),
        ({"conclusion_expected_on": dt.date(2000, 1, 1)}, "cannot be before the report was sent"),
        (
            {"report_expected_on": TODAY + dt.timedelta(days=59)},
            "cannot be expected before the investigation concludes",
        ),
        ({"withheld_from_policing_body": True}, "might prejudice an investigation"),
        ({"officer_copy_sent": False}, "Enter why no copy went to the officer concerned"),
    ],
)
def test_bad_input_stores_nothing_and_says_why(caseworker, overrides, message):
    case = _long_case([caseworker])
    history = case.history.count()
    with pytest.raises(ValidationError) as refused:
        _record(case, caseworker, **overrides)
    assert any(message.lower() in text.lower() for text in refused.value.messages), (
        refused.value.messages
    )
    assert not TimelinessReport.objects.exists()
    assert case.history.count() == history


def test_a_report_sent_before_the_period_ended_is_refused(caseworker):
    case = _long_case([caseworker])
    first = _first_period(case)
    for sent_on in (first.ends_on, first.ends_on - dt.timedelta(days=30)):
        with pytest.raises(ValidationError, match="sent after the period ends"):
            _record(case, caseworker, sent_on=sent_on)
    assert not TimelinessReport.objects.exists()


def test_no_report_without_an_investigation_or_after_its_outcome(caseworker):
    case = _long_case([caseworker], investigation_started_on=None)
    with pytest.raises(ValidationError, match="start it first"):
        _record(case, caseworker)
    case = _long_case([caseworker], outcome_on=TODAY)
    with pytest.raises(ValidationError, match="has its outcome"):
        _record(case, caseworker)
    assert not TimelinessReport.objects.exists()


def test_only_the_case_team_records_a_report(caseworker, ccu_analyst):
    case = _long_case([caseworker])
    outsider = UserFactory(username="psd.other", roles=[Role.STAFF, Role.PSD_CASEWORKER])
    for user in (ccu_analyst, outsider):
        with pytest.raises(Http404):
            _record(case, user)
    assert not TimelinessReport.objects.exists()


def test_a_withheld_report_keeps_why_and_goes_to_the_iopc_only(caseworker):
    case = _long_case([caseworker])
    subject = SubjectFactory(case=case, notice_served_on=case.received_on + dt.timedelta(days=9))
    report = _record(
        case,
        caseworker,
        withheld_from_policing_body=True,
        withheld_reason="A linked criminal investigation is at a sensitive stage.",
        officer_copy_sent=False,
        officer_copy_reason="The harm test: it would reveal the covert stage.",
    )
    assert report.withheld_from_policing_body
    assert report.notice_given_on == subject.notice_served_on
    assert report.officer_copy_reason.startswith("The harm test")


# --- the page ------------------------------------------------------------------------------------


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _form(case) -> dict:
    period = _first_period(case)
    return {
        "period_ended_on": period.ends_on.isoformat(),
        **_date("sent_on", period.report_due_on + dt.timedelta(days=1)),
        "progress": "Witnesses interviewed.",
        "reason_for_time": "Waiting for forensic results.",
        "planned_steps": "Interview the officer.",
        **_date("conclusion_expected_on", TODAY + dt.timedelta(days=30)),
        **_date("report_expected_on", TODAY + dt.timedelta(days=45)),
        "policing_body": "sent",
        "officer_copy": "yes",
    }


def test_the_case_team_records_the_report_on_its_page(client_for, caseworker):
    case = _long_case([caseworker])
    client = client_for(caseworker)
    decisions = client.get(reverse("complaints:case_decisions", kwargs={"pk": case.pk}))
    url = reverse("complaints:timeliness_report", kwargs={"pk": case.pk})
    assert f'href="{url}"' in decisions.content.decode()  # from the clock that shows it

    page = client.get(url).content.decode()
    assert "Record the 12-month timeliness report" in page
    assert "Overdue" in page
    assert "What happens next" in page

    response = client.post(url, _form(case) | {"progress": "", "policing_body": "withheld"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Enter the progress of the investigation" in body
    assert "might prejudice an investigation" in body
    assert not TimelinessReport.objects.exists()

    response = client.post(url, _form(case))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:case_decisions", kwargs={"pk": case.pk})
    report = TimelinessReport.objects.get()
    assert (report.case, report.recorded_by) == (case, caseworker)

    decisions = client.get(response["Location"]).content.decode()
    assert "The 12-month report sent on" in decisions
    assert "Waiting for forensic results." in decisions
    assert "The local policing body and the IOPC" in decisions
    assert f'href="{url}"' not in decisions  # the next report is not due yet

    # A second post of the same page (a double click, another tab) is refused as a duplicate.
    response = client.post(url, _form(case))
    assert response.status_code == 200
    assert TimelinessReport.objects.count() == 1


def test_the_page_says_when_nothing_is_due_yet(client_for, caseworker):
    case = _long_case([caseworker], months_ago=3)
    url = reverse("complaints:timeliness_report", kwargs={"pk": case.pk})
    client = client_for(caseworker)
    response = client.get(url)
    assert "No timeliness report to record" in response.content.decode()
    assert "form" not in response.content.decode().split("<main", 1)[1].split("</main>")[0]
    client.post(url, _form(case))
    assert not TimelinessReport.objects.exists()


def test_the_page_is_404_outside_the_case_team(
    client_for, caseworker, ccu_analyst, staff_member, board_member
):
    case = _long_case([caseworker])
    url = reverse("complaints:timeliness_report", kwargs={"pk": case.pk})
    outsider = UserFactory(username="psd.other", roles=[Role.STAFF, Role.PSD_CASEWORKER])
    for user in (ccu_analyst, staff_member, board_member, outsider):
        client = client_for(user)
        assert client.get(url).status_code == 404
        assert client.post(url, _form(case)).status_code == 404
    assert not TimelinessReport.objects.exists()


def test_a_report_withheld_from_the_policing_body_is_shown_to_the_case_team_only(
    client_for, caseworker, ccu_analyst
):
    """The review body is the local policing body's: a reader outside the case team (here the
    CCU, which reads PSD cases after giving a reason) is not shown a report kept from it."""
    case = _long_case([caseworker], months_ago=19)
    second = _first_period(case).following()
    _record(
        case,
        caseworker,
        sent_on=TODAY,
        withheld_from_policing_body=True,
        withheld_reason="A linked criminal investigation is at the charging stage.",
    )
    _record(case, caseworker, period_ended_on=second.ends_on, sent_on=TODAY)
    url = reverse("complaints:case_decisions", kwargs={"pk": case.pk})

    team = client_for(caseworker).get(url).content.decode()
    assert team.count('data-testid="timeliness-report"') == 2
    assert "charging stage" in team

    reader = client_for(ccu_analyst)
    assert reader.get(url).status_code == 200  # the reason is asked for first
    assert reader.post(url, {"justification": "Checking for a linked CCU report."}).status_code
    page = reader.get(url).content.decode()
    assert page.count('data-testid="timeliness-report"') == 1
    assert "charging stage" not in page
