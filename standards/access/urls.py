from django.urls import path

from standards.access import views

app_name = "audit"

urlpatterns = [
    path("", views.access_log, name="access_log"),
    path("access-log.csv", views.access_log_export, name="access_log_export"),
    # The CCU head's log of the CCU's own rows: under /audit/, as it is an audit page, but
    # invisible (404) to everyone else, the auditor included.
    path("ccu/", views.ccu_log, name="ccu_log"),
    path("ccu/access-log.csv", views.ccu_log_export, name="ccu_log_export"),
]
