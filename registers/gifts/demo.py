"""Demo data for gifts and hospitality: a year of declarations across the synthetic force.

Most of the year is written in bulk (``bulk_create_with_history``, each row's history dated when
it happened): declarations routed by the real policy (``services.gift_route``), many of them
declined, settled by line managers and PSD. The declarations still in flight are made through
the services, so they notify as they would in real life, and every demo login has something to
see:

- ``staff`` (a PCSO) has a declined bottle of wine on record, a decided gift, and two
  declarations waiting for ``manager``, their sergeant;
- ``manager`` also has a recommendation already sent on to PSD;
- ``psd.caseworker`` and ``psd.head`` have declarations waiting for a PSD decision;
- ``ccu.analyst``, ``ccu.head`` and ``dcc`` have their own declarations in the portal, and the
  DCC's hospitality (with the other chief officers') is on the public register.

Only the logins exist as users, so a historical decision whose line manager has no login is
shown as PSD's (PSD may decide any declaration); the declaration itself is then "entered by
PSD from the paper register", as a force's pre-service paper declarations would be.

Idempotent: each planned declaration is keyed on its declarant, description and donor, and the
plan is drawn from ``rng`` in full before anything is skipped, so a rerun adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.apps import apps as global_apps
from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from registers.gifts import services
from registers.gifts.defaults import install_default_policy
from registers.gifts.models import (
    Direction,
    DonorType,
    Gift,
    GiftDecision,
    GiftStatus,
    Kind,
    Outcome,
    Requirement,
    Response,
    Stage,
    chief_officer_filter,
)
from standards.accounts.models import User
from standards.people.models import Person

PAPER_REASON = "Declared on the member's behalf by PSD: entered from the paper register"


@dataclass(frozen=True)
class _Offer:
    kind: str
    description: str
    low: int
    high: int
    donor_type: str
    donors: tuple[str, ...]
    reason: str
    declined_share: float = 0.45
    direction: str = Direction.RECEIVED


RESIDENTS = ("Mrs J. Hartley", "Mr and Mrs Okafor", "Mr D. Pickering", "Ms A. Begum", "Mr R. Lowe")
LOCAL_FIRMS = ("Brackenford Motors Ltd", "Saltcote Fisheries", "Copley Vale Garden Centre")
SUPPLIERS = ("Northline Fleet Services Ltd", "Tayside Body Armour Ltd", "Kestrel IT Solutions")

OFFERS: tuple[_Offer, ...] = (
    _Offer(Kind.GIFT, "Bottle of red wine", 7, 15, DonorType.INDIVIDUAL, RESIDENTS,
           "A thank you after I helped with a burglary at their home.", 0.6),
    _Offer(Kind.GIFT, "Box of chocolates", 4, 12, DonorType.INDIVIDUAL, RESIDENTS,
           "A thank you for help with a neighbour dispute.", 0.4),
    _Offer(Kind.GIFT, "Tin of biscuits for the team", 3, 9, DonorType.CHARITY,
           ("Ashgill Community Association", "Stainby Over-60s Club"),
           "A thank you to the neighbourhood team after a community event.", 0.2),
    _Offer(Kind.GIFT, "Gift voucher for a local restaurant", 25, 50, DonorType.INDIVIDUAL,
           RESIDENTS, "Offered after I returned a lost handbag.", 0.95),
    _Offer(Kind.GIFT, "Bottle of whisky", 25, 45, DonorType.COMPANY, LOCAL_FIRMS,
           "Offered after a crime prevention visit to the premises.", 0.75),
    _Offer(Kind.GIFT, "Branded pen and notebook", 3, 6, DonorType.SUPPLIER, SUPPLIERS,
           "Handed out at a supplier's product demonstration.", 0.5),
    _Offer(Kind.HOSPITALITY, "Lunch at a supplier's offices", 12, 30, DonorType.SUPPLIER,
           SUPPLIERS, "Offered during a contract review meeting.", 0.7),
    _Offer(Kind.HOSPITALITY, "Two tickets to a football match", 60, 150, DonorType.COMPANY,
           ("Kirkwell Town FC", "Brackenford Motors Ltd"),
           "Offered after the force's matchday policing operation.", 0.85),
    _Offer(Kind.HOSPITALITY, "Place at a charity dinner", 40, 90, DonorType.CHARITY,
           ("Northmoor Hospice", "Easterby Lifeboat Appeal"),
           "An invitation to represent the force at the charity's annual dinner.", 0.3),
    _Offer(Kind.GIFT, "Christmas hamper", 40, 80, DonorType.COMPANY, LOCAL_FIRMS,
           "Sent to the station at Christmas.", 0.8),
    _Offer(Kind.HOSPITALITY, "Dinner at a partnership conference", 30, 60, DonorType.PUBLIC_BODY,
           ("Northmoor Borough Council", "Northmoor NHS Trust"),
           "Part of a multi-agency safeguarding conference.", 0.15),
    _Offer(Kind.HOSPITALITY, "Drinks at a media awards evening", 20, 40, DonorType.MEDIA,
           ("Northmoor Evening Gazette", "Radio Northmoor"),
           "Invited as the force's nominee for a community award.", 0.5),
    _Offer(Kind.GIFT, "Flowers and a thank-you card", 10, 25, DonorType.INDIVIDUAL, RESIDENTS,
           "A thank you from a victim's family after a court case.", 0.3),
    _Offer(Kind.GIFT, "Cash tip", 10, 20, DonorType.INDIVIDUAL, RESIDENTS,
           "Offered by a driver after I helped at a breakdown.", 1.0),
    _Offer(Kind.GIFT, "Force crest plaque", 20, 40, DonorType.PUBLIC_BODY,
           ("Visiting delegation from the Dutch National Police",),
           "Presented to a visiting delegation on the force's behalf.", 0.0, Direction.GIVEN),
)  # fmt: skip

CHIEF_OFFICER_OFFERS: tuple[_Offer, ...] = (
    _Offer(Kind.HOSPITALITY, "Dinner at the Police Superintendents' Association conference",
           40, 70, DonorType.PUBLIC_BODY, ("Police Superintendents' Association",),
           "Guest speaker at the association's annual conference.", 0.0),
    _Offer(Kind.HOSPITALITY, "Lunch with the local business crime partnership", 15, 30,
           DonorType.COMPANY, ("Northmoor Chamber of Commerce",),
           "Quarterly meeting of the business crime reduction partnership.", 0.1),
    _Offer(Kind.HOSPITALITY, "Two tickets to a concert at the city hall", 80, 120,
           DonorType.COMPANY, ("Brackenford Arts Trust",),
           "Invitation after the force supported the festival's security planning.", 0.9),
    _Offer(Kind.HOSPITALITY, "Overnight stay for a national policing conference", 150, 280,
           DonorType.SUPPLIER, ("Kestrel IT Solutions",),
           "Offered by a supplier exhibiting at the conference.", 1.0),
    _Offer(Kind.GIFT, "Engraved glass award", 30, 60, DonorType.CHARITY, ("Northmoor Hospice",),
           "Presented in recognition of the force's fundraising.", 0.0),
)  # fmt: skip

LM_RATIONALES = {
    Outcome.ACCEPT: "Modest, offered openly as a thank you, and no link to any decision "
    "the officer makes. Fine to accept.",
    Outcome.ACCEPT_DONATE: "A kind thought, but it should benefit the team: donate it to the "
    "station raffle for the force charity.",
    Outcome.DECLINE: "Too close to ongoing work with the donor. Please decline politely.",
    Outcome.RETURN: "The donor has dealings with the force; return it with a thank-you letter.",
}
PSD_RATIONALES = {
    Outcome.ACCEPT: "Proportionate, openly offered and not linked to any procurement or "
    "operational decision. Approved.",
    Outcome.ACCEPT_DONATE: "Accept on the force's behalf and donate to the chief constable's "
    "charity raffle; no personal benefit.",
    Outcome.DECLINE: "The donor's commercial interest in the force means accepting could be "
    "seen to influence decisions. Decline.",
    Outcome.RETURN: "Already received: return it with the force's standard letter explaining "
    "our policy on gifts.",
}


# (outcomes, weights) by kind: hospitality cannot be donated, raffled or returned.
_LM_OUTCOMES = {
    Kind.GIFT: ([Outcome.ACCEPT, Outcome.ACCEPT_DONATE, Outcome.DECLINE], [80, 12, 8]),
    Kind.HOSPITALITY: ([Outcome.ACCEPT, Outcome.DECLINE], [85, 15]),
}
_PSD_OUTCOMES = {
    Kind.GIFT: (
        [Outcome.ACCEPT, Outcome.ACCEPT_DONATE, Outcome.DECLINE, Outcome.RETURN],
        [45, 25, 20, 10],
    ),
    Kind.HOSPITALITY: ([Outcome.ACCEPT, Outcome.DECLINE], [65, 35]),
}


@dataclass
class _Plan:
    declarant: Person
    offer: _Offer
    donor: str
    value: Decimal
    response: str
    offered_on: dt.date
    submitted_at: dt.datetime
    lm_outcome: str
    psd_outcome: str
    lm_days: int
    psd_days: int
    extra: dict = field(default_factory=dict)

    @property
    def key(self) -> tuple[int, str, str]:
        return (self.declarant.pk, self.offer.description, self.donor)


def _logins() -> dict[str, User]:
    names = ("staff", "manager", "psd.caseworker", "psd.head", "ccu.analyst", "ccu.head", "dcc")
    users = User.objects.select_related("person__line_manager").filter(username__in=names)
    return {user.username: user for user in users}


def _at(day: dt.date, rng: random.Random) -> dt.datetime:
    moment = dt.datetime.combine(day, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
    return timezone.make_aware(moment)


def _plan(offer: _Offer, person: Person, rng: random.Random, today: dt.date, age: int) -> _Plan:
    offered_on = today - dt.timedelta(days=age)
    declined = rng.random() < offer.declined_share
    return _Plan(
        declarant=person,
        offer=offer,
        donor=rng.choice(offer.donors),
        value=Decimal(rng.randint(offer.low * 100, offer.high * 100)) / 100,
        response=Response.DECLINED if declined else Response.ACCEPTED,
        offered_on=offered_on,
        submitted_at=_at(offered_on + dt.timedelta(days=min(age, rng.randint(0, 4))), rng),
        lm_outcome=rng.choices(*_LM_OUTCOMES[offer.kind])[0],
        psd_outcome=rng.choices(*_PSD_OUTCOMES[offer.kind])[0],
        lm_days=rng.randint(1, 6),
        psd_days=rng.randint(2, 12),
    )


@transaction.atomic
def seed_gifts(*, today: dt.date, rng: random.Random) -> int:
    """Add a year of gifts and hospitality to the demo force; return how many rows it wrote."""
    install_default_policy(global_apps)
    logins = _logins()
    missing = {"staff", "manager", "psd.caseworker", "psd.head"} - set(logins)
    if missing:
        raise ValueError(f"The demo logins {sorted(missing)} are missing: run seed_logins first.")
    people = list(Person.objects.serving().select_related("line_manager").order_by("staff_number"))
    chiefs = list(Person.objects.serving().filter(chief_officer_filter()).order_by("staff_number"))
    existing = set(Gift.objects.values_list("declarant_id", "description", "donor_name"))

    # The whole plan is drawn before anything is skipped, so a rerun draws the same plan.
    count = max(60, min(450, len(people) // 5))
    history = [
        _plan(rng.choice(OFFERS), rng.choice(people), rng, today, rng.randint(21, 365))
        for _ in range(count)
    ]
    for chief in chiefs:
        for offer in rng.sample(CHIEF_OFFICER_OFFERS, k=3):
            history.append(_plan(offer, chief, rng, today, rng.randint(21, 365)))
    staff = logins["staff"].person
    history.append(_plan(OFFERS[0], staff, rng, today, 60))  # a declined bottle of wine
    history[-1].response = Response.DECLINED
    history.append(_plan(OFFERS[12], staff, rng, today, 120))  # flowers, settled by the sergeant
    history[-1].response = Response.ACCEPTED
    history[-1].value = Decimal("18.00")
    waiting = _plan_waiting(logins, people, rng, today)

    history = [plan for plan in history if plan.key not in existing]
    created = _bulk(history, logins)
    created += _bulk([plan for plan in waiting if plan.key not in existing], logins, settle=False)
    created += _live(logins, existing, today)
    return created


def _plan_waiting(logins, people, rng, today) -> list[_Plan]:
    """Declarations still in queues, made before this week (the overdue ones among them)."""
    plans = []
    manager = logins["manager"].person
    staff_id = logins["staff"].person_id
    team = [p for p in people if p.line_manager_id == manager.pk and p.pk != staff_id]
    for person, age in zip(team[:2], (3, 10), strict=False):
        plan = _plan(OFFERS[12], person, rng, today, age)
        plan.response, plan.value = Response.ACCEPTED, Decimal("15.00")
        plans.append(plan)
    for age in (2, 6, 9, 18, 25):
        offer = rng.choice([o for o in OFFERS if o.low >= 25])
        plan = _plan(offer, rng.choice(people), rng, today, age)
        plan.response = Response.ACCEPTED
        plans.append(plan)
    return plans


def _bulk(plans: list[_Plan], logins: dict[str, User], *, settle: bool = True) -> int:
    """Declarations and their decisions, each history row dated when it happened."""
    if not plans:
        return 0
    person_ids = {p.declarant.pk for p in plans} | {p.declarant.line_manager_id for p in plans}
    users = {
        user.person_id: user
        for user in User.objects.filter(person_id__in=person_ids - {None}, is_active=True)
    }
    chief_ids = set(Person.objects.filter(chief_officer_filter()).values_list("pk", flat=True))
    caseworker, head = logins["psd.caseworker"], logins["psd.head"]
    gifts, pending = [], []
    now = timezone.now()
    for plan in plans:
        route = services.gift_route(
            value=plan.value, response=plan.response, donor_type=plan.offer.donor_type
        )
        own = users.get(plan.declarant.pk)
        gift = Gift(
            declarant=plan.declarant,
            submitted_by=own or caseworker,
            submitted_at=min(plan.submitted_at, now),
            direction=plan.offer.direction,
            kind=plan.offer.kind,
            donor_name=plan.donor,
            donor_type=plan.offer.donor_type,
            description=plan.offer.description,
            estimated_value=plan.value,
            offered_on=plan.offered_on,
            business_reason=plan.offer.reason,
            response=plan.response,
            requirement=route.requirement,
            threshold=route.threshold,
            chief_officer_entry=plan.declarant.pk in chief_ids,
        )
        gift._history_date = gift.submitted_at
        gift._history_user = gift.submitted_by
        gift._change_reason = "Declared" if own else PAPER_REASON
        manager_user = users.get(plan.declarant.line_manager_id)
        gift.status = _settled_status(route.requirement, manager_user, settle)
        gifts.append(gift)
        pending.append((gift, plan, manager_user))
    gifts = bulk_create_with_history(gifts, Gift, batch_size=500)
    decisions = []
    for (_, plan, manager_user), gift in zip(pending, gifts, strict=True):
        decisions += _decisions_for(gift, plan, manager_user, head, now, settle)
    # Each decision's history dated when it was taken, like the declaration's.
    bulk_create_with_history(decisions, GiftDecision, batch_size=500)
    return len(gifts) + len(decisions)


def _settled_status(requirement, manager_user, settle: bool) -> str:
    if requirement in (Requirement.NO_RECORD, Requirement.RECORD_ONLY):
        return GiftStatus.RECORDED
    if not settle:
        if manager_user is not None:
            return GiftStatus.AWAITING_LINE_MANAGER
        return GiftStatus.AWAITING_PSD
    return GiftStatus.DECIDED


def _decisions_for(gift, plan: _Plan, manager_user, head, now, settle) -> list[GiftDecision]:
    if gift.status == GiftStatus.RECORDED or gift.status == GiftStatus.AWAITING_LINE_MANAGER:
        return []
    decisions = []
    at = gift.submitted_at
    if manager_user is not None and gift.requirement in (
        Requirement.LINE_MANAGER,
        Requirement.PSD_APPROVAL,
    ):
        at = min(at + dt.timedelta(days=plan.lm_days), now)
        final = gift.requirement == Requirement.LINE_MANAGER
        decisions.append(
            _decision(
                gift,
                Stage.LINE_MANAGER_DECISION if final else Stage.LINE_MANAGER_RECOMMENDATION,
                plan.lm_outcome,
                LM_RATIONALES[Outcome(plan.lm_outcome)],
                manager_user,
                at,
            )
        )
        if final:
            return decisions
    if settle:
        at = min(at + dt.timedelta(days=plan.psd_days), now)
        outcome = Outcome.DECLINE if gift.response == Response.DECLINED else plan.psd_outcome
        decisions.append(
            _decision(gift, Stage.PSD_DECISION, outcome, PSD_RATIONALES[Outcome(outcome)], head, at)
        )
    return decisions


def _decision(gift, stage, outcome, rationale, user, at) -> GiftDecision:
    decision = GiftDecision(
        gift=gift, stage=stage, outcome=outcome, rationale=rationale, decided_by=user, decided_at=at
    )
    decision._history_date = at
    decision._history_user = user
    decision._change_reason = f"{decision.get_stage_display()}: {decision.get_outcome_display()}"
    return decision


def _details(offer: _Offer, *, donor: str, value: str, response: str, days_ago: int, today):
    return services.GiftDetails(
        direction=offer.direction,
        kind=offer.kind,
        donor_name=donor,
        donor_type=offer.donor_type,
        description=offer.description,
        estimated_value=Decimal(value),
        offered_on=today - dt.timedelta(days=days_ago),
        business_reason=offer.reason,
        response=response,
    )


def _live(logins: dict[str, User], existing: set, today: dt.date) -> int:
    """Declarations made this week through the services, as the logins themselves would."""
    created = 0
    staff, manager, head = logins["staff"], logins["manager"], logins["psd.head"]

    def declare(user: User, offer: _Offer, donor: str, value: str, response: str, days: int):
        nonlocal created
        if user is None or (user.person_id, offer.description, donor) in existing:
            return None
        gift = services.gift_declare(
            details=_details(
                offer, donor=donor, value=value, response=response, days_ago=days, today=today
            ),
            acting_user=user,
        )
        created += 1
        return gift

    # Waiting for the sergeant: one within their own authority, one they pass to PSD.
    declare(staff, OFFERS[1], "Mrs J. Hartley", "9.50", Response.ACCEPTED, 2)
    declare(staff, OFFERS[8], "Northmoor Hospice", "45.00", Response.ACCEPTED, 1)
    # Recommended by the sergeant and waiting for PSD.
    gift = declare(staff, OFFERS[6], "Northline Fleet Services Ltd", "22.00", Response.ACCEPTED, 4)
    if gift is not None and gift.status == GiftStatus.AWAITING_LINE_MANAGER:
        services.gift_recommend(
            gift=gift,
            outcome=Outcome.DECLINE,
            rationale="The company is bidding for the fleet contract: I recommend she declines.",
            acting_user=manager,
        )
        created += 1
    # The CCU's own declarations, and the deputy chief constable's hospitality, decided by PSD.
    declare(logins.get("ccu.analyst"), OFFERS[1], "Ms A. Begum", "6.00", Response.DECLINED, 12)
    declare(logins.get("ccu.head"), OFFERS[11], "Radio Northmoor", "30.00", Response.DECLINED, 8)
    declare(logins.get("psd.caseworker"), OFFERS[2], "Stainby Over-60s Club", "5.00",
            Response.ACCEPTED, 5)  # fmt: skip
    dinner = declare(
        logins.get("dcc"),
        CHIEF_OFFICER_OFFERS[0],
        "Police Superintendents' Association",
        "55.00",
        Response.ACCEPTED,
        6,
    )
    if dinner is not None and dinner.status != GiftStatus.DECIDED:
        services.gift_decide(
            gift=dinner,
            outcome=Outcome.ACCEPT,
            rationale=PSD_RATIONALES[Outcome.ACCEPT],
            acting_user=head,
        )
        created += 1
    return created
