"""The confidential reporting line, as a member of staff reaches it: /my/reporting-line/."""

from django.urls import path

from ccu import views_portal

app_name = "my_ccu"

urlpatterns = [
    path("", views_portal.line_start, name="line_start"),
    path("report/", views_portal.line_report, name="line_report"),
    path("return/", views_portal.line_return, name="line_return"),
]
