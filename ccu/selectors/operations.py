"""Reads of CCU material, always through the access policy (standards.access.policy).

Who may do what is decided here, not in the views: the operations list is a 404 outside the CCU,
opening an operation and managing one (who has access, closing it) belong to the head of the CCU,
and a closed operation is read-only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from ccu.models import Operation
from standards.access import policy
from standards.access.roles import Role


def may_open_operation(user) -> bool:
    """Only the head of the CCU opens an operation (and so decides its compartment)."""
    return policy.holds(user, Role.CCU_HEAD)


def require_may_open_operation(*, user) -> None:
    """The "open an operation" page, or 404: to anyone else it does not exist."""
    if not may_open_operation(user):
        raise Http404


def operation_list_for_user(*, user) -> QuerySet[Operation]:
    """The operations the user may see, newest first; a 404 outside the CCU, where the list does
    not exist (an empty list would still confirm there is something to hide)."""
    if not policy.in_ccu(user):
        raise Http404
    # Subjects are counted in a correlated subquery, not a join and GROUP BY, so the page and its
    # count read only the operations they show (bench/RESULTS.md).
    subjects = (
        Operation.subjects.through.objects.filter(operation_id=OuterRef("pk"))
        .order_by()
        .values("operation_id")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        policy.visible(user, Operation.objects.all())
        .annotate(subject_count=Coalesce(Subquery(subjects), 0))
        .order_by("-opened_on", "code_name")
    )


def operation_get_for_user(*, user, pk: int) -> Operation:
    """The operation, or 404 - the same 404 whether it is missing or out of the user's sight."""
    operation = (
        policy.visible(user, Operation.objects.select_related("opened_by")).filter(pk=pk).first()
    )
    if operation is None:
        raise Http404
    return operation


def operations_managed_by(user) -> QuerySet[Operation]:
    """The operations the user may manage (who has access, closing it): the head of the CCU's,
    through the access rule, so never one the head is a subject of. The services lock rows from
    this queryset, so a page and its service cannot disagree about who may act."""
    if not policy.holds(user, Role.CCU_HEAD):
        return Operation.objects.none()
    return policy.changeable(user, Operation.objects.all())


def operation_get_for_head(*, user, pk: int) -> Operation:
    """The operation for the head's own pages (who may work on it, closing it), or 404: an
    analyst working the operation may not manage it, and learns no more from the 404 than they
    know already (the operation's own page)."""
    operation = operations_managed_by(user).select_related("opened_by").filter(pk=pk).first()
    if operation is None:
        raise Http404
    return operation


@dataclass(frozen=True)
class OperationActions:
    """What an operation's page offers the viewer: a closed operation offers no grant and no
    close, only withdrawing access that is no longer needed."""

    manage_access: bool
    grant: bool
    close: bool
    # Open, and nobody but the viewer can work on it yet: the next step is to give access.
    grant_next: bool


def operation_actions_for_user(
    *, user, operation: Operation, members: list, teams: list
) -> OperationActions:
    """``members`` and ``teams``: who holds access (``operation_members``)."""
    manages = policy.holds(user, Role.CCU_HEAD)
    is_open = not operation.is_closed
    alone = not teams and all(member.pk == user.pk for member in members)
    return OperationActions(
        manage_access=manages,
        grant=manages and is_open,
        close=manages and is_open,
        grant_next=manages and is_open and alone,
    )


def operation_subjects(*, operation: Operation):
    """The members of the workforce the operation is about (its page, for those who see it)."""
    return operation.subjects.select_related("org_unit")


def operation_members(*, operation: Operation):
    """Who holds access to an operation: analysts and teams (for the head's access page)."""
    from ccu.models import OperationGroupObjectPermission, OperationUserObjectPermission

    users = (
        OperationUserObjectPermission.objects.filter(
            content_object=operation, permission__codename="view_operation"
        )
        .select_related("user__person")
        .order_by("user__username")
    )
    groups = (
        OperationGroupObjectPermission.objects.filter(
            content_object=operation, permission__codename="view_operation"
        )
        .select_related("group")
        .order_by("group__name")
    )
    return [row.user for row in users], [row.group for row in groups]


def grant_candidates():
    """CCU staff and CCU teams who may be given access to an operation."""
    from django.contrib.auth.models import Group

    from standards.access.roles import CCU_ROLES
    from standards.accounts.models import User

    role_names = [r.value for r in CCU_ROLES]
    users = list(
        User.objects.filter(is_active=True, groups__name__in=role_names)
        .select_related("person")
        .distinct()
        .order_by("username")
    )
    teams = list(
        Group.objects.filter(name__startswith="CCU team").exclude(name__in=[r.value for r in Role])
    )
    return users, teams


def operation_timeline(*, operation: Operation):
    """The operation's history, newest first, with who and why."""
    return operation.history.select_related("history_user").order_by("-history_date")[:200]
