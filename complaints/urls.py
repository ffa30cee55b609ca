"""PSD's complaint and conduct pages, under /complaints/. One block per stage, in the order a case
moves; every pattern is in the corridor registry (tests/security/pages_complaints_*.py)."""

from django.urls import path  # noqa: F401

from complaints.views import conduct, lessons, proceedings

app_name = "complaints"

urlpatterns: list = [
    # --- intake ---------------------------------------------------------------------------------
    # --- the queue and the case file ----------------------------------------------------------
    # --- investigation and conduct ------------------------------------------------------------
    path("conduct/new/", conduct.conduct_open, name="conduct_open"),
    path("lessons/", lessons.lessons, name="lessons"),
    path("<int:pk>/conduct/", conduct.overview, name="conduct"),
    path("<int:pk>/investigation/start/", conduct.investigation_start, name="investigation_start"),
    path("<int:pk>/subjects/<int:subject>/severity/", conduct.severity, name="severity"),
    path("<int:pk>/subjects/<int:subject>/notice/", conduct.notice, name="notice"),
    path(
        "<int:pk>/subjects/<int:subject>/restriction/",
        conduct.restriction_start,
        name="restriction_start",
    ),
    path(
        "<int:pk>/restrictions/<int:restriction>/review/",
        conduct.restriction_review,
        name="restriction_review",
    ),
    path(
        "<int:pk>/restrictions/<int:restriction>/end/",
        conduct.restriction_end,
        name="restriction_end",
    ),
    path("<int:pk>/pause/", conduct.pause_start, name="pause_start"),
    path("<int:pk>/pauses/<int:pause>/end/", conduct.pause_end, name="pause_end"),
    path(
        "<int:pk>/subjects/<int:subject>/reflective-practice/",
        conduct.reflection_refer,
        name="reflection_refer",
    ),
    path(
        "<int:pk>/reflective-practice/<int:reflection>/account/",
        conduct.reflection_account,
        name="reflection_account",
    ),
    path(
        "<int:pk>/reflective-practice/<int:reflection>/report/",
        conduct.reflection_report,
        name="reflection_report",
    ),
    path(
        "<int:pk>/subjects/<int:subject>/proceedings/",
        proceedings.arrange,
        name="proceedings_arrange",
    ),
    path(
        "<int:pk>/proceedings/<int:proceedings>/notice/",
        proceedings.publish_notice,
        name="hearing_notice",
    ),
    path(
        "<int:pk>/proceedings/<int:proceedings>/outcome/",
        proceedings.outcome,
        name="proceedings_outcome",
    ),
    path(
        "<int:pk>/proceedings/<int:proceedings>/appeal/",
        proceedings.appeal,
        name="tribunal_appeal",
    ),
    path(
        "<int:pk>/appeals/<int:appeal>/result/",
        proceedings.appeal_result,
        name="tribunal_result",
    ),
    path(
        "<int:pk>/subjects/<int:subject>/barred-list/",
        proceedings.barred_list,
        name="barred_list",
    ),
    path("<int:pk>/listings/<int:listing>/sent/", proceedings.listing_sent, name="listing_sent"),
    path("<int:pk>/lesson/", proceedings.lesson, name="lesson"),
    # --- outcomes, letters and reviews --------------------------------------------------------
]
