"""Reads of CCU material, always through the access policy (standards.access.policy)."""

from __future__ import annotations

from django.db.models import Count, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404

from ccu.models import Operation
from standards.access import policy
from standards.access.roles import Role


def operation_list_for_user(*, user) -> QuerySet[Operation]:
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


def operation_get_for_head(*, user, pk: int) -> Operation:
    """The operation for the head's own pages (who may work on it, closing it), or 404: an
    analyst working the operation may not manage it, and learns no more from the 404 than they
    know already (the operation's own page)."""
    if not policy.holds(user, Role.CCU_HEAD):
        raise Http404
    return operation_get_for_user(user=user, pk=pk)


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
