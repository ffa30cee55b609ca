"""The declarant's own pages for business interests (mounted at /my/interests/)."""

from django.urls import path

from registers.interests import views_portal

app_name = "my_interests"

urlpatterns = [
    path("new/", views_portal.apply, name="new"),
    path("<int:pk>/", views_portal.detail, name="detail"),
    path("<int:pk>/withdraw/", views_portal.withdraw, name="withdraw"),
    path("<int:pk>/end/", views_portal.end, name="end"),
    path("<int:pk>/appeal/", views_portal.appeal, name="appeal"),
]
