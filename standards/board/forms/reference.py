"""Forms for the national and most-similar-forces figures. They check the shape of each answer;
the service (``standards.board.services.reference``) checks the measure, the period and the
value, so a rule holds whether a figure is typed or imported."""

from __future__ import annotations

from django import forms

from standards.board.models import ReferenceScope
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

EARLIEST = dates.on(2000)


def _value_field() -> forms.CharField:
    return forms.CharField(
        label="Value",
        help_text="As published: a rate per 1,000 employees, a percentage or a number of days, "
        "up to 2 decimal places. For example, 289.5",
        error_messages={"required": "Enter the value"},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
    )


def _source_field():
    return text_field(
        "Source",
        name="The source",
        max_length=300,
        required="Enter the publication the figure comes from",
        help_text="The publication's name and year, for example IOPC Police complaints: "
        "statistics for England and Wales 2024/25.",
    )


class ReferenceFigureForm(GovukFormMixin, forms.Form):
    measure_key = forms.CharField(
        label="Measure",
        max_length=80,
        help_text="The board's key for the force's figure it sits beside, for example "
        "complaints.cases_logged.per_1000 or complaints.days_to_log.",
        error_messages={"required": "Enter the measure"},
        widget=forms.TextInput(attrs={"spellcheck": "false", "autocomplete": "off"}),
    )
    scope = GovukRadioField(
        label="What does it cover?",
        choices=ReferenceScope.choices,
        error_messages={"required": "Select England and Wales or Most similar forces"},
    )
    period_start = GovukDateField(
        name="The first day of the period",
        label="First day of the period",
        earliest=EARLIEST,
        latest=dates.today,
        example=dates.on(2024, 4, 1),
        error_messages={"required": "Enter the first day of the period"},
    )
    period_end = GovukDateField(
        name="The last day of the period",
        label="Last day of the period",
        earliest=EARLIEST,
        latest=dates.today,
        example=dates.on(2025, 3, 31),
        error_messages={"required": "Enter the last day of the period"},
    )
    value = _value_field()
    source = _source_field()


class ReferenceCorrectionForm(GovukFormMixin, forms.Form):
    value = _value_field()
    source = _source_field()


class ReferenceImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="Upload a file",
        required=False,
        help_text="A CSV or XLSX file with the columns measure, scope, period start, period end, "
        "value and source.",
    )
