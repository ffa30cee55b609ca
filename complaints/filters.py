"""The filters on PSD's case queue (django-filter). The queryset they filter comes from
``selectors.queue.case_queue_for_user``: the cases the user may see, narrowed to one view."""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.db.models import F, Q

from complaints.models import Case, CaseKind, CaseStatus, Handling
from standards.core.filters import GovukTextFilter
from standards.core.forms import GovukFormMixin

# Each sort is backed by an index on open cases (Case.Meta.indexes), with ``id`` as the tie
# breaker so a page boundary never moves under the reader.
SORTS: dict[str, tuple] = {
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "due": (F("next_due_on").asc(nulls_last=True), "id"),
    "-due": (F("next_due_on").desc(nulls_last=True), "-id"),
    "reference": ("id",),
    "-reference": ("-id",),
}
SORT_LABELS = {
    "received": "Received, oldest first",
    "-received": "Received, newest first",
    "due": "Next clock, soonest first",
    "-due": "Next clock, latest first",
    "reference": "Reference, lowest first",
    "-reference": "Reference, highest first",
}

_REFERENCE = re.compile(r"^(?:[A-Za-z]{2,3}-?)?0*(\d{1,9})$")


class _FilterForm(GovukFormMixin, forms.Form):
    pass


class CaseQueueFilter(django_filters.FilterSet):
    reference = GovukTextFilter(
        label="Reference", method="filter_reference", max_length=20, name="The reference"
    )
    kind = django_filters.ChoiceFilter(
        label="Kind", choices=CaseKind.choices, empty_label="Any kind"
    )
    status = django_filters.ChoiceFilter(
        label="Status",
        choices=CaseStatus.choices,
        empty_label="Any open status",
        method="filter_status",
    )
    lead = django_filters.ModelChoiceFilter(
        label="Lead caseworker",
        queryset=None,
        empty_label="Anyone",
        method="filter_lead",
    )
    handling = django_filters.ChoiceFilter(
        label="Handling", choices=Handling.choices[1:], empty_label="Any handling"
    )
    due = django_filters.ChoiceFilter(
        label="Next clock",
        choices=[("soon", "Due soon or overdue"), ("overdue", "Overdue")],
        empty_label="Any",
        method="filter_due",
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=list(SORT_LABELS.items()),
        empty_label="Received, oldest first",
        method="filter_nothing",
    )

    class Meta:
        model = Case
        fields: list[str] = []
        form = _FilterForm

    def __init__(
        self, *args, default_sort: str = "received", today=None, soon=None, leads=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        field = self.form.fields["lead"]
        field.queryset = leads if leads is not None else field.queryset.none()
        field.label_from_instance = lambda user: user.display_name
        self.default_sort = default_sort
        self.today = today
        self.soon = soon

    def filter_reference(self, queryset, name, value):
        match = _REFERENCE.match(value.strip())
        if not match:
            return queryset.none()
        return queryset.filter(pk=int(match.group(1)))

    def filter_lead(self, queryset, name, value):
        return queryset.filter(lead=value)

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)

    def filter_due(self, queryset, name, value):
        if value == "overdue":
            return queryset.filter(next_due_on__lt=self.today)
        return queryset.filter(next_due_on__lt=self.soon)

    def filter_nothing(self, queryset, name, value):
        return queryset  # the sort is applied once, in filter_queryset

    @property
    def sort_key(self) -> str:
        value = self.form.cleaned_data.get("sort") if self.form.is_valid() else ""
        return value if value in SORTS else self.default_sort

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            # The queue is for work still to do: a closed case is found by asking for it.
            queryset = queryset.filter(~Q(status=CaseStatus.CLOSED))
        return queryset.order_by(*SORTS[self.sort_key])
