from django.urls import path

from standards.accounts import views

app_name = "accounts"

urlpatterns = [
    path("sign-in/", views.sign_in, name="sign_in"),
    path("sign-in/code/", views.sign_in_code, name="sign_in_code"),
    path("sign-in/set-up-authenticator/", views.set_up_authenticator, name="set_up_authenticator"),
    path("sign-out/", views.sign_out, name="sign_out"),
    path("set-password/<uidb64>/<token>/", views.set_password, name="set_password"),
]
