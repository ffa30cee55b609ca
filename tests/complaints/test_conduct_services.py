"""Investigation and conduct services: each rule, tested so the test fails without it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Pause,
    Restriction,
    RestrictionKind,
    Severity,
    SeverityAssessment,
)
from complaints.services import conduct as services
from tests.complaints.factories import CaseFactory, SubjectFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def case(psd_head):
    return CaseFactory(kind=CaseKind.CONDUCT, channel=Channel.INTERNAL)


@pytest.fixture
def subject(case):
    return SubjectFactory(case=case)


# --- opening a conduct matter ------------------------------------------------------------------


def test_a_conduct_matter_opens_with_its_subjects_and_no_source(psd_head):
    people = [PersonFactory(), PersonFactory()]
    case = services.conduct_matter_open(
        summary="Sanitised: the officer is said to disclose information to an associate.",
        received_on=TODAY,
        subjects=people,
        channel=Channel.CCU_REFERRAL,
        acting_user=psd_head,
    )
    assert case.kind == CaseKind.CONDUCT
    assert case.channel == Channel.CCU_REFERRAL
    assert case.reference.startswith("CM-")
    assert [s.person for s in case.subjects.all()] == people
    assert case.history.first().history_change_reason.startswith("Conduct matter opened")
    assert case.lead is None  # the head of PSD allocates it, and is told


def test_the_head_of_psd_is_told_of_an_unallocated_matter_unless_it_is_about_them(
    psd_head, ccu_head
):
    from standards.notifications.models import Notification

    case = services.conduct_matter_open(
        summary="Sanitised referral.",
        received_on=TODAY,
        subjects=[PersonFactory()],
        channel=Channel.CCU_REFERRAL,
        acting_user=ccu_head,
    )
    notice = Notification.objects.get(recipient=psd_head)
    assert notice.subject == f"{case.reference}: new conduct matter to allocate"
    services.conduct_matter_open(
        summary="About the head.",
        received_on=TODAY,
        subjects=[psd_head.person],
        channel=Channel.CCU_REFERRAL,
        acting_user=ccu_head,
    )
    assert Notification.objects.filter(recipient=psd_head).count() == 1


def test_nobody_records_a_conduct_matter_about_themselves(caseworker):
    with pytest.raises(ValidationError):
        services.conduct_matter_open(
            summary="About me.",
            received_on=TODAY,
            subjects=[caseworker.person],
            channel=Channel.INTERNAL,
            acting_user=caseworker,
        )
    assert not Case.objects.exists()


def test_a_caseworker_who_opens_a_conduct_matter_may_work_on_it(caseworker):
    case = services.conduct_matter_open(
        summary="Internal report of rudeness to a colleague.",
        received_on=TODAY,
        subjects=[PersonFactory()],
        channel=Channel.INTERNAL,
        acting_user=caseworker,
    )
    assert case.lead == caseworker
    assert caseworker.has_perm("complaints.work_case", case)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"summary": "  "}, "summary"),
        ({"subjects": []}, "subjects"),
        ({"channel": Channel.ONLINE}, "channel"),
        ({"received_on": TODAY + dt.timedelta(days=1)}, "received_on"),
    ],
)
def test_a_conduct_matter_needs_a_summary_a_subject_and_a_conduct_channel(psd_head, changes, field):
    kwargs = {
        "summary": "Internal report.",
        "received_on": TODAY,
        "subjects": [PersonFactory()],
        "channel": Channel.INTERNAL,
        "acting_user": psd_head,
        **changes,
    }
    with pytest.raises(ValidationError) as error:
        services.conduct_matter_open(**kwargs)
    assert field in error.value.message_dict
    assert not Case.objects.exists()


def test_a_conduct_matter_from_a_complaint_keeps_its_origin(psd_head):
    complaint = CaseFactory()
    kwargs = {
        "summary": "The conduct side of a complaint.",
        "received_on": TODAY,
        "subjects": [PersonFactory()],
        "channel": Channel.FROM_COMPLAINT,
        "acting_user": psd_head,
    }
    with pytest.raises(ValidationError):
        services.conduct_matter_open(**kwargs)
    case = services.conduct_matter_open(origin=complaint, **kwargs)
    assert case.origin == complaint
    assert list(complaint.conduct_matters.all()) == [case]


def test_investigation_start_sets_terms_and_status(case, psd_head):
    services.investigation_start(
        case=case, started_on=TODAY, terms_of_reference="Whether PC X swore.", acting_user=psd_head
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.INVESTIGATION
    assert case.investigation_started_on == TODAY
    assert case.terms_of_reference == "Whether PC X swore."
    assert case.next_due_label  # the clocks were refreshed


def test_only_the_case_team_changes_a_case(case, caseworker):
    # The caseworker is not allocated: the service refuses as the page would (404).
    with pytest.raises(Http404):
        services.investigation_start(
            case=case, started_on=TODAY, terms_of_reference="x", acting_user=caseworker
        )


# --- severity ------------------------------------------------------------------------------------


def test_severity_without_rationale_is_refused(subject, psd_head):
    with pytest.raises(ValidationError) as error:
        services.severity_assess(
            subject=subject, severity=Severity.GROSS, rationale=" ", acting_user=psd_head
        )
    assert "rationale" in error.value.message_dict
    assert not SeverityAssessment.objects.exists()


def test_a_severity_change_without_a_reason_is_refused_and_the_earlier_one_kept(subject, psd_head):
    first = services.severity_assess(
        subject=subject,
        severity=Severity.MISCONDUCT,
        rationale="Swearing at a member of the public.",
        acting_user=psd_head,
    )
    with pytest.raises(ValidationError) as error:
        services.severity_reassess(
            subject=subject,
            severity=Severity.GROSS,
            rationale="Footage shows a push.",
            change_reason="",
            acting_user=psd_head,
        )
    assert "change_reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.severity_reassess(
            subject=subject,
            severity=Severity.GROSS,
            rationale="",
            change_reason="New footage.",
            acting_user=psd_head,
        )
    assert "rationale" in error.value.message_dict
    assert list(SeverityAssessment.objects.all()) == [first]


def test_a_re_assessment_supersedes_and_keeps_who_and_why(subject, psd_head):
    first = services.severity_assess(
        subject=subject,
        severity=Severity.MISCONDUCT,
        rationale="Swearing at a member of the public.",
        acting_user=psd_head,
    )
    second = services.severity_reassess(
        subject=subject,
        severity=Severity.GROSS,
        rationale="Footage shows a push.",
        change_reason="Body-worn video received.",
        acting_user=psd_head,
    )
    first.refresh_from_db()
    assert second.supersedes == first
    assert first.superseded_by == second
    assert (first.severity, first.rationale, first.assessed_by) == (
        Severity.MISCONDUCT,
        "Swearing at a member of the public.",
        psd_head,
    )
    assert second.change_reason == "Body-worn video received."
    assert services.current_assessment(subject) == second
    assert "Misconduct to Gross misconduct" in second.history.first().history_change_reason


def test_a_second_first_assessment_is_refused(subject, psd_head):
    services.severity_assess(
        subject=subject, severity=Severity.PRI, rationale="Minor.", acting_user=psd_head
    )
    with pytest.raises(ValidationError):
        services.severity_assess(
            subject=subject, severity=Severity.GROSS, rationale="Worse.", acting_user=psd_head
        )


def test_markup_in_a_rationale_is_refused(subject, psd_head):
    with pytest.raises(ValidationError):
        services.severity_assess(
            subject=subject,
            severity=Severity.PRI,
            rationale="<script>alert(1)</script>",
            acting_user=psd_head,
        )


# --- reg 17 notice -------------------------------------------------------------------------------


def test_notice_served_is_recorded(subject, psd_head):
    services.notice_served(subject=subject, served_on=TODAY, acting_user=psd_head)
    subject.refresh_from_db()
    assert subject.notice_served_on == TODAY


def test_notice_cannot_be_served_in_the_future(subject, psd_head):
    with pytest.raises(ValidationError):
        services.notice_served(
            subject=subject, served_on=TODAY + dt.timedelta(days=2), acting_user=psd_head
        )


# --- restrictions --------------------------------------------------------------------------------


def test_restriction_review_clock_runs_4_weeks_from_the_latest_review(subject, psd_head):
    start = TODAY - dt.timedelta(days=30)
    restriction = services.restriction_start(
        subject=subject,
        kind=RestrictionKind.SUSPENDED,
        started_on=start,
        rationale="Risk to the public.",
        acting_user=psd_head,
    )
    assert clocks.restriction_review_due(restriction) == start + dt.timedelta(days=28)
    case = subject.case
    case.refresh_from_db()
    # Two days overdue: it is the case's earliest running clock.
    assert case.next_due_on == start + dt.timedelta(days=28)
    assert "suspension" in case.next_due_label.lower()

    services.restriction_review(
        restriction=restriction,
        reviewed_on=TODAY,
        continued=True,
        rationale="Still a risk.",
        acting_user=psd_head,
    )
    restriction.refresh_from_db()
    assert clocks.restriction_review_due(restriction) == TODAY + dt.timedelta(days=28)
    case.refresh_from_db()
    assert case.next_due_on == TODAY + dt.timedelta(days=28)


def test_a_review_that_does_not_continue_ends_the_restriction(subject, psd_head):
    restriction = services.restriction_start(
        subject=subject,
        kind=RestrictionKind.RESTRICTED,
        started_on=TODAY - dt.timedelta(days=10),
        rationale="Kept from front-line duties.",
        acting_user=psd_head,
    )
    services.restriction_review(
        restriction=restriction,
        reviewed_on=TODAY,
        continued=False,
        rationale="No longer needed.",
        acting_user=psd_head,
    )
    restriction.refresh_from_db()
    assert restriction.ended_on == TODAY
    assert restriction.end_reason == "No longer needed."


def test_a_second_open_restriction_is_refused_and_one_needs_reasons(subject, psd_head):
    with pytest.raises(ValidationError):
        services.restriction_start(
            subject=subject,
            kind=RestrictionKind.SUSPENDED,
            started_on=TODAY,
            rationale="",
            acting_user=psd_head,
        )
    services.restriction_start(
        subject=subject,
        kind=RestrictionKind.SUSPENDED,
        started_on=TODAY,
        rationale="Risk.",
        acting_user=psd_head,
    )
    with pytest.raises(ValidationError):
        services.restriction_start(
            subject=subject,
            kind=RestrictionKind.RESTRICTED,
            started_on=TODAY,
            rationale="Also.",
            acting_user=psd_head,
        )
    assert Restriction.objects.count() == 1


def test_restriction_end(subject, psd_head):
    restriction = services.restriction_start(
        subject=subject,
        kind=RestrictionKind.SUSPENDED,
        started_on=TODAY - dt.timedelta(days=3),
        rationale="Risk.",
        acting_user=psd_head,
    )
    services.restriction_end(
        restriction=restriction, ended_on=TODAY, reason="Charges dropped.", acting_user=psd_head
    )
    with pytest.raises(ValidationError):
        services.restriction_end(
            restriction=restriction, ended_on=TODAY, reason="Again.", acting_user=psd_head
        )


# --- sub judice pause ----------------------------------------------------------------------------


def test_pauses_never_overlap(case, psd_head):
    pause = services.pause_start(
        case=case,
        started_on=case.received_on + dt.timedelta(days=1),
        reason="Criminal trial.",
        acting_user=psd_head,
    )
    with pytest.raises(ValidationError):
        services.pause_start(case=case, started_on=TODAY, reason="Another.", acting_user=psd_head)
    services.pause_end(
        pause=pause, ended_on=case.received_on + dt.timedelta(days=5), acting_user=psd_head
    )
    with pytest.raises(ValidationError):
        # Starting inside the pause that has ended.
        services.pause_start(
            case=case,
            started_on=case.received_on + dt.timedelta(days=3),
            reason="Overlap.",
            acting_user=psd_head,
        )
    services.pause_start(case=case, started_on=TODAY, reason="Retrial.", acting_user=psd_head)
    assert Pause.objects.count() == 2


def test_a_pause_needs_a_reason_and_cannot_end_before_it_starts(case, psd_head):
    with pytest.raises(ValidationError):
        services.pause_start(case=case, started_on=TODAY, reason="", acting_user=psd_head)
    pause = services.pause_start(case=case, started_on=TODAY, reason="Trial.", acting_user=psd_head)
    with pytest.raises(ValidationError):
        services.pause_end(pause=pause, ended_on=TODAY - dt.timedelta(days=1), acting_user=psd_head)


# --- reflective practice -------------------------------------------------------------------------


def test_reflective_practice_only_after_pri_and_account_clock(subject, psd_head):
    with pytest.raises(ValidationError):
        services.reflective_practice_refer(subject=subject, referred_on=TODAY, acting_user=psd_head)
    services.severity_assess(
        subject=subject, severity=Severity.PRI, rationale="Learning.", acting_user=psd_head
    )
    # The account is due 5 working days after the referral: Thursday 26 November to Thursday
    # 3 December, across a weekend.
    reflection = services.reflective_practice_refer(
        subject=subject, referred_on=dt.date(2026, 11, 26), acting_user=psd_head
    )
    assert clocks._rprp_clock(subject, reflection).due_on == dt.date(2026, 12, 3)
    with pytest.raises(ValidationError):
        # The report needs the account first.
        services.reflective_practice_complete(
            reflection=reflection, completed_on=TODAY, acting_user=psd_head
        )
    services.reflective_practice_record_account(
        reflection=reflection, received_on=dt.date(2026, 11, 30), acting_user=psd_head
    )
    report = {
        "summary": "Spoke curtly.",
        "discussion": "Why it mattered.",
        "actions": "Training.",
        "action_period": "3 months",
        "lessons_for_officer": "Explain first.",
        "lessons_for_force": "None.",
        "review_period": "6 months",
    }
    with pytest.raises(ValidationError) as error:
        services.reflective_practice_complete(
            reflection=reflection,
            completed_on=TODAY,
            acting_user=psd_head,
            **(report | {"actions": ""}),
        )
    assert "actions" in error.value.message_dict
    services.reflective_practice_complete(
        reflection=reflection, completed_on=TODAY, acting_user=psd_head, **report
    )
    reflection.refresh_from_db()
    assert reflection.completed_on == TODAY
    assert reflection.lessons_for_officer == "Explain first."


def test_case_close(case, psd_head):
    services.case_close(case=case, reason="No case to answer.", acting_user=psd_head)
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_on == TODAY
    with pytest.raises(ValidationError):
        services.pause_start(case=case, started_on=TODAY, reason="x", acting_user=psd_head)


def test_a_sanitised_referral_through_the_exchange_opens_a_conduct_matter(ccu_head):
    """The CCU's side of the corridor calls the receiver PSD registered; what arrives is the
    sanitised summary and the subject, recorded as a CCU referral with nothing about the source."""
    from standards.exchange.registry import referral_receiver

    person = PersonFactory()
    case = referral_receiver()(
        summary="Sanitised: the officer is said to have disclosed information to an associate.",
        subject_ids=[person.pk],
        received_on=timezone.localdate(),
        acting_user=ccu_head,
    )
    assert case.kind == CaseKind.CONDUCT
    assert case.channel == Channel.CCU_REFERRAL
    assert [subject.person for subject in case.subjects.all()] == [person]
