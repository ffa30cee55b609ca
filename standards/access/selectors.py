"""Reads of the access log: for the auditor role only, and never of case content."""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404

from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role, has_role


def may_audit(user) -> bool:
    return user.is_authenticated and has_role(user, Role.AUDITOR)


def access_log_for_user(*, user) -> QuerySet[AccessLogEntry]:
    if not may_audit(user):
        raise Http404
    return AccessLogEntry.objects.select_related("content_type")


class AccessLogFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label="Person (username)", method="filter_person", max_length=150
    )
    record = django_filters.CharFilter(
        label="Record reference", method="filter_record", max_length=64
    )
    date_from = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__gte",
        label="From",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        field_name="at",
        lookup_expr="date__lte",
        label="To",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    action = django_filters.ChoiceFilter(choices=AccessAction.choices, empty_label="Any action")

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []

    def filter_person(self, queryset, name, value):
        return queryset.filter(username__iexact=value.strip())

    def filter_record(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(record_ref__iexact=value) | Q(record_ref__iendswith=f":{value}"))
