"""Every change to a business interest: one function per step of the application, decision and
appeal, each taking the acting user, validating, and writing history with the reason.

Who may act is checked here, not only in the views: a user who may not take a step gets the same
404 as for a missing record (it tells nobody the record exists); a step taken at the wrong time
(already decided, not yet checked) is a ``ValidationError`` with a message for the person.

Notices go out in the same transaction (``notify`` sends its e-mail on commit). The member and
their line manager are never told an intelligence check was asked: to them the application is
"with PSD for decision" until the decision comes back (DESIGN.md, corridor rule 5).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from registers.interests.models import (
    APPROVED_STATUSES,
    OUTCOMES_BY_STAGE,
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
    InterestType,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core.validators import no_markup
from standards.exchange import services as exchange
from standards.exchange.selectors import CheckOutcome, check_outcomes_for
from standards.notifications.services import notify

# Change reasons, also read back by the timeline (selectors.interest_timeline).
SUBMITTED = "Application submitted"
APPEAL_LODGED = "Appeal lodged"
WITHDRAWN = "Application withdrawn"
ENDED = "Interest ended"
REVIEW_DUE_NOW = "Review due now"
# simple_history's history_change_reason holds 100 characters.
REASON_MAX = 100

MAX_HOURS = Decimal("80")


# --- helpers -----------------------------------------------------------------------------------


def _users_with(role: Role, *, excluding_person_id: int | None = None):
    from standards.accounts.models import User

    users = User.objects.filter(groups__name=role.value, is_active=True).select_related("person")
    if excluding_person_id:
        # The member is never asked to review their own application, even when they hold the role.
        users = users.exclude(person_id=excluding_person_id)
    return list(users)


def _user_of(person_id: int | None):
    if not person_id:
        return None
    from standards.accounts.models import User

    return User.objects.filter(person_id=person_id, is_active=True).first()


def _locked(interest: BusinessInterest) -> BusinessInterest:
    """The interest's row, locked for this transaction, so two people acting at once cannot both
    decide it; the second sees the first's result and is told."""
    return (
        BusinessInterest.objects.select_for_update(of=("self",))
        .select_related("declarant")
        .get(pk=interest.pk)
    )


def _locked_visible(interest: BusinessInterest, user) -> BusinessInterest:
    if not policy.can_view(user, interest):
        raise Http404
    return _locked(interest)


