"""Reads for investigation and conduct: the case page's conduct panels, the rows a conduct page
acts on (always a row of the case the page was reached through), the public hearings and the
force-wide lessons.

The case itself is reached through ``selectors.cases`` (``case_get_for_work`` for a page that
changes it); every other row here is looked up *within* that case, so a pk from another case is
the same 404 as a missing one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    BarredListNotification,
    Case,
    Lesson,
    Pause,
    Proceedings,
    ReflectivePractice,
    Restriction,
    SeverityAssessment,
    Subject,
    TimelinessReport,
    TribunalAppeal,
)
from complaints.selectors.cases import case_access, case_get_for_work
from standards.access import policy
from standards.access.roles import Role
from standards.core.working_days import add_working_days
from standards.people.models import Person


def may_open_conduct_matter(user) -> bool:
    """The head of PSD and PSD caseworkers record a conduct matter (the CCU's referrals arrive
    through the exchange, not this page)."""
    return policy.holds(user, Role.PSD_DECISION_MAKER, Role.PSD_CASEWORKER)


def case_get_for_decision(*, user, pk) -> Case:
    """The case, for the appropriate authority's decisions on it (severity, suspension or
    restricted duties): the head of PSD only; anyone else gets the 404 of a missing case."""
    if not policy.holds(user, Role.PSD_DECISION_MAKER):
        raise Http404("No such case")
    return case_get_for_work(user=user, pk=pk)


def may_decide(user) -> bool:
    return policy.holds(user, Role.PSD_DECISION_MAKER)


def may_work(*, user, case: Case) -> bool:
    return policy.can_change(user, case)


def current_assessment_of(*, subject: Subject) -> SeverityAssessment | None:
    return (
        SeverityAssessment.objects.filter(subject=subject, superseded_by__isnull=True)
        .order_by("-assessed_at", "-pk")
        .first()
    )


def rprp_account_due(reflection: ReflectivePractice) -> dt.date:
    return add_working_days(reflection.referred_on, clocks.RPRP_ACCOUNT_WORKING_DAYS)


def barred_list_due(trigger_on: dt.date) -> dt.date:
    """The barred or advisory list notification: 5 working days from the dismissal,
    resignation or retirement."""
    return add_working_days(trigger_on, clocks.BARRED_LIST_WORKING_DAYS)


def _within(queryset: QuerySet, **lookup):
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such record") from None


def subject_of_case(*, case: Case, pk) -> Subject:
    return _within(Subject.objects.select_related("person", "case"), case=case, pk=pk)


def restriction_of_case(*, case: Case, pk) -> Restriction:
    return _within(
        Restriction.objects.select_related("subject__person", "subject__case"),
        subject__case=case,
        pk=pk,
    )


def pause_of_case(*, case: Case, pk) -> Pause:
    return _within(Pause.objects.select_related("case"), case=case, pk=pk)


def reflection_of_case(*, case: Case, pk) -> ReflectivePractice:
    return _within(
        ReflectivePractice.objects.select_related("subject__person", "subject__case"),
        subject__case=case,
        pk=pk,
    )


def proceedings_of_case(*, case: Case, pk) -> Proceedings:
    return _within(Proceedings.objects.select_related("subject__person", "case"), case=case, pk=pk)


def appeal_of_case(*, case: Case, pk) -> TribunalAppeal:
    return _within(
        TribunalAppeal.objects.select_related("proceedings__case"),
        proceedings__case=case,
        pk=pk,
    )


def listing_of_case(*, case: Case, pk) -> BarredListNotification:
    return _within(
        BarredListNotification.objects.select_related("subject__case", "subject__person"),
        subject__case=case,
        pk=pk,
    )


def assessments_of_subject(*, subject: Subject) -> list[SeverityAssessment]:
    """Every assessment of the subject, oldest first, with who made it (none is ever lost)."""
    return list(
        SeverityAssessment.objects.filter(subject=subject).select_related("assessed_by__person")
    )


def people_by_staff_number(*, user, numbers: list[str]) -> tuple[list[Person], list[str]]:
    """The directory's people with these staff (or collar) numbers, as the user may see them,
    and the numbers that found nobody."""
    wanted = [number.strip().upper() for number in numbers if number.strip()]
    found = list(
        policy.visible(
            user,
            Person.objects.filter(
                Q(staff_number__in=wanted) | Q(collar_number__in=wanted)
            ).select_related("org_unit"),
        )
    )
    known = {p.staff_number.upper() for p in found} | {
        p.collar_number.upper() for p in found if p.collar_number
    }
    return found, [number for number in wanted if number not in known]


# --- the case page's panels ----------------------------------------------------------------------


@dataclass(frozen=True)
class Durations:
    label: str
    start: dt.date
    end: dt.date
    running: bool
    value: clocks.Duration


@dataclass(frozen=True)
class ClockRow:
    clock: clocks.Clock
    label: str
    colour: str


def _durations(case: Case, pauses: list[Pause], today: dt.date) -> list[Durations]:
    """Since received, and of the investigation, each with and without the sub judice pauses
    (the IOPC publishes both); up to the outcome, or today while it runs."""
    end = case.closed_on or case.outcome_on or today
    running = case.closed_on is None and case.outcome_on is None
    starts = [("Since received", case.received_on)]
    if case.investigation_started_on:
        starts.append(("Investigation", case.investigation_started_on))
    return [
        Durations(label, start, end, running, clocks.duration(start, end, pauses))
        for label, start in starts
    ]


def _subjects_prefetch() -> Prefetch:
    """Every subject with what the conduct panels and the clocks read of them."""
    return Prefetch(
        "subjects",
        queryset=Subject.objects.select_related("person").prefetch_related(
            Prefetch(
                "assessments",
                queryset=SeverityAssessment.objects.select_related("assessed_by__person"),
            ),
            Prefetch(
                "restrictions",
                queryset=Restriction.objects.select_related("decided_by__person").prefetch_related(
                    "reviews__reviewed_by__person"
                ),
            ),
            "reflections",
            Prefetch(
                "proceedings",
                queryset=Proceedings.objects.prefetch_related("appeals"),
            ),
            Prefetch(
                "listings",
                queryset=BarredListNotification.objects.prefetch_related("standards_breached"),
            ),
        ),
    )


def conduct_panels(*, user, case: Case) -> dict:
    """The context of the case page's conduct panels (decisions tab and people tab): every
    subject with their severity assessments (earlier ones too), restrictions and reviews,
    reflective practice, proceedings, appeals and listings; the pauses; durations with and
    without the pauses; the clocks. A fixed number of queries however many subjects: the rows
    are fetched once onto a copy of the case, and the clocks read the same rows."""
    today = timezone.localdate()
    may_change = case_access(user=user, case=case).may_work
    case = (
        Case.objects.filter(pk=case.pk)
        .prefetch_related(
            _subjects_prefetch(),
            Prefetch("pauses", queryset=Pause.objects.select_related("recorded_by__person")),
            Prefetch(
                "timeliness_reports",
                queryset=TimelinessReport.objects.select_related("recorded_by__person"),
            ),
            "letters",
            "lessons",
        )
        .get()
    )
    subjects = list(case.subjects.all())
    pauses = list(case.pauses.all())
    for subject in subjects:
        assessments = list(subject.assessments.all())
        subject.current_assessment = next(
            (a for a in reversed(assessments) if not _superseded(a, assessments)), None
        )
        subject.earlier_assessments = [a for a in assessments if a != subject.current_assessment]
        subject.open_restriction = next(
            (r for r in subject.restrictions.all() if r.ended_on is None), None
        )
        if subject.open_restriction:
            subject.open_restriction.review_due = clocks.restriction_review_due(
                subject.open_restriction
            )
        subject.open_reflection = next(
            (r for r in subject.reflections.all() if r.completed_on is None), None
        )
        subject.open_proceedings = next(
            (p for p in subject.proceedings.all() if not p.outcome), None
        )
        severity = subject.current_assessment.severity if subject.current_assessment else ""
        subject.may_arrange = severity in ("misconduct", "gross") and not list(
            subject.proceedings.all()
        )
    return {
        "conduct_subjects": subjects,
        "conduct_pauses": pauses,
        "conduct_open_pause": next((p for p in pauses if p.ended_on is None), None),
        "conduct_durations": _durations(case, pauses, today),
        "conduct_clocks": [
            ClockRow(clock, clock.label(today), clock.colour(today))
            for clock in clocks.case_clocks(case, today=today)
        ],
        "conduct_today": today,
        "conduct_lessons": list(case.lessons.all()),
        "conduct_may_decide": may_decide(user) and may_change,
        # A report kept from the local policing body is the case team's only: the review body
        # is the local policing body's own reviewers.
        "conduct_timeliness_reports": [
            report
            for report in case.timeliness_reports.all()
            if may_change or not report.withheld_from_policing_body
        ],
    }


def _superseded(assessment: SeverityAssessment, assessments: list[SeverityAssessment]) -> bool:
    return any(a.supersedes_id == assessment.pk for a in assessments)


# --- public hearings and force-wide lessons ------------------------------------------------------


def hearings_published() -> QuerySet[Proceedings]:
    """Hearings whose notice PSD has published: the public page reads only these, and only
    their public fields (the notice, date, venue, form, the published outcome)."""
    return (
        Proceedings.objects.filter(notice_published_at__isnull=False)
        .only(
            "pk",
            "form",
            "held_on",
            "venue",
            "public_notice",
            "notice_published_at",
            "public_outcome",
            "outcome_published_at",
        )
        .order_by("-held_on", "-pk")
    )


def hearings_upcoming(*, today: dt.date) -> QuerySet[Proceedings]:
    return hearings_published().filter(held_on__gte=today).order_by("held_on", "pk")


def hearings_held(*, today: dt.date) -> QuerySet[Proceedings]:
    return hearings_published().filter(held_on__lt=today)


def hearing_get_published(*, pk) -> Proceedings:
    return _within(hearings_published(), pk=pk)


def may_read_lessons(user) -> bool:
    """Every member of the force's staff (not an administrator or auditor account, nor the
    local policing body's reviewers)."""
    return policy.holds(user, Role.STAFF)


def lesson_list() -> QuerySet[Lesson]:
    """Published lessons for every member of staff: the title, what happened and the learning,
    never the case they came from."""
    return Lesson.objects.only("pk", "title", "what_happened", "learning", "published_at")
