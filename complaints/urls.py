"""PSD's complaint and conduct pages, under /complaints/. One block per stage, in the order a case
moves; every pattern is in the corridor registry (tests/security/pages_complaints_*.py)."""

from django.urls import path

from complaints.views import (
    case,
    case_work,
    checks,
    conduct,
    handling,
    intake,
    lessons,
    proceedings,
    queue,
    reports,
)
from complaints.views import letters as letter_views
from complaints.views import outcomes as outcome_views
from complaints.views import reviews as review_views

app_name = "complaints"

urlpatterns: list = [
    # --- intake ---------------------------------------------------------------------------------
    path("intake/", intake.queue, name="intake_queue"),
    path("intake/record/", intake.record, name="intake_record"),
    path("intake/<int:pk>/", intake.detail, name="intake_detail"),
    # --- the queue and the case file ----------------------------------------------------------
    path("", queue.queue, name="queue"),
    path("dsi/new/", handling.dsi_record, name="dsi_record"),
    path("<int:pk>/", case.summary, name="case"),
    path("<int:pk>/people/", case.people, name="case_people"),
    path("<int:pk>/check/", checks.case_check, name="case_check"),
    path("<int:pk>/allegations/", case.allegations, name="case_allegations"),
    path("<int:pk>/decisions/", case.decisions, name="case_decisions"),
    path("<int:pk>/actions/", case.actions, name="case_actions"),
    path("<int:pk>/documents/", case.documents, name="case_documents"),
    path("<int:pk>/letters/", case.letters, name="case_letters"),
    path("<int:pk>/timeline/", case.timeline, name="case_timeline"),
    path("<int:pk>/allocate/", case_work.allocate, name="case_allocate"),
    path("<int:pk>/dates/", case_work.dates, name="case_dates"),
    path("<int:pk>/complainants/new/", case_work.complainant_add, name="complainant_add"),
    path(
        "<int:pk>/complainants/<int:complainant_pk>/",
        case_work.complainant_change,
        name="complainant_change",
    ),
    path("<int:pk>/subjects/new/", case_work.subject_add, name="subject_add"),
    path("<int:pk>/allegations/new/", case_work.allegation_add, name="allegation_add"),
    path(
        "<int:pk>/allegations/<int:allegation_pk>/",
        case_work.allegation_change,
        name="allegation_change",
    ),
    path("<int:pk>/actions/new/", case_work.action_add, name="action_add"),
    path(
        "<int:pk>/actions/<int:action_pk>/done/",
        case_work.action_complete,
        name="action_complete",
    ),
    path("<int:pk>/notes/new/", case_work.note_add, name="note_add"),
    path("<int:pk>/documents/new/", case_work.document_add, name="document_add"),
    path("<int:pk>/handling/", handling.handling_decide, name="handling_decide"),
    path("<int:pk>/referral/iopc-decision/", handling.referral_mode, name="referral_mode"),
    path("documents/<int:pk>/", case.document_download, name="document_download"),
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
    path("<int:pk>/timeliness-report/", reports.timeliness_report, name="timeliness_report"),
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
