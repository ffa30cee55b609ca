"""Every read of business interests, always through the access policy (interests/rules.py).

Two doors, never mixed:
- reviewers (line manager, PSD, CCU read-only, the chief officer hearing an appeal) read through
  ``policy.visible``, whose self-conflict rule hides their own declarations from them;
- the member reads their own through the ``..._for_declarant`` selectors, which filter on their
  person and show nothing a reviewer adds behind the corridor (the intelligence check).

The answer to an intelligence check reaches PSD (and the CCU) through the corridor exchange
(``standards.exchange``): the answer and its date, never the CCU's note or who answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import django_filters
from django import forms
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from registers.interests import services
from registers.interests.models import (
    APPROVED_STATUSES,
    MONITORED_STATUSES,
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
    InterestType,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import ReviewQueue, TimelineEntry
from standards.core.forms import GovukFormMixin
from standards.exchange.registry import CheckDetail
from standards.exchange.selectors import annotate_latest_answer, check_outcomes_for

# How long each stage should take before the queue shows it as overdue (days since submitted).
RECOMMEND_WITHIN_DAYS = 10
DECIDE_WITHIN_DAYS = 28
APPEAL_WITHIN_DAYS = 28
# Approved interests come into PSD's review queue this long before their review date.
REVIEW_NOTICE_DAYS = 30

LIST_RELATED = ("declarant__org_unit",)


def may_browse_register(user) -> bool:
    """The whole register is for PSD, and for the CCU to read."""
    return policy.in_psd(user) or policy.in_ccu(user)


def sees_checks(user) -> bool:
    """Who may learn that an intelligence check was asked, and its answer: PSD and the CCU."""
    return policy.in_psd(user) or policy.in_ccu(user)


# --- reviewers' lists --------------------------------------------------------------------------


def interest_list_for_user(*, user) -> QuerySet[BusinessInterest]:
    """Every interest the user may see as a reviewer, newest first (one query)."""
    interests = policy.visible(user, BusinessInterest.objects.select_related(*LIST_RELATED))
    if sees_checks(user):
        interests = annotate_latest_answer(interests)
    return interests.order_by("-submitted_at", "-pk")


class _FilterForm(GovukFormMixin, forms.Form):
    pass


class InterestFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label="Name or staff number", method="filter_person", max_length=100
    )
    status = django_filters.ChoiceFilter(choices=InterestStatus.choices, empty_label="Any status")
    interest_type = django_filters.ChoiceFilter(
        label="Type", choices=InterestType.choices, empty_label="Any type"
    )
    review = django_filters.ChoiceFilter(
        label="Review",
        choices=[("due", "Due for review"), ("overdue", "Review overdue")],
        empty_label="Any",
        method="filter_review",
    )

    class Meta:
        model = BusinessInterest
        fields: list[str] = []
        form = _FilterForm

    def filter_person(self, queryset, name, value):
        for word in value.split()[:4]:
            queryset = queryset.filter(
                Q(declarant__first_name__icontains=word)
                | Q(declarant__last_name__icontains=word)
                | Q(declarant__staff_number__iexact=word)
            )
        return queryset

    def filter_review(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.approved().filter(review_due__lt=today)
        return queryset.needing_review(today, REVIEW_NOTICE_DAYS)


def interest_register_for_user(*, user, params) -> InterestFilter:
    """PSD's register (read-only for the CCU), filtered by person, status, type and review."""
    if not may_browse_register(user):
        raise Http404
    return InterestFilter(params or None, queryset=interest_list_for_user(user=user))


def interest_monitor_list_for_user(*, user) -> QuerySet[BusinessInterest]:
    """ "Refused - monitor": applications refused or withdrawn. They stay on the register so that
    PSD can see whether the member carries on regardless."""
    if not may_browse_register(user):
        raise Http404
    return (
        interest_list_for_user(user=user)
        .filter(status__in=MONITORED_STATUSES)
        .order_by("-updated_at", "-pk")
    )


def interest_awaiting_recommendation_for_user(*, user) -> QuerySet[BusinessInterest]:
    """A line manager's queue: their reports' applications waiting for a recommendation."""
    if not user.person_id or not policy.holds(user, Role.LINE_MANAGER):
        raise Http404
    return (
        policy.visible(user, BusinessInterest.objects.select_related(*LIST_RELATED))
        .filter(
            declarant__line_manager_id=user.person_id,
            status=InterestStatus.AWAITING_LINE_MANAGER,
        )
        .order_by("submitted_at", "pk")
    )


def interest_team_for_user(*, user) -> QuerySet[BusinessInterest]:
    """A line manager's view of their reports' other interests (decided, or with PSD)."""
    if not user.person_id or not policy.holds(user, Role.LINE_MANAGER):
        raise Http404
    return (
        policy.visible(user, BusinessInterest.objects.select_related(*LIST_RELATED))
        .filter(declarant__line_manager_id=user.person_id)
        .exclude(status=InterestStatus.AWAITING_LINE_MANAGER)
        .order_by("-submitted_at", "-pk")
    )


def interest_appeals_for_user(*, user) -> QuerySet[BusinessInterest]:
    """A chief officer's queue: appeals waiting for a decision."""
    if not policy.holds(user, Role.INTEGRITY_BOARD):
        raise Http404
    return (
        policy.visible(user, BusinessInterest.objects.select_related(*LIST_RELATED))
        .filter(status=InterestStatus.APPEALED)
        .order_by("appealed_at", "pk")
    )


def interest_get_for_user(*, user, pk: int) -> BusinessInterest:
    """One interest as a reviewer sees it, or 404 (the same for missing and out of sight)."""
    interest = (
        policy.visible(
            user,
            BusinessInterest.objects.select_related(
                "declarant__org_unit", "declarant__line_manager", "submitted_by__person"
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if interest is None:
        raise Http404
    return interest


def interest_get_for_recommendation(*, user, pk: int) -> BusinessInterest:
    """The interest for its member's own line manager to recommend on, or 404: to anyone else,
    however much of the register they may read, the page does not exist."""
    interest = interest_get_for_user(user=user, pk=pk)
    if not user.person_id or interest.declarant.line_manager_id != user.person_id:
        raise Http404
    return interest


def interest_get_for_decision(*, user, pk: int) -> BusinessInterest:
    """The interest for the head of PSD (the appropriate officer) to decide or review, or 404."""
    if not policy.holds(user, Role.PSD_DECISION_MAKER):
        raise Http404
    return interest_get_for_user(user=user, pk=pk)


def interest_get_for_appeal(*, user, pk: int) -> BusinessInterest:
    """The interest for a chief officer on the integrity board to decide its appeal, or 404."""
    if not policy.holds(user, Role.INTEGRITY_BOARD):
        raise Http404
    return interest_get_for_user(user=user, pk=pk)


def interest_get_for_check_request(*, user, pk: int) -> BusinessInterest:
    """The interest for PSD to ask the CCU about, or 404: only PSD asks for checks."""
    if not policy.in_psd(user):
        raise Http404
    return interest_get_for_user(user=user, pk=pk)


# --- the member's own --------------------------------------------------------------------------


def interest_list_for_declarant(*, user) -> QuerySet[BusinessInterest]:
    """The member's own interests (the staff portal), newest first."""
    if not user.is_authenticated or not user.person_id:
        return BusinessInterest.objects.none()
    return BusinessInterest.objects.for_declarant(user.person_id).order_by("-submitted_at", "-pk")


def interest_get_for_declarant(*, user, pk: int) -> BusinessInterest:
    """One of the member's own interests, or 404 (someone else's is the same as a missing one)."""
    interest = interest_list_for_declarant(user=user).select_related("declarant").filter(pk=pk)
    found = interest.first()
    if found is None:
        raise Http404
    return found


# --- a record's page ---------------------------------------------------------------------------


def interest_decisions(*, interest: BusinessInterest) -> list[InterestDecision]:
    return list(
        interest.decisions.select_related("decided_by__person").order_by("decided_at", "pk")
    )


def interest_checks_for_user(*, user, interest: BusinessInterest):
    """The checks asked for this interest, as PSD may see them (answer and date only); an empty
    list for anyone else, who must not learn a check exists."""
    if not sees_checks(user) or interest.declarant_id == user.person_id:
        return []
    return check_outcomes_for(interest)


def interest_details_for_ccu(interest: BusinessInterest) -> list[CheckDetail]:
    """What the CCU is shown of an interest it is asked to check (registered with the exchange):
    enough to search its holdings on the employer or business, in the member's own words."""
    hours = floatformat(interest.hours_per_week, -1)
    return [
        CheckDetail(
            "Business interest",
            (
                f"{interest.get_interest_type_display()}: {interest.organisation}",
                f"{interest.role}, {hours} hours a week",
            ),
        ),
        CheckDetail("Possible conflicts (the member's words)", (interest.possible_conflicts,)),
    ]


_EVENT_TITLES = {
    services.SUBMITTED: "Application submitted",
    services.APPEAL_LODGED: "Appeal lodged with a chief officer",
    services.WITHDRAWN: "Application withdrawn",
    services.ENDED: "Interest ended",
}


def interest_timeline(
    *, interest: BusinessInterest, decisions: list[InterestDecision], checks=()
) -> list[TimelineEntry]:
    """The record's story, newest first: the member's steps (from the history, so an earlier
    appeal or withdrawal keeps its own words), every decision (earlier ones included), and, for
    PSD only, when a check was asked and answered."""
    entries: list[TimelineEntry] = []
    events = (
        interest.history.filter(
            Q(history_change_reason__in=list(_EVENT_TITLES))
            | Q(history_change_reason__startswith=services.REVIEW_DUE_NOW)
        )
        .select_related("history_user__person")
        .order_by("history_date")
    )
    for row in events:
        reason = row.history_change_reason
        by = row.history_user.display_name if row.history_user else ""
        if reason == services.SUBMITTED:
            entries.append(TimelineEntry("Application submitted", row.submitted_at, by))
        elif reason == services.APPEAL_LODGED:
            entries.append(
                TimelineEntry(_EVENT_TITLES[reason], row.history_date, by, row.appeal_grounds)
            )
        elif reason == services.WITHDRAWN:
            entries.append(
                TimelineEntry(_EVENT_TITLES[reason], row.history_date, by, row.withdrawal_reason)
            )
        elif reason == services.ENDED:
            body = f"Ended on {row.ended_on:%-d %B %Y}."
            if row.end_reason:
                body += f"\n{row.end_reason}"
            entries.append(TimelineEntry(_EVENT_TITLES[reason], row.history_date, by, body))
        else:
            entries.append(
                TimelineEntry(
                    "Review due now",
                    row.history_date,
                    "",
                    f"The staff directory shows a {row.review_due_now_reason}.",
                )
            )
    for decision in decisions:
        body = decision.rationale
        if decision.conditions:
            body += f"\n\nConditions:\n{decision.conditions}"
        entries.append(
            TimelineEntry(
                f"{decision.get_stage_display()}: {decision.get_outcome_display()}",
                decision.decided_at,
                decision.decided_by.display_name,
                body,
            )
        )
    for check in checks:
        entries.append(TimelineEntry("Intelligence check asked of the CCU", check.requested_at))
        if check.is_answered:
            entries.append(
                TimelineEntry(
                    f"Intelligence check answered: {check.answer_label}", check.answered_at
                )
            )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def current_decision(decisions: list[InterestDecision]) -> InterestDecision | None:
    """The decision in force: the latest that is not a recommendation, and not a dismissed appeal
    (which leaves the decision appealed in force)."""
    for decision in reversed(decisions):
        if decision.stage == DecisionStage.RECOMMENDATION:
            continue
        if decision.outcome == DecisionOutcome.APPEAL_DISMISSED:
            continue
        return decision
    return None


def latest_recommendation(decisions: list[InterestDecision]) -> InterestDecision | None:
    for decision in reversed(decisions):
        if decision.stage == DecisionStage.RECOMMENDATION:
            return decision
    return None


@dataclass(frozen=True)
class ReviewerActions:
    """What this reviewer may do on this record now (the services check it again)."""

    recommend: bool = False
    request_check: bool = False
    decide: bool = False
    review: bool = False
    decide_appeal: bool = False

    @property
    def any(self) -> bool:
        return any(
            (self.recommend, self.request_check, self.decide, self.review, self.decide_appeal)
        )


def reviewer_actions(*, user, interest: BusinessInterest, checks) -> ReviewerActions:
    status = interest.status
    pending = bool(checks) and not checks[-1].is_answered
    answered = bool(checks) and checks[-1].is_answered
    psd = policy.in_psd(user)
    decider = policy.holds(user, Role.PSD_DECISION_MAKER)
    # A check before a decision, or before a review; never two at once, never a second one once
    # the first is answered and the application is waiting for its decision.
    checkable = (status == InterestStatus.AWAITING_PSD and not answered) or (
        status in APPROVED_STATUSES
    )
    return ReviewerActions(
        recommend=(
            status == InterestStatus.AWAITING_LINE_MANAGER
            and bool(user.person_id)
            and interest.declarant.line_manager_id == user.person_id
        ),
        request_check=psd and not pending and checkable,
        decide=decider and status == InterestStatus.AWAITING_PSD and answered,
        review=decider and status in APPROVED_STATUSES,
        decide_appeal=policy.holds(user, Role.INTEGRITY_BOARD)
        and status == InterestStatus.APPEALED,
    )


@dataclass(frozen=True)
class MemberActions:
    withdraw: bool = False
    end: bool = False
    appeal: bool = False


def member_actions(*, interest: BusinessInterest) -> MemberActions:
    return MemberActions(
        withdraw=interest.status
        in (InterestStatus.AWAITING_LINE_MANAGER, InterestStatus.AWAITING_PSD),
        end=interest.status in APPROVED_STATUSES,
        appeal=services.appealable_decision(interest) is not None,
    )


# --- the review-queues page --------------------------------------------------------------------


def _queue(queryset, *, key, title, url, within_days, since="submitted_at") -> ReviewQueue:
    late = timezone.now() - dt.timedelta(days=within_days)
    totals = queryset.order_by().aggregate(
        count=Count("pk"),
        oldest=Min(since),
        overdue=Count("pk", filter=Q(**{f"{since}__lt": late})),
    )
    return ReviewQueue(
        key=key,
        title=title,
        url=url,
        count=totals["count"],
        oldest=totals["oldest"],
        overdue=totals["overdue"],
        overdue_after_days=within_days,
    )


def review_queues(*, user) -> list[ReviewQueue]:
    """This user's queues in the business-interest register (none for a user with no reviewing
    role). One aggregate query a queue."""
    queues: list[ReviewQueue] = []
    if not user.is_authenticated:
        return queues
    visible = policy.visible(user, BusinessInterest.objects.all())
    if policy.holds(user, Role.LINE_MANAGER) and user.person_id:
        queues.append(
            _queue(
                visible.filter(
                    declarant__line_manager_id=user.person_id,
                    status=InterestStatus.AWAITING_LINE_MANAGER,
                ),
                key="interests-recommendation",
                title="Business interests waiting for your recommendation",
                url=reverse("interests:recommendations"),
                within_days=RECOMMEND_WITHIN_DAYS,
            )
        )
    if policy.in_psd(user):
        register = reverse("interests:list")
        queues.append(
            _queue(
                visible.filter(status=InterestStatus.AWAITING_PSD),
                key="interests-psd-decision",
                title="Business interests with PSD for decision",
                url=f"{register}?status={InterestStatus.AWAITING_PSD}",
                within_days=DECIDE_WITHIN_DAYS,
            )
        )
        today = timezone.localdate()
        due = visible.needing_review(today, REVIEW_NOTICE_DAYS).order_by()
        totals = due.aggregate(
            count=Count("pk"),
            overdue=Count("pk", filter=Q(review_due__lt=today) | Q(review_due_now=True)),
        )
        queues.append(
            ReviewQueue(
                key="interests-review",
                title="Business interests due for review",
                url=f"{register}?review=due",
                count=totals["count"],
                overdue=totals["overdue"],
            )
        )
    if policy.holds(user, Role.INTEGRITY_BOARD):
        queues.append(
            _queue(
                visible.filter(status=InterestStatus.APPEALED),
                key="interests-appeal",
                title="Business interest appeals waiting for your decision",
                url=reverse("interests:appeals"),
                within_days=APPEAL_WITHIN_DAYS,
                since="appealed_at",
            )
        )
    return queues
