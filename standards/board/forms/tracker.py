"""Forms for the HMICFRS recommendations tracker: an inspection, a recommendation, an update to
its log, and an action (added, changed or completed)."""

from __future__ import annotations

import datetime as dt

from django import forms

from standards.board.models import (
    InspectionKind,
    Inspectorate,
    RecommendationKind,
    RecommendationStatus,
)
from standards.core import dates
from standards.core.fields import GovukDateField, GovukRadioField, text_field
from standards.core.forms import GovukFormMixin

# The first reports the tracker holds (HMIC's integrity inspections began in 2011).
EARLIEST_REPORT = dates.on(2000)

STATUS_HINTS = {
    RecommendationStatus.AWAITING_REVIEW: "Nobody has yet decided how the force will meet it.",
    RecommendationStatus.BEING_PROGRESSED: "Work is under way: add actions with owners and due "
    "dates.",
    RecommendationStatus.COMPLETE: "The force has met it. Give the evidence; every action must "
    "be complete first.",
}


class _OwnerMixin:
    """An owner chosen from the people the tracker lists (``selectors.owner_choices``)."""

    def _set_owners(self, owners, *, blank: str) -> None:
        self._owners = {str(person.pk): person for person in owners}
        self.fields["owner"].choices = [("", blank)] + [
            (str(person.pk), person.display_name) for person in owners
        ]

    def clean_owner(self):
        value = self.cleaned_data["owner"]
        return self._owners.get(value) if value else None


class InspectionForm(GovukFormMixin, forms.Form):
    title = text_field(
        "Title of the report",
        name="The title",
        max_length=300,
        required="Enter the title of the report",
        help_text="As the inspectorate publishes it, for example PEEL: Shining a light on "
        "betrayal.",
    )
    inspectorate = GovukRadioField(
        label="Inspectorate",
        choices=Inspectorate.choices,
        error_messages={"required": "Select the inspectorate"},
    )
    kind = GovukRadioField(
        label="Kind of inspection",
        choices=InspectionKind.choices,
        error_messages={"required": "Select the kind of inspection"},
    )
    published_on = GovukDateField(
        name="The date the report was published",
        label="Date the report was published",
        earliest=EARLIEST_REPORT,
        latest=dates.today,
        error_messages={"required": "Enter the date the report was published"},
    )
    url = forms.URLField(
        label="Link to the report (optional)",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={"invalid": "Enter a web address, for example https://hmicfrs..."},
    )
    summary = text_field(
        "Summary (optional)",
        name="The summary",
        max_length=5000,
        rows=5,
        required=None,
        help_text="What the report found, in a few sentences.",
    )
    pcc_response_published_on = GovukDateField(
        name="The date the PCC's response was published",
        label="Date the police and crime commissioner's response was published (optional)",
        earliest=EARLIEST_REPORT,
        latest=dates.today,
        required=False,
        help_text="The PCC must publish comments on the report within 56 days of its "
        "publication. Leave it blank until they have.",
    )


class RecommendationForm(_OwnerMixin, GovukFormMixin, forms.Form):
    kind = GovukRadioField(
        label="What the report calls it",
        choices=RecommendationKind.choices,
        error_messages={
            "required": "Select whether it is a recommendation or an area for improvement"
        },
    )
    number = text_field(
        "Number",
        name="The number",
        max_length=20,
        required="Enter the number the report gives it",
        help_text="As the report numbers it: 1, 2a or AFI 3.",
        widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
    )
    text = text_field(
        "Recommendation",
        name="The recommendation",
        max_length=5000,
        rows=6,
        required="Enter the recommendation as the report words it",
    )
    owner = forms.ChoiceField(
        label="Owner (optional)",
        required=False,
        help_text="Who leads the force's response. Only members of Professional Standards and "
        "the chief officer team are listed.",
        error_messages={"invalid_choice": "Select an owner from the list"},
    )

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_owners(owners, blank="Not yet decided")


class UpdateForm(GovukFormMixin, forms.Form):
    on = GovukDateField(
        name="The date of the update",
        label="Date of the update",
        earliest=EARLIEST_REPORT,
        latest=dates.today,
        error_messages={"required": "Enter the date of the update"},
    )
    status = GovukRadioField(
        label="Status after this update",
        choices=RecommendationStatus.choices,
        hints=STATUS_HINTS,
        error_messages={"required": "Select the status the update leaves it in"},
    )
    comment = text_field(
        "What has been done",
        name="What has been done",
        max_length=5000,
        rows=5,
        required="Enter what has been done",
    )
    evidence = text_field(
        "Evidence",
        name="The evidence",
        max_length=5000,
        rows=4,
        required=None,
        help_text="Where the evidence is: a policy, a board's minutes, an audit report. Needed "
        "to mark it complete.",
    )


class ActionForm(_OwnerMixin, GovukFormMixin, forms.Form):
    description = text_field(
        "What needs to be done",
        name="The action",
        max_length=2000,
        rows=3,
        required="Enter what needs to be done",
    )
    owner = forms.ChoiceField(
        label="Owner",
        help_text="Only members of Professional Standards and the chief officer team are listed.",
        error_messages={
            "required": "Select who owns the action",
            "invalid_choice": "Select an owner from the list",
        },
    )
    due_on = GovukDateField(
        name="The due date",
        label="Due date",
        earliest=EARLIEST_REPORT,
        latest=dates.years_ahead(3),
        example=lambda on: on + dt.timedelta(days=90),
        error_messages={"required": "Enter the date the action is due"},
    )

    def __init__(self, *args, owners, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._set_owners(owners, blank="Choose")


class ActionCompleteForm(GovukFormMixin, forms.Form):
    completed_on = GovukDateField(
        name="The date the action was completed",
        label="Date the action was completed",
        earliest=EARLIEST_REPORT,
        latest=dates.today,
        error_messages={"required": "Enter the date the action was completed"},
    )
