"""Every change to CCU material: one function per transition, taking the acting user and a reason.

Each has one guard against misuse, from the selectors that decide who may act (a user who may not
gets the same 404 as for a missing record), validates, and writes history with the reason.
An operation's dates are checked here as well as in its forms: a date before the unit's records
begin, in the future, or a closing before the opening is refused whoever calls.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from ccu.models import Operation, OperationStatus
from ccu.selectors import operations as selectors
from standards.access.roles import CCU_ROLES, role_names
from standards.people.models import Person

GRANTED_PERMS = ("view_operation", "work_operation")
# The unit's records go back to 2000: an earlier date is a slip of the keyboard (1926 for 2026).
EARLIEST_OPERATION = dt.date(2000, 1, 1)


def _require_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason for this change"})
    return reason


def _locked_for_head(operation: Operation, acting_user) -> Operation:
    """The operation, locked for this transaction, if the acting user may manage it; else 404."""
    locked = (
        selectors.operations_managed_by(acting_user)
        .select_for_update(of=("self",))
        .filter(pk=operation.pk)
        .first()
    )
    if locked is None:
        raise Http404
    return locked


def _check_opened_on(opened_on: dt.date | None, *, today: dt.date) -> None:
    if opened_on is None:
        raise ValidationError({"opened_on": "Enter the date the operation was opened"})
    if opened_on > today:
        raise ValidationError({"opened_on": "The date opened must be today or in the past"})
    if opened_on < EARLIEST_OPERATION:
        raise ValidationError(
            {"opened_on": f"The date opened must be {EARLIEST_OPERATION:%-d %B %Y} or later"}
        )


def clean_closing(*, operation: Operation, closed_on: dt.date | None, reason: str) -> str:
    """The date and reason an operation closes, checked; returns the reason, stripped. The close
    page calls it too, before asking to confirm, so a refusal never comes after."""
    reason = _require_reason(reason)
    if closed_on is None:
        raise ValidationError({"closed_on": "Enter the date the operation closed"})
    if closed_on < operation.opened_on or closed_on > timezone.localdate():
        raise ValidationError(
            {
                "closed_on": "The date closed must be between the date opened "
                f"({operation.opened_on:%-d %B %Y}) and today"
            }
        )
    return reason


@transaction.atomic
def operation_open(
    *,
    code_name: str,
    purpose: str,
    opened_on: dt.date | None,
    subject_staff_numbers: Iterable[str] = (),
    acting_user,
) -> Operation:
    if not selectors.may_open_operation(acting_user):
        raise Http404
    code_name = (code_name or "").strip()
    purpose = (purpose or "").strip()
    if not code_name:
        raise ValidationError({"code_name": "Enter a code name"})
    if not purpose:
        raise ValidationError({"purpose": "Enter the purpose of the operation"})
    _check_opened_on(opened_on, today=timezone.localdate())
    numbers = {n.strip() for n in subject_staff_numbers if n.strip()}
    subjects = list(Person.objects.filter(staff_number__in=numbers))
    unknown = sorted(numbers - {p.staff_number for p in subjects})
    if unknown:
        message = f"No member of the workforce has staff number {', '.join(unknown)}"
        raise ValidationError({"subject_staff_numbers": message})
    if Operation.objects.filter(code_name__iexact=code_name).exists():
        raise ValidationError({"code_name": f"{code_name} is already in use: choose another name"})
    operation = Operation(
        code_name=code_name, purpose=purpose, opened_on=opened_on, opened_by=acting_user
    )
    operation._change_reason = "Operation opened"
    operation._history_user = acting_user
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
    locked = _locked_for_head(operation, acting_user)
    if locked.is_closed:
        raise ValidationError(
            {"grantee": "The operation is closed, so nobody new can be given access"}
        )
    reason = _require_reason(reason)
    _check_grantee(grantee)
    for perm in GRANTED_PERMS:
        assign_perm(perm, grantee, locked)
    _note(locked, f"Access granted to {_label(grantee)}: {reason}", acting_user)


@transaction.atomic
def operation_revoke_access(*, operation: Operation, grantee, reason: str, acting_user) -> None:
    """Withdrawing access stays possible once the operation is closed: need-to-know ends too."""
    locked = _locked_for_head(operation, acting_user)
    reason = _require_reason(reason)
    for perm in GRANTED_PERMS:
        remove_perm(perm, grantee, locked)
    _note(locked, f"Access withdrawn from {_label(grantee)}: {reason}", acting_user)


@transaction.atomic
def operation_close(
    *, operation: Operation, closed_on: dt.date | None, reason: str, acting_user
) -> Operation:
    locked = _locked_for_head(operation, acting_user)
    if locked.is_closed:
        raise ValidationError("The operation is already closed")
    reason = clean_closing(operation=locked, closed_on=closed_on, reason=reason)
    locked.status = OperationStatus.CLOSED
    locked.closed_on = closed_on
    locked._change_reason = f"Operation closed: {reason}"
    locked._history_user = acting_user
    locked.save()
    return locked


def _note(operation: Operation, reason: str, acting_user) -> None:
    """A history row on the operation itself, so its timeline shows who was let in and why."""
    operation._change_reason = reason
    operation._history_user = acting_user
    operation.save()


def _label(grantee) -> str:
    if isinstance(grantee, Group):
        return f"team {grantee.name}"
    return grantee.display_name
