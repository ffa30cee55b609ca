"""What the case page's eight tabs show (summary, people, allegations, decisions, actions,
documents, letters, timeline), each read through the access policy, and the selectors the case
team's forms reach a case or one of its rows through."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from complaints import clocks
from complaints.models import (
    Allegation,
    AllegationCategory,
    BarredListNotification,
    Case,
    CaseAction,
    CaseDocument,
    CaseKind,
    CaseNote,
    CaseUpdate,
    CaseUserObjectPermission,
    Complainant,
    HandlingDecision,
    Letter,
    Pause,
    ProceedingsOutcome,
    ProfessionalStandard,
    Referral,
    ReferralCriterion,
    ReflectivePractice,
    Restriction,
    RestrictionReview,
    Review,
    SeverityAssessment,
    Subject,
    TribunalAppeal,
)
from complaints.models import Proceedings as ProceedingsModel
from complaints.selectors.cases import (
    case_access,
    case_get_for_work,
    complainants_for_user,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import TimelineEntry
from standards.core.working_days import working_days_between
from standards.people.models import Person
from standards.people.selectors import person_list_for_user

TABS: tuple[tuple[str, str], ...] = (
    ("case", "Summary"),
    ("case_people", "People"),
    ("case_allegations", "Allegations"),
    ("case_decisions", "Decisions"),
    ("case_actions", "Actions"),
    ("case_documents", "Documents"),
    ("case_letters", "Letters"),
    ("case_timeline", "Timeline"),
)

CLOCK_PREFETCH = (
    "pauses",
    "letters",
    "subjects__restrictions__reviews",
    "subjects__reflections",
    "subjects__listings",
    "subjects__person",
    "timeliness_reports",
)


def may_work(user, case: Case) -> bool:
    """Whether the user may change the case: its team (the caseworkers granted it, the head of
    PSD). The CCU and the review body read it only."""
    return case_access(user=user, case=case).may_work


def may_allocate(user) -> bool:
    """Allocation is the appropriate authority's: the head of PSD."""
    return policy.holds(user, Role.PSD_DECISION_MAKER)


def may_record_dsi(user) -> bool:
    """A death or serious injury matter is recorded by PSD (it is referred without a complaint)."""
    return policy.in_psd(user)


def case_get_for_allocation(*, user, pk) -> Case:
    """The case for the head of PSD to allocate, or 404 for anyone else."""
    if not may_allocate(user):
        raise Http404("No such case")
    return case_get_for_work(user=user, pk=pk)


def case_header(*, user, case: Case, today: dt.date | None = None) -> dict:
    """What every tab's heading shows, and whether the user may change the case."""
    today = today or timezone.localdate()
    due = None
    if case.next_due_on and case.is_open:
        due = clocks.Clock(case.next_due_label, case.next_due_on)
    return {
        "case": case,
        "tabs": TABS,
        "may_work": may_work(user, case),
        "may_allocate": may_allocate(user) and case.is_open,
        "next_clock": due,
        "next_clock_state": due.state(today).value if due else "",
        "today": today,
    }


# --- summary ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClockRow:
    name: str
    due_on: dt.date
    done_on: dt.date | None
    unit: str
    label: str
    colour: str
    met: bool | None


def _working_days(start: dt.date, end: dt.date | None) -> int | None:
    return working_days_between(start, end) if end else None


