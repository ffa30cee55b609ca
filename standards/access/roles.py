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


PSD_ROLES = frozenset({Role.PSD_CASEWORKER, Role.PSD_DECISION_MAKER})
CCU_ROLES = frozenset({Role.CCU_ANALYST, Role.CCU_HEAD})

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
        "auth.view_group",
        "auth.change_group",
        "people.view_person",
        "people.view_orgunit",
        "people.add_orgunit",
        "gifts.view_giftthreshold",
        "gifts.add_giftthreshold",
        "gifts.change_giftthreshold",
        "people.change_orgunit",
        "otp_totp.view_totpdevice",
        "otp_totp.add_totpdevice",
        "otp_totp.delete_totpdevice",
        "axes.view_accessattempt",
        "axes.delete_accessattempt",
        "axes.view_accessfailurelog",
    ),
    Role.AUDITOR: (),
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
