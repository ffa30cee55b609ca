"""PSD's side of the intelligence-check exchange: lists of people put up for checks, /checks/."""

from django.urls import path

from standards.exchange import views

app_name = "checks"

urlpatterns = [
    path("lists/", views.list_index, name="list_index"),
    path("lists/new/", views.list_new, name="list_new"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
]