def summary_context(*, case: Case, today: dt.date | None = None) -> dict:
    """The summary tab: what happened, the IOPC's dates and measures, handling and referral, every
    clock with its state, and how long the case has taken with and without sub judice pauses."""
    today = today or timezone.localdate()
    case = (
        Case.objects.select_related("lead__person", "origin")
        .prefetch_related(*CLOCK_PREFETCH)
        .get(pk=case.pk)
    )
    rows = [
        ClockRow(
            name=clock.name,
            due_on=clock.due_on,
            done_on=clock.done_on,
            unit=clock.unit,
            label=clock.label(today),
            colour=clock.colour(today),
            met=clock.met,
        )
        for clock in clocks.case_clocks(case, today=today)
    ]
    pauses = list(case.pauses.all())
    end = case.outcome_on or case.closed_on or today
    referral = case.referrals.order_by("-assessed_at", "-pk").first()
    handling = (
        case.handling_decisions.select_related("decided_by__person")
        .order_by("-decided_at", "-pk")
        .first()
    )
    return {
        "summary_case": case,
        "clocks": rows,
        "days_to_log": _working_days(case.received_on, case.logged_on),
        "days_to_contact": _working_days(case.received_on, case.first_contact_on),
        "duration": clocks.duration(case.received_on, end, pauses),
        "duration_finished": bool(case.outcome_on or case.closed_on),
        "pauses": pauses,
        "referral": referral,
        "handling_decision": handling,
        "subject_count": case.subjects.count(),
        "allegation_count": case.allegations.count(),
    }


# --- people ----------------------------------------------------------------------------------


def people_context(*, user, case: Case) -> dict:
    """The people tab: complainants for the case team only (anyone else is told they are
    withheld, not shown an empty list); subjects, identified or not."""
    team = case_access(user=user, case=case).in_team
    return {
        "in_team": team,
        "complainants": list(complainants_for_user(user=user, case=case)) if team else [],
        "subjects": list(
            case.subjects.select_related("person__org_unit").prefetch_related("allegations")
        ),
    }


def complainant_get_for_work(*, user, case: Case, pk) -> Complainant:
    """One complainant of a case the user works on, or 404."""
    complainant = (
        policy.changeable(user, Complainant.objects.filter(case=case)).filter(pk=pk).first()
    )
    if complainant is None:
        raise Http404("No such complainant")
    return complainant


def allegation_get_for_work(*, case: Case, pk) -> Allegation:
    """One allegation of a case the user works on (the case came through ``case_get_for_work``),
    or 404."""
    allegation = case.allegations.filter(pk=pk).first()
    if allegation is None:
        raise Http404("No such allegation")
    return allegation


def subject_choices(*, case: Case) -> QuerySet[Subject]:
    return case.subjects.select_related("person")


# --- allegations -----------------------------------------------------------------------------


def allegations_context(*, case: Case) -> dict:
    allegations = list(
        case.allegations.select_related("category").prefetch_related(
            "standards", Prefetch("subjects", queryset=Subject.objects.select_related("person"))
        )
    )
    return {"allegations": allegations}


def category_choices() -> list[tuple[str, list[tuple[int, str]]]]:
    """The IOPC categories grouped as the 2020 guidance groups them, for a grouped select."""
    groups: dict[str, list[tuple[int, str]]] = {}
    for category in AllegationCategory.objects.filter(active=True).order_by("order", "code"):
        groups.setdefault(category.group, []).append((category.pk, category.name))
    return list(groups.items())


def professional_standards() -> QuerySet[ProfessionalStandard]:
    return ProfessionalStandard.objects.all()


def referral_criteria() -> list[ReferralCriterion]:
    return list(ReferralCriterion.objects.filter(active=True).order_by("order"))


# --- decisions -------------------------------------------------------------------------------


def decisions_context(*, case: Case) -> dict:
    return {
        "handling_decisions": list(
            case.handling_decisions.select_related("decided_by__person").order_by(
                "-decided_at", "-pk"
            )
        ),
        "referrals": list(
            case.referrals.select_related("assessed_by__person")
            .prefetch_related("criteria_met")
            .order_by("-assessed_at", "-pk")
        ),
        "latest_referral": case.referrals.order_by("-assessed_at", "-pk").first(),
        "is_complaint": case.kind == CaseKind.COMPLAINT,
    }


def referral_get_for_mode(*, case: Case) -> Referral | None:
    """The referral the IOPC's mode decision is recorded on: the latest one made."""
    return case.referrals.filter(referred=True).order_by("-assessed_at", "-pk").first()


