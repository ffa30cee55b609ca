"""Every change to the gifts and hospitality register: one function per transition.

Each takes the acting user, checks their right to act (one who may not gets the same 404 as for
a missing record), validates, writes history with a reason, and sends its notices after commit.
A declaration is never deleted: it is withdrawn, and its decisions are rows, never overwritten.

The routing (who must agree to an offer) is the force policy held as data in ``GiftThreshold``:
the strictest active band that matches the offer's value, answer and donor wins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.gifts.models import (
    OPEN_STATUSES,
    REQUIREMENT_ORDER,
    AppliesTo,
    Direction,
    DonorType,
    Gift,
    GiftDecision,
    GiftStatus,
    GiftThreshold,
    Kind,
    Outcome,
    Requirement,
    Response,
    Stage,
    chief_officer_filter,
)
from registers.gifts.rules import may_decide, may_recommend, may_record_for_others
from standards.access.roles import Role
from standards.accounts.models import User
from standards.core import extensions
from standards.notifications.services import notifications_done, notify
from standards.people.models import Person

MAX_VALUE = Decimal("9999999.99")  # what the column holds; a real offer is far below it
TEXT_LIMITS = {"donor_name": 200, "description": 2000, "business_reason": 2000}
RATIONALE_LIMIT = 5000
REASON_LIMIT = 2000

# Reasons written on the declaration's own history rows while a decision is taken. The
# timeline shows the decision row itself, so it leaves these out (selectors.gift_timeline).
DECISION_REASON_PREFIX = "Decision:"


@dataclass(frozen=True)
class Route:
    requirement: Requirement
    threshold: GiftThreshold | None


def gift_route(*, value: Decimal, response: str, donor_type: str) -> Route:
    """What the force policy asks of an offer: the strictest active band that matches it.

    No band at all means the policy has a gap; the offer then goes to PSD rather than through
    unrecorded (failing closed).
    """
    bands = GiftThreshold.objects.filter(
        Q(max_value__isnull=True) | Q(max_value__gte=value),
        Q(donor_type="") | Q(donor_type=donor_type),
        is_active=True,
        min_value__lte=value,
        applies_to__in=(response, AppliesTo.ANY),
    ).order_by("pk")
    strictest: GiftThreshold | None = None
    for band in bands:
        if strictest is None or (
            REQUIREMENT_ORDER[Requirement(band.requirement)]
            > REQUIREMENT_ORDER[Requirement(strictest.requirement)]
        ):
            strictest = band
    if strictest is None:
        return Route(Requirement.PSD_APPROVAL, None)
    return Route(Requirement(strictest.requirement), strictest)


# --- Declaring, changing, withdrawing --------------------------------------------------------


@dataclass(frozen=True)
class GiftDetails:
    """What the member says about one offer (the declaration form's answers)."""

    direction: str
    kind: str
    donor_name: str
    donor_type: str
    description: str
    estimated_value: Decimal
    offered_on: dt.date
    business_reason: str
    response: str


def _validated(details: GiftDetails, *, today: dt.date) -> GiftDetails:
    """The details, trimmed, or a ValidationError naming each field at fault."""
    errors: dict[str, str] = {}
    text = {name: (getattr(details, name) or "").strip() for name in TEXT_LIMITS}
    required = {
        "donor_name": "Enter who offered it, or who you gave it to",
        "description": "Describe the gift or hospitality",
        "business_reason": "Enter why it was offered",
    }
    for name, limit in TEXT_LIMITS.items():
        if not text[name]:
            errors[name] = required[name]
        elif len(text[name]) > limit:
            errors[name] = f"Keep this to {limit:,} characters or fewer"
    choices = {
        "direction": Direction,
        "kind": Kind,
        "donor_type": DonorType,
        "response": Response,
    }
    for name, enum in choices.items():
        if getattr(details, name) not in enum.values:
            errors[name] = "Choose one of the options"
    value = details.estimated_value
    if value is None:
        errors["estimated_value"] = "Enter the value of the gift"
    elif value < 0:
        errors["estimated_value"] = "The value must be £0 or more"
    elif value > MAX_VALUE:
        errors["estimated_value"] = "The value must be less than £10,000,000"
    elif value != value.quantize(Decimal("0.01")):
        errors["estimated_value"] = "Enter the value in pounds and pence, like 12.50"
    if details.offered_on is None:
        errors["offered_on"] = "Enter the date the gift was offered"
    elif details.direction == Direction.RECEIVED and details.offered_on > today:
        errors["offered_on"] = "The date the gift was offered must be today or in the past"
    elif details.offered_on < today - dt.timedelta(days=366 * 7):
        # A date this old is a slip of the keyboard (2006 for 2026), not a late declaration.
        errors["offered_on"] = "The date the gift was offered must be within the last 7 years"
    if errors:
        raise ValidationError(errors)
    return GiftDetails(
        direction=details.direction,
        kind=details.kind,
        donor_name=text["donor_name"],
        donor_type=details.donor_type,
        description=text["description"],
        estimated_value=value,
        offered_on=details.offered_on,
        business_reason=text["business_reason"],
        response=details.response,
    )


def _apply(gift: Gift, details: GiftDetails) -> None:
    for name in GiftDetails.__dataclass_fields__:
        setattr(gift, name, getattr(details, name))


def _route_into(gift: Gift, declarant: Person) -> None:
    """Set the requirement and the status the policy gives the declaration as it now reads."""
    route = gift_route(
        value=gift.estimated_value, response=gift.response, donor_type=gift.donor_type
    )
    gift.requirement = route.requirement
    gift.threshold = route.threshold
    if route.requirement in (Requirement.NO_RECORD, Requirement.RECORD_ONLY):
        gift.status = GiftStatus.RECORDED
    elif declarant.line_manager_id is not None:
        # PSD approval still starts with the line manager, who knows the work: they recommend,
        # PSD decides. Line manager agreement ends with them.
        gift.status = GiftStatus.AWAITING_LINE_MANAGER
    else:
        # Nobody to agree or recommend (a chief constable, a gap in HR's data): PSD decides.
        gift.status = GiftStatus.AWAITING_PSD


@transaction.atomic
def gift_declare(
    *, details: GiftDetails, acting_user, declarant: Person | None = None, note: str = ""
) -> Gift:
    """Declare an offer. The acting user declares their own, or PSD records one on a member's
    behalf (``declarant``: a declaration made on paper or by e-mail)."""
    own_person_id = acting_user.person_id
    if declarant is None or declarant.pk == own_person_id:
        if not own_person_id:
            raise ValidationError("Your login is not linked to the staff directory")
        declarant = Person.objects.select_related("line_manager").get(pk=own_person_id)
        reason = "Declared"
    else:
        if not may_record_for_others(acting_user):
            raise Http404
        note = (note or "").strip()
        if not note:
            raise ValidationError({"note": "Say how the declaration reached PSD"})
        if len(note) > REASON_LIMIT:
            raise ValidationError({"note": f"Keep this to {REASON_LIMIT:,} characters or fewer"})
        reason = f"Declared on the member's behalf by PSD: {note}"
    details = _validated(details, today=timezone.localdate())
    gift = Gift(declarant=declarant, submitted_by=acting_user)
    _apply(gift, details)
    gift.chief_officer_entry = Person.objects.filter(
        chief_officer_filter(), pk=declarant.pk
    ).exists()
    _route_into(gift, declarant)
    gift._change_reason = reason
    gift._history_user = acting_user
    gift.save()
    _notify_routed(gift, declarant)
    extensions.record_about_people(
        kind="gift",
        record=gift,
        person_ids=[declarant.pk],
        summary=f"{gift.reference}: gift declared",
    )
    return gift


def _require_declarant(gift: Gift, acting_user) -> None:
    if not acting_user.person_id or gift.declarant_id != acting_user.person_id:
        raise Http404


def _require_open(gift: Gift, action: str) -> None:
    if gift.status not in OPEN_STATUSES:
        state = "withdrawn" if gift.status == GiftStatus.WITHDRAWN else "decided"
        raise ValidationError(f"This declaration has been {state}, so you cannot {action} it")


def _reason(reason: str, *, field: str, message: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: message})
    if len(reason) > REASON_LIMIT:
        raise ValidationError({field: f"Keep this to {REASON_LIMIT:,} characters or fewer"})
    return reason


