"""Proceedings, the Police Appeals Tribunal and the barred list: the 2020 and 2017 rules."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    BarredList,
    BarredListNotification,
    CaseKind,
    CaseStatus,
    Channel,
    Finding,
    ListedStatus,
    ListingReason,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    ProfessionalStandard,
    Severity,
)
from complaints.selectors import conduct as selectors
from complaints.services import conduct as conduct_services
from complaints.services import proceedings as services
from tests.complaints.factories import AllegationFactory, CaseFactory, SubjectFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _assessed(severity: str, user, **case_fields):
    case = CaseFactory(kind=CaseKind.CONDUCT, channel=Channel.INTERNAL, **case_fields)
    subject = SubjectFactory(case=case)
    conduct_services.severity_assess(
        subject=subject, severity=severity, rationale="Assessed.", acting_user=user
    )
    return subject


def _arrange(subject, user, form=ProceedingsForm.HEARING, held_on=None, **fields):
    return services.proceedings_arrange(
        subject=subject,
        form=form,
        panel="Chair: a legally qualified person; a superintendent; an independent member.",
        held_on=held_on or TODAY - dt.timedelta(days=1),
        venue="Force headquarters, Middlesbrough",
        public_notice=fields.pop("public_notice", "PC Jo Bloggs: alleged assault."),
        acting_user=user,
        **fields,
    )


def _outcome(proceedings, user, **fields):
    kwargs = {
        "finding": Finding.GROSS,
        "outcome": ProceedingsOutcome.FINAL_WRITTEN_WARNING,
        "rationale": "Proven on the footage.",
        "outcome_on": TODAY,
        "public_outcome": "Gross misconduct proven; final written warning.",
        **fields,
    }
    return services.proceedings_record_outcome(proceedings=proceedings, acting_user=user, **kwargs)


# --- which subjects go to which proceedings -------------------------------------------------------


def test_gross_misconduct_goes_to_a_hearing_and_the_case_moves_to_proceedings(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    proceedings = _arrange(subject, psd_head)
    assert proceedings.form == ProceedingsForm.HEARING
    subject.case.refresh_from_db()
    assert subject.case.status == CaseStatus.PROCEEDINGS


def test_misconduct_goes_to_a_meeting_not_a_hearing(psd_head):
    subject = _assessed(Severity.MISCONDUCT, psd_head)
    with pytest.raises(ValidationError) as error:
        _arrange(subject, psd_head, form=ProceedingsForm.HEARING)
    assert "only gross misconduct goes to a hearing" in str(error.value)
    assert _arrange(subject, psd_head, form=ProceedingsForm.MEETING).public_notice == ""


def test_gross_misconduct_does_not_go_to_a_meeting(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    with pytest.raises(ValidationError):
        _arrange(subject, psd_head, form=ProceedingsForm.MEETING)


@pytest.mark.parametrize("severity", [Severity.NO_CASE, Severity.PRI])
def test_no_proceedings_below_misconduct(psd_head, severity):
    subject = _assessed(severity, psd_head)
    with pytest.raises(ValidationError):
        _arrange(subject, psd_head, form=ProceedingsForm.MEETING)
    assert not Proceedings.objects.exists()


def test_the_severity_in_force_decides_after_a_re_assessment(psd_head):
    subject = _assessed(Severity.MISCONDUCT, psd_head)
    conduct_services.severity_reassess(
        subject=subject,
        severity=Severity.GROSS,
        rationale="Worse than thought.",
        change_reason="Witness statement.",
        acting_user=psd_head,
    )
    assert _arrange(subject, psd_head, form=ProceedingsForm.ACCELERATED).pk


# --- outcomes ------------------------------------------------------------------------------------


def test_management_advice_is_not_an_outcome():
    assert "management_advice" not in ProceedingsOutcome.values
    assert not any("management advice" in label.lower() for label in ProceedingsOutcome.labels)


def test_management_advice_is_refused_by_the_service(psd_head):
    subject = _assessed(Severity.MISCONDUCT, psd_head)
    meeting = _arrange(subject, psd_head, form=ProceedingsForm.MEETING)
    with pytest.raises(ValidationError) as error:
        _outcome(meeting, psd_head, finding=Finding.MISCONDUCT, outcome="management_advice")
    assert "outcome" in error.value.message_dict
    meeting.refresh_from_db()
    assert meeting.outcome == ""


@pytest.mark.parametrize(
    "outcome", [ProceedingsOutcome.DISMISSAL, ProceedingsOutcome.REDUCTION_IN_RANK]
)
def test_dismissal_or_reduction_in_rank_is_impossible_at_a_meeting(psd_head, outcome):
    subject = _assessed(Severity.MISCONDUCT, psd_head)
    meeting = _arrange(subject, psd_head, form=ProceedingsForm.MEETING)
    with pytest.raises(ValidationError) as error:
        _outcome(meeting, psd_head, finding=Finding.MISCONDUCT, outcome=outcome)
    assert error.value.message_dict["outcome"] == [
        "A misconduct meeting cannot reduce in rank or dismiss: only a hearing can"
    ]
    meeting.refresh_from_db()
    assert meeting.outcome == ""


def test_the_database_refuses_dismissal_at_a_meeting_too(psd_head):
    subject = _assessed(Severity.MISCONDUCT, psd_head)
    meeting = _arrange(subject, psd_head, form=ProceedingsForm.MEETING)
    meeting.outcome = ProceedingsOutcome.DISMISSAL
    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.save()


def test_a_meeting_cannot_find_gross_misconduct(psd_head):
    subject = _assessed(Severity.MISCONDUCT, psd_head)
    meeting = _arrange(subject, psd_head, form=ProceedingsForm.MEETING)
    with pytest.raises(ValidationError):
        _outcome(meeting, psd_head, finding=Finding.GROSS, outcome="written_warning")


def test_not_proven_means_no_further_action(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    hearing = _arrange(subject, psd_head)
    with pytest.raises(ValidationError):
        _outcome(hearing, psd_head, finding=Finding.NOT_PROVEN)
    _outcome(hearing, psd_head, finding=Finding.NOT_PROVEN, outcome="nfa")


def test_a_hearing_outcome_closes_a_conduct_matter_and_is_published_with_its_notice(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    hearing = _arrange(subject, psd_head)
    services.hearing_notice_publish(proceedings=hearing, acting_user=psd_head)
    _outcome(hearing, psd_head, outcome=ProceedingsOutcome.DISMISSAL)
    hearing.refresh_from_db()
    assert hearing.outcome_published_at is not None
    case = subject.case
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.outcome_on == TODAY


def test_a_complaint_case_is_not_closed_by_the_outcome(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    subject.case.kind = CaseKind.COMPLAINT
    subject.case.save()
    hearing = _arrange(subject, psd_head)
    _outcome(hearing, psd_head)
    subject.case.refresh_from_db()
    assert subject.case.status == CaseStatus.PROCEEDINGS  # the letters and review follow


def test_a_hearing_outcome_needs_its_public_wording(psd_head):
    hearing = _arrange(_assessed(Severity.GROSS, psd_head), psd_head)
    with pytest.raises(ValidationError) as error:
        _outcome(hearing, psd_head, public_outcome="")
    assert "public_outcome" in error.value.message_dict


# --- the public notice ---------------------------------------------------------------------------


def test_a_meeting_has_no_public_notice(psd_head):
    meeting = _arrange(_assessed(Severity.MISCONDUCT, psd_head), psd_head, form="meeting")
    with pytest.raises(ValidationError):
        services.hearing_notice_publish(
            proceedings=meeting, public_notice="Notice.", acting_user=psd_head
        )


def test_the_notice_never_names_the_complainant_or_gives_the_reference(psd_head):
    from tests.complaints.factories import ComplainantFactory

    subject = _assessed(Severity.GROSS, psd_head)
    complainant = ComplainantFactory(case=subject.case, name="Dana Whitlock")
    hearing = _arrange(subject, psd_head)
    for notice in (
        f"PC Bloggs: assault on {complainant.name}.",
        f"PC Bloggs ({subject.case.reference}).",
    ):
        with pytest.raises(ValidationError):
            services.hearing_notice_publish(
                proceedings=hearing, public_notice=notice, acting_user=psd_head
            )
    hearing.refresh_from_db()
    assert hearing.notice_published_at is None
    assert not selectors.hearings_published().exists()


def test_a_notice_is_public_only_once_published(psd_head):
    hearing = _arrange(_assessed(Severity.GROSS, psd_head), psd_head)
    assert list(selectors.hearings_published()) == []
    services.hearing_notice_publish(proceedings=hearing, acting_user=psd_head)
    assert list(selectors.hearings_published()) == [hearing]


# --- the Police Appeals Tribunal -----------------------------------------------------------------


def test_a_tribunal_appeal_follows_a_hearing_outcome(psd_head):
    hearing = _arrange(_assessed(Severity.GROSS, psd_head), psd_head)
    with pytest.raises(ValidationError):
        services.tribunal_appeal_record(
            proceedings=hearing, lodged_on=TODAY, grounds="Unfair.", acting_user=psd_head
        )
    _outcome(hearing, psd_head, outcome=ProceedingsOutcome.DISMISSAL)
    appeal = services.tribunal_appeal_record(
        proceedings=hearing,
        lodged_on=TODAY,
        grounds="The sanction was unreasonable.",
        acting_user=psd_head,
    )
    services.tribunal_appeal_decide(
        appeal=appeal, result="Dismissed", decided_on=TODAY, acting_user=psd_head
    )
    appeal.refresh_from_db()
    assert appeal.result == "Dismissed"


def test_no_tribunal_appeal_from_a_meeting(psd_head):
    meeting = _arrange(_assessed(Severity.MISCONDUCT, psd_head), psd_head, form="meeting")
    _outcome(meeting, psd_head, finding=Finding.MISCONDUCT, outcome="written_warning")
    with pytest.raises(ValidationError):
        services.tribunal_appeal_record(
            proceedings=meeting, lodged_on=TODAY, grounds="x", acting_user=psd_head
        )


# --- the barred and advisory lists ---------------------------------------------------------------


def test_barred_list_due_across_the_christmas_bank_holidays():
    # Dismissed on Thursday 24 December 2026: Christmas Day (Fri), the weekend, Boxing Day
    # observed on Monday 28th and New Year's Day (Fri 1 January) do not count: 29, 30, 31
    # December, 4 and 5 January.
    assert selectors.barred_list_due(dt.date(2026, 12, 24)) == dt.date(2027, 1, 5)


def _dismissed(psd_head, held_on):
    subject = _assessed(Severity.GROSS, psd_head)
    standard = ProfessionalStandard.objects.get(name__icontains="honesty")
    AllegationFactory(case=subject.case, subjects=[subject]).standards.set([standard])
    hearing = _arrange(subject, psd_head, held_on=held_on)
    _outcome(hearing, psd_head, outcome=ProceedingsOutcome.DISMISSAL, outcome_on=held_on)
    return subject, standard


def test_barred_list_notification_is_prefilled_and_due_in_5_working_days(psd_head, settings):
    # Dismissed on Thursday 2 April 2026, before Good Friday and Easter Monday: due Monday 13th.
    subject, standard = _dismissed(psd_head, dt.date(2026, 4, 2))
    person = subject.person
    initial = services.barred_list_prefill(subject=subject)
    assert initial["full_name"] == f"{person.first_name} {person.last_name}"
    assert initial["force"] == settings.FORCE_NAME
    assert initial["reason"] == ListingReason.DISMISSED
    assert initial["trigger_on"] == dt.date(2026, 4, 2)
    assert initial["status"] == ListedStatus.FORMER_OFFICER
    assert initial["standards_breached"] == [standard.pk]
    assert initial["proceedings_form"] == ProceedingsForm.HEARING

    listing = services.barred_list_notify(
        subject=subject,
        date_of_birth=dt.date(1985, 6, 1),
        acting_user=psd_head,
        **{
            k: initial[k]
            for k in (
                "reason",
                "trigger_on",
                "full_name",
                "force",
                "status",
                "rank",
                "warrant_or_staff_number",
                "conduct",
                "standards_breached",
                "conduct_date",
                "allegation_summary",
                "proceedings_form",
            )
        },
    )
    assert listing.barred_list == BarredList.BARRED
    assert list(listing.standards_breached.all()) == [standard]
    clock = clocks._listing_clock(subject, listing)
    assert clock.due_on == dt.date(2026, 4, 13)
    assert clock.done_on is None
    services.barred_list_sent(
        listing=listing, notified_on=dt.date(2026, 4, 9), acting_user=psd_head
    )
    listing.refresh_from_db()
    assert clocks._listing_clock(subject, listing).met is True


def test_barred_list_needs_a_dismissal_and_the_advisory_list_a_summary(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    standard = ProfessionalStandard.objects.first()
    fields = {
        "subject": subject,
        "trigger_on": TODAY,
        "full_name": "Jo Bloggs",
        "force": "Northmoor Police",
        "date_of_birth": None,
        "status": ListedStatus.FORMER_OFFICER,
        "rank": "Constable",
        "warrant_or_staff_number": "1234",
        "conduct": "Assault.",
        "standards_breached": [standard],
        "acting_user": psd_head,
    }
    with pytest.raises(ValidationError) as error:
        services.barred_list_notify(reason=ListingReason.DISMISSED, **fields)
    assert "reason" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.barred_list_notify(reason=ListingReason.RESIGNED, **fields)
    assert "allegation_summary" in error.value.message_dict
    assert not BarredListNotification.objects.exists()
    listing = services.barred_list_notify(
        reason=ListingReason.RESIGNED, allegation_summary="Assault on a detainee.", **fields
    )
    assert listing.barred_list == BarredList.ADVISORY


def test_the_outcome_ends_the_subjects_suspension(psd_head):
    subject = _assessed(Severity.GROSS, psd_head)
    restriction = conduct_services.restriction_start(
        subject=subject,
        kind="suspended",
        started_on=TODAY - dt.timedelta(days=20),
        rationale="Risk.",
        acting_user=psd_head,
    )
    _outcome(_arrange(subject, psd_head), psd_head)
    restriction.refresh_from_db()
    assert restriction.ended_on == TODAY
    assert restriction.end_reason == "Proceedings concluded: Final written warning"


def test_a_notice_published_after_the_outcome_publishes_the_outcome_too(psd_head):
    hearing = _arrange(_assessed(Severity.GROSS, psd_head), psd_head)
    _outcome(hearing, psd_head)
    hearing.refresh_from_db()
    assert hearing.outcome_published_at is None
    services.hearing_notice_publish(proceedings=hearing, acting_user=psd_head)
    hearing.refresh_from_db()
    assert hearing.outcome_published_at == hearing.notice_published_at
