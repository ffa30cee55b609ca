"""The CCU's pages, under /ccu/. One block per stage; every pattern is in the corridor registry
(tests/security/pages_ccu*.py), and every one is a 404 outside the CCU."""

from django.urls import path

from ccu.views import line, nominals, operations, reports, risk, threat, transfers, triage, watch

app_name = "ccu"

urlpatterns: list = [
    path("", operations.home, name="home"),
    # --- operations (the compartments) ----------------------------------------------------------
    path("operations/new/", operations.operation_open, name="operation_open"),
    path("operations/<int:pk>/", operations.operation_detail, name="operation_detail"),
    path("operations/<int:pk>/access/", operations.operation_access, name="operation_access"),
    path("operations/<int:pk>/close/", operations.operation_close, name="operation_close"),
    # --- intelligence reports ---------------------------------------------------------------
    path("reports/", reports.report_list, name="report_list"),
    path("reports/new/", reports.report_record, name="report_record"),
    path("reports/import/", reports.report_import, name="report_import"),
    path("reports/<int:pk>/", reports.report, name="report"),
    path("reports/<int:pk>/source/", reports.report_source, name="report_source"),
    path("reports/<int:pk>/grading/", reports.report_grading, name="report_grading"),
    path("reports/<int:pk>/edit/", reports.report_edit, name="report_edit"),
    path("reports/<int:pk>/subjects/", reports.report_subjects, name="report_subjects"),
    path("reports/<int:pk>/compartment/", reports.report_move, name="report_move"),
    path("reports/<int:pk>/notes/", reports.report_notes, name="report_notes"),
    path("reports/<int:pk>/timeline/", reports.report_timeline, name="report_timeline"),
    # --- triage, actions, management interventions, referrals ----------------------------------
    path("triage/", triage.triage_queue, name="triage_queue"),
    path("reports/<int:pk>/triage/", triage.report_triage, name="report_triage"),
    path("reports/<int:pk>/actions/new/", triage.action_add, name="action_add"),
    path("actions/", triage.action_list, name="action_list"),
    path("actions/<int:pk>/", triage.action_complete, name="action_complete"),
    path(
        "reports/<int:pk>/intervention/", triage.intervention_propose, name="intervention_propose"
    ),
    path("interventions/", triage.intervention_list, name="intervention_list"),
    path("interventions/<int:pk>/", triage.intervention_detail, name="intervention_detail"),
    path(
        "interventions/<int:pk>/meeting/",
        triage.intervention_meeting,
        name="intervention_meeting",
    ),
    path("reports/<int:pk>/referral/", triage.report_refer, name="report_refer"),
    # --- nominals, search and the link chart ---------------------------------------------------
    path("nominals/", nominals.nominal_list, name="nominal_list"),
    path("nominals/new/", nominals.nominal_add, name="nominal_add"),
    path("nominals/duplicates/", nominals.nominal_duplicates, name="nominal_duplicates"),
    path("nominals/<int:pk>/", nominals.nominal_detail, name="nominal_detail"),
    path("nominals/<int:pk>/merge/", nominals.nominal_merge, name="nominal_merge"),
    path("reports/<int:pk>/nominals/", nominals.report_nominals, name="report_nominals"),
    path("search/", nominals.search, name="search"),
    path("people/<int:pk>/chart/", nominals.person_chart, name="person_chart"),
    path("operations/<int:pk>/chart/", nominals.operation_chart, name="operation_chart"),
    # --- the confidential reporting line (the CCU's side) -----------------------------------
    path("line/", line.line_list, name="line_list"),
    path("line/<int:pk>/", line.line_detail, name="line_detail"),
    path("line/<int:pk>/identity/", line.line_identity, name="line_identity"),
    # --- watchlists -------------------------------------------------------------------------
    path("watchlist/", watch.watchlist, name="watchlist"),
    path("watchlist/new/", watch.watch_add, name="watch_add"),
    path("watchlist/<int:pk>/", watch.watch_detail, name="watch_detail"),
    path("alerts/", watch.alert_list, name="alert_list"),
    # --- risk tools and the People Intelligence Board ----------------------------------------
    path("risk/", risk.risk_index, name="risk_index"),
    path("risk/<slug:slug>/assess/", risk.risk_assess, name="risk_assess"),
    path("people/<int:pk>/risk/", risk.person_risk, name="person_risk"),
    path("pib/", risk.pib, name="pib"),
    # --- the threat picture -----------------------------------------------------------------
    path("threat/", threat.threat, name="threat"),
    path("threat/export/", threat.threat_export, name="threat_export"),
    # --- transfer disclosures ---------------------------------------------------------------
    path("transfers/", transfers.transfer_list, name="transfer_list"),
    path("transfers/new/", transfers.transfer_new, name="transfer_new"),
    path("transfers/incoming/", transfers.transfer_incoming, name="transfer_incoming"),
    path("transfers/<int:pk>/", transfers.transfer_detail, name="transfer_detail"),
    path("transfers/<int:pk>/pack/", transfers.transfer_pack, name="transfer_pack"),
]
