"""Every read of intelligence checks.

The CCU's reads (its queue, a check, its history) go through the access policy
(``standards.exchange.rules``). The asking side's reads, ``check_outcomes_for`` and
``annotate_latest_answer``, are the corridor crossing: they return the answer and its dates only,
never the CCU's note and never who in the CCU answered.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import models
from django.db.models import Count, Min, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from standards.access import policy
from standards.exchange.models import CheckAnswer, CheckList, IntelligenceCheck
from standards.exchange.registry import CheckDetail
from standards.people.models import Person

# The CCU aims to answer a check within a week: a decision (a business interest, say) waits on it.
ANSWER_WITHIN_DAYS = 7


class CheckState:
    AWAITING = "awaiting"
    ANSWERED = "answered"


# --- the CCU's side ----------------------------------------------------------------------------


def not_on_their_lists(user) -> Q:
    """A check asked for a list the user is on is hidden from them, as the list itself is (its
    rule's subject path): a CCU member on a promotion board's list neither sees nor answers the
    checks on the others competing with them."""
    person_id = getattr(user, "person_id", None)
    if not person_id:
        return Q()
    theirs = CheckList.objects.filter(people=person_id).values("pk")
    return ~(asked_for_model(CheckList) & Q(asked_for_id__in=theirs))


def checks_visible(user, checks: QuerySet[IntelligenceCheck]) -> QuerySet[IntelligenceCheck]:
    """``checks`` as the user may see them: the check's rule, and none on a list they are on."""
    return policy.visible(user, checks).filter(not_on_their_lists(user))


def check_list_for_user(*, user, state: str = CheckState.AWAITING) -> QuerySet[IntelligenceCheck]:
    """The CCU's queue: checks awaiting an answer (oldest first), or answered (newest first)."""
    checks = checks_visible(
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
        checks_visible(
            user,
            IntelligenceCheck.objects.select_related(
                "subject__org_unit",
                "subject__line_manager",
                "requested_by__person",
                "answered_by__person",
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


@dataclass(frozen=True)
class AwaitingSummary:
    count: int
    oldest: dt.datetime | None
    overdue: int


def checks_awaiting_summary(*, user) -> AwaitingSummary | None:
    """How many checks the user's CCU queue holds, the oldest, and how many are late; ``None``
    outside the CCU (nobody else may learn that checks exist)."""
    if not policy.in_ccu(user):
        return None
    late = timezone.now() - dt.timedelta(days=ANSWER_WITHIN_DAYS)
    totals = (
        checks_visible(user, IntelligenceCheck.objects.filter(answer=""))
        .order_by()
        .aggregate(
            count=Count("pk"),
            oldest=Min("requested_at"),
            overdue=Count("pk", filter=Q(requested_at__lt=late)),
        )
    )
    return AwaitingSummary(**totals)


# --- the asking side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CheckOutcome:
    """What the asking side may know of a check: that it was asked, by whom of its own people,
    and the sanitised answer. Nothing else."""

    pk: int
    requested_at: dt.datetime
    requested_by_id: int
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


# The only columns that cross the corridor.
OUTCOME_COLUMNS = ("pk", "requested_at", "requested_by_id", "answer", "answered_at")


def outcome_of(check: IntelligenceCheck) -> CheckOutcome:
    return CheckOutcome(*(getattr(check, column) for column in OUTCOME_COLUMNS))


def asked_for_model(model: type[models.Model]) -> Q:
    # By the content type's natural key rather than its id: a join inside the one query, so no
    # read of the content-type table (cached or not) is added to the asking side's pages.
    meta = model._meta.concrete_model._meta
    return Q(asked_for_type__app_label=meta.app_label, asked_for_type__model=meta.model_name)


def check_outcomes_for(record: models.Model) -> list[CheckOutcome]:
    """Every check asked for one record, oldest first, as the asking side may see them.

    The corridor crossing: callers (the asking area's selectors) have already established that
    the user may see the record and may know of its checks. Only ``OUTCOME_COLUMNS`` are read,
    so the note and the answering analyst cannot reach the asking side's pages even by mistake.
    """
    rows = (
        IntelligenceCheck.objects.filter(asked_for_model(type(record)), asked_for_id=record.pk)
        .order_by("requested_at", "pk")
        .values_list(*OUTCOME_COLUMNS)
    )
    return [CheckOutcome(*row) for row in rows]


def annotate_latest_answer(queryset: QuerySet) -> QuerySet:
    """The asking records annotated with the answer to their latest check, for the asking side's
    lists: ``check_answer`` is None (no check asked), "" (awaiting the CCU) or the answer. One
    subquery, the answer column only."""
    latest = IntelligenceCheck.objects.filter(
        asked_for_model(queryset.model), asked_for_id=OuterRef("pk")
    ).order_by("-requested_at", "-pk")
    return queryset.annotate(check_answer=Subquery(latest.values("answer")[:1]))


# --- lists of people put up for checks -----------------------------------------------------------


def _checks_of_lists() -> QuerySet[IntelligenceCheck]:
    return IntelligenceCheck.objects.filter(asked_for_model(CheckList)).order_by()


def annotate_list_progress(lists: QuerySet[CheckList]) -> QuerySet[CheckList]:
    """Each list with how many checks were asked for it (``asked``) and how many are answered
    (``answered``): two subqueries, counts only."""
    of_list = _checks_of_lists().filter(asked_for_id=OuterRef("pk")).values("asked_for_id")
    asked = of_list.annotate(n=Count("pk")).values("n")
    answered = of_list.exclude(answer="").annotate(n=Count("pk")).values("n")
    return lists.annotate(
        asked=Coalesce(Subquery(asked[:1]), 0), answered=Coalesce(Subquery(answered[:1]), 0)
    )


def check_list_list_for_psd(*, user) -> QuerySet[CheckList]:
    """PSD's lists, newest first, with their progress; a 404 for anyone else (the CCU works
    lists from its own queue)."""
    if not policy.in_psd(user):
        raise Http404
    lists = policy.visible(user, CheckList.objects.select_related("requested_by__person"))
    return annotate_list_progress(lists).order_by("-requested_at", "-pk")


def check_list_get_for_psd(*, user, pk: int) -> CheckList:
    """One of PSD's lists, or 404 (the same for a missing list as for one out of sight: a member
    of PSD on a list never sees it)."""
    found = check_list_list_for_psd(user=user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def check_list_awaiting(check_list: CheckList) -> int:
    """How many checks on the list still wait for the CCU."""
    return _checks_of_lists().filter(asked_for_id=check_list.pk, answer="").count()


@dataclass(frozen=True)
class ListedPerson:
    """A person on a list, as PSD sees them: who they are and the answer (or None, awaiting)."""

    person: Person
    outcome: CheckOutcome | None


def check_list_outcomes(check_list: CheckList) -> list[ListedPerson]:
    """Everyone on the list, by name, with the latest answer on them: the corridor crossing for
    lists. Like ``check_outcomes_for``, only ``OUTCOME_COLUMNS`` are read: never the CCU's note,
    never who answered."""
    latest: dict[int, CheckOutcome] = {}
    rows = (
        _checks_of_lists()
        .filter(asked_for_id=check_list.pk)
        .order_by("requested_at", "pk")
        .values_list("subject_id", *OUTCOME_COLUMNS)
    )
    for subject_id, *columns in rows:
        latest[subject_id] = CheckOutcome(*columns)
    people = check_list.people.select_related("org_unit").order_by(
        "last_name", "first_name", "staff_number"
    )
    return [ListedPerson(person=person, outcome=latest.get(person.pk)) for person in people]


def check_list_details_for_ccu(check_list: CheckList) -> list[CheckDetail]:
    """What the CCU is shown of the list a check was asked for (registered with the exchange)."""
    return [
        CheckDetail(
            "List",
            (
                f"{check_list.title} ({check_list.get_purpose_display()})",
                f"{check_list.people.count()} people on it",
            ),
        )
    ]


def check_outcomes_by_subject(record: models.Model) -> dict[int, list[CheckOutcome]]:
    """``check_outcomes_for``, by the person each check is on: for a record about several people
    (a complaint case's subjects). The same columns, and only those, cross the corridor."""
    rows = (
        IntelligenceCheck.objects.filter(asked_for_model(type(record)), asked_for_id=record.pk)
        .order_by("requested_at", "pk")
        .values_list("subject_id", *OUTCOME_COLUMNS)
    )
    outcomes: dict[int, list[CheckOutcome]] = {}
    for subject_id, *columns in rows:
        outcomes.setdefault(subject_id, []).append(CheckOutcome(*columns))
    return outcomes
