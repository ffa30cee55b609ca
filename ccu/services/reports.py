"""Every change to an intelligence report: recording it, editing the sanitised text, grading,
its subjects, moving it between compartments, notes and taking it on.

Each service locks the report through ``ccu.services.common.locked_report`` (so only someone who
may change it, in its compartment, can act: anyone else gets the 404 of a missing report) and
writes history with who and why. The original text and source go into ``ReportSource`` and
nowhere else.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ccu.models import (
    CorruptionCategory,
    Grading,
    GradingScheme,
    HandlingCode,
    IntelligenceAssessment,
    IntelligenceReport,
    Operation,
    ReportNote,
    ReportSource,
    ReportSubject,
    Route,
    SourceEvaluation,
)
from ccu.services.common import clean_text, locked_report, not_in_future, save_with_history
from standards.access import policy
from standards.core import extensions
from standards.people.models import Person

# The unit's records go back to 2000: an earlier date is a slip of the keyboard.
EARLIEST_RECEIVED = dt.date(2000, 1, 1)


def _require_ccu(acting_user) -> None:
    if not policy.in_ccu(acting_user):
        raise Http404


def _reason(reason: str, field: str = "reason") -> str:
    return clean_text(reason, field, required="Give the reason for this change")


def _categories(codes: Iterable[str], field: str = "category_codes") -> list[CorruptionCategory]:
    codes = {c for c in codes if c}
    if not codes:
        raise ValidationError({field: "Select at least one national corruption category"})
    found = list(CorruptionCategory.objects.filter(code__in=codes))
    if len(found) != len(codes):
        raise ValidationError({field: "Select categories from the list"})
    return found


def operation_for_work(operation: Operation | None, acting_user, field: str = "operation"):
    """The open operation the user may work in (None: the general intake), or a refusal."""
    if operation is None:
        return None
    allowed = policy.changeable(acting_user, Operation.objects.filter(pk=operation.pk)).first()
    if allowed is None:
        raise ValidationError({field: "Select an operation you work on, or the general intake"})
    if allowed.is_closed:
        raise ValidationError({field: f"{allowed.code_name} is closed: choose an open operation"})
    return allowed


def _person(staff_number: str, acting_user, field: str) -> Person:
    staff_number = (staff_number or "").strip()
    if not staff_number:
        raise ValidationError({field: "Enter the subject's staff number"})
    person = Person.objects.filter(staff_number=staff_number).first()
    if person is None:
        raise ValidationError(
            {field: f"No member of the workforce has staff number {staff_number}"}
        )
    if person.pk == getattr(acting_user, "person_id", None):
        # The self-conflict rule would hide the report from its author: someone else records it.
        raise ValidationError(
            {field: "You cannot record intelligence about yourself: ask the head of the CCU"}
        )
    return person


def _check_received(received_on: dt.date | None) -> None:
    if received_on is None:
        raise ValidationError({"received_on": "Enter the date the intelligence was received"})
    not_in_future(received_on, "received_on", "The date received")
    if received_on < EARLIEST_RECEIVED:
        raise ValidationError(
            {"received_on": f"The date received must be {EARLIEST_RECEIVED:%-d %B %Y} or later"}
        )


@transaction.atomic
def report_record(
    *,
    received_on: dt.date | None,
    route: str,
    original_text: str,
    source_details: str,
    sanitised_text: str,
    category_codes: Iterable[str],
    operation: Operation | None = None,
    subjects: Iterable[tuple[str, str]] = (),
    acting_user,
    owner=None,
) -> IntelligenceReport:
    """Record a report. ``subjects``: (staff number, reason) pairs. The owner is the acting
    analyst unless another CCU member is named."""
    _require_ccu(acting_user)
    _check_received(received_on)
    if route not in Route.values:
        raise ValidationError({"route": "Select how the intelligence reached the CCU"})
    original_text = clean_text(
        original_text, "original_text", required="Enter the intelligence as it was received"
    )
    source_details = clean_text(source_details, "source_details")
    sanitised_text = clean_text(
        sanitised_text, "sanitised_text", required="Enter the sanitised text"
    )
    categories = _categories(category_codes)
    operation = operation_for_work(operation, acting_user)
    owner = owner or acting_user
    if not policy.in_ccu(owner):
        raise ValidationError({"owner": "Only CCU staff can own a report"})
    linked = []
    for staff_number, reason in subjects:
        person = _person(staff_number, acting_user, "subjects")
        reason = clean_text(reason, "subjects", required="Give the reason each subject is linked")
        if person.pk not in {p.pk for p, _ in linked}:
            linked.append((person, reason))

    report = IntelligenceReport(
        received_on=received_on,
        route=route,
        operation=operation,
        owner=owner,
        sanitised_text=sanitised_text,
    )
    save_with_history(report, "Report recorded", acting_user)
    report.categories.set(categories)
    source = ReportSource(report=report, original_text=original_text, source_details=source_details)
    save_with_history(source, "Report recorded", acting_user)
    for person, reason in linked:
        subject = ReportSubject(report=report, person=person, reason=reason, linked_by=acting_user)
        save_with_history(subject, f"Subject linked: {reason}", acting_user)
    if linked:
        extensions.record_about_people(
            kind="intelligence",
            record=report,
            person_ids=[person.pk for person, _ in linked],
            summary=f"{report.reference}: intelligence recorded",
        )
    return report


@transaction.atomic
def report_edit(
    *, report: IntelligenceReport, sanitised_text: str, category_codes, reason: str, acting_user
) -> IntelligenceReport:
    locked = locked_report(report, acting_user)
    reason = _reason(reason)
    locked.sanitised_text = clean_text(
        sanitised_text, "sanitised_text", required="Enter the sanitised text"
    )
    categories = _categories(category_codes)
    save_with_history(locked, f"Edited: {reason}", acting_user)
    locked.categories.set(categories)
    return locked


def check_grading(
    *, source_evaluation: str, intelligence_assessment: str, handling_code: str, conditions: str
) -> str:
    """The 3x5x2 rules: each part from its scale, and conditions given with C and only with C.
    Returns the conditions, cleaned."""
    errors = {}
    if source_evaluation not in SourceEvaluation.values:
        errors["source_evaluation"] = "Select the source evaluation"
    if intelligence_assessment not in IntelligenceAssessment.values:
        errors["intelligence_assessment"] = "Select the intelligence assessment"
    if handling_code not in HandlingCode.values:
        errors["handling_code"] = "Select the handling code"
    if errors:
        raise ValidationError(errors)
    conditions = clean_text(conditions, "handling_conditions")
    if handling_code == HandlingCode.CONDITIONS and not conditions:
        raise ValidationError(
            {"handling_conditions": "Enter the conditions on sharing, as the handling code is C"}
        )
    if handling_code == HandlingCode.PERMITTED and conditions:
        raise ValidationError(
            {
                "handling_conditions": "Leave the conditions empty when the handling code is P, "
                "or choose C"
            }
        )
    return conditions


def _supersede(report: IntelligenceReport, reason: str, acting_user) -> None:
    current = (
        Grading.objects.select_for_update()
        .filter(report=report, superseded_at__isnull=True)
        .first()
    )
    if current is not None:
        current.superseded_at = timezone.now()
        current.superseded_by = acting_user
        current.superseded_reason = reason
        save_with_history(current, f"Superseded: {reason}", acting_user)


@transaction.atomic
def report_grade(
    *,
    report: IntelligenceReport,
    source_evaluation: str,
    intelligence_assessment: str,
    handling_code: str,
    handling_conditions: str,
    rationale: str,
    acting_user,
) -> Grading:
    """Grade (or re-grade) a report on 3x5x2. A re-grade supersedes the current grading, which
    is kept with who superseded it and why."""
    locked = locked_report(report, acting_user)
    conditions = check_grading(
        source_evaluation=source_evaluation,
        intelligence_assessment=intelligence_assessment,
        handling_code=handling_code,
        conditions=handling_conditions,
    )
    rationale = clean_text(rationale, "rationale", required="Give the reason for this grading")
    _supersede(locked, rationale, acting_user)
    grading = Grading(
        report=locked,
        scheme=GradingScheme.CURRENT,
        source_evaluation=source_evaluation,
        intelligence_assessment=intelligence_assessment,
        handling_code=handling_code,
        handling_conditions=conditions,
        rationale=rationale,
        graded_by=acting_user,
    )
    save_with_history(grading, f"Graded {grading.code}", acting_user)
    locked.grade = grading.code
    save_with_history(locked, f"Graded {grading.code}: {rationale}", acting_user)
    report.grade = locked.grade
    return grading


@transaction.atomic
def report_subject_add(
    *, report: IntelligenceReport, staff_number: str, reason: str, acting_user
) -> ReportSubject:
    locked = locked_report(report, acting_user)
    person = _person(staff_number, acting_user, "staff_number")
    reason = clean_text(reason, "reason", required="Give the reason this person is linked")
    if ReportSubject.objects.filter(report=locked, person=person).exists():
        raise ValidationError(
            {"staff_number": f"{person.display_name} is already a subject of this report"}
        )
    subject = ReportSubject(report=locked, person=person, reason=reason, linked_by=acting_user)
    save_with_history(subject, f"Subject linked: {reason}", acting_user)
    extensions.record_about_people(
        kind="intelligence",
        record=locked,
        person_ids=[person.pk],
        summary=f"{locked.reference}: intelligence recorded",
    )
    return subject


@transaction.atomic
def report_subject_remove(*, subject: ReportSubject, reason: str, acting_user) -> None:
    locked_report(subject.report, acting_user)
    reason = _reason(reason)
    subject = ReportSubject.objects.select_for_update().filter(pk=subject.pk).first()
    if subject is None:
        raise Http404
    subject._change_reason = f"Subject removed: {reason}"[:100]
    subject._history_user = acting_user
    subject.delete()


@transaction.atomic
def report_move(
    *, report: IntelligenceReport, operation: Operation | None, reason: str, acting_user
) -> IntelligenceReport:
    """Move a report into an operation the user works on, or back to the general intake."""
    locked = locked_report(report, acting_user)
    operation = operation_for_work(operation, acting_user)
    reason = _reason(reason)
    if (operation.pk if operation else None) == locked.operation_id:
        where = operation.code_name if operation else "the general intake"
        raise ValidationError({"operation": f"The report is already in {where}"})
    locked.operation = operation
    where = operation.code_name if operation else "general intake"
    save_with_history(locked, f"Moved to {where}: {reason}", acting_user)
    return locked


@transaction.atomic
def report_note_add(*, report: IntelligenceReport, text: str, acting_user) -> ReportNote:
    locked = locked_report(report, acting_user)
    text = clean_text(text, "text", required="Enter the note")
    note = ReportNote(report=locked, text=text, written_by=acting_user)
    save_with_history(note, "Note added", acting_user)
    return note


@transaction.atomic
def report_take_on(*, report: IntelligenceReport, acting_user) -> IntelligenceReport:
    """The acting CCU member becomes the report's owner (and so a reader of its source)."""
    locked = locked_report(report, acting_user)
    if locked.owner_id == acting_user.pk:
        raise ValidationError("You are already the owner of this report")
    locked.owner = acting_user
    save_with_history(locked, f"Taken on by {acting_user.display_name}", acting_user)
    return locked
