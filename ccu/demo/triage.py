"""Demo triage: most reports older than two weeks decided, through the services, leaving a
realistic intake queue (the last two weeks' reports and a small backlog).

Of the reports it decides: a few management interventions (two held, one authorised and waiting
for its meeting, one waiting for the head), two sanitised referrals to PSD, a couple of covert
investigations, about a third developed with actions, and the rest closed with no further action.
Idempotent: a report that has a decision is never touched again, and the backlog it leaves is
chosen by the report's number, so a second run leaves the same reports.
"""

from __future__ import annotations

import datetime as dt
import random

from django.core.exceptions import ValidationError

from ccu.models import IntelligenceReport, ReportStatus, TriageOutcome
from ccu.services import triage as services
from standards.access import policy
from standards.accounts.models import User
from standards.core import extensions

QUEUE_AGE = dt.timedelta(days=14)
INTERVENTIONS = 4
REFERRALS = 2
COVERT = 2

RATIONALES = {
    TriageOutcome.NO_FURTHER_ACTION: (
        "Graded low; no corroboration on force systems and nothing further known about the "
        "subject. Kept on record for the picture.",
        "The audit shows the searches were for a lawful policing purpose. No further action.",
        "Uncorroborated and the source cannot be recontacted. Nothing to develop.",
    ),
    TriageOutcome.DEVELOP: (
        "Credible and partly corroborated: develop with a systems audit and a check of the "
        "subject's declarations before deciding.",
        "Worth developing: link to other holdings and audit access to the systems named.",
    ),
    TriageOutcome.COVERT: (
        "Indicates criminality by a serving officer with links to an organised crime group. "
        "Covert investigation authorised; nothing to be disclosed outside the CCU.",
    ),
}
ACTIONS = (
    "Audit the subject's searches of the force systems for the last 12 months",
    "Check the subject's declared business interests and notifiable associations",
    "Research the nominals named against the intelligence database",
    "Speak to the line manager about the subject's duties and shift pattern",
    "Request call data for the force mobile issued to the subject",
)
PROPOSAL = (
    "An ethical meeting with the line manager to set out the standards expected on "
    "{topic}, with advice on declaring anything relevant. No criminal or misconduct case."
)
ADVICE = (
    "Reminded of the Code of Ethics and the force policy on {topic}; the member of staff "
    "understood and accepted the advice."
)
REFERRAL_SUMMARY = (
    "Intelligence indicates that a member of staff may have acted in breach of the standards "
    "of professional behaviour ({topic}). PSD is asked to assess whether a conduct "
    "investigation is needed."
)


def _topic(report: IntelligenceReport) -> str:
    category = report.categories.order_by("order").first()
    return category.name.lower() if category else "the use of force systems"


def seed_triage(*, today: dt.date, rng: random.Random) -> int:
    """Triage the demo reports older than two weeks; returns how many it decided."""
    head = User.objects.filter(username="ccu.head").first()
    analyst = User.objects.filter(username="ccu.analyst").first()
    if head is None or analyst is None:
        return 0
    candidates = list(
        IntelligenceReport.objects.filter(
            status=ReportStatus.NEW,
            received_on__lte=today - QUEUE_AGE,
            triage_decisions__isnull=True,
        )
        .prefetch_related("report_subjects__person", "categories")
        .order_by("received_on", "pk")
    )
    # A backlog stays in the queue: one report in eight, chosen by its number.
    candidates = [report for report in candidates if report.pk % 8]
    if not candidates:
        return 0
    done_before = IntelligenceReport.objects.exclude(status=ReportStatus.NEW).exists()
    decided = 0
    interventions = referrals = covert = 0
    for report in candidates:
        worker = analyst if policy.can_change(analyst, report) else head
        people = [link.person for link in report.report_subjects.all()]
        try:
            if (
                not done_before
                and interventions < INTERVENTIONS
                and people
                and _intervene(report, people[0], worker, head, today, interventions)
            ):
                interventions += 1
                decided += 1
                continue
            if not done_before and referrals < REFERRALS and people and report.pk % 3 == 0:
                services.report_refer(
                    report=report,
                    summary=REFERRAL_SUMMARY.format(topic=_topic(report)),
                    subjects=people[:1],
                    rationale="Misconduct matter with no further intelligence value to the CCU: "
                    "refer to PSD for assessment.",
                    acting_user=head,
                )
                referrals += 1
                decided += 1
                continue
            if not done_before and covert < COVERT and report.operation_id:
                outcome = TriageOutcome.COVERT
                covert += 1
            elif rng.random() < 0.35:
                outcome = TriageOutcome.DEVELOP
            else:
                outcome = TriageOutcome.NO_FURTHER_ACTION
            services.report_triage(
                report=report,
                outcome=outcome,
                rationale=rng.choice(RATIONALES[outcome]),
                acting_user=worker,
            )
            if outcome in (TriageOutcome.DEVELOP, TriageOutcome.COVERT):
                for description in rng.sample(ACTIONS, k=rng.randint(1, 2)):
                    services.action_add(
                        report=report,
                        description=description,
                        owner=worker,
                        due_on=today + dt.timedelta(days=rng.randint(3, 45)),
                        acting_user=worker,
                    )
            decided += 1
        except ValidationError:
            continue  # a report the services will not take this way is left for a person
    return decided


def _intervene(report, person, worker, head, today: dt.date, index: int) -> bool:
    """A management intervention with ``person``, if no case about them is open: the first two
    held, the third authorised and waiting for its meeting, the fourth waiting for the head."""
    if extensions.open_cases_for(person=person) or not policy.can_view(head, report):
        return False
    topic = _topic(report)
    intervention = services.intervention_propose(
        report=report,
        subject=person,
        proposal=PROPOSAL.format(topic=topic),
        no_case_confirmed=True,
        acting_user=worker,
    )
    if index == 3:
        return True
    services.intervention_decide(
        intervention=intervention,
        authorise=True,
        rationale="Proportionate: no case is open and the conduct is best addressed by advice.",
        acting_user=head,
    )
    if index < 2:
        services.intervention_record_meeting(
            intervention=intervention,
            meeting_on=today,
            held_by="The line manager, with a CCU analyst present",
            advice=ADVICE.format(topic=topic),
            follow_up_on=today + dt.timedelta(days=90),
            acting_user=worker,
        )
    return True