# --- actions and notes -----------------------------------------------------------------------


def actions_context(*, case: Case, today: dt.date | None = None) -> dict:
    today = today or timezone.localdate()
    actions = list(case.actions.select_related("owner__person"))
    return {
        "open_actions": [a for a in actions if a.completed_on is None],
        "done_actions": [a for a in actions if a.completed_on is not None],
        "notes": list(case.notes.select_related("author__person").order_by("-created_at", "-pk")),
        "today": today,
    }


def action_get_for_work(*, case: Case, pk) -> CaseAction:
    action = case.actions.filter(pk=pk).first()
    if action is None:
        raise Http404("No such action")
    return action


def case_team_users(*, case: Case):
    """The caseworkers granted the case, and the head(s) of PSD: who may own an action."""
    granted = CaseUserObjectPermission.objects.filter(
        content_object=case, permission__codename="work_case"
    ).values("user_id")
    return (
        get_user_model()
        .objects.filter(Q(pk__in=granted) | Q(groups__name=Role.PSD_DECISION_MAKER.value))
        .filter(is_active=True)
        .exclude(person__isnull=False, person__in=_people_in(case))
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "username")
    )


def _people_in(case: Case):
    return Person.objects.filter(
        Q(pk__in=case.subjects.values("person_id"))
        | Q(pk__in=case.complainants.values("person_id"))
    )


def psd_staff_for_allocation(*, case: Case):
    """The caseworkers a case may be allocated to: PSD caseworkers and heads, never someone the
    case is about."""
    return (
        get_user_model()
        .objects.filter(
            groups__name__in=[Role.PSD_CASEWORKER.value, Role.PSD_DECISION_MAKER.value],
            is_active=True,
        )
        .exclude(person__isnull=False, person__in=_people_in(case))
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "person__first_name", "username")
    )


def case_team(*, case: Case) -> list:
    """Who is in the case team now (granted ``view_case``), for the people tab."""
    granted = CaseUserObjectPermission.objects.filter(
        content_object=case, permission__codename="view_case"
    ).values("user_id")
    return list(
        get_user_model()
        .objects.filter(pk__in=granted)
        .select_related("person")
        .order_by("person__last_name", "username")
    )


# --- documents -------------------------------------------------------------------------------


def documents_for_user(*, user, case: Case) -> list[CaseDocument]:
    """The case's documents, for the case team (and the review body on its cases) only."""
    return list(
        policy.visible(
            user, CaseDocument.objects.filter(case=case).select_related("uploaded_by__person")
        ).order_by("-uploaded_at", "-pk")
    )


def case_document_get_for_user(*, user, pk) -> CaseDocument:
    """One document, or 404: the same for a missing one and one out of sight."""
    document = (
        policy.visible(user, CaseDocument.objects.select_related("case")).filter(pk=pk).first()
    )
    if document is None:
        raise Http404("No such document")
    return document


# --- the timeline ----------------------------------------------------------------------------


def _by(user) -> str:
    return user.display_name if user else ""


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))


