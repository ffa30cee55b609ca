"""PSD's and line managers' pages for the annual declaration (mounted at
/registers/annual-declarations/)."""

from django.urls import path

from registers.annual import views

app_name = "annual"

urlpatterns = [
    path("", views.completion, name="completion"),
    path("overdue/", views.overdue, name="overdue"),
    path("overdue/unit/<int:pk>/", views.unit_overdue, name="unit_overdue"),
    path("policies/new/", views.policy_new, name="policy_new"),
]
