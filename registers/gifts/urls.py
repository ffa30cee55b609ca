"""Reviewers' pages for gifts and hospitality (mounted at /registers/gifts/)."""

app_name = "gifts"

urlpatterns: list = []
