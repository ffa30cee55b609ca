"""Demo data: a year of notifiable associations in the demo force (Northmoor Police).

Shaped like Cleveland's register: 151 live associations in a force of 2,120 (2017), scaled to the
size of the demo force; a handful awaiting their first assessment, a few changed by the member
since, reviews falling due over the year with some in the next 30 days and a few overdue, and a
few ended. The demo logins get their own: ``staff`` has one awaiting assessment (so the CCU's
queue has it), ``manager``, ``psd.caseworker``, ``psd.head`` and ``ccu.analyst`` have live ones
with advice (the analyst's was assessed by the head: nobody assesses their own), and ``dcc`` has
one that has ended.

Idempotent: the declarants are chosen without the random generator (by a hash of the staff
number), and each planned declarant who already has an association is skipped, so a rerun finds
everyone in place and writes nothing. Rows go in with ``bulk_create_with_history`` and
``bulk_update_with_history``, dated as the events happened, so each record's history reads as it
would have: declared, assessed, then changed or ended.

Most of the force has no login, so their declarations are recorded as transcribed by the head of
the CCU (the register's owner) from the paper register; the demo logins' own are made by them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from registers.associations.models import (
    AssociationAssessment,
    AssociationStatus,
    ConcernCategory,
    ContactFrequency,
    NotifiableAssociation,
    Relationship,
    Risk,
)
from registers.associations.rules import ASSESSING_ROLES
from registers.associations.services import (
    REASON_ASSESSED,
    REASON_CHANGED,
    REASON_DECLARED,
    REASON_ENDED,
    years_after,
)
from standards.accounts.models import User
from standards.people.models import Person
from standards.site.demo import FEMALE_FIRST_NAMES, FULL_SIZE, MALE_FIRST_NAMES, SURNAMES

# Cleveland Police: 151 live notifiable associations in 2017, in a force of 2,120.
LIVE_AT_FULL_SIZE = 151
AWAITING_AT_FULL_SIZE = 6
CHANGED_AT_FULL_SIZE = 4
ENDED_AT_FULL_SIZE = 14
OVERDUE_SHARE = 0.04

TOWNS = ("Brackenford", "Hollinsmoor", "Kirkwell", "Easterby", "Saltcote", "Copley Vale")
STREETS = ("Mill Lane", "Station Road", "Church Street", "Quarry Road", "Moor View", "High Street")
PAPERS = ("Northmoor Evening Gazette", "Easterby Coast Mail", "a regional news website")
CATEGORY_WEIGHTS = {
    ConcernCategory.CRIMINALITY: 34,
    ConcernCategory.UNDER_INVESTIGATION: 14,
    ConcernCategory.ORGANISED_CRIME: 8,
    ConcernCategory.EXTREMIST: 2,
    ConcernCategory.PRIVATE_INVESTIGATOR: 4,
    ConcernCategory.MEDIA: 6,
    ConcernCategory.SEX_WORKER: 4,
    ConcernCategory.VULNERABLE: 6,
    ConcernCategory.OTHER: 22,
}
RELATIONSHIP_WEIGHTS = {
    Relationship.FAMILY: 45,
    Relationship.PARTNER: 6,
    Relationship.EX_PARTNER: 8,
    Relationship.FRIEND: 22,
    Relationship.NEIGHBOUR: 7,
    Relationship.BUSINESS: 5,
    Relationship.OTHER: 7,
}
CONTACT_WEIGHTS = {
    ContactFrequency.DAILY: 10,
    ContactFrequency.WEEKLY: 28,
    ContactFrequency.MONTHLY: 27,
    ContactFrequency.OCCASIONALLY: 30,
    ContactFrequency.NO_LONGER: 5,
}
RISK_WEIGHTS = {Risk.LOW: 60, Risk.MEDIUM: 31, Risk.HIGH: 9}
FAMILY = ("brother", "sister", "cousin", "uncle", "brother-in-law", "stepson", "nephew")
OFFENCES = ("burglary", "supplying drugs", "assault", "fraud", "handling stolen goods", "theft")

ADVICE = (
    "Do not discuss police work with them or share anything you learn at work. Tell the Counter "
    "Corruption Unit straight away if they are arrested, or if they or anyone close to them asks "
    "you for information or a favour."
)
CONDITIONS = (
    "Do not look them up, or anyone connected with them, on any force system. If you are sent "
    "to an incident involving them, hand it to a colleague without giving the reason."
)
RATIONALES = {
    Risk.LOW: "Checks on force systems show nothing beyond what the member declared. Contact is "
    "social or family only and the member's role gives no access to relevant investigations.",
    Risk.MEDIUM: "The associate is recorded as a suspect in recent investigations in the force "
    "area. The member's role gives access to systems that hold them; conditions manage the risk "
    "of disclosure.",
    Risk.HIGH: "The associate is linked by intelligence to an organised crime group active in the "
    "force area. The member's access and the frequency of contact make compromise a real risk: "
    "conditions set, and the CCU keeps the association in sight between reviews.",
}


@dataclass
class _Plan:
    declarant: Person
    kind: str  # "awaiting", "live" or "ended"
    submitted_by: User | None = None  # None: transcribed by the register's owner
    assessor: User | None = None
    days_since_assessed: int | None = None  # live: how long ago the current assessment was
    changed: bool = False
    reassessed: bool = False
    answers: dict = field(default_factory=dict)


def _stable_order(person: Person) -> str:
    # Not random: the same people are chosen on every run, whatever the generator's state.
    return hashlib.sha256(f"notifiable-association:{person.staff_number}".encode()).hexdigest()


def _logins() -> dict[str, User]:
    names = ("staff", "manager", "psd.caseworker", "psd.head", "ccu.analyst", "ccu.head", "dcc")
    return {
        user.username: user
        for user in User.objects.filter(username__in=names, person__isnull=False).select_related(
            "person"
        )
    }


@transaction.atomic
def seed_associations(*, today: dt.date, rng: random.Random) -> int:
    """Add the demo force's notifiable associations; return how many rows it created
    (declarations and assessments). Running it again adds nothing."""
    logins = _logins()
    owner = logins.get("ccu.head") or _any_ccu_user()
    analyst = logins.get("ccu.analyst") or owner
    if owner is None:
        raise ValueError("No CCU login to assess the demo associations: run seed_logins first.")

    serving = list(Person.objects.serving(today).order_by("staff_number"))
    if not serving:
        return 0
    scale = len(serving) / FULL_SIZE
    plans = _login_plans(logins, owner, analyst)
    taken = {plan.declarant.pk for plan in plans} | {u.person_id for u in logins.values()}
    pool = sorted((p for p in serving if p.pk not in taken), key=_stable_order)

    live = max(8, round(LIVE_AT_FULL_SIZE * scale)) - sum(p.kind == "live" for p in plans)
    awaiting = max(3, round(AWAITING_AT_FULL_SIZE * scale)) - 1
    ended = max(3, round(ENDED_AT_FULL_SIZE * scale)) - 1
    changed = max(2, round(CHANGED_AT_FULL_SIZE * scale))
    overdue = max(2, round(live * OVERDUE_SHARE))
    kinds = ["awaiting"] * awaiting + ["ended"] * ended + ["live"] * live
    for index, (person, kind) in enumerate(zip(pool, kinds, strict=False)):
        plan = _Plan(declarant=person, kind=kind, assessor=owner if index % 3 == 0 else analyst)
        if kind == "live":
            live_index = index - awaiting - ended
            if live_index < overdue:
                plan.days_since_assessed = 365 + 1 + live_index * 9  # overdue by days or weeks
            elif live_index < overdue + 2:
                plan.days_since_assessed = 365 - 4 - live_index * 3  # due within 30 days
            else:
                plan.days_since_assessed = rng.randint(1, 360)
            plan.changed = overdue + 2 <= live_index < overdue + 2 + changed
        plans.append(plan)

    existing = set(
        NotifiableAssociation.objects.filter(
            declarant_id__in=[plan.declarant.pk for plan in plans]
        ).values_list("declarant_id", flat=True)
    )
    plans = [plan for plan in plans if plan.declarant.pk not in existing]
    if not plans:
        return 0
    return _write(plans, owner=owner, today=today, rng=rng)


def _any_ccu_user() -> User | None:
    return (
        User.objects.filter(
            groups__name__in=[role.value for role in ASSESSING_ROLES],
            is_active=True,
            person__isnull=False,
        )
        .order_by("username")
        .first()
    )


def _login_plans(logins: dict[str, User], owner: User, analyst: User) -> list[_Plan]:
    """The demo logins' own declarations, so each has something in their portal."""
    wanted = {
        "staff": _Plan(declarant=None, kind="awaiting"),
        "manager": _Plan(declarant=None, kind="live", assessor=analyst, days_since_assessed=120),
        "psd.caseworker": _Plan(
            declarant=None, kind="live", assessor=analyst, days_since_assessed=352
        ),
        "psd.head": _Plan(declarant=None, kind="live", assessor=analyst, days_since_assessed=40),
        # The analyst's own is assessed by the head: nobody assesses their own declaration.
        "ccu.analyst": _Plan(declarant=None, kind="live", assessor=owner, days_since_assessed=200),
        "dcc": _Plan(declarant=None, kind="ended", assessor=analyst),
    }
    plans = []
    for username, plan in wanted.items():
        user = logins.get(username)
        if user is None or user == plan.assessor:
            continue
        plan.declarant = user.person
        plan.submitted_by = user
        plans.append(plan)
    return plans


