"""Forms for the watchlist: adding someone, reviewing an entry, taking someone off."""

from __future__ import annotations

import datetime as dt

from django import forms

from ccu.services.watch import NOTE_LIMIT, REASON_LIMIT
from standards.core import dates
from standards.core.fields import GovukDateField, text_field
from standards.core.forms import GovukFormMixin


def _review_on() -> GovukDateField:
    return GovukDateField(
        name="The review date",
        label="Review date",
        earliest=dates.tomorrow,
        latest=dates.years_ahead(2),
        example=lambda on: on + dt.timedelta(days=90),
        help_text="When the CCU should next decide whether to keep watching them.",
        error_messages={"required": "Enter the date to review the entry"},
    )


class WatchAddForm(GovukFormMixin, forms.Form):
    staff_number = text_field(
        "Staff number",
        name="The staff number",
        max_length=20,
        required="Enter the staff number of a member of the workforce",
        help_text="The member of the workforce to watch.",
    )
    reason = text_field(
        "Reason",
        name="The reason",
        max_length=REASON_LIMIT,
        rows=4,
        required="Enter the reason for watching them",
        help_text="Why the CCU needs to know of anything new about them. Never leaves the CCU.",
    )
    review_on = _review_on()


class WatchReviewForm(GovukFormMixin, forms.Form):
    review_on = _review_on()
    note = text_field(
        "What the review found",
        name="The note",
        max_length=NOTE_LIMIT,
        required="Enter what the review found",
    )


class WatchRemoveForm(GovukFormMixin, forms.Form):
    reason = text_field(
        "Reason for taking them off",
        name="The reason",
        max_length=REASON_LIMIT,
        rows=3,
        required="Enter the reason for taking them off",
    )
