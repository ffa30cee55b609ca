"""The annual declaration's forms: the member's declaration and PSD's new policy version."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxLengthValidator

from registers.annual.models import PolicyKind, PolicyVersion
from standards.core import dates
from standards.core.fields import GovukCheckboxes, GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin


class AnnualDeclarationForm(GovukFormMixin, forms.Form):
    policies = forms.ModelMultipleChoiceField(
        queryset=PolicyVersion.objects.none(),
        widget=GovukCheckboxes,
        label="The force's integrity policies",
        error_messages={"required": "Confirm you have read and understood each policy"},
    )
    declarations_complete = forms.BooleanField(
        label="My declarations of gifts and hospitality, business interests and notifiable "
        "associations are complete and up to date",
        error_messages={"required": "Confirm your declarations are complete and up to date"},
    )
    nil_gifts = forms.BooleanField(
        required=False,
        label="I have been offered no gifts or hospitality this year",
    )
    nil_interests = forms.BooleanField(
        required=False,
        label="I have no business interests or additional occupations",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["policies"].queryset = PolicyVersion.objects.current()

    def clean_policies(self):
        chosen = set(self.cleaned_data["policies"])
        if chosen != set(self.fields["policies"].queryset):
            raise forms.ValidationError("Confirm you have read and understood each policy")
        return chosen


class PolicyVersionForm(GovukFormMixin, forms.Form):
    kind = GovukRadioField(
        label="Which policy is this a new version of?",
        choices=PolicyKind.choices,
        error_messages={"required": "Select which policy this is a version of"},
    )
    version = text_field(
        "Version number",
        name="The version number",
        max_length=20,
        required="Enter the version number",
    )
    title = text_field("Title", name="The title", max_length=200, required="Enter the title")
    summary = text_field(
        "What the policy asks of staff",
        name="The summary",
        max_length=1000,
        required="Enter what the policy asks of staff",
        rows=4,
        help_text="A few plain sentences: staff read this beside the tick box.",
    )
    url = forms.URLField(
        label="Where staff read the whole policy (web address)",
        # The limit is told, not enforced by the browser (which would cut a pasted address).
        validators=[MaxLengthValidator(300, "Enter a web address of 300 characters or fewer")],
        assume_scheme="https",
        error_messages={
            "required": "Enter the policy's web address",
            "invalid": "Enter a web address starting https://",
        },
    )
    published_on = GovukDateField(
        label="Published on",
        name="The publication date",
        earliest=dates.on(2000),
        latest=dates.today,
    )
