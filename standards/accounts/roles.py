"""Role administration: every change to what a login may do, and every reset of its sign-in.

Separation of duties (DESIGN.md): nobody changes their own roles, and nobody opens the sterile
corridor on their own.

- An administrator proposes; a role that opens case, intelligence or audit material, or the
  Administrator role itself, is granted only when the head who answers for it approves
  (``standards.access.roles.ROLE_APPROVER``): the head of the Counter Corruption Unit (CCU) for
  CCU analysts, the head of Professional Standards (PSD) for PSD caseworkers, the deputy chief
  constable (DCC) for the unit heads, the auditor, the integrity board and administrators. Until
  then nothing changes. Staff and Line manager are granted at once.
- Nobody proposes, approves or removes a change for themselves, and the proposer never approves
  their own proposal.
- Removing a role never needs approval (taking access away is always safe), but is recorded and
  the person and the head of the unit are told.
- Resetting the password or authenticator app of someone who holds a role that needs approval
  needs the same approval, so an administrator cannot take over a CCU member's login. Other
  resets happen at once and are recorded.

Every change is a ``RoleRequest`` (with its history) and an access-log row; CCU material is
logged in the CCU's area, where the auditor sees only an opaque reference. The admin, the pages
and the management commands all call these functions.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.access.audit import record_access
from standards.access.models import AccessAction
from standards.access.roles import (
    APPROVER_ROLE,
    CCU_ROLES,
    ROLE_APPROVER,
    Approver,
    Role,
    has_role,
)
from standards.accounts import selectors
from standards.accounts.models import RoleRequest, RoleRequestKind, RoleRequestStatus, User
from standards.accounts.rules import DCC_RANK, request_area
from standards.core.validators import no_markup
from standards.notifications.services import notify

REASON_LIMIT = 2000

APPROVER_NAMES: dict[Approver, str] = {
    Approver.CCU_HEAD: "the head of the Counter Corruption Unit",
    Approver.PSD_HEAD: "the head of Professional Standards",
    Approver.DCC: "the deputy chief constable",
}
# When a person holds roles of several units, a reset goes to the most senior approver.
_APPROVER_PRECEDENCE = (Approver.DCC, Approver.CCU_HEAD, Approver.PSD_HEAD)

RESET_KINDS = (RoleRequestKind.PASSWORD_RESET, RoleRequestKind.SECOND_FACTOR_RESET)


# --- who approves ----------------------------------------------------------------------------


def held_roles(user: User) -> set[str]:
    """The roles ``user`` holds now, read afresh (``role_names`` caches for a request)."""
    return set(user.groups.values_list("name", flat=True))


def approver_for_role(role: Role) -> Approver | None:
    return ROLE_APPROVER.get(role)


def approver_for_reset(user: User) -> Approver | None:
    """Who approves resetting ``user``'s sign-in: the approver of the most senior role they hold
    that needs approval, or nobody."""
    held = held_roles(user)
    kinds = {approver for role, approver in ROLE_APPROVER.items() if role.value in held}
    return next((kind for kind in _APPROVER_PRECEDENCE if kind in kinds), None)


def approvers(kind: Approver, *, excluding: tuple[int | None, ...] = ()) -> list[User]:
    """Everyone who may approve a change of this kind (for the DCC, the DCC alone)."""
    users = User.objects.filter(groups__name=APPROVER_ROLE[kind].value, is_active=True)
    if kind == Approver.DCC:
        users = users.filter(person__rank_or_grade=DCC_RANK)
    return list(users.exclude(pk__in=[pk for pk in excluding if pk]).distinct())


def waiting_for(role_request: RoleRequest) -> str:
    """Who acts next, in words for the pages: "Waiting for the head of the CCU to approve"."""
    if not role_request.is_pending:
        return ""
    return f"Waiting for {APPROVER_NAMES[Approver(role_request.approver)]} to approve"


# --- validation ------------------------------------------------------------------------------


def clean_reason(reason: str | None, *, field: str = "reason", required: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({field: required})
    if len(reason) > REASON_LIMIT:
        raise ValidationError({field: f"The reason must be {REASON_LIMIT:,} characters or fewer"})
    try:
        no_markup(reason)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error
    return reason


def _require_administrator(acting_user) -> None:
    if not (acting_user.is_active and has_role(acting_user, Role.ADMINISTRATOR)):
        raise PermissionDenied("Only an administrator may change someone's roles or sign-in")


def _refuse_own(user: User, acting_user) -> None:
    if user.pk == acting_user.pk:
        raise ValidationError(
            "You cannot change your own roles or reset your own sign-in. "
            "Ask another administrator to propose it."
        )


def _role(role) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationError({"role": "Select a role"}) from None


def reset_address(user: User) -> str:
    """Where a set-password link goes: the address HR holds for the person, which nobody can
    change in this service, before the login's own (which an administrator can)."""
    person = user.person if user.person_id else None
    return (person.email if person else "") or user.email


