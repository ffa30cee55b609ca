"""The roles of the service.

Each role is a Django group of the same name; a person may hold several.

The model permissions of each role are data (a migration writes them); this module only names the
roles so code never spells a group name twice.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    # Django's base rather than standards.accounts.User: access sits below accounts.
    from django.contrib.auth.models import AbstractUser as User


class Role(StrEnum):
    STAFF = "Staff"
    LINE_MANAGER = "Line manager"
    PSD_CASEWORKER = "PSD caseworker"
    PSD_DECISION_MAKER = "PSD decision maker"
    CCU_ANALYST = "CCU analyst"
    CCU_HEAD = "CCU head"
    INTEGRITY_BOARD = "Integrity board"
    ADMINISTRATOR = "Administrator"
    AUDITOR = "Auditor"
    # The local policing body's reviewers (Police Reform Act 2002 Sch. 3 para 25, reg 29): they
    # see only the complaint cases whose review is with them, and record the result.
    REVIEW_BODY = "Review body"


PSD_ROLES = frozenset({Role.PSD_CASEWORKER, Role.PSD_DECISION_MAKER})
CCU_ROLES = frozenset({Role.CCU_ANALYST, Role.CCU_HEAD})

# Roles that open case, intelligence or audit material. Granting one, or resetting the password or
# second factor of someone who holds one, needs a second person's approval (DESIGN.md,
# "Separation of duties"); standards.accounts.roles enforces it.
SENSITIVE_ROLES = frozenset(
    {
        Role.CCU_ANALYST,
        Role.CCU_HEAD,
        Role.PSD_CASEWORKER,
        Role.PSD_DECISION_MAKER,
        Role.AUDITOR,
        Role.INTEGRITY_BOARD,
        Role.REVIEW_BODY,
    }
)


class Approver(StrEnum):
    """Who approves a change to a role: the head of its unit, or for the rest the DCC."""

    CCU_HEAD = "ccu_head"
    PSD_HEAD = "psd_head"
    DCC = "dcc"


# The role an approver must hold (the DCC must also be the deputy chief constable in the staff
# directory: see standards.accounts.roles.is_deputy_chief_constable).
APPROVER_ROLE: dict[Approver, Role] = {
    Approver.CCU_HEAD: Role.CCU_HEAD,
    Approver.PSD_HEAD: Role.PSD_DECISION_MAKER,
    Approver.DCC: Role.INTEGRITY_BOARD,
}

# Who approves each role that needs approval. The sensitive roles, and the Administrator too: an
# administrator manages every account, so a second administrator is approved by the DCC.
ROLE_APPROVER: dict[Role, Approver] = {
    Role.CCU_ANALYST: Approver.CCU_HEAD,
    Role.PSD_CASEWORKER: Approver.PSD_HEAD,
    # Reviewers read complaint cases: the appropriate authority (the head of PSD) approves them.
    Role.REVIEW_BODY: Approver.PSD_HEAD,
    Role.CCU_HEAD: Approver.DCC,
    Role.PSD_DECISION_MAKER: Approver.DCC,
    Role.AUDITOR: Approver.DCC,
    Role.INTEGRITY_BOARD: Approver.DCC,
    Role.ADMINISTRATOR: Approver.DCC,
}

# What each role may do, as Django model permissions ("app_label.codename"). Later steps add the
# permissions of their models here and in a migration that calls ``sync_role_permissions``.
ROLE_PERMISSIONS: dict[Role, tuple[str, ...]] = {
    Role.STAFF: (),
    Role.LINE_MANAGER: ("people.view_person",),
    Role.PSD_CASEWORKER: ("people.view_person", "people.view_orgunit"),
    Role.PSD_DECISION_MAKER: ("people.view_person", "people.view_orgunit"),
    Role.CCU_ANALYST: ("people.view_person", "people.view_orgunit", "ccu.view_operation"),
    Role.CCU_HEAD: (
        "people.view_person",
        "people.view_orgunit",
        "ccu.view_operation",
        "ccu.add_operation",
        "ccu.change_operation",
        "ccu.work_operation",
    ),
    Role.INTEGRITY_BOARD: ("people.view_orgunit",),
    Role.ADMINISTRATOR: (
        "accounts.view_user",
        "accounts.add_user",
        "accounts.change_user",
        # Roles are read-only in the admin: they change only through standards.accounts.roles.
        "auth.view_group",
        "people.view_person",
        "people.view_orgunit",
        "people.add_orgunit",
        "gifts.view_giftthreshold",
        "gifts.add_giftthreshold",
        "gifts.change_giftthreshold",
        "complaints.view_allegationcategory",
        "complaints.add_allegationcategory",
        "complaints.change_allegationcategory",
        "complaints.view_professionalstandard",
        "complaints.add_professionalstandard",
        "complaints.change_professionalstandard",
        "complaints.view_referralcriterion",
        "complaints.add_referralcriterion",
        "complaints.change_referralcriterion",
        "people.change_orgunit",
        # The complaint letters' wording (the outcome letter keeps its right-of-review paragraph).
        "complaints.view_lettertemplate",
        "complaints.add_lettertemplate",
        "complaints.change_lettertemplate",
        # Whether someone has an authenticator; adding or removing one is a second-factor reset.
        "otp_totp.view_totpdevice",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
    ),
    Role.AUDITOR: (),
    Role.REVIEW_BODY: (),
}


def role_names(user: User) -> frozenset[str]:
    """The roles a user holds, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


def has_role(user: User, *roles: Role) -> bool:
    return bool(role_names(user) & set(roles))


def ordered_roles(names: Iterable[str]) -> list[Role]:
    """Roles in the order of the enum, for display."""
    held = set(names)
    return [role for role in Role if role.value in held]


def sync_role_permissions(apps, schema_editor) -> None:  # noqa: ARG001 - migration signature
    """Create every role's group and give it exactly the permissions listed above."""
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        # In a migration the app configs are stubs without models_module, which
        # create_permissions requires; put back whatever was there (the real registry's own).
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        create_permissions(app_config, verbosity=0, apps=apps)
        app_config.models_module = original

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=role.value)
        wanted = []
        for dotted in perms:
            app_label, codename = dotted.split(".")
            wanted.append(
                permission_model.objects.get(content_type__app_label=app_label, codename=codename)
            )
        group.permissions.set(wanted)
