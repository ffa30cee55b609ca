"""Role administration (mounted at /accounts/roles/): the approvers' queue and requests, and the
administrator's pages for one login."""

from django.urls import path

from standards.accounts import views_roles as views

app_name = "roles"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/decide/", views.decide, name="decide"),
    path("users/<int:pk>/", views.account, name="account"),
    path("users/<int:pk>/grant/", views.grant, name="grant"),
    path("users/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("users/<int:pk>/reset/", views.reset, name="reset"),
]
