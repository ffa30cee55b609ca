"""Forms for the nominal index, linking nominals to reports, merging duplicates and search."""

from __future__ import annotations

from django import forms

from ccu.models import NominalKind
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

KIND_HINTS = {
    NominalKind.PERSON: "Someone outside the force (a member of the workforce is a subject).",
    NominalKind.PHONE: "Written as given; +44 and spaces are set aside when matching.",
    NominalKind.VEHICLE: "The registration mark.",
}


class NominalForm(GovukFormMixin, forms.Form):
    kind = GovukRadioField(
        label="What kind of nominal is it?",
        choices=NominalKind.choices,
        hints=KIND_HINTS,
        error_messages={"required": "Select what kind of nominal it is"},
    )
    name = text_field(
        "Name, number, registration or address",
        name="The name",
        max_length=200,
        required="Enter the name, number, registration or address",
    )
    date_of_birth = GovukDateField(
        name="The date of birth",
        label="Date of birth (people only, optional)",
        required=False,
        earliest=dates.on(1900),
        latest=dates.today,
    )
    details = text_field(
        "Details (optional)",
        name="The details",
        max_length=5000,
        rows=4,
        required=None,
        help_text="Anything that tells this nominal apart. Searchable by the CCU.",
    )
    operation = forms.ChoiceField(
        label="Where it is held",
        required=False,
        help_text="In the general index every CCU analyst can see it; in an operation, only "
        "those working on the operation.",
    )

    def __init__(self, *args, operations=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.operations = {str(operation.pk): operation for operation in operations}
        self.fields["operation"].choices = [("", "General index")] + [
            (pk, operation.code_name) for pk, operation in self.operations.items()
        ]

    def clean_operation(self):
        return self.operations.get(self.cleaned_data["operation"] or "")


class LinkForm(GovukFormMixin, forms.Form):
    """Link an existing nominal (found by search) to a report."""

    nominal = forms.ChoiceField(
        label="Nominal", error_messages={"required": "Select the nominal to link"}
    )
    reason = text_field(
        "Why is it linked to this report?",
        name="The reason",
        max_length=300,
        required="Enter why the nominal is linked to the report",
    )

    def __init__(self, *args, nominals=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.nominals = {str(nominal.pk): nominal for nominal in nominals}
        self.fields["nominal"].choices = [
            (pk, f"{nominal.name} ({nominal.get_kind_display()})")
            for pk, nominal in self.nominals.items()
        ]

    def clean_nominal(self):
        return self.nominals[self.cleaned_data["nominal"]]


class LinkNewForm(NominalForm):
    """Record a new nominal and link it to the report in one step."""

    reason = text_field(
        "Why is it linked to this report?",
        name="The reason",
        max_length=300,
        required="Enter why the nominal is linked to the report",
    )


class MergeForm(GovukFormMixin, forms.Form):
    into = forms.ChoiceField(
        label="The nominal it repeats",
        error_messages={"required": "Select the nominal to merge it into"},
    )
    reason = text_field(
        "Why are they the same?",
        name="The reason",
        max_length=1000,
        rows=3,
        required="Enter why they are the same",
    )

    def __init__(self, *args, candidates=(), **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.candidates = {str(nominal.pk): nominal for nominal in candidates}
        self.fields["into"].choices = [
            (pk, f"{nominal.name} ({nominal.reference})") for pk, nominal in self.candidates.items()
        ]

    def clean_into(self):
        return self.candidates[self.cleaned_data["into"]]


class NominalFilterForm(GovukFormMixin, forms.Form):
    kind = GovukRadioField(
        label="Kind",
        choices=[("", "Any kind"), *NominalKind.choices],
        required=False,
    )
    q = text_field("Name contains", name="The name", max_length=200, required=None)


class SearchForm(GovukFormMixin, forms.Form):
    q = text_field(
        "Search reports and nominals",
        name="The search",
        max_length=200,
        required=None,
        help_text='Words from a report\'s sanitised text or a nominal. Use "quotes" for a phrase '
        "and - to leave a word out.",
    )
