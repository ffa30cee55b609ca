"""The filters on PSD's register of business interests (django-filter). The queryset they filter
comes from ``selectors.interest_register_for_user``: the register as the user may see it."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from registers.interests.models import (
    REVIEW_NOTICE_DAYS,
    BusinessInterest,
    InterestStatus,
    InterestType,
)
from standards.core.filters import GovukTextFilter
from standards.core.forms import GovukFormMixin


class _FilterForm(GovukFormMixin, forms.Form):
    pass


class InterestFilter(django_filters.FilterSet):
    person = GovukTextFilter(
        label="Name or staff number", method="filter_person", max_length=100, name="The name"
    )
    status = django_filters.ChoiceFilter(choices=InterestStatus.choices, empty_label="Any status")
    interest_type = django_filters.ChoiceFilter(
        label="Type", choices=InterestType.choices, empty_label="Any type"
    )
    review = django_filters.ChoiceFilter(
        label="Review",
        choices=[("due", "Due for review"), ("overdue", "Review overdue")],
        empty_label="Any",
        method="filter_review",
    )

    class Meta:
        model = BusinessInterest
        fields: list[str] = []
        form = _FilterForm

    def filter_person(self, queryset, name, value):
        for word in value.split()[:4]:
            queryset = queryset.filter(
                Q(declarant__first_name__icontains=word)
                | Q(declarant__last_name__icontains=word)
                | Q(declarant__staff_number__iexact=word)
            )
        return queryset

    def filter_review(self, queryset, name, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.review_overdue(today)
        return queryset.needing_review(today, REVIEW_NOTICE_DAYS)