# --- proposing -------------------------------------------------------------------------------


@transaction.atomic
def role_grant_propose(*, user: User, role: Role | str, reason: str, acting_user) -> RoleRequest:
    """An administrator proposes giving ``user`` a role. A role that needs approval waits for
    its approver and nothing changes until then; any other role is granted now."""
    _require_administrator(acting_user)
    role = _role(role)
    user = _locked_user(user)
    _refuse_own(user, acting_user)
    reason = clean_reason(reason, required="Enter why they need this role")
    if role.value in held_roles(user):
        raise ValidationError({"role": f"{user.display_name} already holds the role {role}"})
    approver = approver_for_role(role)
    role_request = _new_request(
        kind=RoleRequestKind.GRANT,
        user=user,
        role=role,
        approver=approver,
        needs_approval=approver is not None,
        ccu=role in CCU_ROLES,
        reason=reason,
        acting_user=acting_user,
    )
    if approver is None:
        _grant(role_request, acting_user=acting_user)
    return role_request


@transaction.atomic
def password_reset_propose(*, user: User, reason: str, acting_user) -> RoleRequest:
    """An administrator resets ``user``'s password: their password stops working and they are
    e-mailed a link to set a new one. For the holder of a role that needs approval, it waits for
    the same approver as a grant of that role would."""
    _require_administrator(acting_user)
    user = _locked_user(user)
    _refuse_own(user, acting_user)
    if not reset_address(user):
        raise ValidationError(
            f"{user.display_name} has no e-mail address, so a link to set a new password "
            "cannot reach them. Ask HR to add one to their staff record."
        )
    return _reset_propose(RoleRequestKind.PASSWORD_RESET, user, reason, acting_user)


@transaction.atomic
def second_factor_reset_propose(*, user: User, reason: str, acting_user) -> RoleRequest:
    """An administrator removes ``user``'s authenticator app (lost or replaced phone): at their
    next sign-in, after their password, they set up a new one."""
    _require_administrator(acting_user)
    user = _locked_user(user)
    _refuse_own(user, acting_user)
    if not TOTPDevice.objects.filter(user=user).exists():
        raise ValidationError(
            f"{user.display_name} has no authenticator app to reset: they set one up the next "
            "time they sign in."
        )
    return _reset_propose(RoleRequestKind.SECOND_FACTOR_RESET, user, reason, acting_user)


def _reset_propose(kind: str, user: User, reason: str, acting_user) -> RoleRequest:
    reason = clean_reason(reason, required="Enter why the reset is needed")
    approver = approver_for_reset(user)
    role_request = _new_request(
        kind=kind,
        user=user,
        role=None,
        approver=approver,
        needs_approval=approver is not None,
        ccu=bool(held_roles(user) & CCU_ROLES),
        reason=reason,
        acting_user=acting_user,
    )
    if approver is None:
        _reset(role_request, acting_user=acting_user)
    return role_request


def _locked_user(user: User) -> User:
    # One change to a login at a time: two administrators acting at once are serialised here.
    locked = (
        User.objects.select_for_update(of=("self",))
        .select_related("person")
        .filter(pk=user.pk)
        .first()
    )
    if locked is None:
        raise Http404
    if not locked.is_active:
        raise ValidationError(f"{locked.display_name}'s login is switched off")
    return locked


