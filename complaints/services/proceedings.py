"""Misconduct proceedings, the Police Appeals Tribunal, the barred and advisory lists, and the
lessons published from a closed case.

The 2020 rules enforced here (Police (Conduct) Regulations 2020; Police Barred List and Police
Advisory List Regulations 2017): a misconduct meeting is for misconduct, a hearing or an
accelerated hearing for gross misconduct; only a hearing may reduce in rank or dismiss (the
database refuses it too); management advice was abolished and is no outcome at all.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    HEARING_ONLY_OUTCOMES,
    BarredList,
    BarredListNotification,
    Case,
    CaseKind,
    CaseStatus,
    Finding,
    Lesson,
    ListedStatus,
    ListingReason,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    ProfessionalStandard,
    ReflectivePractice,
    Severity,
    Subject,
    TribunalAppeal,
)
from complaints.services.common import (
    clean_text,
    locked_case,
    not_in_future,
    save_with_history,
)
from complaints.services.conduct import (
    case_close,
    current_assessment,
    reflective_practice_refer,
    subject_on_open_case,
)
from standards.people.models import RoleType

# Which form of proceedings each severity goes to (Conduct reg 23).
FORMS_FOR_SEVERITY = {
    Severity.MISCONDUCT: (ProceedingsForm.MEETING,),
    Severity.GROSS: (ProceedingsForm.HEARING, ProceedingsForm.ACCELERATED),
}
PUBLIC_FORMS = (ProceedingsForm.HEARING, ProceedingsForm.ACCELERATED)
OUTCOMES = tuple(value for value in ProceedingsOutcome.values if value)
FINDINGS = tuple(value for value in Finding.values if value)
# Reg 42: what each finding allows. Nothing proven (the conduct is neither misconduct nor gross
# misconduct): no further action, or a referral to reflective practice (reg 42(1)(b)), which is
# for that finding only. Misconduct: a written or final written warning (reg 42(2), (3)(a)),
# and at a hearing reduction in rank or dismissal (the hearing-only rule below). Gross
# misconduct: a final written warning, reduction in rank or dismissal, never less (reg 42(3)(b)).
OUTCOMES_FOR_FINDING = {
    Finding.NOT_PROVEN: frozenset(
        {ProceedingsOutcome.NO_FURTHER_ACTION, ProceedingsOutcome.REFLECTIVE_PRACTICE}
    ),
    Finding.MISCONDUCT: frozenset(
        {
            ProceedingsOutcome.WRITTEN_WARNING,
            ProceedingsOutcome.FINAL_WRITTEN_WARNING,
            ProceedingsOutcome.REDUCTION_IN_RANK,
            ProceedingsOutcome.DISMISSAL,
        }
    ),
    Finding.GROSS: frozenset(
        {
            ProceedingsOutcome.FINAL_WRITTEN_WARNING,
            ProceedingsOutcome.REDUCTION_IN_RANK,
            ProceedingsOutcome.DISMISSAL,
        }
    ),
}
OUTCOME_FOR_FINDING_ERROR = {
    Finding.NOT_PROVEN: "When neither misconduct nor gross misconduct is found, the outcome is "
    "no further action or a referral to reflective practice",
    Finding.MISCONDUCT: "When misconduct is found, the outcome is a written warning or a final "
    "written warning (or, at a hearing, reduction in rank or dismissal): reflective practice "
    "and no further action are only for a finding of neither",
    Finding.GROSS: "When gross misconduct is found, the outcome is a final written warning, "
    "reduction in rank or dismissal",
}
LIST_FOR_REASON = {
    ListingReason.DISMISSED: BarredList.BARRED,
    ListingReason.RESIGNED: BarredList.ADVISORY,
    ListingReason.RETIRED: BarredList.ADVISORY,
}


def _proceedings(proceedings: Proceedings, acting_user) -> tuple[Proceedings, Case]:
    case = locked_case(proceedings.case, acting_user)
    return Proceedings.objects.select_for_update().get(pk=proceedings.pk), case


# --- proceedings ---------------------------------------------------------------------------------


@transaction.atomic
def proceedings_arrange(
    *,
    subject: Subject,
    form: str,
    panel: str,
    held_on: dt.date,
    venue: str = "",
    public_notice: str = "",
    acting_user,
) -> Proceedings:
    """A meeting (misconduct) or a hearing or accelerated hearing (gross misconduct) for one
    subject, as their severity assessment in force says."""
    subject, case = subject_on_open_case(subject, acting_user)
    if form not in ProceedingsForm.values:
        raise ValidationError({"form": "Select the form of proceedings"})
    current = current_assessment(subject)
    if current is None or current.severity not in FORMS_FOR_SEVERITY:
        raise ValidationError(
            "Only a subject assessed as misconduct or gross misconduct goes to proceedings"
        )
    if form not in FORMS_FOR_SEVERITY[current.severity]:
        raise ValidationError(
            {
                "form": "A subject assessed as gross misconduct goes to a hearing or an "
                "accelerated hearing"
                if current.severity == Severity.GROSS
                else "A subject assessed as misconduct goes to a misconduct meeting; "
                "only gross misconduct goes to a hearing"
            }
        )
    if subject.proceedings.filter(outcome="").exists():
        raise ValidationError("This subject's proceedings are already arranged")
    if held_on is None:
        raise ValidationError({"held_on": "Enter the date of the proceedings"})
    proceedings = Proceedings(
        case=case,
        subject=subject,
        form=form,
        panel=clean_text(panel, "panel", required="Enter the chair and members of the panel"),
        held_on=held_on,
        venue=clean_text(
            venue, "venue", required="Enter the venue" if form in PUBLIC_FORMS else None
        ),
        public_notice=clean_text(public_notice, "public_notice") if form in PUBLIC_FORMS else "",
        recorded_by=acting_user,
    )
    save_with_history(proceedings, f"{proceedings.get_form_display()} arranged", acting_user)
    if case.status != CaseStatus.PROCEEDINGS:
        case.status = CaseStatus.PROCEEDINGS
        save_with_history(case, "Proceedings arranged", acting_user, update_fields=["status"])
    clocks.refresh(case)
    return proceedings


def sanitised(value: str, *, case: Case, field: str) -> str:
    """Refuse text that names the case's subjects or complainants or gives its reference:
    what leaves the case file (a public notice, a lesson) says none of them."""
    complainants = [c.name for c in case.complainants.all()]
    people = [s.person for s in case.subjects.select_related("person") if s.person_id]
    names = [*complainants, *(f"{p.first_name} {p.last_name}" for p in people)]
    # A surname or first name on its own names someone too (case-sensitive: names are written
    # with a capital, and "Will" or "Long" in lower case are words).
    parts = {part for name in names for part in name.split() if len(part) > 2}
    found = [name for name in names if name.lower() in value.lower()]
    found += sorted(p for p in parts if re.search(rf"\b{re.escape(p)}\b", value))
    if case.reference.lower() in value.lower():
        found.append(case.reference)
    if found:
        raise ValidationError(
            {field: f"Remove what identifies the case or the people in it: {', '.join(found)}"}
        )
    return value


@transaction.atomic
def hearing_notice_publish(
    *, proceedings: Proceedings, public_notice: str | None = None, acting_user
) -> Proceedings:
    """Publish the hearing's notice (as written here, or as drafted when it was arranged) on
    the public hearings page: hearings are held in public, meetings are not. The officer is
    named in a hearing notice; the complainant and the case reference never are."""
    proceedings, case = _proceedings(proceedings, acting_user)
    if proceedings.form not in PUBLIC_FORMS:
        raise ValidationError("Only a hearing has a public notice; a meeting is held in private")
    if proceedings.notice_published_at is not None:
        raise ValidationError("The notice has already been published")
    if public_notice is None:
        public_notice = proceedings.public_notice
    notice = clean_text(public_notice, "public_notice", required="Enter the notice")
    for complainant in case.complainants.all():
        if complainant.name.lower() in notice.lower():
            raise ValidationError({"public_notice": "The notice names the complainant"})
    if case.reference.lower() in notice.lower():
        raise ValidationError({"public_notice": "The notice gives the case reference"})
    proceedings.public_notice = notice
    proceedings.notice_published_at = timezone.now()
    if proceedings.outcome and proceedings.public_outcome:
        # Published late, after the hearing: its outcome goes up with it.
        proceedings.outcome_published_at = proceedings.notice_published_at
    save_with_history(proceedings, "Hearing notice published", acting_user)
    return proceedings


@transaction.atomic
def proceedings_record_outcome(
    *,
    proceedings: Proceedings,
    finding: str,
    outcome: str,
    rationale: str,
    outcome_on: dt.date,
    public_outcome: str = "",
    acting_user,
) -> Proceedings:
    """The finding and the outcome, from the 2020 list only. A hearing's outcome is published
    with its notice; a conduct matter closes when every proceedings has its outcome."""
    proceedings, case = _proceedings(proceedings, acting_user)
    if proceedings.outcome:
        raise ValidationError("The outcome has already been recorded")
    if finding not in FINDINGS:
        raise ValidationError({"finding": "Select the finding"})
    if outcome not in OUTCOMES:
        # Management advice was abolished in 2020: it is not one of the outcomes at all.
        raise ValidationError({"outcome": "Select an outcome from the list"})
    if proceedings.form == ProceedingsForm.MEETING:
        if outcome in HEARING_ONLY_OUTCOMES:
            raise ValidationError(
                {
                    "outcome": "A misconduct meeting cannot reduce in rank or dismiss: only a "
                    "hearing can"
                }
            )
        if finding == Finding.GROSS:
            raise ValidationError({"finding": "A misconduct meeting cannot find gross misconduct"})
    if outcome not in OUTCOMES_FOR_FINDING[Finding(finding)]:
        raise ValidationError({"outcome": OUTCOME_FOR_FINDING_ERROR[Finding(finding)]})
    if outcome_on is None:
        raise ValidationError({"outcome_on": "Enter the date of the outcome"})
    not_in_future(outcome_on, "outcome_on", "The date of the outcome")
    if outcome_on < proceedings.held_on:
        raise ValidationError({"outcome_on": "The outcome cannot predate the proceedings"})
    proceedings.finding = finding
    proceedings.outcome = outcome
    proceedings.outcome_on = outcome_on
    proceedings.rationale = clean_text(rationale, "rationale", required="Enter the reasons")
    if proceedings.form in PUBLIC_FORMS:
        public_outcome = clean_text(
            public_outcome, "public_outcome", required="Enter the outcome as it will be published"
        )
        proceedings.public_outcome = public_outcome
        if proceedings.notice_published_at is not None:
            proceedings.outcome_published_at = timezone.now()
    save_with_history(proceedings, f"Outcome: {proceedings.get_outcome_display()}", acting_user)
    # Suspension or restricted duties lasts while the matter runs: with the outcome, the subject
    # returns to duty or leaves the force, so an open restriction ends that day.
    for restriction in proceedings.subject.restrictions.filter(ended_on__isnull=True):
        restriction.ended_on = outcome_on
        restriction.end_reason = f"Proceedings concluded: {proceedings.get_outcome_display()}"
        save_with_history(restriction, "Ended with the proceedings' outcome", acting_user)
    case.outcome_on = outcome_on
    save_with_history(case, "Proceedings outcome", acting_user, update_fields=["outcome_on"])
    if outcome == ProceedingsOutcome.REFLECTIVE_PRACTICE:
        # Reg 42(1)(b): the matter is referred to the reflective practice review process that
        # day; the officer's account is then due in 5 working days, so the case stays open.
        reflective_practice_refer(
            subject=proceedings.subject, referred_on=outcome_on, acting_user=acting_user
        )
    undecided = case.proceedings.filter(outcome="").exists()
    reflecting = ReflectivePractice.objects.filter(
        subject__case=case, completed_on__isnull=True
    ).exists()
    if case.kind == CaseKind.CONDUCT and not undecided and not reflecting and case.is_open:
        case_close(case=case, reason="Every proceedings has its outcome", acting_user=acting_user)
    else:
        clocks.refresh(case)
    return proceedings


# --- the Police Appeals Tribunal -----------------------------------------------------------------


@transaction.atomic
def tribunal_appeal_record(
    *, proceedings: Proceedings, lodged_on: dt.date, grounds: str, acting_user
) -> TribunalAppeal:
    """An appeal to the Police Appeals Tribunal, which hears appeals from hearings only."""
    proceedings, _ = _proceedings(proceedings, acting_user)
    if proceedings.form not in PUBLIC_FORMS:
        raise ValidationError("Only a hearing's finding or outcome goes to the tribunal")
    if not proceedings.outcome:
        raise ValidationError("Record the hearing's outcome before an appeal")
    if lodged_on is None:
        raise ValidationError({"lodged_on": "Enter the date the appeal was lodged"})
    not_in_future(lodged_on, "lodged_on", "The date lodged")
    if lodged_on < proceedings.outcome_on:
        raise ValidationError({"lodged_on": "The appeal cannot predate the outcome"})
    appeal = TribunalAppeal(
        proceedings=proceedings,
        lodged_on=lodged_on,
        grounds=clean_text(grounds, "grounds", required="Enter the grounds of appeal"),
        recorded_by=acting_user,
    )
    save_with_history(appeal, "Police Appeals Tribunal appeal lodged", acting_user)
    return appeal


@transaction.atomic
def tribunal_appeal_decide(
    *, appeal: TribunalAppeal, result: str, decided_on: dt.date, acting_user
) -> TribunalAppeal:
    locked_case(appeal.proceedings.case, acting_user)
    appeal = TribunalAppeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.decided_on is not None:
        raise ValidationError("The tribunal's result has already been recorded")
    appeal.result = clean_text(result, "result", required="Enter the tribunal's result")
    if decided_on is None or decided_on < appeal.lodged_on:
        raise ValidationError({"decided_on": "Enter the date of the result, after the appeal"})
    appeal.decided_on = decided_on
    save_with_history(appeal, "Police Appeals Tribunal result", acting_user)
    return appeal


# --- the barred and advisory lists (2017 regulations) --------------------------------------------


def barred_list_prefill(*, subject: Subject) -> dict:
    """What the case and the directory already say, for the notification's form: the caseworker
    checks and completes it (the directory holds no date of birth)."""
    person = subject.person
    dismissal = (
        subject.proceedings.filter(outcome=ProceedingsOutcome.DISMISSAL).order_by("-pk").first()
    )
    latest = subject.proceedings.order_by("-pk").first()
    allegations = list(subject.allegations.prefetch_related("standards"))
    officer = person is not None and person.role_type == RoleType.OFFICER
    former = person is not None and person.has_left
    data = {
        "force": settings.FORCE_NAME,
        "conduct_date": subject.case.incident_date,
        "standards_breached": sorted({s.pk for a in allegations for s in a.standards.all()}),
        "allegation_summary": "\n".join(a.description for a in allegations) or subject.case.summary,
        "proceedings_form": latest.form if latest else "",
        "reason": ListingReason.DISMISSED if dismissal else "",
        "trigger_on": dismissal.outcome_on if dismissal else None,
    }
    if person is not None:
        status = {
            (True, False): ListedStatus.OFFICER,
            (True, True): ListedStatus.FORMER_OFFICER,
            (False, False): ListedStatus.STAFF,
            (False, True): ListedStatus.FORMER_STAFF,
        }[(officer, former or dismissal is not None)]
        data |= {
            "full_name": f"{person.first_name} {person.last_name}",
            "rank": person.rank_or_grade,
            "warrant_or_staff_number": person.collar_number or person.staff_number,
            "status": status,
        }
    if dismissal:
        data["conduct"] = dismissal.rationale
    return data


@transaction.atomic
def barred_list_notify(
    *,
    subject: Subject,
    reason: str,
    trigger_on: dt.date,
    full_name: str,
    force: str,
    date_of_birth: dt.date | None,
    status: str,
    rank: str,
    warrant_or_staff_number: str,
    conduct: str,
    standards_breached,
    conduct_date: dt.date | None = None,
    earlier_advisory_report: str = "",
    allegation_summary: str = "",
    proceedings_form: str = "",
    notified_on: dt.date | None = None,
    acting_user,
) -> BarredListNotification:
    """The College of Policing notification, due within 5 working days of the dismissal (the
    barred list) or the resignation or retirement under investigation (the advisory list)."""
    case = locked_case(subject.case, acting_user)
    subject = Subject.objects.get(pk=subject.pk)
    if reason not in ListingReason.values:
        raise ValidationError({"reason": "Select why the notification is made"})
    if trigger_on is None:
        raise ValidationError({"trigger_on": "Enter the date"})
    not_in_future(trigger_on, "trigger_on", "The date")
    if reason == ListingReason.DISMISSED:
        dismissed = subject.proceedings.filter(outcome=ProceedingsOutcome.DISMISSAL)
        if not dismissed.exists():
            raise ValidationError(
                {"reason": "The subject has not been dismissed at a hearing on this case"}
            )
    barred_list = LIST_FOR_REASON[reason]
    if status not in ListedStatus.values:
        raise ValidationError({"status": "Select their status"})
    if subject.listings.filter(barred_list=barred_list).exists():
        raise ValidationError(f"The {BarredList(barred_list).label.lower()} has been notified")
    if date_of_birth is not None and date_of_birth >= trigger_on:
        raise ValidationError({"date_of_birth": "Enter a real date of birth"})
    summary = clean_text(allegation_summary, "allegation_summary")
    if barred_list == BarredList.ADVISORY and not summary:
        raise ValidationError(
            {"allegation_summary": "The advisory list needs a summary of the allegation"}
        )
    standards = list(standards_breached or [])
    if not standards:
        raise ValidationError({"standards_breached": "Select the standards breached"})
    if notified_on is not None and notified_on < trigger_on:
        raise ValidationError({"notified_on": "The notification cannot predate the trigger"})
    not_in_future(notified_on, "notified_on", "The date notified")
    listing = BarredListNotification(
        subject=subject,
        barred_list=barred_list,
        reason=reason,
        trigger_on=trigger_on,
        full_name=clean_text(full_name, "full_name", required="Enter their full name"),
        force=clean_text(force, "force", required="Enter the force"),
        date_of_birth=date_of_birth,
        status=status,
        rank=clean_text(rank, "rank"),
        warrant_or_staff_number=clean_text(
            warrant_or_staff_number,
            "warrant_or_staff_number",
            required="Enter their warrant or staff number",
        ),
        conduct=clean_text(conduct, "conduct", required="Enter the conduct"),
        conduct_date=conduct_date,
        earlier_advisory_report=clean_text(earlier_advisory_report, "earlier_advisory_report"),
        allegation_summary=summary,
        proceedings_form=proceedings_form if proceedings_form in ProceedingsForm.values else "",
        notified_on=notified_on,
        recorded_by=acting_user,
    )
    save_with_history(listing, f"{listing.get_barred_list_display()} notification", acting_user)
    listing.standards_breached.set(
        ProfessionalStandard.objects.filter(pk__in=[getattr(s, "pk", s) for s in standards])
    )
    clocks.refresh(case)
    return listing


@transaction.atomic
def barred_list_sent(
    *, listing: BarredListNotification, notified_on: dt.date, acting_user
) -> BarredListNotification:
    case = locked_case(listing.subject.case, acting_user)
    listing = BarredListNotification.objects.select_for_update().get(pk=listing.pk)
    if listing.notified_on is not None:
        raise ValidationError("The notification has already been sent")
    if notified_on is None:
        raise ValidationError({"notified_on": "Enter the date it was sent"})
    not_in_future(notified_on, "notified_on", "The date sent")
    if notified_on < listing.trigger_on:
        raise ValidationError({"notified_on": "It cannot be sent before the date it is about"})
    listing.notified_on = notified_on
    save_with_history(listing, "Sent to the College of Policing", acting_user)
    clocks.refresh(case)
    return listing


# --- lessons -------------------------------------------------------------------------------------


@transaction.atomic
def lesson_publish(*, case: Case, title: str, what_happened: str, learning: str, acting_user):
    """A sanitised lesson from a closed case, for the whole force: no names, no reference."""
    case = locked_case(case, acting_user)
    if case.is_open:
        raise ValidationError("A lesson is published only from a closed case")
    fields = {
        "title": clean_text(title, "title", required="Enter a title"),
        "what_happened": clean_text(what_happened, "what_happened", required="Enter what happened"),
        "learning": clean_text(learning, "learning", required="Enter what the force learns"),
    }
    for field, value in fields.items():
        sanitised(value, case=case, field=field)
    lesson = Lesson(case=case, published_at=timezone.now(), published_by=acting_user, **fields)
    save_with_history(lesson, "Lesson published", acting_user)
    return lesson
