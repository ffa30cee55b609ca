"""Forms for CCU operations."""

from __future__ import annotations

from django import forms
from django.contrib.auth.models import Group

from standards.accounts.models import User
from standards.core import dates
from standards.core.fields import GovukDateField, text_field
from standards.core.forms import GovukFormMixin

# The unit's records go back to 2000; an earlier date is a slip of the keyboard (1926 for 2026).
EARLIEST_OPERATION = dates.on(2000)


class OperationOpenForm(GovukFormMixin, forms.Form):
    code_name = text_field(
        "Code name",
        name="The code name",
        max_length=60,
        required="Enter a code name",
        help_text="A name that says nothing about the subject, for example Operation KESTREL.",
    )
    purpose = text_field(
        "Purpose",
        name="The purpose",
        max_length=5000,
        rows=5,
        required="Enter the purpose of the operation",
        help_text="What the operation is for and what it must establish. Never leaves the CCU.",
    )
    opened_on = GovukDateField(
        name="The date opened",
        label="Date opened",
        initial=dates.today_local,
        earliest=EARLIEST_OPERATION,
        latest=dates.today,
        error_messages={"required": "Enter the date the operation was opened"},
    )
    subject_staff_numbers = text_field(
        "Subjects (staff numbers, optional)",
        name="The subjects",
        required=None,
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
    reason = text_field(
        "Reason",
        name="The reason",
        max_length=1000,
        rows=3,
        required="Enter the reason they need access",
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
    # Not before the date opened: the service checks that, knowing the operation.
    closed_on = GovukDateField(
        name="The date closed",
        label="Date closed",
        initial=dates.today_local,
        earliest=EARLIEST_OPERATION,
        latest=dates.today,
        error_messages={"required": "Enter the date the operation closed"},
    )
    reason = text_field(
        "Result and reason for closing",
        name="The result and reason",
        max_length=2000,
        rows=4,
        required="Enter the result and the reason for closing",
    )
