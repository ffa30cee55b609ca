"""The integrity board's pages under /board/. Every pattern is in the corridor registry
(tests/security/pages_board_*.py)."""

from django.urls import path

from standards.board.views import reference, report, summary, tracker

app_name = "board"

urlpatterns = [
    # The summary (views/summary.py): ?period=year&year=2025, ?period=quarter&quarter=2025-2,
    # ?period=custom&date_from-*&date_to-* (standards.core.forms.PeriodForm).
    path("", summary.summary, name="summary"),
    path("sections/<slug:key>/", summary.section, name="section"),
    # National and most-similar-forces figures (views/reference.py).
    path("reference/", reference.reference_list, name="reference_list"),
    path("reference/new/", reference.reference_new, name="reference_new"),
    path("reference/import/", reference.reference_import, name="reference_import"),
    path("reference/<int:pk>/", reference.reference_edit, name="reference_edit"),
    # The HMICFRS recommendations tracker (views/tracker.py).
    path("inspections/", tracker.tracker, name="tracker"),
    path("inspections/new/", tracker.inspection_new, name="inspection_new"),
    path("inspections/<int:pk>/", tracker.inspection, name="inspection"),
    path("inspections/<int:pk>/edit/", tracker.inspection_edit, name="inspection_edit"),
    path(
        "inspections/<int:pk>/recommendations/new/",
        tracker.recommendation_new,
        name="recommendation_new",
    ),
    path("recommendations/<int:pk>/", tracker.recommendation, name="recommendation"),
    path(
        "recommendations/<int:pk>/update/",
        tracker.recommendation_update,
        name="recommendation_update",
    ),
    path("recommendations/<int:pk>/actions/new/", tracker.action_new, name="action_new"),
    path("actions/<int:pk>/", tracker.action_edit, name="action_edit"),
    # The quarterly report (views/report.py): a page to choose the quarter, the PDF and the CSV.
    path("report/", report.report, name="report"),
    path("report/pdf/", report.report_pdf, name="report_pdf"),
    path("report/csv/", report.report_csv, name="report_csv"),
]
