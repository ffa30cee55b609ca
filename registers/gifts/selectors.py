"""Every read of the gifts and hospitality register, through the access policy (rules.py).

Two doors: reviewers (PSD, the CCU read-only, line managers) read through ``policy.visible``,
which also hides a reviewer's own declarations from them; a member reads their own declarations
through the ``..._for_declarant`` selectors, which look only at ``declarant_id``. Missing and
forbidden records give the same 404.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Case, Count, Min, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from registers.gifts.models import (
    Gift,
    GiftDecision,
    GiftStatus,
    GiftThreshold,
    Stage,
)
from registers.gifts.public import PublicEntry, chief_officer_filter, public_entry
from registers.gifts.rules import may_decide, may_recommend, reports_of
from registers.gifts.services import DECISION_REASON_PREFIX
from standards.access import policy
from standards.access.roles import Role
from standards.core.extensions import ReviewQueue, TimelineEntry
from standards.people.models import Person

# How long a declaration may wait before its queue counts it overdue (calendar days).
LINE_MANAGER_OVERDUE_DAYS = 7
PSD_OVERDUE_DAYS = 14
PORTAL_ROWS = 10


def _gifts() -> QuerySet[Gift]:
    return Gift.objects.select_related("declarant__org_unit").with_outcome()


# --- Reviewers ---------------------------------------------------------------------------------


def may_browse_register(user) -> bool:
    """The whole register is PSD's, and the CCU reads it; line managers have their team page."""
    return policy.in_psd(user) or policy.in_ccu(user)


def may_export_register(user) -> bool:
    """An export is a disclosure, and the register is PSD's to disclose: the CCU reads it where
    it is (read-only, as all PSD material is to the CCU)."""
    return policy.in_psd(user)


def may_record_for_others(user) -> bool:
    """PSD enters declarations that reach it on paper or by e-mail (caseworkers record)."""
    return policy.in_psd(user)


def is_reviewing_line_manager(user) -> bool:
    """A line manager by role, or anyone HR's data shows people reporting to today."""
    if not user.is_authenticated or not user.person_id:
        return False
    if policy.holds(user, Role.LINE_MANAGER):
        return True
    return Person.objects.serving().filter(line_manager_id=user.person_id).exists()


def gift_list_for_user(*, user) -> QuerySet[Gift]:
    """The register as this user may read it, newest first, each row with its decision."""
    return policy.visible(user, _gifts()).order_by("-submitted_at", "-pk")


def gift_get_for_user(*, user, pk: int) -> Gift:
    gift = policy.visible(user, _gifts()).filter(pk=pk).first()
    if gift is None:
        raise Http404
    return gift


def gift_team_list_for_user(*, user) -> QuerySet[Gift]:
    """The declarations of the user's own reports: those waiting for them first."""
    if not is_reviewing_line_manager(user):
        raise Http404
    waiting_first = Case(
        When(status=GiftStatus.AWAITING_LINE_MANAGER, then=Value(0)), default=Value(1)
    )
    return policy.visible(user, _gifts().filter(reports_of(user))).order_by(
        waiting_first, "-submitted_at", "-pk"
    )


def gift_get_for_recommendation(*, user, pk: int) -> Gift:
    """A report's declaration their line manager may give their view on, or 404."""
    gift = gift_get_for_user(user=user, pk=pk)
    if not may_recommend(user, gift):
        raise Http404
    return gift


def gift_get_for_decision(*, user, pk: int) -> Gift:
    gift = gift_get_for_user(user=user, pk=pk)
    if not may_decide(user, gift):
        raise Http404
    return gift


def gift_actions_for_user(*, user, gift: Gift) -> dict[str, bool]:
    """Which buttons a reviewer gets on a declaration's page (the services check again)."""
    return {
        "recommend": gift.status == GiftStatus.AWAITING_LINE_MANAGER and may_recommend(user, gift),
        "decide": gift.status != GiftStatus.WITHDRAWN and may_decide(user, gift),
    }


def gift_decisions(*, gift: Gift) -> list[GiftDecision]:
    """Every decision on one declaration (already checked visible), oldest first."""
    return list(
        GiftDecision.objects.filter(gift=gift)
        .select_related("decided_by__person")
        .order_by("decided_at", "pk")
    )


def gift_timeline(*, gift: Gift) -> list[TimelineEntry]:
    """The declaration's story, newest first: each change to it (declared, changed, sent on,
    withdrawn) with who and why, and every decision, superseded ones included."""
    entries: list[TimelineEntry] = []
    for row in gift.history.select_related("history_user__person").order_by("history_id"):
        reason = row.history_change_reason or ""
        if reason.startswith(DECISION_REASON_PREFIX):
            continue  # the decision's own entry below says it, with its rationale
        entries.append(
            TimelineEntry(
                title=reason or "Changed",
                at=row.history_date,
                by=row.history_user.display_name if row.history_user else "",
            )
        )
    for decision in gift_decisions(gift=gift):
        body = decision.rationale
        if decision.conditions:
            body += f"\n\nConditions: {decision.conditions}"
        entries.append(
            TimelineEntry(
                title=f"{decision.get_stage_display()}: {decision.get_outcome_display()}",
                at=decision.decided_at,
                by=decision.decided_by.display_name,
                body=body,
            )
        )
    return sorted(entries, key=lambda entry: entry.at, reverse=True)


