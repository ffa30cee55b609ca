"""Forms for the case file's everyday changes. They check what was typed; the services decide
whether the change may be made."""

from __future__ import annotations

from django import forms

from complaints.models import ContactPreference
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

EARLIEST_CASE_DATE = dates.years_ago(30)


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class UsersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


class AllocateForm(GovukFormMixin, forms.Form):
    lead = UserChoiceField(
        label="Lead caseworker",
        queryset=None,
        empty_label="Select a caseworker",
        error_messages={"required": "Select the lead caseworker"},
    )
    team = UsersChoiceField(
        label="Others in the case team (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They can open and work on the case, and see the complainant's details.",
    )
    reason = text_field(
        "Reason for the allocation",
        name="The reason",
        required="Enter the reason for the allocation",
        max_length=1000,
        rows=3,
    )

    def __init__(self, *args, staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = staff
        self.fields["team"].queryset = staff


class DatesForm(GovukFormMixin, forms.Form):
    logged_on = GovukDateField(
        name="The date it was logged",
        label="When was the complaint logged?",
        required=False,
        earliest=EARLIEST_CASE_DATE,
        latest=dates.today,
    )
    first_contact_on = GovukDateField(
        name="The date of first contact",
        label="When was the complainant first contacted?",
        required=False,
        help_text="Leave empty until they have been contacted.",
        earliest=EARLIEST_CASE_DATE,
        latest=dates.today,
    )


class ComplainantForm(GovukFormMixin, forms.Form):
    name = text_field(
        "Full name", name="The name", required="Enter the complainant's name", max_length=200
    )
    email = forms.EmailField(
        label="E-mail address",
        required=False,
        error_messages={"invalid": "Enter an e-mail address like name@example.com"},
        widget=forms.EmailInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    phone = text_field("Phone number", name="The phone number", required=None, max_length=40)
    address = text_field(
        "Postal address", name="The address", required=None, max_length=500, rows=3
    )
    postcode = text_field("Postcode", name="The postcode", required=None, max_length=10)
    contact_preference = GovukRadioField(
        label="How do they want to be contacted?",
        choices=ContactPreference.choices,
        error_messages={"required": "Select how they want to be contacted"},
    )
    adjustments = text_field(
        "Reasonable adjustments (optional)",
        name="The adjustments",
        required=None,
        max_length=2000,
        rows=3,
        help_text="For example large print, an interpreter, or calls only in the afternoon.",
    )
    staff_number = text_field(
        "Staff number, if they work for the force (optional)",
        name="The staff number",
        required=None,
        max_length=20,
        help_text="A member of staff who complains never sees the case, as a subject never does.",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs["class"] += " govuk-input--width-20"
        self.fields["postcode"].widget.attrs["class"] += " govuk-input--width-10"
        self.fields["staff_number"].widget.attrs["class"] += " govuk-input--width-10"


class SubjectForm(GovukFormMixin, forms.Form):
    identified = GovukRadioField(
        label="Do you know who they are?",
        choices=[("yes", "Yes, they are in the staff directory"), ("no", "No, not yet identified")],
        reveals={"yes": "staff_number", "no": "description"},
        error_messages={"required": "Select whether you know who they are"},
    )
    staff_number = text_field("Staff number", name="The staff number", required=None, max_length=20)
    description = text_field(
        "Describe the officer or member of staff",
        name="The description",
        required=None,
        max_length=200,
        help_text="For example 'Officer with collar number ending 42, response car, 3 May'.",
    )

    def clean(self):
        data = super().clean()
        if data.get("identified") == "yes" and not data.get("staff_number"):
            self.add_error("staff_number", "Enter their staff number")
        if data.get("identified") == "no" and not data.get("description"):
            self.add_error("description", "Describe the officer or member of staff")
        return data


class AllegationForm(GovukFormMixin, forms.Form):
    category = forms.TypedChoiceField(
        label="IOPC category",
        coerce=int,
        error_messages={"required": "Select the IOPC category"},
    )
    description = text_field(
        "What is alleged",
        name="What is alleged",
        required="Enter what is alleged",
        max_length=4000,
        rows=4,
    )
    standards = forms.ModelMultipleChoiceField(
        label="Standards of Professional Behaviour it may breach (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    subjects = forms.ModelMultipleChoiceField(
        label="Who is it about? (optional)",
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Add subjects on the people tab first.",
    )

    def __init__(self, *args, categories, standards, subjects, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", "Select a category"), *categories]
        self.fields["standards"].queryset = standards
        self.fields["subjects"].queryset = subjects


class AllegationChangeForm(AllegationForm):
    reason = text_field(
        "Why is it changed?",
        name="The reason",
        required="Say why the allegation is changed",
        max_length=500,
        rows=2,
        help_text="For example, the category was wrong. The history keeps what it said before.",
    )


class ActionForm(GovukFormMixin, forms.Form):
    description = text_field(
        "What needs to be done",
        name="The action",
        required="Enter what needs to be done",
        max_length=2000,
        rows=3,
    )
    owner = UserChoiceField(
        label="Who owns it",
        queryset=None,
        empty_label="Select a person",
        error_messages={"required": "Select who owns the action"},
    )
    due_on = GovukDateField(
        name="The due date",
        label="When is it due?",
        earliest=dates.today,
        latest=dates.years_ahead(2),
    )

    def __init__(self, *args, team, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = team


class NoteForm(GovukFormMixin, forms.Form):
    text = text_field("Note", name="The note", required="Enter the note", max_length=6000, rows=6)


class DocumentForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        help_text="A PDF, JPEG, PNG, Word (.docx) or plain text file, smaller than 20 MB.",
        error_messages={
            "required": "Select a file to upload",
            "empty": "The selected file is empty",
        },
    )
    description = text_field(
        "What is it? (optional)", name="The description", required=None, max_length=300
    )
