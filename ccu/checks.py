"""Intelligence checks: PSD asks the CCU about a member of the workforce, the CCU answers.

Services (every change) and selectors (every read) for ``IntelligenceCheck``. The CCU side reads
through the access policy (ccu/check_rules.py). The one read made for PSD,
``check_outcome_for_psd``, returns a sanitised value with the answer and its date only: never the
CCU's note, never who in the CCU answered.

The person a check is about never learns one was asked (DESIGN.md, corridor rule 5): nothing
here notifies them, and the notices to the CCU leave them out even when they work in the CCU.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ccu.models import CheckAnswer, IntelligenceCheck
from registers.declarations import ReviewQueue
from standards.access import policy
from standards.access.roles import CCU_ROLES
from standards.core.validators import no_markup

# The CCU aims to answer a check within a week: a business interest waits on it.
ANSWER_WITHIN_DAYS = 7


class CheckState:
    AWAITING = "awaiting"
    ANSWERED = "answered"


# --- selectors ---------------------------------------------------------------------------------


def check_list_for_user(*, user, state: str = CheckState.AWAITING) -> QuerySet[IntelligenceCheck]:
    """The CCU's queue: checks awaiting an answer (oldest first), or answered (newest first)."""
    checks = policy.visible(
        user,
        IntelligenceCheck.objects.select_related(
            "subject__org_unit", "requested_by__person", "answered_by__person"
        ),
    )
    if state == CheckState.ANSWERED:
        return checks.exclude(answer="").order_by("-answered_at", "-pk")
    return checks.filter(answer="").order_by("requested_at", "pk")


def check_get_for_user(*, user, pk: int) -> IntelligenceCheck:
    """The check, or 404: the same 404 for a missing check and one out of the user's sight."""
    check = (
        policy.visible(
            user,
            IntelligenceCheck.objects.select_related(
                "subject__org_unit",
                "subject__line_manager",
                "requested_by__person",
                "answered_by__person",
                "business_interest",
            ),
        )
        .filter(pk=pk)
        .first()
    )
    if check is None:
        raise Http404
    return check


def check_history(*, check: IntelligenceCheck):
    """The check's history, newest first, for the CCU's own page."""
    return check.history.select_related("history_user__person").order_by("-history_date")[:50]


def check_queues(*, user) -> list[ReviewQueue]:
    """The CCU's queue of unanswered checks, for the review-queues page (CCU roles only)."""
    if not policy.in_ccu(user):
        return []
    late = timezone.now() - dt.timedelta(days=ANSWER_WITHIN_DAYS)
    totals = (
        policy.visible(user, IntelligenceCheck.objects.filter(answer=""))
        .order_by()
        .aggregate(
            count=Count("pk"),
            oldest=Min("requested_at"),
            overdue=Count("pk", filter=Q(requested_at__lt=late)),
        )
    )
    return [
        ReviewQueue(
            key="ccu-intelligence-checks",
            title="Intelligence checks awaiting an answer",
            url=reverse("ccu_checks:queue"),
            count=totals["count"],
            oldest=totals["oldest"],
            overdue=totals["overdue"],
            overdue_after_days=ANSWER_WITHIN_DAYS,
        )
    ]


@dataclass(frozen=True)
class CheckOutcome:
    """What PSD may know of a check: that it was asked, and the sanitised answer. Nothing else."""

    requested_at: dt.datetime
    answer: str
    answered_at: dt.datetime | None

    @property
    def is_answered(self) -> bool:
        return bool(self.answer)

    @property
    def is_trace(self) -> bool:
        return self.answer == CheckAnswer.TRACE

    @property
    def answer_label(self) -> str:
        return CheckAnswer(self.answer).label if self.answer else ""


def check_outcomes_for_psd(*, business_interest_id: int) -> list[CheckOutcome]:
    """Every check asked for one business interest, oldest first, as PSD may see them.

    The corridor crossing: callers (the interests selectors) have already established that the
    user may see the interest and is in PSD or the CCU. Only three columns are read, so the note
    and the answering analyst cannot reach a PSD page even by mistake.
    """
    rows = (
        IntelligenceCheck.objects.filter(business_interest_id=business_interest_id)
        .order_by("requested_at", "pk")
        .values_list("requested_at", "answer", "answered_at")
    )
    return [CheckOutcome(*row) for row in rows]


