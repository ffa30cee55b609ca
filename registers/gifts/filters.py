"""The gifts and hospitality register's filters (django-filter, in the MOJ filter layout). The
queryset each one narrows comes from a selector, so a filter never widens what a user may see."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from registers.gifts.models import Gift, GiftStatus, Outcome
from standards.core.fields import GovukDateField
from standards.core.filters import GovukDateFilter, GovukTextFilter
from standards.people.models import OrgUnit

DECISION_NONE = "none"


class GiftFilter(django_filters.FilterSet):
    """The PSD register's filters (the MOJ filter layout)."""

    person = GovukTextFilter(
        label="Name or staff number", method="filter_person", max_length=100, name="The name"
    )
    unit = django_filters.ModelChoiceFilter(
        label="Unit (and the units within it)",
        queryset=OrgUnit.objects.filter(is_active=True).order_by("name"),
        method="filter_unit",
        empty_label="Any unit",
    )
    donor = GovukTextFilter(
        label="Donor",
        field_name="donor_name",
        lookup_expr="icontains",
        max_length=100,
        name="The donor",
    )
    min_value = django_filters.NumberFilter(
        label="Value from (£)", field_name="estimated_value", lookup_expr="gte", min_value=0
    )
    max_value = django_filters.NumberFilter(
        label="Value up to (£)", field_name="estimated_value", lookup_expr="lte", min_value=0
    )
    date_from = GovukDateFilter(
        label="Offered from", field_name="offered_on", lookup_expr="gte", name="Offered from"
    )
    date_to = GovukDateFilter(
        label="Offered up to", field_name="offered_on", lookup_expr="lte", name="Offered up to"
    )
    decision = django_filters.ChoiceFilter(
        label="Decision",
        choices=[*Outcome.choices, (DECISION_NONE, "No decision")],
        method="filter_decision",
        empty_label="Any decision",
    )
    status = django_filters.ChoiceFilter(
        label="Status", choices=GiftStatus.choices, empty_label="Any status"
    )

    class Meta:
        model = Gift
        fields: list[str] = []

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.form.fields.values():
            field.required = False
            if isinstance(field, GovukDateField):
                continue  # drawn by templates/includes/fields/date_input.html
            css = "govuk-select" if isinstance(field.widget, forms.Select) else "govuk-input"
            field.widget.attrs["class"] = css

    def filter_person(self, queryset, name, value):
        for word in value.split()[:4]:
            queryset = queryset.filter(
                Q(declarant__first_name__icontains=word)
                | Q(declarant__last_name__icontains=word)
                | Q(declarant__staff_number__iexact=word)
                | Q(declarant__collar_number__iexact=word)
            )
        return queryset

    def filter_unit(self, queryset, name, unit):
        # The unit and every unit beneath it: the tree is small (a force has a few hundred
        # units), so it is walked in memory from one query.
        children: dict[int | None, list[int]] = {}
        for pk, parent in OrgUnit.objects.values_list("pk", "parent_id"):
            children.setdefault(parent, []).append(pk)
        wanted, stack = set(), [unit.pk]
        while stack:
            current = stack.pop()
            if current not in wanted:
                wanted.add(current)
                stack.extend(children.get(current, ()))
        return queryset.filter(declarant__org_unit_id__in=wanted)

    def filter_decision(self, queryset, name, value):
        if value == DECISION_NONE:
            return queryset.filter(outcome__isnull=True)
        return queryset.filter(outcome=value)
