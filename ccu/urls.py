from django.urls import path

from ccu import views

app_name = "ccu"

urlpatterns = [
    path("", views.home, name="home"),
    path("operations/new/", views.operation_open, name="operation_open"),
    path("operations/<int:pk>/", views.operation_detail, name="operation_detail"),
    path("operations/<int:pk>/access/", views.operation_access, name="operation_access"),
    path("operations/<int:pk>/close/", views.operation_close, name="operation_close"),
]