def _new_request(
    *,
    kind: str,
    user: User,
    role: Role | None,
    approver: Approver | None,
    needs_approval: bool,
    ccu: bool,
    reason: str,
    acting_user,
) -> RoleRequest:
    role_request = RoleRequest(
        kind=kind,
        user=user,
        role=role.value if role else "",
        approver=approver.value if approver else "",
        needs_approval=needs_approval,
        ccu=ccu,
        status=RoleRequestStatus.PENDING if needs_approval else RoleRequestStatus.DONE,
        reason=reason,
        proposed_by=acting_user,
    )
    if not needs_approval:
        role_request.decided_at = role_request.proposed_at
    role_request._change_reason = f"{role_request.get_kind_display()} proposed: {reason}"
    role_request._history_user = acting_user
    try:
        with transaction.atomic():
            role_request.save()
    except IntegrityError:
        raise ValidationError(
            "This change has already been proposed and is waiting for approval"
        ) from None
    _log(role_request, acting_user, "propose")
    if needs_approval:
        notify(
            recipients=approvers(approver, excluding=(user.pk, acting_user.pk)),
            key=f"rolerequest-{role_request.pk}-proposed",
            subject="A change to someone's access is waiting for your approval",
            body=f"{role_request.summary}. Proposed by {acting_user.display_name}.",
            url=reverse("roles:detail", kwargs={"pk": role_request.pk}),
        )
    return role_request


# --- deciding --------------------------------------------------------------------------------


@transaction.atomic
def role_request_approve(*, role_request: RoleRequest, reason: str, acting_user) -> RoleRequest:
    """The approver agrees: the role is granted, or the reset done, now."""
    locked = _decidable(role_request, acting_user)
    reason = clean_reason(reason, required="Enter why you approve this change")
    if locked.kind == RoleRequestKind.GRANT and locked.role in held_roles(locked.user):
        raise ValidationError(f"{locked.user.display_name} already holds the role {locked.role}")
    if locked.kind in RESET_KINDS and approver_for_reset(locked.user) != locked.approver:
        # Their roles changed since the proposal: the approver named on it may no longer be
        # the one who answers for them.
        raise ValidationError(
            f"{locked.user.display_name}'s roles have changed since this was proposed. "
            "Refuse it, and ask the administrator to propose it again."
        )
    _decide(locked, RoleRequestStatus.APPROVED, reason, acting_user)
    if locked.kind == RoleRequestKind.GRANT:
        _grant(locked, acting_user=acting_user)
    else:
        _reset(locked, acting_user=acting_user)
    notify(
        recipients=[locked.proposed_by],
        key=f"rolerequest-{locked.pk}-approved",
        subject="A change you proposed has been approved",
        body=f"{locked.summary}: approved by {acting_user.display_name}, and done.",
        url=reverse("roles:detail", kwargs={"pk": locked.pk}),
    )
    return locked


@transaction.atomic
def role_request_refuse(*, role_request: RoleRequest, reason: str, acting_user) -> RoleRequest:
    """The approver says no: nothing changes, and the proposer is told why."""
    locked = _decidable(role_request, acting_user)
    reason = clean_reason(reason, required="Enter why you refuse this change")
    _decide(locked, RoleRequestStatus.REFUSED, reason, acting_user)
    notify(
        recipients=[locked.proposed_by],
        key=f"rolerequest-{locked.pk}-refused",
        subject="A change you proposed has been refused",
        body=f"{locked.summary}: refused by {acting_user.display_name}. Their reason is on the "
        "request's page.",
        url=reverse("roles:detail", kwargs={"pk": locked.pk}),
    )
    return locked