def _write(plans: list[_Plan], *, owner: User, today: dt.date, rng: random.Random) -> int:
    now = timezone.now()
    midday = dt.time(11, 30)

    def at(days_ago: int) -> dt.datetime:
        moment = dt.datetime.combine(today - dt.timedelta(days=days_ago), midday)
        return min(timezone.make_aware(moment), now)

    # 1. The declarations, as declared: all waiting for the CCU.
    associations = []
    for plan in plans:
        plan.answers = _answers(rng, today)
        if plan.kind == "ended":
            plan.days_since_assessed = rng.randint(150, 500)
        if plan.days_since_assessed is None:
            # Waiting for the CCU: the demo login's own was sent five days ago.
            submitted_ago = 5 if plan.submitted_by else rng.randint(2, 24)
        else:
            plan.reassessed = rng.random() < 0.15
            first_assessed = plan.days_since_assessed + (365 if plan.reassessed else 0)
            submitted_ago = first_assessed + rng.randint(4, 35)
        association = NotifiableAssociation(
            declarant=plan.declarant,
            submitted_by=plan.submitted_by or owner,
            submitted_at=at(submitted_ago),
            **plan.answers,
        )
        # Nobody declares someone before they knew them.
        association.known_since = min(
            association.known_since, today - dt.timedelta(days=submitted_ago + 30)
        )
        association._history_date = association.submitted_at
        association._history_user = association.submitted_by
        association._change_reason = REASON_DECLARED
        associations.append(association)
    associations = bulk_create_with_history(associations, NotifiableAssociation)

    # 2. The CCU's assessments (a few reassessed a year on, the earlier one kept), and the
    #    declarations going live with their review dates.
    assessments, assessed = [], []
    for plan, association in zip(plans, associations, strict=True):
        if plan.days_since_assessed is None:
            continue
        if plan.reassessed:
            earlier = at(plan.days_since_assessed + 365)
            assessments.append(_assessment(association, plan.assessor, Risk.LOW, earlier))
        decided_at = at(plan.days_since_assessed)
        risk = _choose(rng, RISK_WEIGHTS)
        assessment = _assessment(association, plan.assessor, risk, decided_at)
        assessments.append(assessment)
        association.status = AssociationStatus.LIVE
        association.reviewed_at = decided_at
        association.review_due = assessment.next_review_on
        association._history_date = decided_at
        association._history_user = plan.assessor
        association._change_reason = REASON_ASSESSED
        assessed.append(association)
    bulk_create_with_history(assessments, AssociationAssessment)
    if assessed:
        bulk_update_with_history(
            assessed, NotifiableAssociation, fields=["status", "reviewed_at", "review_due"]
        )

    # 3. The member's later steps: some changed their answers since, some ended it.
    later = []
    for plan, association in zip(plans, associations, strict=True):
        if plan.changed and association.reviewed_at:
            moment = association.reviewed_at + (now - association.reviewed_at) * rng.uniform(
                0.3, 0.9
            )
            association.contact_frequency = (
                ContactFrequency.DAILY
                if association.contact_frequency != ContactFrequency.DAILY
                else ContactFrequency.WEEKLY
            )
            association.declarant_changed_at = moment
            association._change_reason = REASON_CHANGED
        elif plan.kind == "ended":
            start = association.reviewed_at or association.submitted_at
            moment = start + (now - start) * rng.uniform(0.4, 0.95)
            association.status = AssociationStatus.ENDED
            association.ended_on = timezone.localtime(moment).date()
            association.end_reason = rng.choice(
                (
                    "We have separated and I have had no contact since.",
                    "They have moved abroad and we are no longer in touch.",
                    "They died in the spring.",
                    "I have not seen or spoken to them for over a year.",
                )
            )
            association.review_due = None
            association.declarant_changed_at = moment
            association._change_reason = REASON_ENDED
        else:
            continue
        association._history_date = moment
        association._history_user = plan.submitted_by or owner
        later.append(association)
    if later:
        bulk_update_with_history(
            later,
            NotifiableAssociation,
            fields=[
                "contact_frequency",
                "declarant_changed_at",
                "status",
                "ended_on",
                "end_reason",
                "review_due",
            ],
        )
    return len(associations) + len(assessments)


