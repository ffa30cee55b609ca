"""Sign-in in two steps (password, then authenticator code), first-time authenticator set-up,
setting a new password after a reset, and sign-out."""

from __future__ import annotations

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import INTERNAL_RESET_SESSION_TOKEN, PasswordResetConfirmView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from standards.accounts import services
from standards.accounts.forms import CodeForm, NewPasswordForm, PasswordStepForm

NEXT_KEY = "sign_in_next"
WRONG_PASSWORD = "Enter a correct username and password. Both are case-sensitive."  # noqa: S105
WRONG_CODE = (
    "The code is not correct. Enter the 6-digit code your authenticator app shows now "
    "for this service."
)


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _locked_out(request: HttpRequest) -> HttpResponse:
    return render(request, settings.AXES_LOCKOUT_TEMPLATE, status=429)


@login_not_required
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.user.is_verified():
        return redirect(_safe_next(request, request.GET.get("next")))
    form = PasswordStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        next_url = _safe_next(request, request.POST.get("next"))
        user = services.password_step(
            request=request,
            username=form.cleaned_data["username"],
            password=form.cleaned_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            return _locked_out(request)
        if user is not None:
            request.session[NEXT_KEY] = next_url
            if services.has_authenticator(user):
                return redirect("accounts:sign_in_code")
            return redirect("accounts:set_up_authenticator")
        form.add_error(None, WRONG_PASSWORD)
    return render(
        request,
        "accounts/sign_in.html",
        {"form": form, "next": request.GET.get("next", "")},
    )


@login_not_required
@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    user = services.pending_user(request)
    if user is None:
        messages.info(request, "Sign in with your username and password first.")
        return redirect("accounts:sign_in")
    if not services.has_authenticator(user):
        return redirect("accounts:set_up_authenticator")
    if services.is_locked_out(request, user):
        return _locked_out(request)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.code_step(request=request, user=user, code=form.cleaned_data["code"])
        if result.ok:
            return redirect(_safe_next(request, request.session.pop(NEXT_KEY, None)))
        if result.locked_out:
            return _locked_out(request)
        form.add_error("code", WRONG_CODE)
    return render(request, "accounts/sign_in_code.html", {"form": form})


@login_not_required
@sensitive_post_parameters("code")
@csrf_protect
@never_cache
@require_http_methods(["GET", "POST"])
def set_up_authenticator(request: HttpRequest) -> HttpResponse:
    user = services.pending_user(request)
    if user is None:
        messages.info(request, "Sign in with your username and password first.")
        return redirect("accounts:sign_in")
    if services.has_authenticator(user):
        return redirect("accounts:sign_in_code")
    if services.is_locked_out(request, user):
        return _locked_out(request)
    device = services.authenticator_for_setup(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = services.confirm_authenticator(
            request=request, user=user, code=form.cleaned_data["code"]
        )
        if result.ok:
            messages.success(request, "Your authenticator app is set up.")
            return redirect(_safe_next(request, request.session.pop(NEXT_KEY, None)))
        if result.locked_out:
            return _locked_out(request)
        form.add_error("code", WRONG_CODE)
    qr_svg = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8
    ).to_string(encoding="unicode")
    return render(
        request,
        "accounts/set_up_authenticator.html",
        {"form": form, "qr_svg": qr_svg, "secret": _grouped(device.bin_key)},
    )


def _grouped(key: bytes) -> str:
    from base64 import b32encode

    text = b32encode(key).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    """GET asks, POST signs out. The identity bar links here rather than holding a form, so no
    ordinary page carries a CSRF token: a page is then the same bytes for every request but its
    reference, and a record out of sight gives exactly the page a missing one gives."""
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("accounts:sign_in")
    return render(request, "accounts/sign_out.html")


class SetPassword(PasswordResetConfirmView):
    """The link e-mailed after an approved password reset (``standards.accounts.tasks``).

    Django's view checks the link (the token is spoilt once a password is set) and moves it out
    of the address bar into the session. Setting the password does not sign anyone in: the
    person then signs in as usual, with the new password and their authenticator app, so the
    link alone opens nothing.
    """

    template_name = "accounts/set_password.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("accounts:sign_in")

    def form_valid(self, form):
        services.password_set_after_reset(
            user=self.user, password=form.cleaned_data["new_password1"]
        )
        del self.request.session[INTERNAL_RESET_SESSION_TOKEN]
        messages.success(
            self.request,
            "Your new password is set. Sign in with it and your authenticator app.",
        )
        return redirect(self.success_url)


set_password = SetPassword.as_view()
