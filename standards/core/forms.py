"""GOV.UK Design System styling for Django forms, in one place so every form looks the same.

The question types themselves (dates, radios, free text) are in standards.core.fields; this
module gives every other widget its GOV.UK class and ties each input to its hint, its character
count and its error (aria-describedby), so a screen reader reads them with the question.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from standards.core import dates
from standards.core.fields import (
    GovukDateField,
    GovukDateInput,
    GovukRadioField,
    GovukRadios,
    has_character_count,
)
from standards.core.periods import (
    Period,
    Quarter,
    financial_year_label,
    financial_year_start,
)

_WIDGET_CLASSES: tuple[tuple[type[forms.Widget], str, str], ...] = (
    (forms.CheckboxInput, "govuk-checkboxes__input", ""),
    (forms.RadioSelect, "govuk-radios__input", ""),
    (forms.CheckboxSelectMultiple, "govuk-checkboxes__input", ""),
    (forms.Select, "govuk-select", "govuk-select--error"),
    (forms.Textarea, "govuk-textarea", "govuk-textarea--error"),
    (forms.FileInput, "govuk-file-upload", "govuk-file-upload--error"),
    (forms.widgets.Input, "govuk-input", "govuk-input--error"),
)

# Drawn by hand in templates/includes/fields/: the fieldset carries the hint and the error.
_DRAWN_BY_HAND = (GovukDateInput, GovukRadios)


class GovukFormMixin:
    """Adds the GOV.UK classes to widgets and links hints, counts and errors with
    aria-describedby."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if isinstance(field.widget, _DRAWN_BY_HAND):
                continue
            css = self._classes(field.widget)[0]
            if has_character_count(field):
                css += " govuk-js-character-count"
            existing = field.widget.attrs.get("class", "")
            field.widget.attrs["class"] = f"{css} {existing}".strip()
            self._describe(name)

    def add_error(self, field, error) -> None:
        # Every error reaches the form through here: the fields' own, clean()'s and a
        # service's (apply_errors), so each marks its input the same way.
        super().add_error(field, error)
        for name in self._errors or ():
            if name not in self.fields or isinstance(self.fields[name].widget, _DRAWN_BY_HAND):
                continue
            widget = self.fields[name].widget
            error_css = self._classes(widget)[1]
            if error_css and error_css not in widget.attrs.get("class", "").split():
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {error_css}".strip()
            self._describe(name)

    @staticmethod
    def _classes(widget: forms.Widget) -> tuple[str, str]:
        for widget_type, css, error_css in _WIDGET_CLASSES:
            if isinstance(widget, widget_type):
                return css, error_css
        return "", ""

    def _describe(self, name: str) -> None:
        # GOV.UK's order: the count message, the hint, then the error. The id is worked out as
        # BoundField.auto_id does: a bound field made now would keep a label or hint that a
        # form's own __init__ changes after this one.
        field = self.fields[name]
        html_name = self.add_prefix(name)
        auto_id = self.auto_id % html_name if "%s" in str(self.auto_id) else html_name
        ids = []
        if has_character_count(field):
            ids.append(f"{auto_id}-info")
        if field.help_text:
            ids.append(f"{auto_id}-hint")
        if self._errors and name in self._errors:
            ids.append(f"{auto_id}-error")
        if ids:
            field.widget.attrs["aria-describedby"] = " ".join(ids)
        else:
            field.widget.attrs.pop("aria-describedby", None)


def apply_errors(form: forms.Form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: against the field it names where the form
    has that field, otherwise at the top of the error summary."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- the period chooser (the board's figures, the CCU's threat picture) -------------------------

# How far back the choosers reach, and the longest period of one's own: twelve quarters is as
# many columns as a table can show and still be read.
YEARS_BACK = 8
LONGEST_DAYS = 3 * 366
EARLIEST = dates.on(2000)


def _years(today: dt.date) -> list[tuple[str, str]]:
    current = financial_year_start(today)
    return [
        (str(year), f"{financial_year_label(year)} (April {year} to March {year + 1})")
        for year in range(current, current - YEARS_BACK, -1)
    ]


def _quarters(today: dt.date) -> list[tuple[str, str]]:
    quarter = Quarter.holding(today)
    choices = []
    for _ in range(4 * YEARS_BACK):
        choices.append((quarter.key, quarter.long_label))
        quarter = Quarter.holding(quarter.start - dt.timedelta(days=1))
    return choices


class PeriodForm(GovukFormMixin, forms.Form):
    period = GovukRadioField(
        label="Period",
        choices=[
            ("year", "A financial year"),
            ("quarter", "A quarter"),
            ("custom", "Dates of your own"),
        ],
        reveals={"year": "year", "quarter": "quarter"},
        error_messages={"required": "Select a period"},
    )
    year = forms.ChoiceField(label="Financial year", required=False)
    quarter = forms.ChoiceField(label="Quarter", required=False)
    date_from = GovukDateField(
        name="The start date",
        label="From",
        required=False,
        earliest=EARLIEST,
        latest=dates.today,
    )
    date_to = GovukDateField(
        name="The end date",
        label="To",
        required=False,
        earliest=EARLIEST,
        latest=dates.today,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["year"].choices = _years(today)
        self.fields["quarter"].choices = _quarters(today)
        self.fields["year"].initial = str(financial_year_start(today))
        self.fields["quarter"].initial = Quarter.holding(today).key
        self.fields["period"].initial = "year"

    def clean(self):
        data = super().clean()
        chosen = data.get("period")
        if chosen == "year" and not data.get("year"):
            self.add_error("year", "Select a financial year")
        if chosen == "quarter" and not data.get("quarter"):
            self.add_error("quarter", "Select a quarter")
        if chosen == "custom" and not self.errors:
            start, end = data.get("date_from"), data.get("date_to")
            if start is None:
                self.add_error("date_from", "Enter the start date")
            if end is None:
                self.add_error("date_to", "Enter the end date")
            if start and end and end < start:
                self.add_error(
                    "date_to", "The end date must be the same as or after the start date"
                )
            elif start and end and (end - start).days > LONGEST_DAYS:
                self.add_error("date_to", "The period must be 3 years or shorter")
        return data

    @property
    def chosen(self) -> Period:
        """The period asked for; the current financial year until one is chosen."""
        if not self.is_bound or not self.is_valid():
            return default_period()
        data = self.cleaned_data
        if data["period"] == "quarter":
            year, number = data["quarter"].split("-")
            return Period.quarter(int(year), int(number))
        if data["period"] == "custom":
            return Period.custom(data["date_from"], data["date_to"])
        return Period.financial_year(int(data["year"]))


def default_period() -> Period:
    return Period.financial_year(financial_year_start(timezone.localdate()))
