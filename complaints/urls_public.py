"""Pages under /public/complaints/: no sign-in. The complaint form, hearing notices and outcomes."""

from django.urls import path  # noqa: F401

app_name = "public_complaints"

urlpatterns: list = [
    # --- the complaint form ------------------------------------------------------------------
    # --- hearing notices and outcomes ---------------------------------------------------------
]
