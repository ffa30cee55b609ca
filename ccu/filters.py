"""The filters on the CCU's report list (django-filter). The queryset they filter comes from
``ccu.selectors.reports.report_list_for_user``: only the reports the user may see."""

from __future__ import annotations

import django_filters
from django import forms

from ccu.models import CorruptionCategory, IntelligenceReport, ReportStatus, Route
from standards.core.filters import GovukTextFilter
from standards.core.forms import GovukFormMixin

INTAKE = "intake"

# Each sort has ``id`` as the tie breaker so a page boundary never moves under the reader; the
# default follows the listing index (ccu_report_listing_idx).
SORTS: dict[str, tuple] = {
    "-received": ("-received_on", "-id"),
    "received": ("received_on", "id"),
    "reference": ("id",),
    "-reference": ("-id",),
    "grade": ("grade", "id"),
    "-grade": ("-grade", "-id"),
}
SORT_LABELS = {
    "-received": "Received, newest first",
    "received": "Received, oldest first",
    "reference": "Reference, lowest first",
    "-reference": "Reference, highest first",
    "grade": "Grade, A to Z",
    "-grade": "Grade, Z to A",
}
DEFAULT_SORT = "-received"


class _FilterForm(GovukFormMixin, forms.Form):
    pass


class ReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label="Status", choices=ReportStatus.choices, empty_label="Any status"
    )
    route = django_filters.ChoiceFilter(label="Route", choices=Route.choices, empty_label="Any")
    category = django_filters.ModelChoiceFilter(
        label="National category",
        queryset=CorruptionCategory.objects.all(),
        field_name="categories",
        empty_label="Any category",
    )
    compartment = django_filters.ChoiceFilter(
        label="Operation or intake",
        choices=[],
        empty_label="Anywhere",
        method="filter_compartment",
    )
    grade = GovukTextFilter(
        label="Grade",
        method="filter_grade",
        max_length=12,
        name="The grade",
        help_text='For example 2B, or 2BP. Type "none" for reports not yet graded.',
    )
    sort = django_filters.ChoiceFilter(
        label="Sort by",
        choices=list(SORT_LABELS.items()),
        empty_label=SORT_LABELS[DEFAULT_SORT],
        method="filter_nothing",
    )

    class Meta:
        model = IntelligenceReport
        fields: list[str] = []
        form = _FilterForm

    def __init__(self, *args, operations=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(INTAKE, "General intake")]
        choices += [(str(op.pk), op.code_name) for op in (operations or [])]
        self.form.fields["compartment"].choices = [("", "Anywhere"), *choices]

    def filter_compartment(self, queryset, name, value):
        if value == INTAKE:
            return queryset.filter(operation__isnull=True)
        return queryset.filter(operation_id=int(value))

    def filter_grade(self, queryset, name, value):
        value = value.strip().upper()
        if value == "NONE":
            return queryset.filter(grade="")
        return queryset.filter(grade__startswith=value)

    def filter_nothing(self, queryset, name, value):
        return queryset  # the sort is applied once, in filter_queryset

    @property
    def sort_key(self) -> str:
        value = self.form.cleaned_data.get("sort") if self.form.is_valid() else ""
        return value if value in SORTS else DEFAULT_SORT

    def filter_queryset(self, queryset):
        # One category per filter: the join gives each report once (ccu_report_categories is
        # unique on report and category), so no DISTINCT is needed.
        queryset = super().filter_queryset(queryset)
        return queryset.order_by(*SORTS[self.sort_key])
