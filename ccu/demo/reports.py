"""Demo intelligence: about a year of graded reports, across the national categories in the
proportions of the force's strategic priorities (``CorruptionCategory.priority``: disclosure and
systems misuse most, then sexual misconduct, vulnerability, association; the rest fewer), by every
route, many in operations and many in the general intake, with subjects from the directory.

Two operations have different members: the first analyst works Operation KESTREL (and others),
the second analyst (``ccu.analyst2``) Operation MERLIN, which the first is not on. Everything is
recorded through the services, so history says who did what and why.
"""

from __future__ import annotations

import datetime as dt
import random

from guardian.shortcuts import get_perms

from ccu.models import CorruptionCategory, IntelligenceReport, Operation, Route
from ccu.selectors import reports as selectors
from ccu.services import operations as operation_services
from ccu.services import reports as services
from standards.access.roles import CCU_ROLES
from standards.accounts.models import User
from standards.people.models import Person

REPORTS = 150
DAYS = 365
# A category's weight by its priority in the strategic threat assessment (None: not a priority).
PRIORITY_WEIGHTS = {1: 10, 2: 7, 3: 5, 4: 3, None: 1}
ROUTE_WEIGHTS = {
    Route.CONFIDENTIAL_LINE: 2,
    Route.LINE_MANAGER: 5,
    Route.SYSTEMS_AUDIT: 5,
    Route.COMPLAINT: 3,
    Route.EXTERNAL_AGENCY: 2,
    Route.OTHER_FORCE: 1,
    Route.VETTING: 2,
}
SECOND_ANALYSTS_OPERATION = "Operation MERLIN"

# What the CCU would write, with nothing that identifies a source: one line per category.
SANITISED = {
    "disclosure": "A member of staff is said to have passed details of a live investigation "
    "to a friend outside the force.",
    "systems-misuse": "An audit shows searches of force systems for people with no link to the "
    "member's duties.",
    "sexual-misconduct": "An officer is said to have contacted a victim of crime on social media "
    "after the case closed.",
    "vulnerability": "A member of staff is reported to be in serious debt and borrowing from "
    "colleagues.",
    "association": "An officer is said to meet socially with a person under investigation for "
    "supply of controlled drugs.",
    "infiltration": "An applicant's associates suggest links to an organised crime group.",
    "perverting": "A witness statement is said to have been altered after it was signed.",
    "drugs": "A member of staff is said to use cocaine at weekends.",
    "theft-fraud": "Overtime claims do not match the duty records for several months.",
    "abuse-of-authority": "An officer is said to have used their warrant card to avoid a "
    "parking fine.",
    "assist-offender": "A member of staff is said to have warned a relative about a planned "
    "warrant.",
    "other": "A concern about the conduct of a member of staff that fits no other category.",
}
ORIGINAL = (
    "Reported by phone; the caller named the member of staff and gave dates and places.",
    "Line manager's e-mail with the names of two colleagues who saw it happen.",
    "Audit extract from the systems team, with the user id and search terms.",
    "Statement from a member of the public, with their address and phone number.",
    "Partner agency referral letter, with the name of the referring officer.",
)
SOURCES = (
    "Caller asked not to be named; reachable through the CCU's line.",
    "Sergeant, response team; by phone.",
    "Systems audit team; by e-mail.",
    "Partner agency safeguarding lead.",
    "Vetting unit, from an interview.",
)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()), k=1)[0]


def _analyst2_on_merlin(head) -> User | None:
    """Give the second analyst Operation MERLIN (the first analyst is not on it), once."""
    analyst2 = User.objects.filter(username="ccu.analyst2").first()
    merlin = Operation.objects.filter(code_name=SECOND_ANALYSTS_OPERATION).first()
    if analyst2 is None or merlin is None:
        return analyst2
    if "view_operation" not in get_perms(analyst2, merlin):
        operation_services.operation_grant_access(
            operation=merlin,
            grantee=analyst2,
            reason="Allocated as the operation's analyst",
            acting_user=head,
        )
    return analyst2


def seed_reports(*, today: dt.date, rng: random.Random) -> int:
    """Record the demo year of intelligence once; returns how many reports were recorded."""
    head = User.objects.filter(username="ccu.head").first()
    analyst = User.objects.filter(username="ccu.analyst").first()
    if head is None or analyst is None:
        return 0
    analyst2 = _analyst2_on_merlin(head)
    recorders = [user for user in (analyst, analyst2, head) if user is not None]
    if IntelligenceReport.objects.filter(owner__in=recorders).exists():
        return 0
    categories = list(CorruptionCategory.objects.all())
    if not categories:  # the reference data is installed by migrate
        return 0
    category_weights = {c: PRIORITY_WEIGHTS.get(c.priority, 1) for c in categories}
    excluded = {user.person_id for user in recorders}
    pool = list(
        Person.objects.serving(today)
        .exclude(pk__in=excluded)
        .exclude(user__groups__name__in=[role.value for role in CCU_ROLES])
        .order_by("staff_number")
        .values_list("staff_number", flat=True)
    )
    operations = {user.pk: list(selectors.operations_for_work(user=user)) for user in recorders}
    created = 0
    for index in range(REPORTS):
        recorder = recorders[0] if index % 5 < 3 else recorders[index % len(recorders)]
        category = _weighted(rng, category_weights)
        codes = [category.code]
        if rng.random() < 0.25:  # some reports fall under two categories
            codes.append(_weighted(rng, category_weights).code)
        choices = operations[recorder.pk]
        operation = rng.choice(choices) if choices and rng.random() < 0.45 else None
        subjects = [
            (number, "Named in the report")
            for number in rng.sample(pool, k=min(len(pool), rng.choice((0, 1, 1, 1, 2))))
        ]
        report = services.report_record(
            received_on=today - dt.timedelta(days=rng.randrange(DAYS)),
            route=_weighted(rng, ROUTE_WEIGHTS),
            original_text=rng.choice(ORIGINAL),
            source_details=rng.choice(SOURCES),
            sanitised_text=SANITISED.get(category.code, SANITISED["other"]),
            category_codes=codes,
            operation=operation,
            subjects=subjects,
            acting_user=recorder,
        )
        created += 1
        if rng.random() < 0.85:
            _grade(report, recorder, rng, head)
    return created


def _grade(report, recorder, rng: random.Random, head) -> None:
    conditions = rng.random() < 0.3
    services.report_grade(
        report=report,
        source_evaluation=rng.choice("1222333"),
        intelligence_assessment=rng.choice("ABBCCD"),
        handling_code="C" if conditions else "P",
        handling_conditions="Share with PSD only after sanitising." if conditions else "",
        rationale="Graded on receipt.",
        acting_user=recorder,
    )
    if rng.random() < 0.15:  # re-graded once corroborated; the first grading is kept
        services.report_grade(
            report=report,
            source_evaluation="1",
            intelligence_assessment="B",
            handling_code="P",
            handling_conditions="",
            rationale="Corroborated by a systems audit.",
            acting_user=head,
        )