def case_timeline(*, user, case: Case) -> list[TimelineEntry]:
    """The case's story, newest first: every decision row of every model (who, when, what and
    why) and the case's own history (opened, allocated, status and dates changed).

    Documents and letters are the case team's (``complaints.rules``): a reader outside it (the
    CCU, a caseworker who gave a reason) is told that one was added or issued, and when, but
    not its name or subject line, which may carry the complainant's name."""
    in_team = case_access(user=user, case=case).in_team
    entries: list[TimelineEntry] = []
    entries += _history_entries(case)
    for decision in HandlingDecision.objects.filter(case=case).select_related("decided_by__person"):
        body = decision.rationale
        if decision.recording_reason:
            body = f"Recorded because: {decision.get_recording_reason_display()}.\n{body}"
        if decision.what_was_done:
            body += f"\n\nWhat was done: {decision.what_was_done}"
        if decision.complainant_view:
            body += f"\nThe complainant's view: {decision.complainant_view}"
        entries.append(
            TimelineEntry(
                f"Handling decision: {decision.get_handling_display()}",
                decision.decided_at,
                _by(decision.decided_by),
                body,
            )
        )
    for referral in (
        Referral.objects.filter(case=case)
        .select_related("assessed_by__person")
        .prefetch_related("criteria_met")
    ):
        met = [criterion.question for criterion in referral.criteria_met.all()]
        body = referral.rationale
        if met:
            body = "Criteria met:\n" + "\n".join(met) + f"\n\n{body}"
        title = "Referral assessment: not referred to the IOPC"
        if referral.referred:
            title = "Referred to the IOPC"
            if referral.referred_on:
                title += f" on {referral.referred_on:%-d %B %Y}"
        entries.append(TimelineEntry(title, referral.assessed_at, _by(referral.assessed_by), body))
        if referral.mode:
            entries.append(
                TimelineEntry(
                    f"IOPC mode decision: {referral.get_mode_display()}",
                    _at(referral.mode_decided_on or referral.assessed_at.date()),
                )
            )
    for assessment in SeverityAssessment.objects.filter(case=case).select_related(
        "assessed_by__person", "subject__person"
    ):
        body = assessment.rationale
        if assessment.change_reason:
            body += f"\n\nWhy it changed: {assessment.change_reason}"
        entries.append(
            TimelineEntry(
                f"Severity of {assessment.subject}: {assessment.get_severity_display()}",
                assessment.assessed_at,
                _by(assessment.assessed_by),
                body,
            )
        )
    for restriction in Restriction.objects.filter(subject__case=case).select_related(
        "decided_by__person", "subject__person"
    ):
        entries.append(
            TimelineEntry(
                f"{restriction.get_kind_display()}: {restriction.subject}",
                _at(restriction.started_on),
                _by(restriction.decided_by),
                restriction.rationale,
            )
        )
        if restriction.ended_on:
            entries.append(
                TimelineEntry(
                    f"{restriction.get_kind_display()} ended: {restriction.subject}",
                    _at(restriction.ended_on),
                    body=restriction.end_reason,
                )
            )
    for review in RestrictionReview.objects.filter(restriction__subject__case=case).select_related(
        "reviewed_by__person", "restriction__subject__person"
    ):
        outcome = "continued" if review.continued else "ended"
        entries.append(
            TimelineEntry(
                f"{review.restriction.get_kind_display()} reviewed: {outcome}",
                _at(review.reviewed_on),
                _by(review.reviewed_by),
                review.rationale,
            )
        )
    for pause in Pause.objects.filter(case=case).select_related("recorded_by__person"):
        entries.append(
            TimelineEntry(
                "Investigation paused (sub judice)",
                _at(pause.started_on),
                _by(pause.recorded_by),
                pause.reason,
            )
        )
        if pause.ended_on:
            entries.append(TimelineEntry("Sub judice pause ended", _at(pause.ended_on)))
    for reflection in ReflectivePractice.objects.filter(subject__case=case).select_related(
        "recorded_by__person", "subject__person"
    ):
        entries.append(
            TimelineEntry(
                f"Referred to reflective practice: {reflection.subject}",
                _at(reflection.referred_on),
                _by(reflection.recorded_by),
                reflection.summary,
            )
        )
    for proceedings in ProceedingsModel.objects.filter(case=case).select_related(
        "recorded_by__person", "subject__person"
    ):
        entries.append(
            TimelineEntry(
                f"{proceedings.get_form_display()} for {proceedings.subject}",
                _at(proceedings.held_on),
                _by(proceedings.recorded_by),
                proceedings.panel,
            )
        )
        if proceedings.outcome and proceedings.outcome != ProceedingsOutcome.UNDECIDED:
            entries.append(
                TimelineEntry(
                    f"{proceedings.get_form_display()} outcome: "
                    f"{proceedings.get_outcome_display()}",
                    _at(proceedings.outcome_on or proceedings.held_on),
                    body=proceedings.rationale,
                )
            )
    for appeal in TribunalAppeal.objects.filter(proceedings__case=case).select_related(
        "recorded_by__person"
    ):
        entries.append(
            TimelineEntry(
                "Police Appeals Tribunal appeal lodged",
                _at(appeal.lodged_on),
                _by(appeal.recorded_by),
                appeal.grounds,
            )
        )
    for listing in BarredListNotification.objects.filter(subject__case=case).select_related(
        "recorded_by__person"
    ):
        entries.append(
            TimelineEntry(
                f"{listing.get_barred_list_display()} notification",
                listing.recorded_at,
                _by(listing.recorded_by),
                f"{listing.get_reason_display()} on {listing.trigger_on:%-d %B %Y}.",
            )
        )
    for letter in Letter.objects.filter(case=case).select_related("issued_by__person"):
        entries.append(
            TimelineEntry(
                f"{letter.get_kind_display()} letter issued",
                letter.issued_at,
                _by(letter.issued_by),
                letter.subject_line if in_team else "",
            )
        )
    for review in Review.objects.filter(case=case).select_related("recorded_by__person"):
        title = f"Review applied for ({review.get_body_display()})"
        if review.late:
            title += ": late"
        entries.append(TimelineEntry(title, _at(review.applied_on), _by(review.recorded_by)))
        if review.decided_on:
            entries.append(
                TimelineEntry(
                    f"Review decided: {review.get_result_display()}",
                    _at(review.decided_on),
                    body=review.rationale,
                )
            )
    for action in CaseAction.objects.filter(case=case).select_related("created_by__person"):
        entries.append(
            TimelineEntry(
                "Action set",
                action.created_at,
                _by(action.created_by),
                f"{action.description}\nDue {action.due_on:%-d %B %Y}.",
            )
        )
        if action.completed_on:
            entries.append(
                TimelineEntry("Action done", _at(action.completed_on), body=action.description)
            )
    for note in CaseNote.objects.filter(case=case).select_related("author__person"):
        entries.append(TimelineEntry("Note", note.created_at, _by(note.author), note.text))
    for document in CaseDocument.objects.filter(case=case).select_related("uploaded_by__person"):
        entries.append(
            TimelineEntry(
                "Document added",
                document.uploaded_at,
                _by(document.uploaded_by),
                document.name if in_team else "",
            )
        )
    for update in CaseUpdate.objects.filter(case=case).select_related("added_by__person", "intake"):
        entries.append(
            TimelineEntry(
                f"Update from the complainant ({update.intake.reference})",
                update.added_at,
                _by(update.added_by),
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


# The case's own history rows worth a line: the services' change reasons say what moved. A
# decision's own row tells it better (with its reasons), so the case's echo of it is left out.
_QUIET_REASONS = {"Clocks recalculated"}
_ECHOES = ("Handling decided", "IOPC mode decision")


def _history_entries(case: Case) -> list[TimelineEntry]:
    entries = []
    rows = case.history.select_related("history_user__person").order_by("history_date")
    for row in rows:
        reason = row.history_change_reason or ""
        if row.history_type == "+":
            entries.append(
                TimelineEntry(
                    reason or "Case opened", row.history_date, _by(row.history_user), row.summary
                )
            )
        elif reason and reason not in _QUIET_REASONS and not reason.startswith(_ECHOES):
            entries.append(TimelineEntry(reason, row.history_date, _by(row.history_user)))
    return entries


def person_by_staff_number(*, user, staff_number: str):
    """The person in the staff directory with this staff number, as the user may see them."""
    staff_number = (staff_number or "").strip()
    if not staff_number:
        return None
    return (
        person_list_for_user(user=user, include_leavers=True)
        .filter(staff_number__iexact=staff_number)
        .first()
    )


def category_get(*, pk) -> AllegationCategory | None:
    return AllegationCategory.objects.filter(pk=pk, active=True).first()