def gift_review_queues(*, user) -> list[ReviewQueue]:
    """The queues this user has in the gifts register (the review-queues page, home page).

    One query whatever the user's roles: both queues are counted in a single aggregate, each
    through its own condition. A line manager by role always gets their queue; anyone else
    whose reports' declarations wait for them (HR's data knows a sergeant before the roles do)
    gets it too.
    """
    if not user.is_authenticated:
        return []
    now = timezone.now()
    mine = reports_of(user) & Q(status=GiftStatus.AWAITING_LINE_MANAGER)
    psd = Q(status=GiftStatus.AWAITING_PSD) if policy.in_psd(user) else policy.NOTHING
    lm_late = mine & Q(submitted_at__lt=now - dt.timedelta(days=LINE_MANAGER_OVERDUE_DAYS))
    psd_late = psd & Q(submitted_at__lt=now - dt.timedelta(days=PSD_OVERDUE_DAYS))
    stats = (
        policy.visible(user, Gift.objects.all())
        .filter(mine | psd)
        .aggregate(
            lm_count=Count("pk", filter=mine),
            lm_oldest=Min("submitted_at", filter=mine),
            lm_overdue=Count("pk", filter=lm_late),
            psd_count=Count("pk", filter=psd),
            psd_oldest=Min("submitted_at", filter=psd),
            psd_overdue=Count("pk", filter=psd_late),
        )
    )
    queues: list[ReviewQueue] = []
    if stats["lm_count"] or (user.person_id and policy.holds(user, Role.LINE_MANAGER)):
        queues.append(
            ReviewQueue(
                key="gifts-line-manager",
                title="Gifts and hospitality waiting for your recommendation",
                url=reverse("gifts:team"),
                count=stats["lm_count"],
                oldest=stats["lm_oldest"],
                overdue=stats["lm_overdue"],
                overdue_after_days=LINE_MANAGER_OVERDUE_DAYS,
            )
        )
    if policy.in_psd(user):
        queues.append(
            ReviewQueue(
                key="gifts-psd",
                title="Gifts and hospitality waiting for a PSD decision",
                url=f"{reverse('gifts:register')}?status={GiftStatus.AWAITING_PSD}",
                count=stats["psd_count"],
                oldest=stats["psd_oldest"],
                overdue=stats["psd_overdue"],
                overdue_after_days=PSD_OVERDUE_DAYS,
            )
        )
    return queues


def gift_export_rows(*, gifts: QuerySet[Gift]) -> QuerySet[Gift]:
    """The rows of an export: the filtered register, with what each row prints in one query
    for the rows and one for their decisions."""
    deciding = GiftDecision.objects.filter(
        stage__in=(Stage.LINE_MANAGER_DECISION, Stage.PSD_DECISION)
    ).select_related("decided_by__person")
    return gifts.select_related("declarant__org_unit").prefetch_related(
        Prefetch("decisions", queryset=deciding.order_by("decided_at", "pk"), to_attr="deciding")
    )


# --- The member's own declarations -------------------------------------------------------------


def gift_list_for_declarant(*, user) -> QuerySet[Gift]:
    if not user.is_authenticated or not user.person_id:
        return Gift.objects.none()
    return (
        Gift.objects.for_declarant(user.person_id).with_outcome().order_by("-submitted_at", "-pk")
    )


def gift_get_for_declarant(*, user, pk: int) -> Gift:
    gift = gift_list_for_declarant(user=user).filter(pk=pk).first()
    if gift is None:
        raise Http404
    return gift


def gift_portal_rows(*, user) -> list[Gift]:
    """The member's latest declarations, for their section of the staff portal (/my/)."""
    return list(gift_list_for_declarant(user=user)[:PORTAL_ROWS])


def is_chief_officer(*, user) -> bool:
    if not user.person_id:
        return False
    return Person.objects.filter(chief_officer_filter(), pk=user.person_id).exists()


def person_by_staff_number(*, user, staff_number: str) -> Person | None:
    """Someone PSD records a declaration for, found by staff number (PSD roles only)."""
    if not may_record_for_others(user):
        raise Http404
    return (
        policy.visible(user, Person.objects.select_related("org_unit"))
        .filter(staff_number__iexact=staff_number.strip())
        .first()
    )


# --- Policy and the public register -----------------------------------------------------------


def active_thresholds() -> list[GiftThreshold]:
    """The force policy as it stands, for the guidance beside the declaration form."""
    return list(
        GiftThreshold.objects.filter(is_active=True).order_by(
            "donor_type", "applies_to", "min_value"
        )
    )


def public_register() -> QuerySet[Gift]:
    """Chief officers' settled entries, newest first: read by anyone, signed in or not."""
    return Gift.objects.published().with_outcome().order_by("-offered_on", "-pk")


def public_entries(gifts) -> list[PublicEntry]:
    return [public_entry(gift) for gift in gifts]