@transaction.atomic
def gift_update(*, gift: Gift, details: GiftDetails, reason: str, acting_user) -> Gift:
    """The member corrects their declaration, until someone has decided on it. It is routed
    again on the new facts: a recommendation already given stays in the timeline."""
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    _require_declarant(gift, acting_user)
    _require_open(gift, "change")
    reason = _reason(reason, field="reason", message="Enter what you changed and why")
    details = _validated(details, today=timezone.localdate())
    _apply(gift, details)
    declarant = Person.objects.get(pk=gift.declarant_id)
    _route_into(gift, declarant)
    gift._change_reason = f"Changed by the member: {reason}"
    gift._history_user = acting_user
    gift.save()
    _notify_routed(gift, declarant, again=True)
    return gift


@transaction.atomic
def gift_withdraw(*, gift: Gift, reason: str, acting_user) -> Gift:
    """The member withdraws a declaration nobody has decided on yet (made in error, or twice).
    It stays in the register, marked withdrawn."""
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    _require_declarant(gift, acting_user)
    _require_open(gift, "withdraw")
    reason = _reason(reason, field="reason", message="Enter why you are withdrawing it")
    gift.status = GiftStatus.WITHDRAWN
    gift.withdrawn_at = timezone.now()
    gift.withdrawn_reason = reason
    gift._change_reason = f"Withdrawn by the member: {reason}"
    gift._history_user = acting_user
    gift.save()
    # Nothing is left for anyone to recommend or decide.
    notifications_done(record=gift, steps=("recommend", "decide"))
    return gift


