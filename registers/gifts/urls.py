"""Reviewers' pages for gifts and hospitality (mounted at /registers/gifts/)."""

from django.urls import path

from registers.gifts import views

app_name = "gifts"

urlpatterns = [
    path("", views.register, name="register"),
    path("export/", views.export, name="export"),
    path("team/", views.team, name="team"),
    path("record/", views.record, name="record"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/decide/", views.decide, name="decide"),
]
