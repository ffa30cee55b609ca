"""The member's own annual declaration (mounted at /my/annual-declaration/)."""

from django.urls import path

from registers.annual import views_portal

app_name = "my_annual"

urlpatterns = [
    path("", views_portal.declare, name="declare"),
    path("made/", views_portal.done, name="done"),
]