def _decidable(role_request: RoleRequest, acting_user) -> RoleRequest:
    """The request, locked, if ``acting_user`` may decide it now; a request they may not see is
    the same 404 as a missing one."""
    locked = (
        selectors.rolerequest_list_for_user(user=acting_user)
        .select_for_update(of=("self",))
        .filter(pk=role_request.pk)
        .first()
    )
    if locked is None:
        raise Http404
    if locked.proposed_by_id == acting_user.pk:
        raise ValidationError("You proposed this change, so someone else must approve it")
    if not locked.is_pending:
        raise ValidationError(
            f"This change has already been decided: {locked.get_status_display().lower()}"
        )
    if not selectors.rolerequest_may_decide(user=acting_user, role_request=locked):
        raise ValidationError(f"Only {APPROVER_NAMES[Approver(locked.approver)]} can decide this")
    return locked


def _decide(locked: RoleRequest, status: str, reason: str, acting_user) -> None:
    locked.status = status
    locked.decided_by = acting_user
    locked.decided_at = timezone.now()
    locked.decision_reason = reason
    locked._change_reason = f"{locked.get_status_display()}: {reason}"
    locked._history_user = acting_user
    locked.save()
    _log(locked, acting_user, status)


# --- removing --------------------------------------------------------------------------------


@transaction.atomic
def role_revoke(*, user: User, role: Role | str, reason: str, acting_user) -> RoleRequest:
    """An administrator removes a role from ``user`` at once. Recorded, and the person and the
    head who answers for the role are told."""
    _require_administrator(acting_user)
    role = _role(role)
    user = _locked_user(user)
    _refuse_own(user, acting_user)
    reason = clean_reason(reason, required="Enter why the role is being removed")
    if role.value not in held_roles(user):
        raise ValidationError({"role": f"{user.display_name} does not hold the role {role}"})
    role_request = _new_request(
        kind=RoleRequestKind.REVOKE,
        user=user,
        role=role,
        approver=approver_for_role(role),
        needs_approval=False,
        ccu=role in CCU_ROLES,
        reason=reason,
        acting_user=acting_user,
    )
    user.groups.remove(_group(role))
    if role == Role.ADMINISTRATOR:
        _set_staff(user, False, role_request, acting_user)
    _tell_person_and_head(role_request, acting_user)
    return role_request


# --- the two bootstraps ----------------------------------------------------------------------


@transaction.atomic
def role_grant_first_administrator(*, user: User, reason: str) -> RoleRequest:
    """The first administrator of a new installation (``manage.py create_administrator``): the
    only grant with no proposer, allowed only while no active administrator exists, so it
    cannot be used to add a second one beside the DCC's approval."""
    if User.objects.filter(groups__name=Role.ADMINISTRATOR.value, is_active=True).exists():
        raise ValidationError(
            "An administrator already exists: they propose further administrators "
            "(manage.py grant_role), and the deputy chief constable approves."
        )
    role_request = RoleRequest(
        kind=RoleRequestKind.GRANT,
        user=user,
        role=Role.ADMINISTRATOR.value,
        approver=Approver.DCC.value,
        status=RoleRequestStatus.DONE,
        reason=clean_reason(reason, required="Enter why"),
        proposed_by=None,
    )
    role_request.decided_at = role_request.proposed_at
    role_request._change_reason = reason
    role_request.save()
    _log(role_request, None, "first_administrator")
    user.groups.add(_group(Role.ADMINISTRATOR))
    _set_staff(user, True, role_request, None)
    return role_request


@transaction.atomic
def role_grant_first_dcc(*, user: User, reason: str, acting_user) -> RoleRequest:
    """The first deputy chief constable of a new installation (``manage.py grant_role
    --first-dcc``). The DCC approves integrity-board grants, so the first DCC has nobody to
    approve theirs. Allowed only while nobody is the DCC, and only for the person HR's extract
    names as Deputy Chief Constable (a rank nobody can change in this service)."""
    _require_administrator(acting_user)
    user = _locked_user(user)
    _refuse_own(user, acting_user)
    reason = clean_reason(reason, required="Enter why")
    if approvers(Approver.DCC):
        raise ValidationError(
            "There is already a deputy chief constable on the integrity board: propose the "
            "role instead, and they approve it."
        )
    if not (user.person_id and user.person.rank_or_grade == DCC_RANK):
        raise ValidationError(
            f"{user.display_name} is not the deputy chief constable in the staff directory."
        )
    if Role.INTEGRITY_BOARD.value in held_roles(user):
        raise ValidationError(f"{user.display_name} already holds the role Integrity board")
    role_request = _new_request(
        kind=RoleRequestKind.GRANT,
        user=user,
        role=Role.INTEGRITY_BOARD,
        approver=Approver.DCC,
        needs_approval=False,
        ccu=False,
        reason=f"First deputy chief constable of the installation: {reason}",
        acting_user=acting_user,
    )
    _grant(role_request, acting_user=acting_user)
    return role_request


