"""Reviewers' pages for business interests (mounted at /registers/interests/)."""

app_name = "interests"

urlpatterns: list = []
