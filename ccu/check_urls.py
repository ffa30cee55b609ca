"""The CCU's queue of intelligence checks asked for by PSD (mounted at /ccu/checks/)."""

from django.urls import path

from ccu.views import checks as check_views

app_name = "ccu_checks"

urlpatterns = [
    path("", check_views.queue, name="queue"),
    path("<int:pk>/", check_views.detail, name="detail"),
    path("lists/<int:pk>/", check_views.list_detail, name="list_detail"),
]
