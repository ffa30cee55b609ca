"""Account housekeeping."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import send_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from standards.accounts.models import User


@shared_task(acks_late=True)
def clear_expired_sessions() -> None:
    """Delete expired sessions so the table holds only live ones. Idempotent."""
    call_command("clearsessions")


@shared_task(
    acks_late=True, autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5}
)
def email_set_password_link(user_id: int) -> bool:
    """E-mail the link to set a new password after a reset.

    The link is made here, not stored: it is valid only while the password is still the reset
    one (setting a password, or another reset, spoils it) and for PASSWORD_RESET_TIMEOUT.
    Sent again on a retry it is the same kind of link, so a retry does no harm. It opens a
    password page only: the person still needs their authenticator app to sign in.
    """
    from standards.accounts.roles import reset_address

    user = User.objects.select_related("person").filter(pk=user_id, is_active=True).first()
    if user is None or user.has_usable_password():
        return False
    address = reset_address(user)
    if not address:
        return False
    path = reverse(
        "accounts:set_password",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    days = settings.PASSWORD_RESET_TIMEOUT // 86400
    send_mail(
        subject=f"{settings.SERVICE_NAME}: set a new password",
        message=(
            f"Your password for {settings.SERVICE_NAME} has been reset. Set a new one here "
            f"within {days} day{'s' if days != 1 else ''}:\n\n"
            f"{settings.SERVICE_URL}{path}\n\n"
            "You will then sign in with the new password and your authenticator app.\n\n"
            "If you did not expect this e-mail, tell the service desk at once."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[address],
    )
    return True
