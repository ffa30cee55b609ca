from django.urls import path

from standards.site import views

# "core:home" and "core:healthz" are the names every template and the login redirect use.
app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
]
