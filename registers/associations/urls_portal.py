"""The declarant's own pages for notifiable associations (mounted at /my/associations/)."""

from django.urls import path

from registers.associations import views_portal

app_name = "my_associations"

urlpatterns = [
    path("new/", views_portal.declare, name="declare"),
    path("<int:pk>/", views_portal.detail, name="detail"),
    path("<int:pk>/change/", views_portal.update, name="update"),
    path("<int:pk>/end/", views_portal.end, name="end"),
]
