"""The project's URLs. Each area of the service has its own prefix (see DESIGN.md)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("standards.core.urls")),
    path("accounts/", include("standards.accounts.urls")),
    path("people/", include("standards.people.urls")),
    path("ccu/", include("ccu.urls")),
    path("audit/", include("standards.access.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "standards.core.views.bad_request"
handler403 = "standards.core.views.permission_denied"
handler404 = "standards.core.views.page_not_found"
handler500 = "standards.core.views.server_error"