def _ccu_recipients(*, exclude_person_id: int | None):
    from standards.accounts.models import User

    users = User.objects.filter(
        groups__name__in=[role.value for role in CCU_ROLES], is_active=True
    ).distinct()
    if exclude_person_id:
        users = users.exclude(person_id=exclude_person_id)
    return list(users)


# --- services ----------------------------------------------------------------------------------


@transaction.atomic
def intelligence_check_request(
    *, subject, purpose: str, acting_user, business_interest=None
) -> IntelligenceCheck:
    """Ask the CCU for an intelligence check on ``subject``. Only PSD asks; the caller (for a
    business interest, ``interest_request_check``) has checked the user may act on the record."""
    if not policy.in_psd(acting_user):
        raise Http404
    purpose = (purpose or "").strip()
    if not purpose:
        raise ValidationError({"purpose": "Enter the purpose of the check"})
    no_markup(purpose)
    pending = IntelligenceCheck.objects.filter(subject=subject, answer="")
    if business_interest is not None:
        pending = pending.filter(business_interest=business_interest)
        if pending.exists():
            raise ValidationError("An intelligence check is already waiting for the CCU's answer")
    check = IntelligenceCheck(
        subject=subject,
        purpose=purpose[:200],
        requested_by=acting_user,
        business_interest=business_interest,
    )
    check._change_reason = "Intelligence check requested by PSD"
    check._history_user = acting_user
    check.save()

    from standards.notifications.services import notify

    # A CCU-only notice, and never to the subject: they may work in the CCU.
    notify(
        recipients=_ccu_recipients(exclude_person_id=subject.pk),
        key=f"ccu-check-requested-{check.pk}",
        subject="An intelligence check is waiting for an answer",
        body="The Professional Standards Department has asked for an intelligence check.",
        url=reverse("ccu_checks:detail", kwargs={"pk": check.pk}),
    )
    return check


@transaction.atomic
def intelligence_check_answer(
    *, check: IntelligenceCheck, answer: str, ccu_note: str = "", acting_user
) -> IntelligenceCheck:
    """Record the CCU's answer. Once given it stands: if the CCU learns more later, it speaks to
    PSD, and PSD asks again (a new check, so both answers stay on the record)."""
    # The row, locked, and only if this user may change it: the same 404 as a missing check.
    locked = (
        policy.changeable(acting_user, IntelligenceCheck.objects.select_for_update())
        .filter(pk=check.pk)
        .first()
    )
    if locked is None:
        raise Http404
    if locked.answer:
        raise ValidationError("This check has already been answered")
    if answer not in CheckAnswer.values:
        raise ValidationError({"answer": "Select the answer to give PSD"})
    ccu_note = (ccu_note or "").strip()
    no_markup(ccu_note)
    if answer == CheckAnswer.TRACE and not ccu_note:
        raise ValidationError(
            {"ccu_note": "Enter a note for the CCU saying what the trace is and who holds it"}
        )
    locked.answer = answer
    locked.ccu_note = ccu_note
    locked.answered_by = acting_user
    locked.answered_at = timezone.now()
    locked._change_reason = "Intelligence check answered"
    locked._history_user = acting_user
    locked.save()
    if locked.business_interest_id:
        from registers.interests.services import interest_check_answered

        interest_check_answered(check=locked)
    return locked


def annotate_check_outcome(queryset: QuerySet) -> QuerySet:
    """Business interests annotated with the answer to their latest check, for PSD's lists:
    ``check_answer`` is None (no check asked), "" (awaiting the CCU) or the answer. One subquery,
    the answer column only."""
    from django.db.models import OuterRef, Subquery

    latest = IntelligenceCheck.objects.filter(business_interest=OuterRef("pk")).order_by(
        "-requested_at", "-pk"
    )
    return queryset.annotate(check_answer=Subquery(latest.values("answer")[:1]))
