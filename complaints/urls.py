"""PSD's complaint and conduct pages, under /complaints/. One block per stage, in the order a case
moves; every pattern is in the corridor registry (tests/security/pages_complaints_*.py)."""

from django.urls import path  # noqa: F401

app_name = "complaints"

urlpatterns: list = [
    # --- intake ---------------------------------------------------------------------------------
    # --- the queue and the case file ----------------------------------------------------------
    # --- investigation and conduct ------------------------------------------------------------
    # --- outcomes, letters and reviews --------------------------------------------------------
]
