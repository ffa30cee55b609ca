"""The statutory rules as a PSD caseworker, a Federation rep and an inspector would check them:
the 12-month report counted from the complaint (reg 13 / conduct reg 19), the findings and
outcomes of reg 42, the reflective practice a panel directs, the same-incident referral
criterion (reg 4(1)(c)) and the senior officers whose complaints the IOPC reviews (reg 30)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from complaints import clocks
from complaints.forms.handling import HandlingForm
from complaints.models import (
    CaseKind,
    CaseStatus,
    Channel,
    Finding,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    ReferralCriterion,
    ReflectivePractice,
    ReviewBody,
    Severity,
)
from complaints.services import conduct as conduct_services
from complaints.services import proceedings as services
from complaints.services.reviews import relevant_review_body
from tests.complaints.factories import CaseFactory, SubjectFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
REPORT = "Report to the local policing body and the IOPC (12 months)"


# --- reg 13 / conduct reg 19: the 12 months run from the complaint, not the investigation --------


def test_the_12_month_report_counts_from_the_day_the_complaint_was_made(psd_head):
    """An investigation started three months after the complaint still reports 12 months after
    the complaint was made: a late start must not hide a case from the local policing body."""
    case = CaseFactory(
        received_on=dt.date(2024, 1, 2),
        logged_on=dt.date(2024, 1, 3),
        first_contact_on=dt.date(2024, 1, 4),
        investigation_started_on=dt.date(2024, 4, 2),
    )
    report = next(
        c for c in clocks.case_clocks(case, today=dt.date(2024, 11, 1)) if c.name == REPORT
    )
    assert report.due_on == dt.date(2025, 1, 2)
    # Not sent, it stays due, and overdue: the date does not roll on.
    missed = next(
        c for c in clocks.case_clocks(case, today=dt.date(2025, 2, 1)) if c.name == REPORT
    )
    assert missed.due_on == dt.date(2025, 1, 2)
    assert missed.state(dt.date(2025, 2, 1)) == clocks.ClockState.OVERDUE
    # Once sent, every 6 months from the end of the first period.
    conduct_services.timeliness_report_record(
        case=case,
        period_ended_on=dt.date(2025, 1, 1),
        sent_on=dt.date(2025, 1, 6),
        progress="Statements taken.",
        conclusion_expected_on=dt.date(2025, 4, 1),
        report_expected_on=dt.date(2025, 5, 1),
        reason_for_time="Forensics.",
        planned_steps="Interview.",
        withheld_from_policing_body=False,
        officer_copy_sent=True,
        acting_user=psd_head,
    )
    later = next(
        c for c in clocks.case_clocks(case, today=dt.date(2025, 2, 1)) if c.kind == "report"
    )
    assert later.name == "Report to the local policing body and the IOPC (18 months)"
    assert later.due_on == dt.date(2025, 7, 2)
    assert clocks.report_due(case) == dt.date(2025, 7, 2)


def test_a_conduct_matter_reports_12_months_after_it_came_to_attention(psd_head):
    case = CaseFactory(
        kind=CaseKind.CONDUCT,
        channel=Channel.INTERNAL,
        received_on=dt.date(2025, 3, 10),
        investigation_started_on=dt.date(2025, 6, 1),
    )
    clocks.refresh(case, today=dt.date(2026, 1, 5))
    case.refresh_from_db()
    assert (case.next_due_on, case.next_due_label) == (dt.date(2026, 3, 10), REPORT)


# --- reg 42: what each finding allows -------------------------------------------------------------


def _proceedings(user, severity=Severity.GROSS, form=ProceedingsForm.HEARING):
    case = CaseFactory(kind=CaseKind.CONDUCT, channel=Channel.INTERNAL)
    subject = SubjectFactory(case=case)
    conduct_services.severity_assess(
        subject=subject, severity=severity, rationale="Assessed.", acting_user=user
    )
    return services.proceedings_arrange(
        subject=subject,
        form=form,
        panel="Chair: a legally qualified person; a superintendent; an independent member.",
        held_on=TODAY - dt.timedelta(days=1),
        venue="Force headquarters",
        public_notice="A constable: alleged assault.",
        acting_user=user,
    )


def _outcome(proceedings, user, finding, outcome):
    return services.proceedings_record_outcome(
        proceedings=proceedings,
        finding=finding,
        outcome=outcome,
        rationale="The panel's reasons.",
        outcome_on=TODAY,
        public_outcome="The panel's finding and outcome.",
        acting_user=user,
    )


@pytest.mark.parametrize(
    "outcome",
    [
        ProceedingsOutcome.WRITTEN_WARNING,
        ProceedingsOutcome.NO_FURTHER_ACTION,
        ProceedingsOutcome.REFLECTIVE_PRACTICE,
    ],
)
def test_gross_misconduct_found_is_never_met_with_less_than_a_final_written_warning(
    psd_head, outcome
):
    hearing = _proceedings(psd_head)
    with pytest.raises(ValidationError) as error:
        _outcome(hearing, psd_head, Finding.GROSS, outcome)
    assert "final written warning, reduction in rank or dismissal" in str(error.value)
    hearing.refresh_from_db()
    assert hearing.outcome == "" and hearing.finding == ""


@pytest.mark.parametrize(
    "outcome", [ProceedingsOutcome.NO_FURTHER_ACTION, ProceedingsOutcome.REFLECTIVE_PRACTICE]
)
def test_misconduct_found_at_a_meeting_is_a_warning(psd_head, outcome):
    meeting = _proceedings(psd_head, Severity.MISCONDUCT, ProceedingsForm.MEETING)
    with pytest.raises(ValidationError) as error:
        _outcome(meeting, psd_head, Finding.MISCONDUCT, outcome)
    assert "written warning" in str(error.value)
    assert not Proceedings.objects.exclude(outcome="").exists()
    _outcome(meeting, psd_head, Finding.MISCONDUCT, ProceedingsOutcome.WRITTEN_WARNING)


def test_a_panel_finding_neither_refers_to_reflective_practice_and_the_case_stays_open(psd_head):
    """Reg 42(1)(b): the panel directs reflective practice when it finds neither misconduct nor
    gross misconduct. The referral is made that day (the account due in 5 working days), and the
    conduct matter stays open so the process can be recorded."""
    meeting = _proceedings(psd_head, Severity.MISCONDUCT, ProceedingsForm.MEETING)
    _outcome(meeting, psd_head, Finding.NOT_PROVEN, ProceedingsOutcome.REFLECTIVE_PRACTICE)
    reflection = ReflectivePractice.objects.get(subject=meeting.subject)
    assert reflection.referred_on == TODAY
    case = meeting.case
    case.refresh_from_db()
    assert case.status == CaseStatus.PROCEEDINGS
    assert case.next_due_label.startswith("Reflective practice account")
    conduct_services.reflective_practice_record_account(
        reflection=reflection, received_on=TODAY, acting_user=psd_head
    )


def test_a_finding_of_neither_with_no_further_action_closes_the_conduct_matter(psd_head):
    meeting = _proceedings(psd_head, Severity.MISCONDUCT, ProceedingsForm.MEETING)
    _outcome(meeting, psd_head, Finding.NOT_PROVEN, ProceedingsOutcome.NO_FURTHER_ACTION)
    meeting.case.refresh_from_db()
    assert meeting.case.status == CaseStatus.CLOSED
    assert not ReflectivePractice.objects.exists()


# --- reg 4(1)(c): a complaint from the same incident is referred too ----------------------------


def test_the_same_incident_criterion_is_asked_at_recording_and_requires_a_referral():
    criteria = list(ReferralCriterion.objects.filter(active=True).order_by("order"))
    assert "same_incident" in {c.code for c in criteria}
    data = {
        "handling": "investigation",
        "recording_reason": "wishes",
        "rationale": "A second complaint about the same arrest.",
        "referred": "no",
        **{f"criterion_{c.code}": "no" for c in criteria},
    }
    form = HandlingForm({**data, "criterion_same_incident": ""}, criteria=criteria)
    assert not form.is_valid()
    assert "criterion_same_incident" in form.errors
    form = HandlingForm({**data, "criterion_same_incident": "yes"}, criteria=criteria)
    assert form.is_valid(), form.errors
    assert [c.code for c in form.service_kwargs()["criteria_met"]] == ["same_incident"]


# --- reg 30: the IOPC reviews complaints about senior officers ------------------------------------


@pytest.mark.parametrize(
    "rank",
    [
        "Assistant Chief Constable",
        "T/ACC",
        "Acting Deputy Chief Constable",
        "Deputy Assistant Commissioner",
        "Commissioner",
    ],
)
def test_a_complaint_about_a_senior_officer_is_reviewed_by_the_iopc(rank):
    case = CaseFactory()
    SubjectFactory(case=case, person__rank_or_grade=rank)
    assert relevant_review_body(case) == ReviewBody.IOPC


@pytest.mark.parametrize("rank", ["Chief Superintendent", "Constable", ""])
def test_below_senior_rank_the_local_policing_body_reviews(rank):
    case = CaseFactory()
    SubjectFactory(case=case, person__rank_or_grade=rank)
    assert relevant_review_body(case) == ReviewBody.LOCAL_POLICING_BODY


# --- the handling decision: recorded stays recorded -----------------------------------------------


def _decide(case, user, handling, **fields):
    from complaints.services import handling as handling_services

    kwargs = {"rationale": "The reasons.", "acting_user": user, **fields}
    if handling == "outside":
        kwargs |= {"what_was_done": "Apologised.", "complainant_view": "Content."}
    else:
        kwargs.setdefault("recording_reason", "wishes")
    return handling_services.handling_decide(case=case, handling=handling, **kwargs)


def test_a_complaint_recorded_under_schedule_3_cannot_be_moved_outside_it(caseworker):
    from complaints.models import HandlingDecision

    case = CaseFactory(team=[caseworker])
    _decide(case, caseworker, "otherwise")
    with pytest.raises(ValidationError) as error:
        _decide(case, caseworker, "outside")
    assert "recorded under Schedule 3" in str(error.value)
    assert HandlingDecision.objects.filter(case=case).count() == 1
    case.refresh_from_db()
    assert case.handling == "otherwise"


def test_dissatisfaction_after_initial_handling_needs_that_initial_handling(caseworker):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError) as error:
        _decide(case, caseworker, "investigation", recording_reason="dissatisfied")
    assert "outside Schedule 3 first" in str(error.value)
    _decide(case, caseworker, "outside")
    _decide(case, caseworker, "investigation", recording_reason="dissatisfied")
    case.refresh_from_db()
    assert case.handling == "investigation"


def test_no_handling_decision_once_the_outcome_is_given(caseworker):
    from complaints.models import HandlingDecision

    case = CaseFactory(team=[caseworker])
    _decide(case, caseworker, "otherwise")
    case.status = CaseStatus.OUTCOME
    case.save(update_fields=["status"])
    with pytest.raises(ValidationError) as error:
        _decide(case, caseworker, "investigation")
    assert "can no longer change" in str(error.value)
    assert HandlingDecision.objects.filter(case=case).count() == 1
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTCOME
