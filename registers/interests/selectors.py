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

from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils import timezone

from registers.interests.filters import InterestFilter
from registers.interests.models import (
    APPEAL_LODGED,
    APPEAL_TIME_LIMIT_DAYS,
    APPROVED_STATUSES,
    DECIDE_APPEAL_WITHIN_DAYS,
    DECIDE_WITHIN_DAYS,
    ENDED,
    MONITORED_STATUSES,
    RECOMMEND_WITHIN_DAYS,
    REVIEW_DUE_NOW,
    REVIEW_NOTICE_DAYS,
    SUBMITTED,
    WITHDRAWN,
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
    overdue,
)
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import PersonLink, RecordLine, ReviewQueue, TimelineEntry
from standards.exchange.registry import CheckDetail
from standards.exchange.selectors import annotate_latest_answer, check_outcomes_for

LIST_RELATED = ("declarant__org_unit",)


def may_browse_register(user) -> bool:
    """The whole register is for PSD, and for the CCU to read."""
    return policy.in_psd(user) or policy.in_ccu(user)


def sees_checks(user) -> bool:
    """Who may learn that an intelligence check was asked, and its answer: PSD and the CCU."""
    return policy.in_psd(user) or policy.in_ccu(user)


def may_export(user) -> bool:
    """The register leaves the service only in PSD's hands (the CCU reads it, never exports)."""
    return policy.in_psd(user)


# --- reviewers' lists --------------------------------------------------------------------------


def interest_list_for_user(*, user) -> QuerySet[BusinessInterest]:
    """Every interest the user may see as a reviewer, newest first (one query)."""
    interests = policy.visible(user, BusinessInterest.objects.select_related(*LIST_RELATED))
    if sees_checks(user):
        interests = annotate_latest_answer(interests)
    return interests.order_by("-submitted_at", "-pk")


def interest_register_for_user(*, user, params) -> InterestFilter:
    """PSD's register (read-only for the CCU), filtered by person, status, type and review, each
    row marked when it is overdue."""
    if not may_browse_register(user):
        raise Http404
    interests = interest_list_for_user(user=user).with_overdue(timezone.now())
    return InterestFilter(params or None, queryset=interests)


def interest_export_for_user(*, user, params) -> InterestFilter:
    """The register as filtered on screen, for PSD to export, or 404."""
    if not may_export(user):
        raise Http404
    return InterestFilter(params or None, queryset=interest_list_for_user(user=user))


def interest_monitor_list_for_user(*, user) -> QuerySet[BusinessInterest]:
    """ "Incompatible or withdrawn - monitor": applications that did not go ahead. They stay on
    the register so that PSD can see whether the member carries on regardless."""
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
        .with_overdue(timezone.now())
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
        .with_overdue(timezone.now())
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
    SUBMITTED: "Application submitted",
    APPEAL_LODGED: "Appeal lodged with a chief officer",
    WITHDRAWN: "Application withdrawn",
    ENDED: "Interest ended",
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
            | Q(history_change_reason__startswith=REVIEW_DUE_NOW)
        )
        .select_related("history_user__person")
        .order_by("history_date")
    )
    for row in events:
        reason = row.history_change_reason
        by = row.history_user.display_name if row.history_user else ""
        if reason == SUBMITTED:
            entries.append(TimelineEntry("Application submitted", row.submitted_at, by))
        elif reason == APPEAL_LODGED:
            entries.append(
                TimelineEntry(_EVENT_TITLES[reason], row.history_date, by, row.appeal_grounds)
            )
        elif reason == WITHDRAWN:
            entries.append(
                TimelineEntry(_EVENT_TITLES[reason], row.history_date, by, row.withdrawal_reason)
            )
        elif reason == ENDED:
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


# --- what may happen next ----------------------------------------------------------------------


def appealable_decision(
    interest: BusinessInterest, decisions: list[InterestDecision] | None = None
) -> InterestDecision | None:
    """The decision the member may appeal: the latest PSD decision or review, when it found the
    interest incompatible or set conditions. One appeal per decision: an appeal decision is
    final. ``decisions`` (oldest first) saves a query when the page has them already."""
    if interest.status not in (InterestStatus.REFUSED, InterestStatus.APPROVED_WITH_CONDITIONS):
        return None
    if decisions is None:
        decisions = interest_decisions(interest=interest)
    latest = next((d for d in reversed(decisions) if d.stage != DecisionStage.RECOMMENDATION), None)
    if latest is None or latest.stage == DecisionStage.APPEAL:
        return None
    return latest


def appeal_by(decision: InterestDecision) -> dt.date:
    """The last day the member may appeal ``decision``."""
    return timezone.localdate(decision.decided_at) + dt.timedelta(days=APPEAL_TIME_LIMIT_DAYS)


@dataclass(frozen=True)
class AppealWindow:
    """Whether the member may still appeal the decision in force, and until when."""

    decision: InterestDecision
    until: dt.date

    @property
    def open(self) -> bool:
        return timezone.localdate() <= self.until


def appeal_window(
    interest: BusinessInterest, decisions: list[InterestDecision] | None = None
) -> AppealWindow | None:
    decision = appealable_decision(interest, decisions)
    return AppealWindow(decision, appeal_by(decision)) if decision else None


def after_decision(decision: InterestDecision) -> str:
    """What happens next, said to the person who has just recorded ``decision`` (its interest is
    the one the service saved, so its status and review date are current)."""
    interest = decision.interest
    if decision.stage == DecisionStage.RECOMMENDATION:
        return "The application is now with PSD for a decision."
    if decision.stage == DecisionStage.APPEAL:
        return "The member and PSD have been told. It is final: there is no further appeal."
    told = "The member has been told."
    until = f"{appeal_by(decision):%-d %B %Y}"
    if decision.outcome == DecisionOutcome.INCOMPATIBLE:
        return f"{told} They may appeal to a chief officer until {until}."
    review = f"PSD reviews it again by {interest.review_due:%-d %B %Y}."
    if decision.outcome == DecisionOutcome.COMPATIBLE_WITH_CONDITIONS:
        return f"{told} They may appeal the conditions to a chief officer until {until}. {review}"
    return f"{told} {review}"


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


def _review_is_due(interest: BusinessInterest) -> bool:
    today = timezone.localdate()
    return interest.review_due_now or (
        interest.review_due is not None
        and interest.review_due <= today + dt.timedelta(days=REVIEW_NOTICE_DAYS)
    )


def reviewer_actions(*, user, interest: BusinessInterest, checks) -> ReviewerActions:
    status = interest.status
    pending = bool(checks) and not checks[-1].is_answered
    answered = bool(checks) and checks[-1].is_answered
    psd = policy.in_psd(user)
    decider = policy.holds(user, Role.PSD_DECISION_MAKER)
    # A check before a decision, or before a review that is due; never two at once, never a
    # second one once the first is answered and the application is waiting for its decision,
    # and not on an interest just decided (it has nothing to check for until its review).
    checkable = (status == InterestStatus.AWAITING_PSD and not answered) or (
        status in APPROVED_STATUSES and _review_is_due(interest)
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
class NextStep:
    """Who has the interest now and what happens next, for a "What happens next" panel."""

    who: str
    then: str = ""


def reviewer_next_step(
    *, interest: BusinessInterest, decisions: list[InterestDecision], checks, sees_checks: bool
) -> NextStep:
    """What happens next, as a reviewer may know it: only PSD and the CCU learn of the check."""
    status = interest.status
    if status == InterestStatus.AWAITING_LINE_MANAGER:
        manager = interest.declarant.line_manager
        name = f", {manager.display_name}," if manager else ""
        return NextStep(
            f"With the member's line manager{name} for a recommendation",
            "It then goes to PSD for a decision.",
        )
    if status == InterestStatus.AWAITING_PSD:
        if not sees_checks:
            return NextStep("With PSD for a decision", "The member will be told the decision.")
        if not checks:
            return NextStep(
                "With PSD: the CCU is to be asked for an intelligence check",
                "The head of PSD decides once the CCU has answered.",
            )
        if not checks[-1].is_answered:
            return NextStep(
                "With the CCU for an intelligence check",
                "The head of PSD decides once the CCU has answered.",
            )
        return NextStep("With the head of PSD for a decision", "The CCU has answered the check.")
    if status == InterestStatus.APPEALED:
        return NextStep(
            "With a chief officer for a decision on the appeal",
            "They decide personally, and their decision is final.",
        )
    if status == InterestStatus.WITHDRAWN:
        return NextStep(
            "Withdrawn by the member: nothing more to decide",
            "It stays on the register, with those found incompatible, for monitoring.",
        )
    if status == InterestStatus.ENDED:
        return NextStep("Ended by the member: nothing more to review")
    window = appeal_window(interest, decisions)
    if status == InterestStatus.REFUSED:
        if window and window.open:
            then = f"The member may appeal to a chief officer until {window.until:%-d %B %Y}."
        elif window:
            then = f"The time to appeal ended on {window.until:%-d %B %Y}: the decision stands."
        else:
            then = "The decision on the appeal is final."
        return NextStep(
            "Incompatible: the member must not hold this interest",
            f"{then} It stays on the register for monitoring.",
        )
    appeal = ""
    if window and window.open:
        appeal = (
            "The member may appeal the conditions to a chief officer until "
            f"{window.until:%-d %B %Y}."
        )
    if interest.review_due_now:
        return NextStep(
            "With PSD for a review now",
            f"The staff directory shows a {interest.review_due_now_reason}. {appeal}".strip(),
        )
    if interest.review_due is None:
        return NextStep("PSD reviews it when the member's role or unit changes", appeal)
    return NextStep(f"PSD reviews it by {interest.review_due:%-d %B %Y}", appeal)


def member_next_step(
    *, interest: BusinessInterest, decisions: list[InterestDecision] | None = None
) -> str:
    """What happens next, said to the member about their own interest. Nothing of the check:
    while PSD has it, it is with PSD for decision."""
    status = interest.status
    if status == InterestStatus.AWAITING_LINE_MANAGER:
        return (
            "Your line manager has your application and will give a recommendation. It then "
            "goes to the Professional Standards Department to decide."
        )
    if status == InterestStatus.AWAITING_PSD:
        return (
            "The Professional Standards Department is deciding your application. You will get "
            "a notice when it is decided. Do not start until you have permission."
        )
    if status == InterestStatus.APPEALED:
        return (
            "A chief officer is deciding your appeal personally. You will get a notice when it "
            "is decided."
        )
    if status == InterestStatus.WITHDRAWN:
        return "You withdrew this application. It stays on the register as withdrawn."
    if status == InterestStatus.ENDED:
        return "You told us this interest has ended. It will not be reviewed again."
    window = appeal_window(interest, decisions)
    if status == InterestStatus.REFUSED:
        said = (
            "It was found incompatible with your police role: you must not take it on, or you "
            "must give it up. The reasons are below."
        )
        if window is None:
            return f"{said} A chief officer decided your appeal: this is final."
        if not window.open:
            return f"{said} The time to appeal ended on {window.until:%-d %B %Y}."
        return f"{said} You may appeal to a chief officer until {window.until:%-d %B %Y}."
    review = (
        f"It will be reviewed by {interest.review_due:%-d %B %Y}, or sooner if you change role "
        "or unit."
        if interest.review_due
        else "It will be reviewed if you change role or unit."
    )
    if status == InterestStatus.APPROVED_WITH_CONDITIONS:
        said = f"You have permission as long as you keep to the conditions below. {review}"
        if window and window.open:
            said += (
                " If you disagree with the conditions, you may appeal to a chief officer until "
                f"{window.until:%-d %B %Y}."
            )
        return said
    return (
        f"You have permission: it is compatible with your police role. {review} Tell us if "
        "anything changes, and end it here when you give it up."
    )


@dataclass(frozen=True)
class MemberActions:
    withdraw: bool = False
    end: bool = False
    appeal: bool = False


def member_actions(
    *, interest: BusinessInterest, decisions: list[InterestDecision] | None = None
) -> MemberActions:
    window = appeal_window(interest, decisions)
    return MemberActions(
        withdraw=interest.status
        in (InterestStatus.AWAITING_LINE_MANAGER, InterestStatus.AWAITING_PSD),
        end=interest.status in APPROVED_STATUSES,
        appeal=window is not None and window.open,
    )


# --- the review-queues page --------------------------------------------------------------------


def _queue(queryset, *, key, title, url, within_days=0, since="submitted_at") -> ReviewQueue:
    totals = {"count": Count("pk"), "overdue": Count("pk", filter=overdue(timezone.now()))}
    if since:
        totals["oldest"] = Min(since)
    totals = queryset.order_by().aggregate(**totals)
    return ReviewQueue(
        key=key,
        title=title,
        url=url,
        count=totals["count"],
        oldest=totals.get("oldest"),
        overdue=totals["overdue"],
        overdue_after_days=within_days,
    )


def review_queues(*, user) -> list[ReviewQueue]:
    """This user's queues in the business-interest register (none for a user with no reviewing
    role). One aggregate query a queue; "overdue" is the flag each queue's list marks."""
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
        queues.append(
            _queue(
                visible.needing_review(timezone.localdate(), REVIEW_NOTICE_DAYS),
                key="interests-review",
                title="Business interests due for review",
                url=f"{register}?review=due",
                since="",
            )
        )
    if policy.holds(user, Role.INTEGRITY_BOARD):
        queues.append(
            _queue(
                visible.filter(status=InterestStatus.APPEALED),
                key="interests-appeal",
                title="Business interest appeals waiting for your decision",
                url=reverse("interests:appeals"),
                within_days=DECIDE_APPEAL_WITHIN_DAYS,
                since="appealed_at",
            )
        )
    return queues


# --- A person's page (standards.core.extensions) ----------------------------------------------

PERSON_PAGE_ROWS = 5


def interest_links_for_person(*, viewer, person) -> list[PersonLink]:
    """The business-interests line on a person's page: for PSD and the CCU, the register
    filtered to them; for their line manager, their interests themselves (a few, newest first).
    Counted through ``interest_list_for_user``, so the number is what the viewer may open."""
    if person.pk == viewer.person_id:
        return []  # their own interests are under /my/, not seen as a reviewer
    theirs = interest_list_for_user(user=viewer).filter(declarant=person)
    if may_browse_register(viewer):
        url = f"{reverse('interests:list')}?person={person.staff_number}"
        return [PersonLink("Business interests", count=theirs.count(), url=url)]
    latest = list(theirs[:PERSON_PAGE_ROWS])
    if not latest:
        return []
    return [
        PersonLink(
            "Business interests",
            count=theirs.count() if len(latest) == PERSON_PAGE_ROWS else len(latest),
            records=tuple(
                RecordLine(
                    f"{interest.reference}: {interest.get_status_display()}",
                    reverse("interests:detail", kwargs={"pk": interest.pk}),
                )
                for interest in latest
            ),
        )
    ]
