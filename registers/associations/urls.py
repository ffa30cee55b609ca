"""The Counter Corruption Unit's pages for notifiable associations (mounted at
/registers/associations/). Every one is a 404 outside the CCU."""

from django.urls import path

from registers.associations import views

app_name = "associations"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("register/", views.register, name="register"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/assess/", views.assess, name="assess"),
    path("<int:pk>/end/", views.end, name="end"),
]
