"""Sign-in forms, the set-password form, and the role-administration forms.

Error messages follow the GOV.UK pattern: say what went wrong and how to fix it.
"""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import forms as auth_forms

from standards.core.fields import GovukRadioField, text_field
from standards.core.forms import GovukFormMixin


class PasswordStepForm(GovukFormMixin, forms.Form):
    username = text_field(
        "Username",
        name="Your username",
        max_length=150,
        required="Enter your username",
        plain=False,
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = text_field(
        "Password",
        name="Your password",
        max_length=256,
        required="Enter your password",
        plain=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class CodeForm(GovukFormMixin, forms.Form):
    code = text_field(
        "Code from your authenticator app",
        name="The code",
        max_length=20,
        required="Enter the 6-digit code from your authenticator app",
        plain=False,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
    )

    def clean_code(self) -> str:
        code = re.sub(r"\s+", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise forms.ValidationError("The code must be 6 digits, like 123456")
        return code


# --- setting a new password after a reset -----------------------------------------------------


class NewPasswordForm(GovukFormMixin, auth_forms.SetPasswordForm):
    """Django's set-password form (it runs the password validators), in plain English."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = "New password"
        first.help_text = (
            "At least 12 characters. Not a common password, not only numbers, and not like "
            "your name or username."
        )
        second.label = "Type the new password again"
        second.help_text = ""
        first.error_messages["required"] = "Enter a new password"
        second.error_messages["required"] = "Type the new password again"


# --- role administration ----------------------------------------------------------------------


def _reason(label: str, required: str, help_text: str = ""):
    return text_field(
        label, name="The reason", max_length=2000, rows=4, required=required, help_text=help_text
    )


class RoleChangeForm(GovukFormMixin, forms.Form):
    """Grant or remove one role. ``roles`` are the choices (those not held, or those held);
    ``hints`` say who approves each one."""

    role = GovukRadioField(
        label="Which role?",
        error_messages={
            "required": "Select a role",
            "invalid_choice": "Select one of the roles listed",
        },
    )
    reason = _reason(
        "Why?",
        "Enter the reason",
        "It is kept with the change, and the approver reads it. Do not write case details.",
    )

    def __init__(self, *args, roles: list[str], hints: dict[str, str], reason_label: str, **kw):
        super().__init__(*args, **kw)
        self.fields["role"].choices = [(role, role) for role in roles]
        self.fields["role"].hints = hints
        self.fields["reason"].label = reason_label


class ResetForm(GovukFormMixin, forms.Form):
    WHAT = (
        ("password", "Their password"),
        ("second_factor", "Their authenticator app"),
    )
    HINTS = {
        "password": "Their password stops working now, and we e-mail them a link to set a new "
        "one. They still need their authenticator app to sign in.",
        "second_factor": "For a lost or replaced phone. After their password, they set up the "
        "app again the next time they sign in.",
    }

    what = GovukRadioField(
        label="What needs resetting?",
        choices=WHAT,
        hints=HINTS,
        error_messages={"required": "Select what needs resetting"},
    )
    reason = _reason(
        "Why is the reset needed?",
        "Enter why the reset is needed",
        "For example, how they asked for it and how you checked it was them. It is kept with "
        "the change, and the approver reads it.",
    )


class DecisionForm(GovukFormMixin, forms.Form):
    decision = GovukRadioField(
        label="Your decision",
        choices=(("approve", "Approve"), ("refuse", "Refuse")),
        error_messages={"required": "Select approve or refuse"},
    )
    reason = _reason(
        "Your reason",
        "Enter the reason for your decision",
        "The administrator who proposed it reads it, and so do auditors.",
    )

    def __init__(self, *args, hints: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].hints = hints
