"""Investigation and conduct: opening a conduct matter, the investigation's statutory decisions
(Police (Conduct) Regulations 2020) and the sub judice pause.

Every decision is a new row with who made it, when and why; nothing is overwritten. A service
that changes a date a clock reads calls ``clocks.refresh`` before it returns. Proceedings, the
Police Appeals Tribunal, the barred list and lessons are in ``services.proceedings``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from complaints import clocks
from complaints.models import (
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Pause,
    ReflectivePractice,
    Restriction,
    RestrictionKind,
    RestrictionReview,
    Severity,
    SeverityAssessment,
    Subject,
    TimelinessReport,
)
from complaints.services.common import (
    clean_text,
    locked_case,
    not_in_future,
    save_with_history,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core import extensions
from standards.core.dates import written
from standards.notifications.services import notifications_done, notify
from standards.people.models import Person

# The ways a conduct matter not arising from a complaint reaches PSD (DOMAIN.md, Conduct).
CONDUCT_CHANNELS = (Channel.INTERNAL, Channel.CCU_REFERRAL, Channel.FROM_COMPLAINT)


# --- what every step shares ---------------------------------------------------------------------


def require_appropriate_authority(acting_user) -> None:
    """Severity (reg 14) and suspension or restricted duties are the appropriate authority's
    decisions (the head of PSD); a caseworker records, investigates and proposes."""
    if not policy.holds(acting_user, Role.PSD_DECISION_MAKER):
        raise Http404("No such case")


def require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError("The case is closed")


def current_assessment(subject: Subject) -> SeverityAssessment | None:
    """The assessment in force: the latest, which nothing supersedes."""
    return (
        SeverityAssessment.objects.filter(subject=subject, superseded_by__isnull=True)
        .order_by("-assessed_at", "-pk")
        .first()
    )


# --- opening a conduct matter and starting the investigation -------------------------------------


@transaction.atomic
def conduct_matter_open(
    *,
    summary: str,
    received_on: dt.date,
    subjects: Iterable,
    channel: str,
    origin: Case | None = None,
    acting_user,
) -> Case:
    """A conduct matter not arising from a complaint's handling: an internal report, a CCU
    sanitised referral (step 6 calls this with ``Channel.CCU_REFERRAL``; nothing about the
    source is stored, only what the summary says) or a complaint's conduct side (``origin``).

    A PSD caseworker who opens one is granted it (they are its first case team); the head of
    PSD allocates it otherwise."""
    summary = clean_text(summary, "summary", required="Enter a summary of the conduct")
    if channel not in CONDUCT_CHANNELS:
        raise ValidationError({"channel": "Select how the conduct matter came to PSD"})
    if received_on is None:
        raise ValidationError({"received_on": "Enter the date PSD received it"})
    not_in_future(received_on, "received_on", "The date received")
    people = list(dict.fromkeys(subjects))
    if not people:
        raise ValidationError({"subjects": "Enter the staff number of at least one subject"})
    own = getattr(acting_user, "person_id", None)
    if own and any(person.pk == own for person in people):
        raise ValidationError({"subjects": "You cannot record a conduct matter about yourself"})
    if channel == Channel.FROM_COMPLAINT and origin is None:
        raise ValidationError({"origin": "Say which complaint the conduct matter arises from"})
    if origin is not None and origin.kind != CaseKind.COMPLAINT:
        raise ValidationError({"origin": "A conduct matter arises only from a complaint"})
    case = Case(
        kind=CaseKind.CONDUCT,
        channel=channel,
        summary=summary,
        received_on=received_on,
        logged_on=timezone.localdate(),
        origin=origin if channel == Channel.FROM_COMPLAINT else None,
        created_by=acting_user,
    )
    save_with_history(
        case, f"Conduct matter opened ({Channel(channel).label.lower()})", acting_user
    )
    for person in people:
        save_with_history(Subject(case=case, person=person), "Subject named", acting_user)
    extensions.record_about_people(
        kind="conduct",
        record=case,
        person_ids=[person.pk for person in people],
        summary=f"{case.reference}: conduct matter opened",
    )
    if policy.holds(acting_user, Role.PSD_CASEWORKER) and not policy.holds(
        acting_user, Role.PSD_DECISION_MAKER
    ):
        assign_perm("complaints.view_case", acting_user, case)
        assign_perm("complaints.work_case", acting_user, case)
        case.lead = acting_user
        save_with_history(
            case, "Opened by the caseworker who leads it", acting_user, update_fields=["lead"]
        )
    else:
        _tell_heads_to_allocate(case, people)
    clocks.refresh(case)
    return case


def _tell_heads_to_allocate(case: Case, people: list) -> None:
    """An unallocated matter waits for the head of PSD; the e-mail says only "sign in"."""
    from standards.accounts.models import User

    heads = User.objects.filter(groups__name=Role.PSD_DECISION_MAKER.value, is_active=True)
    # Nobody is told of a matter about themselves.
    heads = heads.exclude(person__in=[person.pk for person in people])
    notify(
        recipients=list(heads),
        key=f"conduct-{case.pk}-opened",
        subject="new conduct matter to allocate",
        url=reverse("complaints:case", kwargs={"pk": case.pk}),
        record=case,
    )


@transaction.atomic
def conduct_matter_receive_referral(
    *, summary: str, subject_ids: Iterable[int], received_on: dt.date, acting_user
) -> Case:
    """What a CCU sanitised referral opens (registered with the corridor exchange): a conduct
    matter from the sanitised text and the people it is about. The exchange hands over nothing
    else, so nothing about the source can reach the case."""
    ids = list(subject_ids)
    people = list(Person.objects.filter(pk__in=ids))
    if len(people) != len(set(ids)):
        raise ValidationError(
            {"subjects": "A person the referral is about is not in the directory"}
        )
    return conduct_matter_open(
        summary=summary,
        received_on=received_on,
        subjects=people,
        channel=Channel.CCU_REFERRAL,
        acting_user=acting_user,
    )


@transaction.atomic
def investigation_start(
    *, case: Case, started_on: dt.date, terms_of_reference: str, acting_user
) -> Case:
    """The investigation begins: its terms of reference, and the date the 12-month report
    (reg 13, conduct reg 19) counts from."""
    case = locked_case(case, acting_user)
    require_open(case)
    if case.investigation_started_on:
        raise ValidationError("The investigation has already started")
    terms = clean_text(
        terms_of_reference, "terms_of_reference", required="Enter the terms of reference"
    )
    if started_on is None:
        raise ValidationError({"started_on": "Enter the date the investigation started"})
    not_in_future(started_on, "started_on", "The start date")
    if started_on < case.received_on:
        raise ValidationError(
            {"started_on": "The investigation cannot start before the case was received"}
        )
    case.investigation_started_on = started_on
    case.terms_of_reference = terms
    case.status = CaseStatus.INVESTIGATION
    save_with_history(case, "Investigation started", acting_user)
    clocks.refresh(case)
    return case


# --- severity (reg 14) ---------------------------------------------------------------------------


def subject_on_open_case(subject: Subject, acting_user) -> tuple[Subject, Case]:
    case = locked_case(subject.case, acting_user)
    require_open(case)
    return Subject.objects.get(pk=subject.pk), case


def _assessment(
    *, subject, case, severity, rationale, change_reason, supersedes, acting_user
) -> SeverityAssessment:
    if severity not in Severity.values:
        raise ValidationError({"severity": "Select the severity"})
    rationale = clean_text(
        rationale, "rationale", required="Enter the reasons for the severity assessment"
    )
    assessment = SeverityAssessment(
        case=case,
        subject=subject,
        severity=severity,
        rationale=rationale,
        change_reason=change_reason,
        supersedes=supersedes,
        assessed_by=acting_user,
        assessed_at=timezone.now(),
    )
    reason = f"Severity assessed: {Severity(severity).label}"
    if supersedes is not None:
        reason = f"Severity re-assessed: {supersedes.get_severity_display()} to {assessment}"
    save_with_history(assessment, reason, acting_user)
    return assessment


@transaction.atomic
def severity_assess(
    *, subject: Subject, severity: str, rationale: str, acting_user
) -> SeverityAssessment:
    """The first severity assessment of a subject, always with its reasons (inspectors found
    upgrades with no rationale)."""
    require_appropriate_authority(acting_user)
    subject, case = subject_on_open_case(subject, acting_user)
    if current_assessment(subject) is not None:
        raise ValidationError(
            "This subject has been assessed: re-assess them, saying why it changed"
        )
    return _assessment(
        subject=subject,
        case=case,
        severity=severity,
        rationale=rationale,
        change_reason="",
        supersedes=None,
        acting_user=acting_user,
    )


@transaction.atomic
def severity_reassess(
    *, subject: Subject, severity: str, rationale: str, change_reason: str, acting_user
) -> SeverityAssessment:
    """A re-assessment: a new row superseding the one in force, which is kept with who made it
    and why. Refused without the reasons for the new assessment and why it changed."""
    require_appropriate_authority(acting_user)
    subject, case = subject_on_open_case(subject, acting_user)
    earlier = current_assessment(subject)
    if earlier is None:
        raise ValidationError("This subject has not been assessed yet")
    change_reason = clean_text(
        change_reason, "change_reason", required="Enter why the assessment has changed"
    )
    return _assessment(
        subject=subject,
        case=case,
        severity=severity,
        rationale=rationale,
        change_reason=change_reason,
        supersedes=earlier,
        acting_user=acting_user,
    )


# --- the reg 17 notice ---------------------------------------------------------------------------


@transaction.atomic
def notice_served(*, subject: Subject, served_on: dt.date, acting_user) -> Subject:
    """The written notice of investigation (reg 17) was served on the subject."""
    subject, case = subject_on_open_case(subject, acting_user)
    if not subject.is_identified:
        raise ValidationError("A notice can only be served on an identified subject")
    if served_on is None:
        raise ValidationError({"served_on": "Enter the date the notice was served"})
    not_in_future(served_on, "served_on", "The date served")
    if served_on < case.received_on:
        raise ValidationError({"served_on": "The notice cannot predate the case"})
    subject.notice_served_on = served_on
    save_with_history(subject, "Regulation 17 notice served", acting_user)
    return subject


# --- suspension and restricted duties ------------------------------------------------------------


def _restriction(restriction: Restriction, acting_user) -> tuple[Restriction, Case]:
    require_appropriate_authority(acting_user)
    case = locked_case(restriction.subject.case, acting_user)
    restriction = Restriction.objects.select_for_update().get(pk=restriction.pk)
    if restriction.ended_on is not None:
        raise ValidationError("This restriction has already ended")
    return restriction, case


@transaction.atomic
def restriction_start(
    *, subject: Subject, kind: str, started_on: dt.date, rationale: str, acting_user
) -> Restriction:
    """The subject is suspended or put on restricted duties; reviewed at least every 4 weeks."""
    require_appropriate_authority(acting_user)
    subject, case = subject_on_open_case(subject, acting_user)
    if kind not in RestrictionKind.values:
        raise ValidationError({"kind": "Select suspension or restricted duties"})
    rationale = clean_text(rationale, "rationale", required="Enter the reasons for the decision")
    if started_on is None:
        raise ValidationError({"started_on": "Enter the date it starts"})
    if subject.restrictions.filter(ended_on__isnull=True).exists():
        raise ValidationError(
            "The subject is already suspended or restricted: end that first, or review it"
        )
    restriction = Restriction(
        subject=subject,
        kind=kind,
        started_on=started_on,
        rationale=rationale,
        decided_by=acting_user,
    )
    save_with_history(
        restriction, f"{restriction.get_kind_display()} from {started_on}", acting_user
    )
    clocks.refresh(case)
    return restriction


@transaction.atomic
def restriction_review(
    *,
    restriction: Restriction,
    reviewed_on: dt.date,
    continued: bool,
    rationale: str,
    acting_user,
) -> RestrictionReview:
    """A review of the suspension or restriction: it continues (the next review is due 4 weeks
    on) or ends on the day of the review."""
    restriction, case = _restriction(restriction, acting_user)
    rationale = clean_text(
        rationale, "rationale", required="Enter the reasons for the review decision"
    )
    if reviewed_on is None:
        raise ValidationError({"reviewed_on": "Enter the date of the review"})
    not_in_future(reviewed_on, "reviewed_on", "The review date")
    if reviewed_on < restriction.started_on:
        raise ValidationError({"reviewed_on": "The review cannot be before the restriction began"})
    review = RestrictionReview(
        restriction=restriction,
        reviewed_on=reviewed_on,
        continued=continued,
        rationale=rationale,
        reviewed_by=acting_user,
    )
    save_with_history(review, "Reviewed: continues" if continued else "Reviewed: ends", acting_user)
    if not continued:
        restriction.ended_on = reviewed_on
        restriction.end_reason = rationale
        save_with_history(restriction, "Ended at review", acting_user)
    clocks.refresh(case)
    return review


@transaction.atomic
def restriction_end(
    *, restriction: Restriction, ended_on: dt.date, reason: str, acting_user
) -> Restriction:
    restriction, case = _restriction(restriction, acting_user)
    reason = clean_text(reason, "reason", required="Enter why it ends")
    if ended_on is None:
        raise ValidationError({"ended_on": "Enter the date it ends"})
    if ended_on < restriction.started_on:
        raise ValidationError({"ended_on": "It cannot end before it started"})
    restriction.ended_on = ended_on
    restriction.end_reason = reason
    save_with_history(restriction, "Ended", acting_user)
    clocks.refresh(case)
    return restriction


# --- the sub judice pause ------------------------------------------------------------------------


@transaction.atomic
def pause_start(*, case: Case, started_on: dt.date, reason: str, acting_user) -> Pause:
    """The investigation is suspended while criminal proceedings run (sub judice). Durations are
    then reported with and without the pause; pauses never overlap."""
    case = locked_case(case, acting_user)
    require_open(case)
    reason = clean_text(reason, "reason", required="Enter why the investigation is paused")
    if started_on is None:
        raise ValidationError({"started_on": "Enter the date the pause starts"})
    not_in_future(started_on, "started_on", "The start of the pause")
    if started_on < case.received_on:
        raise ValidationError({"started_on": "A pause cannot start before the case was received"})
    if case.pauses.filter(ended_on__isnull=True).exists():
        raise ValidationError("The investigation is already paused: end that pause first")
    if case.pauses.filter(ended_on__gt=started_on).exists():
        raise ValidationError({"started_on": "This would overlap an earlier pause"})
    pause = Pause(case=case, reason=reason, started_on=started_on, recorded_by=acting_user)
    save_with_history(pause, "Sub judice pause started", acting_user)
    clocks.refresh(case)
    return pause


@transaction.atomic
def pause_end(*, pause: Pause, ended_on: dt.date, acting_user) -> Pause:
    case = locked_case(pause.case, acting_user)
    pause = Pause.objects.select_for_update().get(pk=pause.pk)
    if pause.ended_on is not None:
        raise ValidationError("This pause has already ended")
    if ended_on is None:
        raise ValidationError({"ended_on": "Enter the date the pause ends"})
    not_in_future(ended_on, "ended_on", "The end of the pause")
    if ended_on < pause.started_on:
        raise ValidationError({"ended_on": "The pause cannot end before it started"})
    pause.ended_on = ended_on
    save_with_history(pause, "Sub judice pause ended", acting_user)
    clocks.refresh(case)
    return pause


# --- the timeliness report (reg 13; conduct reg 19) ---------------------------------------------


@transaction.atomic
def timeliness_report_record(
    *,
    case: Case,
    period_ended_on: dt.date,
    sent_on: dt.date,
    progress: str,
    conclusion_expected_on: dt.date,
    report_expected_on: dt.date,
    reason_for_time: str,
    planned_steps: str,
    withheld_from_policing_body: bool,
    withheld_reason: str = "",
    officer_copy_sent: bool,
    officer_copy_reason: str = "",
    acting_user,
) -> TimelinessReport:
    """The written report on an investigation not completed within a relevant period has been
    sent: to the local policing body (unless that might prejudice this or another investigation,
    a criminal one in particular: then the reason is recorded instead) and the IOPC, with a copy
    to the officer concerned unless the harm test says not (conduct reg 19(4)).

    One report answers one period, once the period has ended; until then the case's clock stays
    on that period and goes overdue. The report states the date the complaint was made (or the
    matter came to attention) and the first regulation 17 notice as the case holds them now."""
    case = locked_case(case, acting_user)
    require_open(case)
    if case.investigation_started_on is None:
        raise ValidationError("There is no investigation to report on: start it first")
    if case.outcome_on is not None:
        raise ValidationError("The investigation has its outcome: no more reports are due")
    if period_ended_on is None:
        raise ValidationError("Say which relevant period the report answers")
    period = clocks.report_period_ending(case, period_ended_on)
    if period is None:
        raise ValidationError(
            f"No relevant period of {case.reference} ends on {written(period_ended_on)}"
        )
    ends = written(period.ends_on)
    if period.ends_on >= timezone.localdate():
        raise ValidationError(
            f"The relevant period ends on {ends}: record the report once it has ended"
        )
    if not clocks.period_owes_report(case, period):
        raise ValidationError(
            f"The investigation started after the period ending {ends}: no report is due for it"
        )
    if case.timeliness_reports.filter(period_ended_on=period.ends_on).exists():
        raise ValidationError(f"A report for the period ending {ends} is already recorded")
    if sent_on is None:
        raise ValidationError({"sent_on": "Enter the date the report was sent"})
    not_in_future(sent_on, "sent_on", "The date the report was sent")
    if sent_on <= period.ends_on:
        raise ValidationError(
            {
                "sent_on": f"The report is sent after the period ends: on or after "
                f"{written(period.report_due_on)}"
            }
        )
    progress = clean_text(progress, "progress", required="Enter the progress of the investigation")
    reason_for_time = clean_text(
        reason_for_time,
        "reason_for_time",
        required="Enter why the investigation is taking this long",
    )
    planned_steps = clean_text(
        planned_steps, "planned_steps", required="Enter the steps planned to complete it"
    )
    if conclusion_expected_on is None:
        raise ValidationError(
            {"conclusion_expected_on": "Enter when the investigation is expected to conclude"}
        )
    if conclusion_expected_on < sent_on:
        raise ValidationError(
            {
                "conclusion_expected_on": "The estimate of when the investigation concludes cannot "
                "be before the report was sent"
            }
        )
    if report_expected_on is None:
        raise ValidationError(
            {"report_expected_on": "Enter when the investigation report is expected"}
        )
    if report_expected_on < conclusion_expected_on:
        raise ValidationError(
            {
                "report_expected_on": "The investigation report cannot be expected before the "
                "investigation concludes"
            }
        )
    withheld_reason = clean_text(withheld_reason, "withheld_reason")
    if withheld_from_policing_body and not withheld_reason:
        raise ValidationError(
            {
                "withheld_reason": "Enter how sending it to the local policing body might "
                "prejudice an investigation"
            }
        )
    officer_copy_reason = clean_text(officer_copy_reason, "officer_copy_reason")
    if not officer_copy_sent and not officer_copy_reason:
        raise ValidationError(
            {"officer_copy_reason": "Enter why no copy went to the officer concerned"}
        )
    notices = [s.notice_served_on for s in case.subjects.all() if s.notice_served_on]
    report = TimelinessReport(
        case=case,
        period_ended_on=period.ends_on,
        sent_on=sent_on,
        complaint_made_on=clocks.report_period_start(case),
        notice_given_on=min(notices, default=None),
        progress=progress,
        conclusion_expected_on=conclusion_expected_on,
        report_expected_on=report_expected_on,
        reason_for_time=reason_for_time,
        planned_steps=planned_steps,
        withheld_from_policing_body=withheld_from_policing_body,
        withheld_reason=withheld_reason if withheld_from_policing_body else "",
        officer_copy_sent=officer_copy_sent,
        officer_copy_reason="" if officer_copy_sent else officer_copy_reason,
        recorded_by=acting_user,
        recorded_at=timezone.now(),
    )
    save_with_history(report, f"{period.months}-month report sent on {sent_on}", acting_user)
    # The reminders of this report close now, not on the next run.
    notifications_done(record=case, steps=("report",))
    # The case's own history says a report was sent (its timeline is read by the review body,
    # the local policing body's own reviewers): never to whom, which would tell them of one
    # withheld from them.
    case._history_user = acting_user
    clocks.refresh(case, reason=f"{period.months}-month timeliness report sent")
    return report


# --- the Reflective Practice Review Process (RPRP) -----------------------------------------------


@transaction.atomic
def reflective_practice_refer(
    *, subject: Subject, referred_on: dt.date, acting_user
) -> ReflectivePractice:
    """Refer the subject to reflective practice: after an assessment of practice requiring
    improvement, or as the outcome of proceedings. Their account is due in 5 working days."""
    subject, case = subject_on_open_case(subject, acting_user)
    current = current_assessment(subject)
    from_proceedings = subject.proceedings.filter(outcome="rprp").exists()
    if not from_proceedings and (current is None or current.severity != Severity.PRI):
        raise ValidationError(
            "Only a subject assessed as practice requiring improvement, or referred by "
            "proceedings, goes to reflective practice"
        )
    if subject.reflections.filter(completed_on__isnull=True).exists():
        raise ValidationError("This subject's reflective practice is already under way")
    if referred_on is None:
        raise ValidationError({"referred_on": "Enter the date of the referral"})
    not_in_future(referred_on, "referred_on", "The referral date")
    reflection = ReflectivePractice(
        subject=subject, referred_on=referred_on, recorded_by=acting_user
    )
    save_with_history(reflection, "Referred to reflective practice", acting_user)
    clocks.refresh(case)
    return reflection


def _reflection(reflection: ReflectivePractice, acting_user) -> tuple[ReflectivePractice, Case]:
    case = locked_case(reflection.subject.case, acting_user)
    reflection = ReflectivePractice.objects.select_for_update().get(pk=reflection.pk)
    if reflection.completed_on is not None:
        raise ValidationError("This reflective practice is complete")
    return reflection, case


@transaction.atomic
def reflective_practice_record_account(
    *, reflection: ReflectivePractice, received_on: dt.date, acting_user
) -> ReflectivePractice:
    reflection, case = _reflection(reflection, acting_user)
    if reflection.account_received_on is not None:
        raise ValidationError("The account has already been recorded")
    if received_on is None:
        raise ValidationError({"received_on": "Enter the date the account was received"})
    not_in_future(received_on, "received_on", "The date received")
    if received_on < reflection.referred_on:
        raise ValidationError({"received_on": "The account cannot predate the referral"})
    reflection.account_received_on = received_on
    save_with_history(reflection, "Officer's account received", acting_user)
    clocks.refresh(case)
    return reflection


REPORT_FIELDS = {
    "summary": "Enter a summary of the matter",
    "discussion": "Enter what was discussed",
    "actions": "Enter the actions agreed",
    "action_period": "Enter the time period for the actions",
    "lessons_for_officer": "Enter the lessons for the officer",
    "lessons_for_force": "Enter the lessons for the force, or say there are none",
    "review_period": "Enter the review period",
}


@transaction.atomic
def reflective_practice_complete(
    *, reflection: ReflectivePractice, completed_on: dt.date, acting_user, **report: str
) -> ReflectivePractice:
    """The reflective practice development report, which completes the process."""
    reflection, case = _reflection(reflection, acting_user)
    if reflection.account_received_on is None:
        raise ValidationError("Record the officer's account before the report")
    for field, message in REPORT_FIELDS.items():
        setattr(reflection, field, clean_text(report.get(field, ""), field, required=message))
    if completed_on is None:
        raise ValidationError({"completed_on": "Enter the date of the report"})
    not_in_future(completed_on, "completed_on", "The report date")
    if completed_on < reflection.referred_on:
        raise ValidationError({"completed_on": "The report cannot predate the referral"})
    reflection.completed_on = completed_on
    save_with_history(reflection, "Reflective practice development report", acting_user)
    clocks.refresh(case)
    return reflection


@transaction.atomic
def case_close(*, case: Case, reason: str, acting_user) -> Case:
    """Close the case (a conduct matter once every proceedings has its outcome)."""
    case = locked_case(case, acting_user)
    require_open(case)
    reason = clean_text(reason, "reason", required="Enter why the case is closed")
    case.status = CaseStatus.CLOSED
    case.closed_on = timezone.localdate()
    save_with_history(case, f"Closed: {reason}", acting_user)
    clocks.refresh(case)
    return case
