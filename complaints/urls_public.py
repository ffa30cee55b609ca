"""Pages under /public/complaints/: no sign-in. The complaint form, hearing notices and outcomes."""

from django.urls import path  # noqa: F401

from complaints import views_public_hearings

app_name = "public_complaints"

urlpatterns: list = [
    # --- the complaint form ------------------------------------------------------------------
    # --- hearing notices and outcomes ---------------------------------------------------------
    path("hearings/", views_public_hearings.hearings, name="hearings"),
    path("hearings/<int:pk>/", views_public_hearings.hearing, name="hearing"),
]
