"""Forms for CCU operations."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.models import Group

from standards.accounts.models import User
from standards.core.forms import GovukFormMixin


class OperationOpenForm(GovukFormMixin, forms.Form):
    code_name = forms.CharField(
        label="Code name",
        max_length=60,
        help_text="A name that says nothing about the subject, for example Operation KESTREL.",
        error_messages={"required": "Enter a code name"},
    )
    purpose = forms.CharField(
        label="Purpose",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What the operation is for and what it must establish. Never leaves the CCU.",
        error_messages={"required": "Enter the purpose of the operation"},
    )
    opened_on = forms.DateField(
        label="Date opened",
        initial=dt.date.today,
        help_text="For example, 27 3 2026. Use the format YYYY-MM-DD.",
        error_messages={
            "required": "Enter the date the operation was opened",
            "invalid": "Date opened must be a real date, like 2026-03-27",
        },
    )
    subject_staff_numbers = forms.CharField(
        label="Subjects (staff numbers, optional)",
        required=False,
        max_length=2000,
        help_text="Staff numbers of the members of the workforce it is about, with commas between.",
    )

    def clean_subject_staff_numbers(self) -> list[str]:
        raw = self.cleaned_data["subject_staff_numbers"]
        return [part.strip() for part in raw.replace("\n", ",").split(",") if part.strip()]


class GrantForm(GovukFormMixin, forms.Form):
    grantee = forms.ChoiceField(
        label="Who should have access",
        error_messages={"required": "Choose a CCU colleague or team"},
    )
    reason = forms.CharField(
        label="Reason",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason they need access"},
    )
    action = forms.ChoiceField(
        choices=[("grant", "Give access"), ("revoke", "Withdraw access")],
        widget=forms.HiddenInput,
        initial="grant",
    )

    def __init__(self, *args, candidates: list[User], teams: list[Group], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose")]
        choices += [(f"user:{u.pk}", u.display_name) for u in candidates]
        choices += [(f"group:{g.pk}", f"Team: {g.name}") for g in teams]
        self.fields["grantee"].choices = choices
        self._candidates = {u.pk: u for u in candidates}
        self._teams = {g.pk: g for g in teams}

    def clean_grantee(self):
        kind, _, pk = self.cleaned_data["grantee"].partition(":")
        lookup = self._candidates if kind == "user" else self._teams
        try:
            return lookup[int(pk)]
        except (KeyError, ValueError):
            raise forms.ValidationError("Choose a CCU colleague or team from the list") from None


class CloseForm(GovukFormMixin, forms.Form):
    closed_on = forms.DateField(
        label="Date closed",
        initial=dt.date.today,
        error_messages={
            "required": "Enter the date the operation closed",
            "invalid": "Date closed must be a real date, like 2026-03-27",
        },
    )
    reason = forms.CharField(
        label="Result and reason for closing",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter the result and the reason for closing"},
    )
