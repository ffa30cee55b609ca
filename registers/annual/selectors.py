"""Every read of the annual declaration.

The member reads their own declarations (``..._for_declarant``: filtered on them, never through
the rule, which hides a record about the viewer from them as a reviewer). The completion figures
and the overdue list read the staff directory and the declarations through
``standards.access.policy``: PSD sees every unit; a line manager their direct reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.http import Http404

from registers.annual import rules
from registers.annual.models import (
    AnnualDeclaration,
    PolicyVersion,
    due_on,
    is_running,
    year_of,
)
from standards.access import policy
from standards.people.models import OrgUnit, Person


def policies_current() -> list[PolicyVersion]:
    return list(PolicyVersion.objects.current())


def policies_all() -> list[PolicyVersion]:
    return list(PolicyVersion.objects.in_order())


def annual_declaration_for_declarant(*, user, year: int) -> AnnualDeclaration | None:
    """The member's own declaration for ``year``, with the versions they confirmed."""
    if not user.person_id:
        return None
    return (
        AnnualDeclaration.objects.filter(person_id=user.person_id, year=year)
        .prefetch_related(Prefetch("policies", queryset=PolicyVersion.objects.in_order()))
        .first()
    )


@dataclass(frozen=True)
class PortalRow:
    year: int
    due: dt.date
    declaration: AnnualDeclaration | None
    overdue: bool


def annual_portal_rows(*, user, today: dt.date | None = None) -> list[PortalRow]:
    """The /my/ section: this year's declaration, made or not, and when it is due."""
    today = today or dt.date.today()
    year = year_of(today)
    return [
        PortalRow(
            year=year,
            due=due_on(year),
            declaration=annual_declaration_for_declarant(user=user, year=year),
            overdue=due_on(year) < today and is_running(year),
        )
    ]


def _serving(today: dt.date):
    return Person.objects.serving(today)


def _made(year: int):
    return Exists(AnnualDeclaration.objects.filter(person=OuterRef("pk"), year=year))


@dataclass(frozen=True)
class UnitCompletion:
    unit_id: int
    unit_name: str
    members: int
    made: int

    @property
    def outstanding(self) -> int:
        return self.members - self.made

    @property
    def percent(self) -> int:
        return round(100 * self.made / self.members) if self.members else 100


def completion_by_unit(*, user, year: int, today: dt.date) -> list[UnitCompletion]:
    """Every unit's serving members and how many have made ``year``'s declaration: one query
    however many units and members. PSD only."""
    if not rules.may_see_completion(user):
        raise Http404
    rows = (
        policy.visible(user, _serving(today))
        .values("org_unit_id", "org_unit__name")
        .annotate(
            members=Count("pk", distinct=True),
            made=Count(
                "yearly_declarations", filter=Q(yearly_declarations__year=year), distinct=True
            ),
        )
        .order_by("org_unit__name", "org_unit_id")
    )
    return [
        UnitCompletion(
            unit_id=row["org_unit_id"],
            unit_name=row["org_unit__name"],
            members=row["members"],
            made=row["made"],
        )
        for row in rows
    ]


def unit_get_for_completion(*, user, pk: int) -> OrgUnit:
    if not rules.may_see_completion(user):
        raise Http404
    try:
        return OrgUnit.objects.get(pk=pk)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def outstanding_members(
    *, user, year: int, today: dt.date, unit: OrgUnit | None = None
) -> list[Person]:
    """The serving members who have not made ``year``'s declaration that ``user`` answers for:
    a unit's (PSD, drilling in) or the user's direct reports (a line manager). One query."""
    if not rules.may_see_overdue(user):
        raise Http404
    people = policy.visible(user, _serving(today)).filter(~_made(year))
    if unit is not None:
        if not rules.may_see_completion(user):
            raise Http404
        people = people.filter(org_unit=unit)
    else:
        people = people.filter(line_manager_id=user.person_id)
    return list(
        people.select_related("org_unit", "line_manager").order_by(
            "org_unit__name", "last_name", "first_name", "pk"
        )
    )


def team_counts(*, user, year: int, today: dt.date) -> tuple[int, int]:
    """(direct reports, of whom made) for a line manager's own overdue list."""
    if not rules.may_see_overdue(user) or not user.person_id:
        return (0, 0)
    counts = (
        policy.visible(user, _serving(today))
        .filter(line_manager_id=user.person_id)
        .aggregate(members=Count("pk"), made=Count("pk", filter=Q(_made(year))))
    )
    return counts["members"], counts["made"]
