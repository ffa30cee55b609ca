"""Reviewers' pages for business interests (mounted at /registers/interests/)."""

from django.urls import path

from registers.interests import views

app_name = "interests"

urlpatterns = [
    path("", views.register, name="list"),
    path("refused/", views.refused, name="refused"),
    path("export/", views.export, name="export"),
    path("recommendations/", views.recommendations, name="recommendations"),
    path("appeals/", views.appeals, name="appeals"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/recommend/", views.recommend, name="recommend"),
    path("<int:pk>/intelligence-check/", views.request_check, name="request_check"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/appeal-decision/", views.decide_appeal, name="decide_appeal"),
]
