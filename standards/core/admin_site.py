"""The Django admin, for administrators only.

Administrators manage accounts, roles and reference data. No case, declaration or intelligence
model is ever registered here: an administrator has no business reading them.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from standards.access.roles import Role, has_role


class StandardsAdminSite(admin.AdminSite):
    site_header = "Standards and Integrity administration"
    site_title = "Administration"
    index_title = "Accounts, roles and reference data"

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return bool(
            user.is_active
            and user.is_staff
            and user.is_verified()
            and has_role(user, Role.ADMINISTRATOR)
        )

    def login(self, request, extra_context=None):  # noqa: ARG002 - admin signature
        """Send everyone through the service's own two-step sign-in."""
        from django.contrib.auth.views import redirect_to_login

        return redirect_to_login(request.get_full_path())
