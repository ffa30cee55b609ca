"""PSD's complaint and conduct pages, under /complaints/. One block per stage, in the order a case
moves; every pattern is in the corridor registry (tests/security/pages_complaints_*.py)."""

from django.urls import path  # noqa: F401

from complaints.views import intake

app_name = "complaints"

urlpatterns: list = [
    # --- intake ---------------------------------------------------------------------------------
    path("intake/", intake.queue, name="intake_queue"),
    path("intake/record/", intake.record, name="intake_record"),
    path("intake/<int:pk>/", intake.detail, name="intake_detail"),
    # --- the queue and the case file ----------------------------------------------------------
    # --- investigation and conduct ------------------------------------------------------------
    # --- outcomes, letters and reviews --------------------------------------------------------
]
