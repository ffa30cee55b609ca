"""Corridor entries for the CCU's triage pages.

Everything is a 404 outside the CCU. The world's report in the operation is about the "subject"
persona (a CCU analyst granted the operation), so every page reached through it, or through an
action or intervention on it, is a 404 to them; the lists exist for every CCU member. The head
sees the report only after a reason (break glass: the justification page is the 200 they get).
The referral page is the head's alone; an intervention is decided by the head, whoever proposed
it, and its meeting is recorded once authorised.
"""

from __future__ import annotations

from django.utils import timezone

from ccu.models import InterventionStatus
from tests.ccu.factories import ActionFactory, InterventionFactory
from tests.security.registry import CCU, Page
from tests.security.world import World

WORKERS = frozenset({"ccu_analyst", "ccu_head"})
HEAD = frozenset({"ccu_head"})


def _report(world: World) -> dict:
    return {"pk": world.records["intel_report"].pk}


def _action(world: World) -> dict:
    return {"pk": world.records["triage_action"].pk}


def _intervention(world: World) -> dict:
    return {"pk": world.records["triage_intervention"].pk}


def _authorised(world: World) -> dict:
    return {"pk": world.records["triage_authorised"].pk}


PAGES: dict[str, Page] = {
    "ccu:triage_queue": Page(allowed=CCU, logs=1),
    "ccu:report_triage": Page(allowed=WORKERS, kwargs=_report, acts=WORKERS),
    "ccu:action_add": Page(allowed=WORKERS, kwargs=_report, acts=WORKERS),
    "ccu:action_list": Page(allowed=CCU, logs=1),
    # The action's owner (the analyst) and the head complete it.
    "ccu:action_complete": Page(allowed=WORKERS, kwargs=_action, acts=WORKERS),
    "ccu:intervention_propose": Page(allowed=WORKERS, kwargs=_report, acts=WORKERS),
    "ccu:intervention_list": Page(allowed=CCU, logs=1),
    # The analyst sees the proposal; only the head's POST decides it (the analyst's POST shows
    # the page again and changes nothing).
    "ccu:intervention_detail": Page(allowed=WORKERS, kwargs=_intervention, acts=WORKERS),
    "ccu:intervention_meeting": Page(allowed=WORKERS, kwargs=_authorised, acts=WORKERS),
    "ccu:report_refer": Page(allowed=HEAD, kwargs=_report, acts=HEAD),
}


def build(world: World) -> None:
    report = world.records["intel_report"]
    analyst = world.users["ccu_analyst"]
    subject = world.users["subject"].person
    world.records["triage_action"] = ActionFactory(report=report, owner=analyst, created_by=analyst)
    world.records["triage_intervention"] = InterventionFactory(
        report=report, subject=subject, proposed_by=analyst
    )
    world.records["triage_authorised"] = InterventionFactory(
        report=report,
        subject=subject,
        proposed_by=analyst,
        status=InterventionStatus.AUTHORISED,
        decided_by=world.users["ccu_head"],
        decided_at=timezone.now(),
        decision_rationale="Proportionate: words of advice from the line manager.",
    )
