"""Reads of the staff directory.

Step by step these become policy-aware (standards/access); for now the rules are: a person sees
their own record, a line manager their direct reports, PSD and CCU roles the directory.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from standards.people.models import Person, RoleType


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
        Person.objects.serving()
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
        Person.objects.serving()
        .values_list("role_type")
        .annotate(n=Count("pk"))
        .values_list("role_type", "n")
    )
    by_type = [(label, rows.get(value, 0)) for value, label in RoleType.choices]
    return WorkforceCounts(total=sum(rows.values()), by_role_type=by_type)


DIRECTORY_ROLES = frozenset({"PSD caseworker", "PSD decision maker", "CCU analyst", "CCU head"})


def may_browse_directory(user) -> bool:
    from standards.access.roles import role_names

    return bool(role_names(user) & DIRECTORY_ROLES)


def person_list_for_user(*, user, query: str = "") -> QuerySet[Person]:
    """The directory as this user may search it: everyone for PSD and CCU roles, nobody else."""
    if not may_browse_directory(user):
        return Person.objects.none()
    people = Person.objects.select_related("org_unit").order_by("last_name", "first_name")
    query = query.strip()
    if query:
        from django.db.models import Q

        terms = Q()
        for word in query.split():
            terms &= (
                Q(first_name__icontains=word)
                | Q(last_name__icontains=word)
                | Q(staff_number__iexact=word)
                | Q(collar_number__iexact=word)
            )
        people = people.filter(terms)
    return people


def person_get_for_user(*, user, pk: int) -> Person:
    """One person's record, or 404: visible to directory roles, their line manager, themself."""
    from django.http import Http404

    person = Person.objects.select_related("org_unit", "line_manager").filter(pk=pk).first()
    if person is None:
        raise Http404
    if may_browse_directory(user) or person.pk == user.person_id:
        return person
    if user.person_id and person.line_manager_id == user.person_id:
        return person
    raise Http404
