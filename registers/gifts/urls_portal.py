"""The declarant's own pages for gifts and hospitality (mounted at /my/gifts/)."""

from django.urls import path

from registers.gifts import views_my

app_name = "my_gifts"

urlpatterns = [
    path("", views_my.my_list, name="list"),
    path("new/", views_my.my_new, name="new"),
    path("<int:pk>/", views_my.my_detail, name="detail"),
    path("<int:pk>/change/", views_my.my_update, name="update"),
    path("<int:pk>/withdraw/", views_my.my_withdraw, name="withdraw"),
]
