from django.urls import path

from registers.crosschecks.views import findings, imports, runs

app_name = "crosschecks"

urlpatterns = [
    path("imports/", imports.import_list, name="imports"),
    path("imports/new/", imports.import_new, name="import_new"),
    path("imports/<int:pk>/", imports.import_detail, name="import_detail"),
    path("imports/<int:pk>/columns/", imports.import_mapping, name="import_mapping"),
    path("imports/<int:pk>/preview/", imports.import_preview, name="import_preview"),
    path("imports/<int:pk>/progress/", imports.import_progress, name="import_progress"),
    path("findings/", findings.finding_list, name="findings"),
    path("findings/<int:pk>/", findings.finding_detail, name="finding_detail"),
    path("findings/<int:pk>/disposition/", findings.finding_dispose, name="finding_dispose"),
    path("ccu/findings/", findings.ccu_finding_list, name="ccu_findings"),
    path("ccu/findings/<int:pk>/", findings.ccu_finding_detail, name="ccu_finding_detail"),
    path(
        "ccu/findings/<int:pk>/disposition/",
        findings.ccu_finding_dispose,
        name="ccu_finding_dispose",
    ),
    path("runs/", runs.run_list, name="runs"),
    path("runs/<int:pk>/", runs.run_detail, name="run_detail"),
    path("runs/<str:name>/start/", runs.run_start, name="run_start"),
]
