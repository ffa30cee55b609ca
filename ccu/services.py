"""Every change to CCU material: one function per transition, taking the acting user and a reason.

Each checks the acting user's right in the access policy (a user who may not act gets the same
404 as for a missing record), validates, and writes history with the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from guardian.shortcuts import assign_perm, remove_perm

from ccu.models import Operation, OperationStatus
from standards.access.roles import CCU_ROLES, Role, has_role, role_names
from standards.people.models import Person

GRANTED_PERMS = ("view_operation", "work_operation")


def _require_head(user) -> None:
    if not has_role(user, Role.CCU_HEAD):
        raise Http404


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for this change"})
    return reason


@transaction.atomic
def operation_open(
    *,
    code_name: str,
    purpose: str,
    opened_on: dt.date,
    subject_staff_numbers: Iterable[str] = (),
    acting_user,
) -> Operation:
    _require_head(acting_user)
    code_name = code_name.strip()
    numbers = {n.strip() for n in subject_staff_numbers if n.strip()}
    subjects = list(Person.objects.filter(staff_number__in=numbers))
    unknown = sorted(numbers - {p.staff_number for p in subjects})
    if unknown:
        message = f"No member of the workforce has staff number {', '.join(unknown)}"
        raise ValidationError({"subject_staff_numbers": message})
    if Operation.objects.filter(code_name__iexact=code_name).exists():
        raise ValidationError({"code_name": f"{code_name} is already in use: choose another name"})
    if opened_on > dt.date.today():
        raise ValidationError({"opened_on": "The date opened must be today or in the past"})
    operation = Operation(
        code_name=code_name, purpose=purpose.strip(), opened_on=opened_on, opened_by=acting_user
    )
    operation._change_reason = "Operation opened"
    operation.save()
    operation.subjects.set(subjects)
    # The head who opens an operation works on it: it is allocated to them.
    for perm in GRANTED_PERMS:
        assign_perm(perm, acting_user, operation)
    return operation


def _check_grantee(grantee) -> None:
    """The corridor: only CCU staff may ever be given CCU material."""
    if isinstance(grantee, Group):
        members = list(grantee.user_set.all())
        if not members or any(not (role_names(m) & CCU_ROLES) for m in members):
            raise ValidationError(
                {"grantee": "Only a team made up of CCU staff can be given access"}
            )
    elif not (role_names(grantee) & CCU_ROLES):
        raise ValidationError({"grantee": "Only CCU staff can be given access to an operation"})


@transaction.atomic
def operation_grant_access(*, operation: Operation, grantee, reason: str, acting_user) -> None:
    _require_head(acting_user)
    reason = _require_reason(reason)
    _check_grantee(grantee)
    for perm in GRANTED_PERMS:
        assign_perm(perm, grantee, operation)
    _note(operation, f"Access granted to {_label(grantee)}: {reason}", acting_user)


@transaction.atomic
def operation_revoke_access(*, operation: Operation, grantee, reason: str, acting_user) -> None:
    _require_head(acting_user)
    reason = _require_reason(reason)
    for perm in GRANTED_PERMS:
        remove_perm(perm, grantee, operation)
    _note(operation, f"Access withdrawn from {_label(grantee)}: {reason}", acting_user)


@transaction.atomic
def operation_close(*, operation: Operation, closed_on: dt.date, reason: str, acting_user) -> None:
    _require_head(acting_user)
    reason = _require_reason(reason)
    if operation.status == OperationStatus.CLOSED:
        raise ValidationError("The operation is already closed")
    if closed_on < operation.opened_on or closed_on > dt.date.today():
        raise ValidationError(
            {"closed_on": "The date closed must be between the date opened and today"}
        )
    operation.status = OperationStatus.CLOSED
    operation.closed_on = closed_on
    operation._change_reason = f"Operation closed: {reason}"
    operation._history_user = acting_user
    operation.save()


def _note(operation: Operation, reason: str, acting_user) -> None:
    """A history row on the operation itself, so its timeline shows who was let in and why."""
    operation._change_reason = reason
    operation._history_user = acting_user
    operation.save()


def _label(grantee) -> str:
    if isinstance(grantee, Group):
        return f"team {grantee.name}"
    return grantee.display_name
