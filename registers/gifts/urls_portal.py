"""The declarant's own pages for gifts and hospitality (mounted at /my/gifts/)."""

from django.urls import path

from registers.gifts import views_portal

app_name = "my_gifts"

urlpatterns = [
    path("", views_portal.declarations, name="list"),
    path("new/", views_portal.declare, name="new"),
    path("<int:pk>/", views_portal.detail, name="detail"),
    path("<int:pk>/change/", views_portal.update, name="update"),
    path("<int:pk>/withdraw/", views_portal.withdraw, name="withdraw"),
]
