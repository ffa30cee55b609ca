"""The threat picture's period chooser: a financial year, a quarter, or dates of one's own."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone

from ccu.selectors.threat import (
    Period,
    Quarter,
    financial_year_label,
    financial_year_start,
)
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField
from standards.core.forms import GovukFormMixin

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
