"""Reads for triage: the intake queue, a report's decisions, actions, interventions and
referral, and the lists of actions and interventions - always through the access policy, so a
list is a 404 outside the CCU and a record out of sight is the same 404 as a missing one.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from ccu.models import (
    Action,
    IntelligenceReport,
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    ReportStatus,
    ReportSubject,
    TriageDecision,
)
from ccu.selectors.reports import report_get_for_work
from standards.access import policy
from standards.access.roles import Role


def is_head(user) -> bool:
    return policy.holds(user, Role.CCU_HEAD)


def may_refer(user) -> bool:
    """Only the head of the CCU sends a sanitised referral to PSD."""
    return is_head(user)


def _require_ccu(user) -> None:
    if not policy.in_ccu(user):
        raise Http404


# --- the intake queue -----------------------------------------------------------------------------


def triage_queue_for_user(*, user) -> QuerySet[IntelligenceReport]:
    """Reports awaiting triage that the user may see, oldest first (on the status index)."""
    _require_ccu(user)
    return (
        policy.visible(user, IntelligenceReport.objects.filter(status=ReportStatus.NEW))
        .select_related("operation")
        .prefetch_related("categories")
        .order_by("received_on", "pk")
    )


# --- one report's triage --------------------------------------------------------------------------


def report_get_for_referral(*, user, pk: int) -> IntelligenceReport:
    """The report, for the head of the CCU's referral page; 404 for anyone else."""
    if not may_refer(user):
        raise Http404
    return report_get_for_work(user=user, pk=pk)


def report_subjects(*, user, report: IntelligenceReport) -> list[ReportSubject]:
    return list(
        policy.visible(user, ReportSubject.objects.filter(report=report))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def triage_of_report(*, user, report: IntelligenceReport) -> dict:
    """Everything the triage tab shows: every decision with its rationale (latest first), the
    actions, the interventions and the referral, each as the user may see them."""
    return {
        "decisions": list(
            policy.visible(user, TriageDecision.objects.filter(report=report)).select_related(
                "decided_by__person"
            )
        ),
        "actions": list(
            policy.visible(user, Action.objects.filter(report=report)).select_related(
                "owner__person"
            )
        ),
        "interventions": list(
            policy.visible(user, ManagementIntervention.objects.filter(report=report))
            .select_related("subject", "proposed_by__person", "decided_by__person")
            .order_by("-proposed_at", "-pk")
        ),
        "referral": policy.visible(user, ReportReferral.objects.filter(report=report))
        .select_related("referral")
        .prefetch_related("referral__subjects")
        .first(),
        "may_work": policy.can_change(user, report),
        "may_refer": may_refer(user),
    }


def action_owner_choices(*, report: IntelligenceReport) -> list:
    """The CCU members who may own an action on the report: those who may see it."""
    from standards.access.roles import CCU_ROLES
    from standards.accounts.models import User

    candidates = (
        User.objects.filter(is_active=True, groups__name__in=[role.value for role in CCU_ROLES])
        .select_related("person")
        .distinct()
        .order_by("person__last_name", "person__first_name", "username")
    )
    return [user for user in candidates if policy.can_view(user, report)]


# --- actions ------------------------------------------------------------------------------------


def action_list_for_user(*, user) -> QuerySet[Action]:
    """The user's open actions, soonest due first (on the owner index)."""
    _require_ccu(user)
    return (
        policy.visible(user, Action.objects.filter(owner=user, done_on__isnull=True))
        .select_related("report")
        .order_by("due_on", "pk")
    )


def action_get_for_completion(*, user, pk: int) -> Action:
    """The action, for its owner (or the head of the CCU) to complete; 404 for anyone else."""
    action = (
        policy.changeable(user, Action.objects.select_related("report", "owner__person"))
        .filter(pk=pk)
        .first()
    )
    if action is None or not (action.owner_id == user.pk or is_head(user)):
        raise Http404
    return action


# --- management interventions -----------------------------------------------------------------


def _interventions(user) -> QuerySet[ManagementIntervention]:
    return policy.visible(user, ManagementIntervention.objects.all()).select_related(
        "report", "subject", "proposed_by__person", "decided_by__person"
    )


def intervention_lists_for_user(*, user) -> dict[str, QuerySet[ManagementIntervention]]:
    """The head: interventions awaiting authorisation, and authorised ones whose meeting is not
    yet recorded. An analyst: the interventions they proposed."""
    _require_ccu(user)
    if is_head(user):
        return {
            "awaiting": _interventions(user)
            .filter(status=InterventionStatus.PROPOSED)
            .order_by("proposed_at", "pk"),
            "authorised": _interventions(user)
            .filter(status=InterventionStatus.AUTHORISED)
            .order_by("decided_at", "pk"),
        }
    return {"mine": _interventions(user).filter(proposed_by=user).order_by("-proposed_at", "-pk")}


def intervention_get_for_user(*, user, pk: int) -> ManagementIntervention:
    intervention = _interventions(user).filter(pk=pk).first()
    if intervention is None:
        raise Http404
    return intervention


def intervention_get_for_meeting(*, user, pk: int) -> ManagementIntervention:
    """An authorised intervention, for those who may work on its report, to record the meeting."""
    intervention = (
        policy.changeable(user, ManagementIntervention.objects.all())
        .select_related("report", "subject")
        .filter(pk=pk, status=InterventionStatus.AUTHORISED)
        .first()
    )
    if intervention is None:
        raise Http404
    return intervention


def may_decide_intervention(*, user, intervention: ManagementIntervention) -> bool:
    return (
        is_head(user)
        and intervention.status == InterventionStatus.PROPOSED
        and policy.can_change(user, intervention)
    )


def may_record_meeting(*, user, intervention: ManagementIntervention) -> bool:
    return intervention.status == InterventionStatus.AUTHORISED and policy.can_change(
        user, intervention
    )