# --- Recommending and deciding ---------------------------------------------------------------


def _decision_text(outcome: str, rationale: str, conditions: str) -> tuple[Outcome, str, str]:
    errors: dict[str, str] = {}
    if outcome not in Outcome.values:
        errors["outcome"] = "Choose a decision"
    rationale = (rationale or "").strip()
    conditions = (conditions or "").strip()
    if not rationale:
        errors["rationale"] = "Enter the reasons for the decision"
    elif len(rationale) > RATIONALE_LIMIT:
        errors["rationale"] = f"Keep the reasons to {RATIONALE_LIMIT:,} characters or fewer"
    if len(conditions) > REASON_LIMIT:
        errors["conditions"] = f"Keep the conditions to {REASON_LIMIT:,} characters or fewer"
    if errors:
        raise ValidationError(errors)
    return Outcome(outcome), rationale, conditions


@transaction.atomic
def gift_recommend(
    *, gift: Gift, outcome: str, rationale: str, conditions: str = "", acting_user
) -> GiftDecision:
    """The line manager's say. Within their threshold it decides the matter; above it, it is a
    recommendation and the declaration goes on to PSD."""
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    if not may_recommend(acting_user, gift):
        raise Http404
    if gift.status != GiftStatus.AWAITING_LINE_MANAGER:
        raise ValidationError("This declaration is no longer waiting for a line manager")
    outcome, rationale, conditions = _decision_text(outcome, rationale, conditions)
    final = gift.requirement == Requirement.LINE_MANAGER
    decision = _record_decision(
        gift,
        stage=Stage.LINE_MANAGER_DECISION if final else Stage.LINE_MANAGER_RECOMMENDATION,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    if final:
        gift.status = GiftStatus.DECIDED
        gift.reviewed_at = decision.decided_at
    else:
        gift.status = GiftStatus.AWAITING_PSD
    gift._change_reason = f"{DECISION_REASON_PREFIX} {decision.get_stage_display().lower()}"
    gift._history_user = acting_user
    gift.save()
    notifications_done(record=gift, steps=("recommend",))
    if final:
        _notify_decided(gift, decision)
    else:
        _notify_psd(gift)
    return decision


@transaction.atomic
def gift_decide(
    *, gift: Gift, outcome: str, rationale: str, conditions: str = "", acting_user
) -> GiftDecision:
    """PSD's decision, at any point before withdrawal, including on a declaration already
    decided: the new decision is a new row and the earlier one stays in the timeline."""
    gift = Gift.objects.select_for_update().get(pk=gift.pk)
    if not may_decide(acting_user, gift):
        raise Http404
    if gift.status == GiftStatus.WITHDRAWN:
        raise ValidationError("This declaration was withdrawn, so there is nothing to decide")
    outcome, rationale, conditions = _decision_text(outcome, rationale, conditions)
    decision = _record_decision(
        gift,
        stage=Stage.PSD_DECISION,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    gift.status = GiftStatus.DECIDED
    gift.reviewed_at = decision.decided_at
    gift._change_reason = f"{DECISION_REASON_PREFIX} PSD decision"
    gift._history_user = acting_user
    gift.save()
    # PSD may decide before the line manager has recommended: that notice is done too.
    notifications_done(record=gift, steps=("recommend", "decide"))
    _notify_decided(gift, decision)
    return decision


def _record_decision(
    gift: Gift, *, stage: Stage, outcome: Outcome, rationale: str, conditions: str, acting_user
) -> GiftDecision:
    decision = GiftDecision(
        gift=gift,
        stage=stage,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        decided_by=acting_user,
    )
    decision._change_reason = f"{decision.get_stage_display()}: {decision.get_outcome_display()}"
    decision._history_user = acting_user
    decision.save()
    return decision


# --- Notices ---------------------------------------------------------------------------------
# A notice names the declaration's reference and who made it, never its content: the e-mail
# that points to it leaves the force, and the page behind it checks access again.


def _notify_routed(gift: Gift, declarant: Person, *, again: bool = False) -> None:
    if gift.status == GiftStatus.AWAITING_LINE_MANAGER:
        manager = User.objects.filter(person_id=declarant.line_manager_id, is_active=True)
        stamp = int(gift.updated_at.timestamp())
        verb = "changed" if again else "declared"
        needs = "decision" if gift.requirement == Requirement.LINE_MANAGER else "recommendation"
        notify(
            recipients=list(manager),
            key=f"gift:{gift.pk}:line-manager:{stamp}",
            subject=f"waiting for your {needs}",
            body=f"{declarant.display_name} {verb} a gift or hospitality.",
            url=reverse("gifts:detail", kwargs={"pk": gift.pk}),
            record=gift,
            step="recommend",
        )
    elif gift.status == GiftStatus.AWAITING_PSD:
        _notify_psd(gift)


def _notify_psd(gift: Gift) -> None:
    deciders = User.objects.filter(groups__name=Role.PSD_DECISION_MAKER.value, is_active=True)
    # The self-conflict rule: a decision maker never hears of their own declaration as a reviewer.
    deciders = deciders.exclude(person_id=gift.declarant_id).distinct()
    stamp = int(gift.updated_at.timestamp())
    notify(
        recipients=list(deciders),
        key=f"gift:{gift.pk}:psd:{stamp}",
        subject="waiting for a PSD decision",
        body="A gift or hospitality declaration.",
        url=reverse("gifts:detail", kwargs={"pk": gift.pk}),
        record=gift,
        step="decide",
    )


def _notify_decided(gift: Gift, decision: GiftDecision) -> None:
    declarant = User.objects.filter(person_id=gift.declarant_id, is_active=True)
    notify(
        recipients=list(declarant),
        key=f"gift-decision:{decision.pk}",
        subject="decision recorded",
        body="There is a decision on your gift or hospitality declaration.",
        url=reverse("my_gifts:detail", kwargs={"pk": gift.pk}),
        record=gift,
    )