def _assessment(association, assessor, risk, decided_at) -> AssociationAssessment:
    assessment = AssociationAssessment(
        association=association,
        outcome=risk,
        rationale=RATIONALES[risk],
        advice=ADVICE,
        conditions=CONDITIONS if risk != Risk.LOW else "",
        next_review_on=years_after(timezone.localtime(decided_at).date(), 1),
        decided_by=assessor,
        decided_at=decided_at,
    )
    assessment._history_date = decided_at
    assessment._history_user = assessor
    assessment._change_reason = REASON_ASSESSED
    return assessment


def _choose(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _answers(rng: random.Random, today: dt.date) -> dict:
    female = rng.random() < 0.4
    first = rng.choice(FEMALE_FIRST_NAMES if female else MALE_FIRST_NAMES)
    name = f"{first} {rng.choice(SURNAMES)}"
    category = _choose(rng, CATEGORY_WEIGHTS)
    relationship = (
        Relationship.OTHER
        if category == ConcernCategory.VULNERABLE
        else _choose(rng, RELATIONSHIP_WEIGHTS)
    )
    born = today - dt.timedelta(days=rng.randint(19 * 365, 68 * 365))
    if relationship == Relationship.FAMILY and rng.random() < 0.5:
        known_since = born
    else:
        known_since = today - dt.timedelta(days=rng.randint(200, 22 * 365))
        known_since = max(known_since, born + dt.timedelta(days=16 * 365))
    town = rng.choice(TOWNS)
    address = f"{rng.randint(1, 140)} {rng.choice(STREETS)}, {town}" if rng.random() < 0.55 else ""
    return {
        "associate_name": name,
        "associate_date_of_birth": born if rng.random() < 0.6 else None,
        "associate_address": address,
        "relationship": relationship,
        "category_of_concern": category,
        "contact_frequency": _choose(rng, CONTACT_WEIGHTS),
        "known_since": min(known_since, today),
        "circumstances": _circumstances(rng, relationship, category, female, town, today),
    }


def _circumstances(rng, relationship, category, female, town, today) -> str:
    he, him = ("She", "her") if female else ("He", "him")
    who = {
        Relationship.FAMILY: f"My {rng.choice(FAMILY)}"
        if not female
        else f"My {rng.choice(('sister', 'cousin', 'aunt', 'sister-in-law', 'niece'))}",
        Relationship.PARTNER: "My partner; we live together",
        Relationship.EX_PARTNER: "My ex-partner; we share the care of our children",
        Relationship.FRIEND: "A close friend from school",
        Relationship.NEIGHBOUR: "My next-door neighbour",
        Relationship.BUSINESS: "We jointly own a rental property",
        Relationship.OTHER: "We play in the same five-a-side team",
    }[relationship]
    year = today.year - rng.randint(1, 6)
    offence = rng.choice(OFFENCES)
    concern = {
        ConcernCategory.CRIMINALITY: f"{he} has convictions for {offence}, most recently in "
        f"{year}.",
        ConcernCategory.UNDER_INVESTIGATION: f"{he} was arrested this year on suspicion of "
        f"{offence} and has been released under investigation.",
        ConcernCategory.ORGANISED_CRIME: f"I have been told {he.lower()} is involved with a group "
        f"supplying drugs in {town}.",
        ConcernCategory.EXTREMIST: f"{he} has started sharing posts from an extremist group "
        "online.",
        ConcernCategory.PRIVATE_INVESTIGATOR: f"{he} runs a private investigation business in "
        f"{town}, mostly tracing and process serving.",
        ConcernCategory.MEDIA: f"{he} is a reporter for the {rng.choice(PAPERS)}.",
        ConcernCategory.SEX_WORKER: f"I have learned that {he.lower()} works as an escort.",
        ConcernCategory.VULNERABLE: f"I met {him} as a victim in a case I dealt with in {year}; "
        f"{he.lower()} has since contacted me on social media.",
        ConcernCategory.OTHER: f"{he} owes money to people I believe are involved in crime.",
    }[category]
    if category == ConcernCategory.VULNERABLE:
        return f"{concern} I have not replied and have kept it to that."
    return f"{who}. {concern} I never talk about work with {him}."
