"""The staff portal: every signed-in person's own declarations (mounted at /my/)."""

from django.urls import path

from registers import views

app_name = "my"

urlpatterns = [
    path("", views.my_declarations, name="declarations"),
]
