"""The reviewers' queues across the registers (mounted at /registers/)."""

from django.urls import path

from registers import views

app_name = "registers"

urlpatterns = [
    path("", views.review_queues, name="queues"),
]
