"""The public register of chief officers' gifts and hospitality (mounted at /public/gifts/)."""

from django.urls import path

from registers.gifts import views_public

app_name = "public_gifts"

urlpatterns = [
    path("", views_public.public_register, name="register"),
    path("register.csv", views_public.public_csv, name="csv"),
]
