"""Reviewers' pages for notifiable associations (mounted at /registers/associations/)."""

app_name = "associations"

urlpatterns: list = []
