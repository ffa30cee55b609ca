"""Demo data for business interests: a year of applications across the synthetic force.

About 250 applications in a full-size force (fewer in a small one), most approved (West Midlands
approved 257 of 261 in a year, 98%), some with conditions, a few refused, withdrawn or ended,
each with its intelligence check and decision. The year is written in bulk
(``bulk_create_with_history``, each history row dated when it happened); the two applications of
the ``staff`` login (a PCSO) still waiting for ``manager`` go through the services, as a person
would make them, so they notify. Every demo login has something to see:

- ``staff``: an interest approved with conditions earlier in the year, and two applications with
  ``manager``, their sergeant, who has them in their queue;
- ``psd.caseworker``: an application with PSD with no check asked yet;
- ``ccu.analyst`` and ``ccu.head``: two checks waiting for an answer;
- ``psd.head``: applications ready to decide (one after a trace), refused ones to monitor, and
  approved ones due for review (two after a change of role);
- ``dcc``: an appeal waiting for a chief officer's decision.

Only the logins exist as users, so a historical application whose member has no login is
"entered by PSD from the paper form", and one whose line manager has no login went straight to
PSD (as the service routes it).

Idempotent: each planned application is keyed on its member, employer or business and start
date, and the plan is drawn from ``rng`` in full before anything is skipped, so a rerun with
the same seed adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from registers.interests import services
from registers.interests.models import (
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
    InterestType,
)
from standards.accounts.models import User
from standards.exchange.models import CheckAnswer, IntelligenceCheck
from standards.notifications.services import notify
from standards.people.models import Person

FULL_YEAR = 250  # a full-size force (2,120 people)
FULL_FORCE = 2120
LOGINS = ("staff", "manager", "psd.caseworker", "psd.head", "ccu.analyst", "ccu.head", "dcc")

CONDITIONS = (
    "No more than {hours} hours a week.\nNot within 11 hours before a shift.",
    "No police uniform, equipment, title or information may be used.\nTell PSD at once of any "
    "customer or client known to the police.",
    "No work in the member's own policing area.\nNo more than {hours} hours a week.",
)
APPROVED_REASONS = (
    "Outside the member's policing area and working hours; the CCU holds nothing that bears on "
    "it. Compatible.",
    "A modest commitment with no link to the member's duties or to anyone the force deals with. "
    "Compatible.",
    "The line manager supports it and the hours leave proper rest between shifts. Compatible.",
)
CONDITIONS_REASON = (
    "Compatible, but the hours need a limit to protect rest between shifts, and the member must "
    "keep the work apart from their police role."
)
WITHDRAWN_REASONS = (
    "I decided not to take the job after all.",
    "The business did not go ahead.",
    "My circumstances changed.",
)
APPEAL_GROUNDS = (
    "I work days only in the control room and never deal with licensing or the night-time "
    "economy. The premises are outside the district I cover, and I would stop at once if asked "
    "to police there."
)


@dataclass(frozen=True)
class _Kind:
    interest_type: str
    organisation: str
    role: str
    hours: tuple[int, int]
    pay: str  # empty: unpaid
    conflicts: str
    refusal: str = ""  # a reason to refuse it, for the few that are refused


# fmt: off
KINDS: tuple[_Kind, ...] = (
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Northmoor Leisure Trust", "Swimming instructor",
          (3, 8), "£14 an hour", "None that I know of. The pool is in another district."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Brackenford Rugby Club",
          "Strength and conditioning coach", (3, 6), "£20 a session",
          "Some club members may be known to the police; I would declare any I deal with."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Saltcote Tutors", "GCSE maths tutor", (2, 5),
          "£25 an hour", "None: online tutoring of school pupils, DBS checked."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Copley Vale Garden Centre",
          "Weekend sales assistant", (8, 12), "£11.44 an hour",
          "Weekend shifts: I only take them on rest days."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Kirkwell College",
          "Evening lecturer in first aid", (2, 4), "£32 an hour", "None that I know of."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Easterby Wedding Cars", "Chauffeur", (3, 8),
          "£60 a booking", "Weekend driving; I would not drive within 11 hours of a shift."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Ravensworth Fitness", "Personal trainer",
          (4, 6), "£30 a session", "None that I know of."),
    _Kind(InterestType.OWN_BUSINESS, "Ashgill Cakes", "Celebration cakes made to order",
          (4, 6), "About £2,000 a year profit", "None: sold to friends and by word of mouth."),
    _Kind(InterestType.OWN_BUSINESS, "Wykeham Sands Photography",
          "Wedding and portrait photographer", (4, 8), "About £4,000 a year",
          "None that I know of. I do not photograph police events."),
    _Kind(InterestType.OWN_BUSINESS, "Netherby Joinery", "Furniture maker (sole trader)",
          (6, 10), "About £3,500 a year", "None that I know of."),
    _Kind(InterestType.OWN_BUSINESS, "Stainby Holiday Cottage", "Letting a holiday cottage",
          (1, 3), "About £9,000 a year rent", "None: guests book through an agency."),
    _Kind(InterestType.DIRECTORSHIP, "Brackenford Community Energy CIC", "Unpaid director",
          (1, 2), "", "The company bids for council grants, not police contracts."),
    _Kind(InterestType.DIRECTORSHIP, "Hebden Lettings Ltd", "Director and 50% shareholder",
          (1, 2), "Dividends, about £3,000 a year",
          "A family company letting two flats. Tenants are vetted by an agent."),
    _Kind(InterestType.DIRECTORSHIP, "Saltcote Fisheries Ltd", "Shareholder (12%)", (0, 0),
          "Dividends", "None: I take no part in running it."),
    _Kind(InterestType.VOLUNTARY_ROLE, "Copley Vale Primary School", "School governor", (1, 2),
          "", "I would step out of any discussion of a police matter at the school."),
    _Kind(InterestType.VOLUNTARY_ROLE, "Ashgill Community Association", "Trustee", (1, 2), "",
          "The association meets the neighbourhood team; I would not represent it there."),
    _Kind(InterestType.VOLUNTARY_ROLE, "Saltcote Lifeboat Station", "Volunteer crew", (3, 5),
          "", "Call-outs could clash with shifts; my manager has agreed how to handle it."),
    _Kind(InterestType.VOLUNTARY_ROLE, "Hollinsmoor Food Bank", "Volunteer driver", (2, 4), "",
          "Some clients may be known to the police."),
    _Kind(InterestType.RELATIVE_LICENSED_PREMISES, "The Ship Inn, Saltcote",
          "My husband is the designated premises supervisor", (0, 0), "",
          "I would never deal with licensing matters or incidents at the pub."),
    _Kind(InterestType.RELATIVE_LICENSED_PREMISES, "Kirkwell Convenience Store",
          "My mother holds the premises licence", (0, 0), "",
          "I would not attend incidents at the shop."),
)
REFUSABLE: tuple[_Kind, ...] = (
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Velvet Rooms nightclub, Hollinsmoor",
          "Door supervisor", (10, 14), "£15 an hour", "I would work on my rest days only.",
          "Door work at licensed premises in the force area: the member would be working with "
          "people the police deal with at night, and the premises' licence is reviewed by the "
          "force. Incompatible."),
    _Kind(InterestType.SECONDARY_EMPLOYMENT, "Northern Recoveries Ltd", "Debt collection agent",
          (8, 12), "Commission", "None that I know of.",
          "Debt collection puts the member on doorsteps where their police role could be used "
          "to pressure people. Incompatible."),
    _Kind(InterestType.OWN_BUSINESS, "Kirkwell Investigations", "Process server and tracing",
          (6, 10), "£40 a job", "I would not use police systems for tracing.",
          "Tracing people for payment, with access to force systems, is a real risk of misuse of "
          "police information. Incompatible."),
)
# fmt: on


@dataclass
class _Planned:
    declarant: int
    kind: _Kind
    hours: Decimal
    submitted_at: dt.datetime
    start_date: dt.date
    fate: str
    conditions: str = ""
    trace: bool = False
    end_date: dt.date | None = None
    extras: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, str, dt.date]:
        return (self.declarant, self.kind.organisation, self.start_date)


def _logins() -> dict[str, User]:
    users = {u.username: u for u in User.objects.filter(username__in=LOGINS)}
    missing = sorted(set(LOGINS) - set(users))
    if missing or any(u.person_id is None for u in users.values()):
        raise ValueError(f"The demo logins {missing} are missing: run seed_logins first.")
    return users


def _at(rng: random.Random, today: dt.date, days_ago: int) -> dt.datetime:
    day = today - dt.timedelta(days=days_ago)
    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _plan(*, today: dt.date, rng: random.Random, people: list[int], logins) -> list[_Planned]:
    """The whole year, drawn from ``rng`` before anything is looked up, so reruns agree."""
    size = max(40, round(FULL_YEAR * len(people) / FULL_FORCE))
    refused = max(2, round(size * 0.015))
    withdrawn = max(2, round(size * 0.012))
    ended = max(2, round(size * 0.03))
    fates = (
        ["refused"] * refused
        + ["withdrawn"] * withdrawn
        + ["ended"] * ended
        + ["review_due_now"] * 2
        + ["appealed"]
        + ["psd_unchecked", "psd_pending", "psd_pending", "psd_no_trace", "psd_trace"]
    )
    fates += ["approved"] * (size - len(fates))
    plan: list[_Planned] = []
    for fate in fates:
        kind = rng.choice(REFUSABLE if fate in ("refused", "appealed") else KINDS)
        declarant = rng.choice(people)
        recent = fate.startswith("psd_") or (fate == "withdrawn" and rng.random() < 0.5)
        days_ago = rng.randint(2, 12) if recent else rng.randint(21, 360)
        if fate in ("review_due_now", "ended"):
            days_ago = rng.randint(120, 330)
        if fate == "appealed":  # refused a fortnight ago, appealed last week
            days_ago = rng.randint(18, 24)
        submitted_at = _at(rng, today, days_ago)
        hours = Decimal(rng.randint(*kind.hours))
        planned = _Planned(
            declarant=declarant,
            kind=kind,
            hours=hours,
            submitted_at=submitted_at,
            start_date=submitted_at.date() + dt.timedelta(days=rng.randint(14, 45)),
            fate=fate,
        )
        if fate == "approved" and rng.random() < 0.2:
            planned.fate = "conditions"
            planned.conditions = rng.choice(CONDITIONS).format(hours=int(hours) or 8)
        planned.trace = fate == "psd_trace" or (fate == "refused" and rng.random() < 0.4)
        planned.extras["withdrawal"] = rng.choice(WITHDRAWN_REASONS)
        planned.extras["approval"] = rng.choice(APPROVED_REASONS)
        planned.extras["ended_after"] = rng.randint(30, 90)
        plan.append(planned)

    # The staff login's own interest, approved with conditions in the spring.
    staff = logins["staff"].person
    swim = KINDS[0]
    submitted_at = _at(rng, today, 200)
    plan.append(
        _Planned(
            declarant=staff.pk,
            kind=swim,
            hours=Decimal(6),
            submitted_at=submitted_at,
            start_date=submitted_at.date() + dt.timedelta(days=30),
            fate="conditions",
            conditions=CONDITIONS[0].format(hours=6),
            extras={"approval": APPROVED_REASONS[0], "recommended_by": logins["manager"]},
        )
    )
    return plan


@transaction.atomic
def seed_interests(*, today: dt.date, rng: random.Random) -> int:
    """Add a year of business interests to the demo force. Returns the rows created
    (applications, decisions and intelligence checks)."""
    logins = _logins()
    login_people = {u.person_id for u in logins.values()}
    people = [
        pk
        for pk in Person.objects.serving(today)
        .filter(user__isnull=True)
        .order_by("staff_number")
        .values_list("pk", flat=True)
        if pk not in login_people
    ]
    if not people:
        raise ValueError("The demo force has no people: run seed_force first.")
    plan = list(
        {
            p.key: p for p in reversed(_plan(today=today, rng=rng, people=people, logins=logins))
        }.values()
    )
    staff_applications = _staff_applications(today)

    existing = set(
        BusinessInterest.objects.filter(declarant_id__in={p.declarant for p in plan}).values_list(
            "declarant_id", "organisation", "start_date"
        )
    )
    wanted = [p for p in plan if p.key not in existing]
    created = _write_year(wanted, logins=logins, today=today) if wanted else 0

    staff = logins["staff"]
    for application in staff_applications:
        if not BusinessInterest.objects.filter(
            declarant_id=staff.person_id, organisation=application["organisation"]
        ).exists():
            services.interest_apply(acting_user=staff, **application)
            created += 1
    return created


def _staff_applications(today: dt.date) -> list[dict]:
    return [
        {
            "interest_type": InterestType.SECONDARY_EMPLOYMENT,
            "organisation": "Saltcote Sailing Club",
            "role": "Dinghy sailing instructor",
            "hours_per_week": Decimal("6"),
            "paid": True,
            "pay_details": "£16 an hour",
            "start_date": today + dt.timedelta(days=28),
            "possible_conflicts": "Summer weekends only, on rest days. The club is outside my "
            "neighbourhood area.",
        },
        {
            "interest_type": InterestType.VOLUNTARY_ROLE,
            "organisation": "Copley Vale Primary School",
            "role": "Parent governor",
            "hours_per_week": Decimal("1.5"),
            "paid": False,
            "pay_details": "",
            "start_date": today + dt.timedelta(days=14),
            "possible_conflicts": "The school is on my beat. I would leave any discussion of a "
            "police matter.",
        },
    ]


def _stamp(obj, reason: str, at: dt.datetime, user) -> None:
    obj._change_reason = reason
    obj._history_date = at
    obj._history_user = user


def _write_year(plan: list[_Planned], *, logins, today: dt.date) -> int:
    caseworker, head = logins["psd.caseworker"], logins["psd.head"]
    analysts = [logins["ccu.analyst"], logins["ccu.head"]]

    interests = []
    for planned in plan:
        kind = planned.kind
        interest = BusinessInterest(
            declarant_id=planned.declarant,
            # The member has no login: PSD keyed it in from the paper form.
            submitted_by=logins["staff"]
            if planned.declarant == logins["staff"].person_id
            else (caseworker),
            submitted_at=planned.submitted_at,
            interest_type=kind.interest_type,
            organisation=kind.organisation,
            role=kind.role,
            hours_per_week=planned.hours,
            paid=bool(kind.pay),
            pay_details=kind.pay,
            start_date=planned.start_date,
            possible_conflicts=kind.conflicts,
            status=InterestStatus.AWAITING_PSD,
        )
        _stamp(interest, services.SUBMITTED, planned.submitted_at, None)
        interests.append(interest)
    interests = bulk_create_with_history(interests, BusinessInterest, batch_size=500)
    by_key = {(i.declarant_id, i.organisation, i.start_date): i for i in interests}

    decisions: list[InterestDecision] = []
    checks: list[IntelligenceCheck] = []
    answered: list[IntelligenceCheck] = []
    decided: list[BusinessInterest] = []
    withdrawn: list[BusinessInterest] = []

    def decision(interest, stage, outcome, rationale, at, by, conditions=""):
        row = InterestDecision(
            interest=interest,
            stage=stage,
            outcome=outcome,
            rationale=rationale,
            conditions=conditions,
            decided_by=by,
            decided_at=at,
        )
        _stamp(row, f"{DecisionStage(stage).label}: {DecisionOutcome(outcome).label}", at, by)
        decisions.append(row)

    for index, planned in enumerate(plan):
        interest = by_key[planned.key]
        at = planned.submitted_at
        manager = planned.extras.get("recommended_by")
        if manager:
            at += dt.timedelta(days=2)
            decision(
                interest,
                DecisionStage.RECOMMENDATION,
                DecisionOutcome.SUPPORT,
                "Reliable and well organised; the hours fit round shifts.",
                at,
                manager,
            )
        if planned.fate == "withdrawn":
            interest.status = InterestStatus.WITHDRAWN
            interest.withdrawal_reason = planned.extras["withdrawal"]
            interest.updated_at = at + dt.timedelta(days=1)
            withdrawn.append(interest)
            continue
        if planned.fate == "psd_unchecked":
            continue
        asked = at + dt.timedelta(days=1)
        check = IntelligenceCheck(
            subject_id=interest.declarant_id,
            purpose=services.check_purpose(interest),
            requested_by=caseworker,
            requested_at=asked,
            asked_for=interest,
            asked_for_ref=interest.reference,
        )
        _stamp(check, "Intelligence check requested by PSD", asked, caseworker)
        checks.append(check)
        if planned.fate == "psd_pending":
            continue
        check.answer = CheckAnswer.TRACE if planned.trace else CheckAnswer.NO_TRACE
        check.answered_by = analysts[index % 2]
        check.answered_at = asked + dt.timedelta(days=3)
        if planned.trace:
            check.ccu_note = "Holdings on associates of the business: see CCU log (demo)."
        answered.append(check)
        if planned.fate in ("psd_no_trace", "psd_trace"):
            continue
        at = check.answered_at + dt.timedelta(days=2)
        if planned.fate in ("refused", "appealed"):
            outcome, status, rationale = (
                DecisionOutcome.INCOMPATIBLE,
                InterestStatus.REFUSED,
                planned.kind.refusal,
            )
        elif planned.fate == "conditions":
            outcome, status, rationale = (
                DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
                InterestStatus.APPROVED_WITH_CONDITIONS,
                CONDITIONS_REASON,
            )
        else:
            outcome, status, rationale = (
                DecisionOutcome.COMPATIBLE,
                InterestStatus.APPROVED,
                planned.extras["approval"],
            )
        decision(
            interest,
            DecisionStage.PSD_DECISION,
            outcome,
            rationale,
            at,
            head,
            conditions=planned.conditions if outcome != DecisionOutcome.INCOMPATIBLE else "",
        )
        interest.status = status
        interest.reviewed_at = at
        interest.review_due = (
            services.one_year_on(at.date()) if status != InterestStatus.REFUSED else None
        )
        interest.updated_at = at
        _stamp(interest, f"PSD decision: {DecisionOutcome(outcome).label}", at, head)
        decided.append(interest)

    decisions = bulk_create_with_history(decisions, InterestDecision, batch_size=500)
    checks = bulk_create_with_history(checks, IntelligenceCheck, batch_size=500)
    for check in answered:
        _stamp(check, "Intelligence check answered", check.answered_at, check.answered_by)
    if answered:
        bulk_update_with_history(
            answered,
            IntelligenceCheck,
            fields=["answer", "answered_by", "answered_at", "ccu_note"],
            batch_size=500,
        )
    for interest in withdrawn:
        _stamp(interest, services.WITHDRAWN, interest.updated_at, None)
    _update(withdrawn, ["status", "withdrawal_reason", "updated_at"])
    _update(decided, ["status", "reviewed_at", "review_due", "updated_at"])
    _after_decision(plan, by_key, today=today, logins=logins)
    _notify_queues(checks, logins=logins)
    return len(interests) + len(decisions) + len(checks)


def _notify_queues(checks: list[IntelligenceCheck], *, logins) -> None:
    """The notices the services would have sent for what is still waiting, so the demo's
    notification pages show them."""
    ccu = [logins["ccu.analyst"], logins["ccu.head"]]
    for check in checks:
        if not check.answer:
            notify(
                recipients=ccu,
                key=f"ccu-check-requested-{check.pk}",
                subject="waiting for an answer",
                body="The Professional Standards Department has asked for an intelligence check.",
                url=f"/ccu/checks/{check.pk}/",
                record=check,
                step="answer",
            )
        elif check.asked_for.status == InterestStatus.AWAITING_PSD:
            notify(
                recipients=[logins["psd.head"]],
                key=f"interest-{check.asked_for_id}-check-{check.pk}-answered",
                subject="intelligence check answered, ready for a PSD decision",
                url=f"/registers/interests/{check.asked_for_id}/",
                record=check.asked_for,
                step="decide",
            )


def _update(interests: list[BusinessInterest], fields: list[str]) -> None:
    if interests:
        bulk_update_with_history(interests, BusinessInterest, fields=fields, batch_size=500)


def _after_decision(plan, by_key, *, today: dt.date, logins) -> None:
    """What happened after the decision: ended, appealed, or a change of role."""
    ended, appealed, flagged = [], [], []
    for planned in plan:
        interest = by_key[planned.key]
        if planned.fate == "ended":
            ended_on = min(
                today, interest.start_date + dt.timedelta(days=planned.extras["ended_after"])
            )
            at = timezone.make_aware(dt.datetime.combine(ended_on, dt.time(18, 0)))
            interest.status = InterestStatus.ENDED
            interest.ended_on = ended_on
            interest.end_reason = "I have stopped."
            interest.review_due = None
            interest.updated_at = at
            _stamp(interest, services.ENDED, at, None)
            ended.append(interest)
        elif planned.fate == "appealed":
            at = interest.updated_at + dt.timedelta(days=6)
            interest.status = InterestStatus.APPEALED
            interest.appeal_grounds = APPEAL_GROUNDS
            interest.appealed_at = at
            interest.updated_at = at
            _stamp(interest, services.APPEAL_LODGED, at, None)
            appealed.append(interest)
        elif planned.fate == "review_due_now":
            at = timezone.make_aware(
                dt.datetime.combine(today - dt.timedelta(days=3), dt.time(6, 0))
            )
            interest.review_due_now = True
            interest.review_due_now_reason = "change of role or unit (HR import demo.csv)"
            interest.updated_at = at
            _stamp(interest, f"{services.REVIEW_DUE_NOW}: change of role or unit", at, None)
            flagged.append(interest)
    _update(ended, ["status", "ended_on", "end_reason", "review_due", "updated_at"])
    _update(appealed, ["status", "appeal_grounds", "appealed_at", "updated_at"])
    _update(flagged, ["review_due_now", "review_due_now_reason", "updated_at"])
    # The notices the services would have sent, so the demo's notification pages are not empty.
    for interest in appealed:
        notify(
            recipients=[logins["dcc"]],
            key=f"interest-{interest.pk}-appeal-{interest.appealed_at:%Y%m%d%H%M%S}",
            subject="appeal waiting for a chief officer's decision",
            url=f"/registers/interests/{interest.pk}/",
            record=interest,
            step="decide_appeal",
        )