def _text(value: str, field: str, *, required: str | None = None) -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: required})
    try:
        no_markup(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return value


def _save(interest: BusinessInterest, reason: str, acting_user) -> None:
    interest._change_reason = reason[:REASON_MAX]
    interest._history_user = acting_user
    interest.save()


def _decide(
    interest: BusinessInterest,
    *,
    stage: DecisionStage,
    outcome: str,
    rationale: str,
    conditions: str,
    acting_user,
) -> InterestDecision:
    if outcome not in OUTCOMES_BY_STAGE[stage]:
        raise ValidationError({"outcome": "Select an outcome"})
    rationale = _text(rationale, "rationale", required="Enter the reasons for the decision")
    conditions = _text(conditions, "conditions")
    with_conditions = outcome in (
        DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
        DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS,
    )
    if with_conditions and not conditions:
        raise ValidationError({"conditions": "Enter the conditions the member must keep to"})
    if not with_conditions:
        conditions = ""
    decision = InterestDecision(
        interest=interest,
        stage=stage,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        decided_by=acting_user,
    )
    decision._change_reason = f"{DecisionStage(stage).label}: {DecisionOutcome(outcome).label}"[
        :REASON_MAX
    ]
    decision._history_user = acting_user
    decision.save()
    return decision


def one_year_on(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def _status_for(outcome: str) -> InterestStatus:
    return {
        DecisionOutcome.COMPATIBLE: InterestStatus.APPROVED,
        DecisionOutcome.APPEAL_UPHELD: InterestStatus.APPROVED,
        DecisionOutcome.COMPATIBLE_WITH_CONDITIONS: InterestStatus.APPROVED_WITH_CONDITIONS,
        DecisionOutcome.APPEAL_UPHELD_WITH_CONDITIONS: InterestStatus.APPROVED_WITH_CONDITIONS,
        DecisionOutcome.INCOMPATIBLE: InterestStatus.REFUSED,
    }[outcome]


def _apply_outcome(interest: BusinessInterest, status: InterestStatus) -> None:
    now = timezone.now()
    interest.status = status
    interest.reviewed_at = now
    interest.review_due_now = False
    interest.review_due_now_reason = ""
    # An approved interest is reviewed a year on; a refused one has nothing to review.
    interest.review_due = (
        one_year_on(timezone.localdate(now)) if status in APPROVED_STATUSES else None
    )


def _portal_url(interest: BusinessInterest) -> str:
    return reverse("my_interests:detail", kwargs={"pk": interest.pk})


def _register_url(interest: BusinessInterest) -> str:
    return reverse("interests:detail", kwargs={"pk": interest.pk})


def _notify_psd_deciders(interest: BusinessInterest, *, key: str, subject: str) -> None:
    notify(
        recipients=_users_with(Role.PSD_DECISION_MAKER, excluding_person_id=interest.declarant_id),
        key=key,
        subject=subject,
        url=_register_url(interest),
    )


def _notify_member(interest: BusinessInterest, *, key: str, subject: str, body: str) -> None:
    notify(
        recipients=[_user_of(interest.declarant_id)],
        key=key,
        subject=subject,
        body=body,
        url=_portal_url(interest),
    )


def _recommender(declarant):
    """The line manager's login, if the member has a manager who can sign in to recommend."""
    return _user_of(declarant.line_manager_id)


# --- the member's own steps --------------------------------------------------------------------


@transaction.atomic
def interest_apply(
    *,
    interest_type: str,
    organisation: str,
    role: str,
    hours_per_week: Decimal,
    paid: bool,
    pay_details: str = "",
    start_date: dt.date,
    end_date: dt.date | None = None,
    possible_conflicts: str,
    acting_user,
) -> BusinessInterest:
    """The member applies. It goes to their line manager for a recommendation; a member with no
    line manager who can sign in goes straight to PSD, so no application waits on nobody."""
    if not acting_user.person_id:
        raise ValidationError("Your login is not linked to the staff directory")
    if interest_type not in InterestType.values:
        raise ValidationError({"interest_type": "Select the kind of business interest"})
    organisation = _text(
        organisation,
        "organisation",
        required="Enter the name of the employer, business or premises",
    )
    role = _text(role, "role", required="Enter the role")
    pay_details = _text(pay_details, "pay_details")
    possible_conflicts = _text(
        possible_conflicts,
        "possible_conflicts",
        required="Say how this could conflict with your police role, or that you know of no way",
    )
    if hours_per_week is None or not (Decimal("0") <= Decimal(hours_per_week) <= MAX_HOURS):
        raise ValidationError({"hours_per_week": "Hours a week must be between 0 and 80"})
    if paid and not pay_details:
        raise ValidationError({"pay_details": "Enter how much you are paid, or how"})
    if not paid:
        pay_details = ""
    if end_date and end_date < start_date:
        raise ValidationError(
            {"end_date": "The end date must be the same as or after the start date"}
        )

    from standards.people.models import Person

    declarant = Person.objects.select_related("line_manager").get(pk=acting_user.person_id)
    manager = _recommender(declarant)
    interest = BusinessInterest(
        declarant=declarant,
        submitted_by=acting_user,
        interest_type=interest_type,
        organisation=organisation,
        role=role,
        hours_per_week=hours_per_week,
        paid=paid,
        pay_details=pay_details,
        start_date=start_date,
        end_date=end_date,
        possible_conflicts=possible_conflicts,
        status=(InterestStatus.AWAITING_LINE_MANAGER if manager else InterestStatus.AWAITING_PSD),
    )
    _save(interest, SUBMITTED, acting_user)
    if manager:
        notify(
            recipients=[manager],
            key=f"interest-{interest.pk}-awaiting-recommendation",
            subject=f"{declarant.display_name} has applied for a business interest",
            body="Give your recommendation so the Professional Standards Department can decide.",
            url=reverse("interests:recommend", kwargs={"pk": interest.pk}),
        )
    else:
        _notify_psd_deciders(
            interest,
            key=f"interest-{interest.pk}-awaiting-psd",
            subject="A business interest application is waiting for a decision",
        )
    return interest


def _own(interest: BusinessInterest, acting_user) -> BusinessInterest:
    if not acting_user.person_id or interest.declarant_id != acting_user.person_id:
        raise Http404
    return _locked(interest)


@transaction.atomic
def interest_withdraw(*, interest: BusinessInterest, reason: str = "", acting_user) -> None:
    """The member withdraws an application not yet decided. It stays on the register."""
    interest = _own(interest, acting_user)
    if interest.status not in (
        InterestStatus.AWAITING_LINE_MANAGER,
        InterestStatus.AWAITING_PSD,
    ):
        raise ValidationError("Only an application that has not been decided can be withdrawn")
    interest.withdrawal_reason = _text(reason, "reason")
    interest.status = InterestStatus.WITHDRAWN
    _save(interest, WITHDRAWN, acting_user)


@transaction.atomic
def interest_end(
    *, interest: BusinessInterest, ended_on: dt.date, reason: str = "", acting_user
) -> None:
    """The member has given the interest up. Nothing more to review."""
    interest = _own(interest, acting_user)
    if interest.status not in APPROVED_STATUSES:
        raise ValidationError("Only an approved interest can be ended")
    if ended_on is None or ended_on > timezone.localdate():
        raise ValidationError({"ended_on": "The date it ended must be today or in the past"})
    if ended_on < interest.start_date:
        raise ValidationError(
            {"ended_on": "The date it ended must be on or after the date it started"}
        )
    interest.end_reason = _text(reason, "reason")
    interest.ended_on = ended_on
    interest.status = InterestStatus.ENDED
    interest.review_due = None
    interest.review_due_now = False
    interest.review_due_now_reason = ""
    _save(interest, ENDED, acting_user)


def appealable_decision(interest: BusinessInterest) -> InterestDecision | None:
    """The decision the member may appeal: the latest PSD decision or review, when it refused the
    interest or set conditions. One appeal per decision: an appeal decision is final."""
    if interest.status not in (InterestStatus.REFUSED, InterestStatus.APPROVED_WITH_CONDITIONS):
        return None
    latest = (
        interest.decisions.exclude(stage=DecisionStage.RECOMMENDATION)
        .order_by("-decided_at", "-pk")
        .first()
    )
    if latest is None or latest.stage == DecisionStage.APPEAL:
        return None
    return latest


@transaction.atomic
def interest_appeal(*, interest: BusinessInterest, grounds: str, acting_user) -> None:
    """The member appeals a refusal, or conditions, to a chief officer."""
    interest = _own(interest, acting_user)
    if appealable_decision(interest) is None:
        raise ValidationError("This decision cannot be appealed")
    interest.appeal_grounds = _text(grounds, "grounds", required="Enter the grounds of your appeal")
    interest.appealed_at = timezone.now()
    interest.status = InterestStatus.APPEALED
    _save(interest, APPEAL_LODGED, acting_user)
    notify(
        recipients=_users_with(Role.INTEGRITY_BOARD, excluding_person_id=interest.declarant_id),
        key=f"interest-{interest.pk}-appeal-{interest.appealed_at:%Y%m%d%H%M%S}",
        subject="A business interest appeal is waiting for a chief officer's decision",
        url=_register_url(interest),
    )


# --- reviewers' steps --------------------------------------------------------------------------


@transaction.atomic
def interest_recommend(
    *, interest: BusinessInterest, outcome: str, rationale: str, acting_user
) -> InterestDecision:
    """The member's line manager recommends; the application goes on to PSD either way."""
    if not acting_user.person_id or interest.declarant.line_manager_id != acting_user.person_id:
        raise Http404
    interest = _locked_visible(interest, acting_user)
    if interest.declarant.line_manager_id != acting_user.person_id:
        raise Http404
    if interest.status != InterestStatus.AWAITING_LINE_MANAGER:
        raise ValidationError("This application is no longer waiting for your recommendation")
    decision = _decide(
        interest,
        stage=DecisionStage.RECOMMENDATION,
        outcome=outcome,
        rationale=rationale,
        conditions="",
        acting_user=acting_user,
    )
    interest.status = InterestStatus.AWAITING_PSD
    _save(interest, "Line manager's recommendation given", acting_user)
    _notify_psd_deciders(
        interest,
        key=f"interest-{interest.pk}-awaiting-psd",
        subject="A business interest application is waiting for a decision",
    )
    return decision


@transaction.atomic
def interest_request_check(*, interest: BusinessInterest, acting_user):
    """PSD asks the CCU for an intelligence check on the member. The interest itself is not
    changed (not even its ``updated_at``): the member's pages cannot show that anything moved."""
    if not policy.in_psd(acting_user):
        raise Http404
    interest = _locked_visible(interest, acting_user)
    if interest.status not in (InterestStatus.AWAITING_PSD, *APPROVED_STATUSES):
        raise ValidationError("An intelligence check is asked for before a decision or review")
    return exchange.intelligence_check_request(
        subject=interest.declarant,
        purpose=check_purpose(interest),
        asked_for=interest,
        acting_user=acting_user,
    )


def check_purpose(interest: BusinessInterest) -> str:
    """Written by the service, never typed: the purpose crosses into the CCU and says only why
    PSD asks, nothing of what the member wrote."""
    return f"Business interest application: {interest.get_interest_type_display().lower()}"


def interest_check_answered(*, asked_for: BusinessInterest, outcome: CheckOutcome) -> None:
    """The exchange calls this when the CCU answers a check asked for an interest (registered in
    ``InterestsConfig.ready``): tell PSD the application can be decided. The notice names neither
    the answer nor the CCU's analyst."""
    interest = asked_for
    recipients = _users_with(Role.PSD_DECISION_MAKER, excluding_person_id=interest.declarant_id)
    requester = get_user_model().objects.filter(pk=outcome.requested_by_id).first()
    if requester is not None and requester.person_id != interest.declarant_id:
        recipients.append(requester)
    notify(
        recipients=recipients,
        key=f"interest-{interest.pk}-check-{outcome.pk}-answered",
        subject=f"{interest.reference}: the intelligence check is answered",
        url=_register_url(interest),
    )


def _latest_check(interest: BusinessInterest) -> CheckOutcome | None:
    outcomes = check_outcomes_for(interest)
    return outcomes[-1] if outcomes else None


@transaction.atomic
def interest_decide(
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    spoke_to_ccu: bool = False,
    acting_user,
) -> InterestDecision:
    """The head of PSD (a PSD decision maker) decides: compatible, compatible with conditions, or
    incompatible. Only after the CCU has answered an intelligence check; a trace means speaking
    to the CCU first, and the decision maker says they have."""
    if not policy.holds(acting_user, Role.PSD_DECISION_MAKER):
        raise Http404
    interest = _locked_visible(interest, acting_user)
    if interest.status != InterestStatus.AWAITING_PSD:
        raise ValidationError("This application is not waiting for a PSD decision")
    check = _latest_check(interest)
    if check is None:
        raise ValidationError("Ask the CCU for an intelligence check before deciding")
    if not check.is_answered:
        raise ValidationError("The CCU has not answered the intelligence check yet")
    if check.is_trace and not spoke_to_ccu:
        raise ValidationError(
            {"spoke_to_ccu": "Speak to the CCU about the trace, then confirm you have"}
        )
    decision = _decide(
        interest,
        stage=DecisionStage.PSD_DECISION,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    _apply_outcome(interest, _status_for(outcome))
    _save(interest, f"PSD decision: {decision.get_outcome_display()}", acting_user)
    _notify_member(
        interest,
        key=f"interest-{interest.pk}-decision-{decision.pk}",
        subject="The decision on your business interest application",
        body=f"Your application was decided: {decision.get_outcome_display().lower()}.",
    )
    return decision


@transaction.atomic
def interest_review(
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    acting_user,
) -> InterestDecision:
    """PSD reviews an approved interest: once a year, and whenever the member's role or unit
    changes. The outcome may keep, change or withdraw the approval."""
    if not policy.holds(acting_user, Role.PSD_DECISION_MAKER):
        raise Http404
    interest = _locked_visible(interest, acting_user)
    if interest.status not in APPROVED_STATUSES:
        raise ValidationError("Only an approved interest can be reviewed")
    decision = _decide(
        interest,
        stage=DecisionStage.REVIEW,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    _apply_outcome(interest, _status_for(outcome))
    _save(interest, f"Review: {decision.get_outcome_display()}", acting_user)
    _notify_member(
        interest,
        key=f"interest-{interest.pk}-decision-{decision.pk}",
        subject="Your business interest has been reviewed",
        body=f"The review found it {decision.get_outcome_display().lower()}.",
    )
    return decision


@transaction.atomic
def interest_decide_appeal(
    *,
    interest: BusinessInterest,
    outcome: str,
    rationale: str,
    conditions: str = "",
    acting_user,
) -> InterestDecision:
    """A chief officer (integrity board) decides the appeal personally. Not the member (the
    policy hides it from them), not whoever took the decision appealed, not the member's line
    manager: the appeal is heard by someone who has not already taken a side."""
    if not policy.holds(acting_user, Role.INTEGRITY_BOARD):
        raise Http404
    interest = _locked_visible(interest, acting_user)
    if interest.status != InterestStatus.APPEALED:
        raise ValidationError("This interest is not under appeal")
    appealed = (
        interest.decisions.filter(stage__in=(DecisionStage.PSD_DECISION, DecisionStage.REVIEW))
        .order_by("-decided_at", "-pk")
        .first()
    )
    if appealed.decided_by_id == acting_user.pk:
        raise ValidationError("You took the decision under appeal: another chief officer decides")
    if interest.declarant.line_manager_id and (
        interest.declarant.line_manager_id == acting_user.person_id
    ):
        raise ValidationError("You are the member's line manager: another chief officer decides")
    decision = _decide(
        interest,
        stage=DecisionStage.APPEAL,
        outcome=outcome,
        rationale=rationale,
        conditions=conditions,
        acting_user=acting_user,
    )
    if outcome == DecisionOutcome.APPEAL_DISMISSED:
        # The decision appealed stands, and so does its review date.
        interest.status = _status_for(appealed.outcome)
        _save(interest, "Appeal dismissed", acting_user)
    else:
        _apply_outcome(interest, _status_for(outcome))
        _save(interest, f"Appeal decided: {decision.get_outcome_display()}", acting_user)
    _notify_member(
        interest,
        key=f"interest-{interest.pk}-decision-{decision.pk}",
        subject="The decision on your business interest appeal",
        body=f"{decision.get_outcome_display()}.",
    )
    _notify_psd_deciders(
        interest,
        key=f"interest-{interest.pk}-appeal-decided-{decision.pk}",
        subject=f"{interest.reference}: the appeal has been decided",
    )
    return decision


# --- the staff directory -----------------------------------------------------------------------


@transaction.atomic
def interest_mark_review_due_now(*, person_ids, reason: str, acting_user=None) -> int:
    """Mark these people's approved interests "review due now": their role or unit changed, and
    an interest approved for one job may conflict with the next. Called by the HR import inside
    its transaction, so an import that fails marks nothing. Returns how many were marked."""
    person_ids = set(person_ids)
    if not person_ids:
        return 0
    reason = (reason or "change of role or unit").strip()
    interests = list(
        BusinessInterest.objects.select_for_update()
        .filter(declarant_id__in=person_ids, status__in=APPROVED_STATUSES, review_due_now=False)
        .order_by("pk")
    )
    now = timezone.now()
    for interest in interests:
        interest.review_due_now = True
        interest.review_due_now_reason = reason[:200]
        interest.updated_at = now  # auto_now is not applied by a bulk update
    if interests:
        # A whole reorganisation can move hundreds at once: one UPDATE a batch, history kept.
        bulk_update_with_history(
            interests,
            BusinessInterest,
            fields=["review_due_now", "review_due_now_reason", "updated_at"],
            batch_size=500,
            default_user=acting_user,
            default_change_reason=f"{REVIEW_DUE_NOW}: {reason}"[:REASON_MAX],
        )
    from standards.accounts.models import User

    members = User.objects.filter(
        person_id__in={interest.declarant_id for interest in interests}, is_active=True
    )
    today = timezone.localdate()
    notify_each = {interest.declarant_id: interest for interest in interests}
    for user in members:
        interest = notify_each[user.person_id]
        notify(
            recipients=[user],
            key=f"interests-review-due-now-{user.person_id}-{today:%Y%m%d}",
            subject="Your business interests need a review",
            body=(
                "Your role or unit has changed. The Professional Standards Department will review "
                "your business interests, and may ask you about them."
            ),
            url=_portal_url(interest),
        )
    return len(interests)
