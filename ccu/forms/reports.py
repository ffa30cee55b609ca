"""Forms for intelligence reports: recording, editing, grading, subjects, moving, notes and the
historic import."""

from __future__ import annotations

from django import forms
from django.db.models import F

from ccu.models import (
    CorruptionCategory,
    HandlingCode,
    IntelligenceAssessment,
    Route,
    SourceEvaluation,
)
from standards.core import dates
from standards.core.fields import GovukCheckboxes, GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

EARLIEST_RECEIVED = dates.on(2000)
INTAKE = "intake"


class CategoriesField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            # The force's strategic priorities first (seed 001), then the national order.
            queryset=CorruptionCategory.objects.order_by(
                F("priority").asc(nulls_last=True), "order"
            ),
            to_field_name="code",
            label="National corruption categories",
            help_text="Select all that apply.",
            widget=GovukCheckboxes,
            error_messages={
                "required": "Select at least one national corruption category",
                "invalid_choice": "Select categories from the list",
                "invalid_pk_value": "Select categories from the list",
            },
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.name


def _compartment_choices(operations) -> list[tuple[str, str]]:
    return [(INTAKE, "General intake"), *((str(op.pk), op.code_name) for op in operations)]


class CompartmentForm(GovukFormMixin, forms.Form):
    """A choice of the general intake or an operation the user works on."""

    operation = GovukRadioField(
        label="Where should the report sit?",
        choices=[],
        initial=INTAKE,
        error_messages={"required": "Select the general intake or an operation"},
    )

    def __init__(self, *args, operations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self._operations = {str(op.pk): op for op in operations}
        self.fields["operation"].choices = _compartment_choices(operations)
        self.fields["operation"].hints = {
            INTAKE: "Every CCU analyst can see it.",
            **{
                pk: "Only those given access to the operation can see it."
                for pk in self._operations
            },
        }

    def clean_operation(self):
        value = self.cleaned_data["operation"]
        return None if value == INTAKE else self._operations[value]


class ReportRecordForm(CompartmentForm):
    received_on = GovukDateField(
        name="The date received",
        label="Date received",
        initial=dates.today_local,
        earliest=EARLIEST_RECEIVED,
        latest=dates.today,
        error_messages={"required": "Enter the date the intelligence was received"},
    )
    route = GovukRadioField(
        label="How did the intelligence reach the CCU?",
        choices=Route.choices,
        error_messages={"required": "Select how the intelligence reached the CCU"},
    )
    original_text = text_field(
        "Original text",
        name="The original text",
        max_length=20000,
        rows=8,
        required="Enter the intelligence as it was received",
        help_text="The words as received. Only the head of the CCU and the report's owner see it.",
    )
    source_details = text_field(
        "Source details (optional)",
        name="The source details",
        max_length=2000,
        rows=3,
        required=None,
        help_text="Who or what the source is and how to reach them. Kept with the original text.",
    )
    sanitised_text = text_field(
        "Sanitised text",
        name="The sanitised text",
        max_length=10000,
        rows=6,
        required="Enter the sanitised text",
        help_text="What analysts work from, with nothing that could identify the source.",
    )
    categories = CategoriesField()
    subject_staff_numbers = text_field(
        "Subjects (staff numbers, optional)",
        name="The subjects",
        max_length=2000,
        required=None,
        help_text="Staff numbers of the members of the workforce it is about, with commas between.",
    )
    subject_reason = text_field(
        "Why are they linked? (optional)",
        name="The reason",
        max_length=300,
        required=None,
        help_text="For example, named in the report. Needed when you give subjects.",
    )

    field_order = [
        "received_on",
        "route",
        "original_text",
        "source_details",
        "sanitised_text",
        "categories",
        "operation",
        "subject_staff_numbers",
        "subject_reason",
    ]

    def clean_subject_staff_numbers(self) -> list[str]:
        raw = self.cleaned_data["subject_staff_numbers"]
        return [part.strip() for part in raw.replace("\n", ",").split(",") if part.strip()]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("subject_staff_numbers") and not cleaned.get("subject_reason"):
            self.add_error("subject_reason", "Give the reason the subjects are linked")
        return cleaned


class ReportEditForm(GovukFormMixin, forms.Form):
    sanitised_text = text_field(
        "Sanitised text",
        name="The sanitised text",
        max_length=10000,
        rows=8,
        required="Enter the sanitised text",
        help_text="What analysts work from, with nothing that could identify the source.",
    )
    categories = CategoriesField()
    reason = text_field(
        "Reason for the change",
        name="The reason",
        max_length=300,
        required="Give the reason for this change",
    )


class GradingForm(GovukFormMixin, forms.Form):
    """The 3x5x2 grading (contract field names: the triage stage's browser test fills these)."""

    source_evaluation = GovukRadioField(
        label="Source evaluation",
        choices=SourceEvaluation.choices,
        error_messages={"required": "Select the source evaluation"},
    )
    intelligence_assessment = GovukRadioField(
        label="Intelligence assessment",
        choices=IntelligenceAssessment.choices,
        error_messages={"required": "Select the intelligence assessment"},
    )
    handling_code = GovukRadioField(
        label="Handling code",
        choices=HandlingCode.choices,
        reveals={HandlingCode.CONDITIONS: "handling_conditions"},
        error_messages={"required": "Select the handling code"},
    )
    handling_conditions = text_field(
        "Conditions on sharing",
        name="The conditions",
        max_length=2000,
        rows=3,
        required=None,
        help_text="Who it may be shared with and how, for example with PSD only after sanitising.",
    )
    rationale = text_field(
        "Reason for this grading",
        name="The reason",
        max_length=2000,
        rows=3,
        required="Give the reason for this grading",
    )


class SubjectAddForm(GovukFormMixin, forms.Form):
    staff_number = text_field(
        "Staff number", name="The staff number", max_length=20, required="Enter the staff number"
    )
    reason = text_field(
        "Why are they linked?",
        name="The reason",
        max_length=300,
        required="Give the reason this person is linked",
    )


class SubjectRemoveForm(GovukFormMixin, forms.Form):
    subject = forms.IntegerField(widget=forms.HiddenInput)
    reason = text_field(
        "Reason for removing them",
        name="The reason",
        max_length=300,
        required="Give the reason for this change",
    )


class MoveForm(CompartmentForm):
    reason = text_field(
        "Reason for the move",
        name="The reason",
        max_length=300,
        required="Give the reason for this change",
    )


class NoteForm(GovukFormMixin, forms.Form):
    text = text_field("Note", name="The note", max_length=5000, rows=4, required="Enter the note")


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="A CSV or XLSX file with the columns received_on, route, categories, "
        "sanitised_text, original_text, source, source_eval, intel and handling.",
    )
