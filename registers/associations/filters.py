"""The filters of the Counter Corruption Unit's register of notifiable associations. The queryset
they narrow always comes from a selector (``association_register_for_user``), never from here."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q

from registers.associations.models import (
    NOT_ASSESSED,
    AssociationStatus,
    ConcernCategory,
    NotifiableAssociation,
    Risk,
)
from standards.core.filters import GovukTextFilter
from standards.core.forms import GovukFormMixin


class RegisterFilterForm(GovukFormMixin, forms.Form):
    """The register's filter form, with the GOV.UK classes on its fields."""


class AssociationFilter(django_filters.FilterSet):
    """The CCU's register: filter by status, category and current risk, or search by name."""

    q = GovukTextFilter(
        label="Name or staff number", method="filter_search", max_length=100, name="The name"
    )
    status = django_filters.ChoiceFilter(
        choices=AssociationStatus.choices, empty_label="Any status"
    )
    category = django_filters.ChoiceFilter(
        field_name="category_of_concern",
        label="Category of concern",
        choices=ConcernCategory.choices,
        empty_label="Any category",
    )
    risk = django_filters.ChoiceFilter(
        field_name="current_risk",
        label="Current risk",
        choices=[*Risk.choices, ("none", NOT_ASSESSED)],
        empty_label="Any risk",
        method="filter_risk",
    )

    class Meta:
        model = NotifiableAssociation
        fields: list[str] = []
        form = RegisterFilterForm

    def filter_search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(
                Q(associate_name__icontains=word)
                | Q(declarant__first_name__icontains=word)
                | Q(declarant__last_name__icontains=word)
                | Q(declarant__staff_number__iexact=word)
                | Q(declarant__collar_number__iexact=word)
            )
        return queryset

    def filter_risk(self, queryset, name, value):
        if value == "none":
            return queryset.filter(current_risk__isnull=True)
        return queryset.filter(current_risk=value)
