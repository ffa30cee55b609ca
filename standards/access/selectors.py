"""Reads of the access log: the whole log for the auditor (never case content, never the details
of a row that is opaque to them), the Counter Corruption Unit's own rows in full for the CCU head.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import Http404

from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role, has_role


def may_audit(user) -> bool:
    return user.is_authenticated and has_role(user, Role.AUDITOR)


def may_audit_ccu(user) -> bool:
    return user.is_authenticated and has_role(user, Role.CCU_HEAD)


def access_log_for_user(*, user) -> QuerySet[AccessLogEntry]:
    """The auditor's log: the rows alone. Never join ``detail`` here: it holds what the corridor
    keeps from the auditor."""
    if not may_audit(user):
        raise Http404
    return AccessLogEntry.objects.all()


def ccu_log_for_user(*, user) -> QuerySet[AccessLogEntry]:
    """The CCU head's log: every row that is opaque to the auditor, with its details."""
    if not may_audit_ccu(user):
        raise Http404
    return AccessLogEntry.objects.filter(area=Area.CCU).select_related("detail")


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
        return queryset.filter(self.record_matches(value.strip()))

    def record_matches(self, value: str) -> Q:
        return Q(record_ref__iexact=value) | Q(record_ref__iendswith=f":{value}")


class CcuLogFilter(AccessLogFilter):
    """The CCU head finds a row by the record's own reference or by the opaque one."""

    def record_matches(self, value: str) -> Q:
        return super().record_matches(value) | Q(detail__record_ref__iexact=value)
