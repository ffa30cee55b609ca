"""The Django admin, for administrators only.

Administrators manage accounts, roles and reference data. No case, declaration or intelligence
model is ever registered here: an administrator has no business reading them
(tests/core/test_admin.py holds the list of what may be registered).
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest

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

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def guarded(request, *args, **kwargs):
            # A signed-in user who is not an administrator gets the ordinary "not found" page,
            # not a sign-in prompt (which would loop) nor a 403 that confirms the admin exists.
            user = request.user
            if not (user.is_authenticated and user.is_verified()):
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise Http404
            return inner(request, *args, **kwargs)

        return guarded

    def login(self, request, extra_context=None):  # noqa: ARG002 - admin signature
        """Everyone signs in through the service's own two-step sign-in."""
        if request.user.is_authenticated and request.user.is_verified():
            raise Http404
        return redirect_to_login(request.GET.get("next", "/admin/"))