# --- doing it --------------------------------------------------------------------------------


def _group(role: Role) -> Group:
    return Group.objects.get(name=role.value)


def _grant(role_request: RoleRequest, *, acting_user) -> None:
    role = Role(role_request.role)
    user = role_request.user
    user.groups.add(_group(role))
    if role == Role.ADMINISTRATOR:
        # The admin site admits staff logins only; the flag follows the role, never set by hand.
        _set_staff(user, True, role_request, acting_user)
    _tell_person_and_head(role_request, acting_user)


def _reset(role_request: RoleRequest, *, acting_user) -> None:
    from standards.accounts.tasks import email_set_password_link

    user = role_request.user
    if role_request.kind == RoleRequestKind.PASSWORD_RESET:
        # A new password hash also ends every session signed in with the old one.
        user.set_unusable_password()
        user._change_reason = f"Password reset ({role_request.reference})"
        user._history_user = acting_user
        user.save(update_fields=["password"])
        email_set_password_link.delay_on_commit(user.pk)
        told = (
            "Your password has been reset. We have e-mailed you a link to set a new one; "
            "then sign in with it and your authenticator app."
        )
    else:
        # Without a device the session is no longer verified, and the next sign-in, after the
        # password, goes to setting up a new authenticator app.
        TOTPDevice.objects.filter(user=user).delete()
        told = (
            "Your authenticator app has been reset. The next time you sign in, after your "
            "password, you will set up your app again."
        )
    notify(
        recipients=[user],
        key=f"rolerequest-{role_request.pk}-done",
        subject=role_request.get_kind_display(),
        body=f"{told} If you did not ask for this, tell the service desk at once.",
        url=reverse("core:home"),
    )
    _notify_head(role_request, acting_user)


def _set_staff(user: User, is_staff: bool, role_request: RoleRequest, acting_user) -> None:
    if user.is_staff == is_staff:
        return
    user.is_staff = is_staff
    user._change_reason = f"Administrator role changed ({role_request.reference})"
    user._history_user = acting_user
    user.save(update_fields=["is_staff"])


def _tell_person_and_head(role_request: RoleRequest, acting_user) -> None:
    granted = role_request.kind == RoleRequestKind.GRANT
    notify(
        recipients=[role_request.user],
        key=f"rolerequest-{role_request.pk}-done",
        subject="Your roles have changed",
        body=(
            f"You now hold the role {role_request.role}."
            if granted
            else f"You no longer hold the role {role_request.role}."
        ),
        url=reverse("core:home"),
    )
    _notify_head(role_request, acting_user)


def _notify_head(role_request: RoleRequest, acting_user) -> None:
    """The head who answers for the change hears of it, unless they decided it themselves."""
    if not role_request.approver:
        return
    notify(
        recipients=approvers(
            Approver(role_request.approver),
            excluding=(role_request.user_id, getattr(acting_user, "pk", None)),
        ),
        key=f"rolerequest-{role_request.pk}-head",
        subject="A change to someone's access in your area",
        body=f"{role_request.summary}: done.",
        url=reverse("roles:detail", kwargs={"pk": role_request.pk}),
    )


def _log(role_request: RoleRequest, acting_user, step: str) -> None:
    record_access(
        request=None,
        user=acting_user,
        action=AccessAction.ALTERATION,
        area=request_area(role_request, acting_user),
        obj=role_request,
        source=f"accounts.roles.{role_request.kind}.{step}",
    )
