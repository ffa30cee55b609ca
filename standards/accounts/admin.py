"""Accounts and roles, for administrators.

Roles, the superuser and staff flags, permissions and authenticator apps are not edited here:
every change to what a login may do goes through ``standards.accounts.roles`` (the "Roles and
sign-in" page linked from each account), where nobody changes their own roles and a sensitive
role needs a second person's approval. Groups are shown read-only.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import UserChangeForm
from django.contrib.auth.models import Group
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django_otp.plugins.otp_totp.models import TOTPDevice

from standards.access.roles import ROLE_APPROVER, ordered_roles
from standards.accounts.models import User


class AccountChangeForm(UserChangeForm):
    """The account form without the password link: a password is reset, never typed in."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        password = self.fields.get("password")
        if password is not None:
            password.help_text = (
                "Passwords are never shown or typed in here. To reset one, use "
                "\u201cRoles and sign-in\u201d below."
            )


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    form = AccountChangeForm
    list_display = ("username", "person", "is_active", "last_login")
    list_filter = ("is_active", "groups")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        ("Personal info", {"fields": ("first_name", "last_name", "email")}),
        ("Access", {"fields": ("is_active", "roles_held", "roles_and_sign_in")}),
        ("Important dates", {"fields": ("last_login", "date_joined")}),
        ("Staff directory", {"fields": ("person",)}),
    )
    readonly_fields = ("roles_held", "roles_and_sign_in", "last_login", "date_joined")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        # Re-linking a sensitive role's login to another person would move the self-conflict
        # rule and the DCC's rank off the person the approver approved.
        if obj is not None and obj.person_id and self._needs_approval(obj):
            fields.append("person")
        return fields

    @staticmethod
    def _needs_approval(obj: User) -> bool:
        held = set(obj.groups.values_list("name", flat=True))
        return any(role.value in held for role in ROLE_APPROVER)

    @admin.display(description="Roles")
    def roles_held(self, obj: User) -> str:
        roles = ordered_roles(obj.groups.values_list("name", flat=True)) if obj.pk else []
        return ", ".join(roles) or "None"

    @admin.display(description="Change roles or reset sign-in")
    def roles_and_sign_in(self, obj: User) -> str:
        if not obj.pk:
            return "Save the account first."
        return format_html(
            '<a href="{}">Roles and sign-in</a>: propose a role, remove one, or reset their '
            "password or authenticator app.",
            reverse("roles:account", kwargs={"pk": obj.pk}),
        )

    def user_change_password(self, request, id, form_url=""):  # noqa: A002 - admin signature
        # Typing a new password for someone would let an administrator sign in as them.
        messages.info(request, "Passwords are reset here, with approval where it is needed.")
        return redirect("roles:reset", pk=id)


admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(DjangoGroupAdmin):
    """The roles, read-only: what each may do. Membership changes through the role pages."""

    list_display = ("name", "members")
    ordering = ("name",)
    readonly_fields = ("name", "permission_list")
    fields = ("name", "permission_list")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(holders=Count("user", distinct=True))

    @admin.display(description="Holders", ordering="holders")
    def members(self, obj: Group) -> int:
        return obj.holders

    @admin.display(description="Permissions")
    def permission_list(self, obj: Group) -> str:
        perms = obj.permissions.select_related("content_type").order_by(
            "content_type__app_label", "codename"
        )
        return format_html_join("", "<div>{}</div>", ((str(p),) for p in perms)) or "None"


admin.site.unregister(TOTPDevice)


@admin.register(TOTPDevice)
class AuthenticatorAdmin(admin.ModelAdmin):
    """Who has an authenticator app: never its secret, and never added or removed here (a
    second-factor reset goes through the role pages, with approval where it is needed)."""

    list_display = ("user", "name", "confirmed", "created_at", "last_used_at")
    list_filter = ("confirmed",)
    list_select_related = ("user",)
    search_fields = ("user__username", "user__first_name", "user__last_name")
    fields = ("user", "name", "confirmed", "created_at", "last_used_at")
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
