"""Pages under /public/complaints/: no sign-in. The complaint form, hearing notices and outcomes."""

from django.urls import path  # noqa: F401

from complaints import views_public

app_name = "public_complaints"

urlpatterns: list = [
    # --- the complaint form ------------------------------------------------------------------
    path("", views_public.start, name="start"),
    path("about-you/", views_public.about_you, name="about_you"),
    path("what-happened/", views_public.what_happened, name="what_happened"),
    path("check-your-answers/", views_public.check, name="check"),
    path("complaint-sent/", views_public.sent, name="sent"),
    # --- hearing notices and outcomes ---------------------------------------------------------
    path("hearings/", views_public.hearings, name="hearings"),
    path("hearings/<int:pk>/", views_public.hearing, name="hearing"),
]
