"""Reads of the staff directory, through the access policy (standards.people.rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from standards.access import policy
from standards.people.models import Person, RoleType


def workforce(*, on: dt.date | None = None) -> QuerySet[Person]:
    """The workforce: everyone in the staff directory still serving on ``on`` (default today),
    whether or not they have a login. Every count or list that says "the workforce" or
    "serving" reads it here, so the home page, the board and the directory agree; people who
    have left stay in the directory, and are counted only where a page says so."""
    return Person.objects.serving(on or timezone.localdate())


def person_for_user(*, user) -> Person | None:
    if not user.is_authenticated or not user.person_id:
        return None
    return (
        Person.objects.select_related("org_unit", "line_manager").filter(pk=user.person_id).first()
    )


def direct_reports_for_user(*, user) -> QuerySet[Person]:
    if not user.person_id:
        return Person.objects.none()
    return (
        workforce()
        .filter(line_manager_id=user.person_id)
        .select_related("org_unit")
        .order_by("last_name", "first_name")
    )


@dataclass(frozen=True)
class WorkforceCounts:
    total: int
    by_role_type: list[tuple[str, int]]


def workforce_counts() -> WorkforceCounts:
    """Serving workforce by role type: an aggregate, safe for every role that sees it."""
    rows = dict(
        workforce().values_list("role_type").annotate(n=Count("pk")).values_list("role_type", "n")
    )
    by_type = [(label, rows.get(value, 0)) for value, label in RoleType.choices]
    return WorkforceCounts(total=sum(rows.values()), by_role_type=by_type)


def may_browse_directory(user) -> bool:
    """Searching the whole directory is for PSD and CCU roles."""
    return policy.in_psd(user) or policy.in_ccu(user)


def _matching(people: QuerySet[Person], query: str) -> QuerySet[Person]:
    for word in query.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(staff_number__iexact=word)
            | Q(collar_number__iexact=word)
        )
    return people


def person_list_for_user(
    *, user, query: str = "", include_leavers: bool = False
) -> QuerySet[Person]:
    """The directory as this user may search it, filtered in SQL by the access policy: the
    serving workforce (``workforce``), or everyone ever recorded with ``include_leavers``."""
    if not may_browse_directory(user):
        raise Http404
    people = Person.objects.all() if include_leavers else workforce()
    people = policy.visible(user, people.select_related("org_unit"))
    return _matching(people, query).order_by("last_name", "first_name", "staff_number")


def leavers_matching_count(*, user, query: str) -> int:
    """How many people who have left also match a search of the serving workforce, so that a
    search for a former officer says where they are instead of finding nobody."""
    if not query or not may_browse_directory(user):
        return 0
    leavers = policy.visible(user, Person.objects.leavers(timezone.localdate()))
    return _matching(leavers, query).count()


def person_get_for_user(*, user, pk: int) -> Person:
    """One person's record, or 404 (the same 404 for a missing and an invisible record)."""
    person = (
        policy.visible(user, Person.objects.select_related("org_unit", "line_manager"))
        .filter(pk=pk)
        .first()
    )
    if person is None:
        raise Http404
    return person
