"""The project's URLs. Each area of the service has its own prefix (see DESIGN.md)."""

from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("standards.site.urls")),
    path("accounts/roles/", include("standards.accounts.urls_roles")),
    path("accounts/", include("standards.accounts.urls")),
    path("people/", include("standards.people.urls")),
    # Before "my/": the annual declaration's own pages replace the registers' first version.
    path("my/annual-declaration/", include("registers.annual.urls_portal")),
    path("my/", include("registers.urls_portal")),
    path("my/gifts/", include("registers.gifts.urls_portal")),
    path("my/interests/", include("registers.interests.urls_portal")),
    path("my/associations/", include("registers.associations.urls_portal")),
    path("my/reporting-line/", include("ccu.urls_portal")),
    path("registers/", include("registers.urls")),
    path("registers/gifts/", include("registers.gifts.urls")),
    path("registers/interests/", include("registers.interests.urls")),
    path("registers/associations/", include("registers.associations.urls")),
    path("registers/annual-declarations/", include("registers.annual.urls")),
    path("registers/crosschecks/", include("registers.crosschecks.urls")),
    path("public/gifts/", include("registers.gifts.urls_public")),
    path("public/complaints/", include("complaints.urls_public")),
    path("complaints/", include("complaints.urls")),
    path("notifications/", include("standards.notifications.urls")),
    path("checks/", include("standards.exchange.urls")),
    path("ccu/checks/", include("ccu.check_urls")),
    path("ccu/", include("ccu.urls")),
    path("board/", include("standards.board.urls")),
    path("audit/", include("standards.access.urls")),
    path("admin/", admin.site.urls),
]

handler400 = "standards.site.views.bad_request"
handler403 = "standards.site.views.permission_denied"
handler404 = "standards.site.views.page_not_found"
handler500 = "standards.site.views.server_error"
