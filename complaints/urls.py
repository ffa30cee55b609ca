"""PSD's complaint and conduct pages, under /complaints/. One block per stage, in the order a case
moves; every pattern is in the corridor registry (tests/security/pages_complaints_*.py)."""

from django.urls import path  # noqa: F401

from complaints.views import letters as letter_views
from complaints.views import outcomes as outcome_views
from complaints.views import reviews as review_views

app_name = "complaints"

urlpatterns: list = [
    # --- intake ---------------------------------------------------------------------------------
    # --- the queue and the case file ----------------------------------------------------------
    # --- investigation and conduct ------------------------------------------------------------
    # --- outcomes, letters and reviews --------------------------------------------------------
    path("<int:pk>/outcome/", outcome_views.record, name="outcome"),
    path("<int:pk>/letters/new/", letter_views.new, name="letter_new"),
    path("letters/<int:pk>/", letter_views.detail, name="letter"),
    path("letters/<int:pk>/pdf/", letter_views.pdf, name="letter_pdf"),
    path("letters/<int:pk>/docx/", letter_views.docx, name="letter_docx"),
    path("<int:pk>/review/", review_views.apply, name="review_apply"),
    path("reviews/", review_views.review_list, name="reviews"),
    path("reviews/<int:pk>/", review_views.detail, name="review"),
    path("reviews/<int:pk>/decide/", review_views.decide, name="review_decide"),
]
