"""Reads of the access log: the whole log for the auditor (never case content, never the details
of a row that is opaque to them), the Counter Corruption Unit's own rows in full for the CCU head.
"""

from __future__ import annotations

import re

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.http import Http404

from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role, has_role
from standards.core.dates import on, today
from standards.core.filters import GovukDateFilter
from standards.core.forms import GovukFormMixin


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


LEGACY_REF = re.compile(r"^(?P<app>[a-z_]+)\.(?P<model>[a-z_]+):(?P<pk>\S+)$")


def _date_filter(name: str, lookup: str) -> GovukDateFilter:
    # The log starts with the service; a date before 2020 or after today is a slip of the keys.
    return GovukDateFilter(
        field_name="at", lookup_expr=lookup, label=name, name=name, earliest=on(2020), latest=today
    )


class AccessLogFilterForm(GovukFormMixin, forms.Form):
    def clean(self):
        cleaned = super().clean()
        date_from, date_to = cleaned.get("date_from"), cleaned.get("date_to")
        if date_from and date_to and date_from > date_to:
            self.add_error("date_to", "Date to must be the same as or after date from")
        return cleaned


class AccessLogFilter(django_filters.FilterSet):
    person = django_filters.CharFilter(
        label="Person (username)",
        method="filter_person",
        max_length=150,
        error_messages={"max_length": "A username is 150 characters or fewer"},
    )
    record = django_filters.CharFilter(
        label="Record reference",
        help_text="For example, BI-00230 or GH-000449",
        method="filter_record",
        max_length=64,
        error_messages={"max_length": "A record reference is 64 characters or fewer"},
    )
    date_from = _date_filter("Date from", "date__gte")
    date_to = _date_filter("Date to", "date__lte")
    action = django_filters.ChoiceFilter(
        choices=AccessAction.choices,
        empty_label="Any action",
        error_messages={"invalid_choice": "Select an action from the list"},
    )

    class Meta:
        model = AccessLogEntry
        fields: list[str] = []
        form = AccessLogFilterForm

    @property
    def qs(self):
        # Invalid filters show their errors and no rows, never the rows of the filters that parsed
        # (django-filter's default), which an auditor would take for the answer.
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return super().qs

    def filter_person(self, queryset, name, value):
        return queryset.filter(username__iexact=value.strip())

    def filter_record(self, queryset, name, value):
        return queryset.filter(self.record_matches(value.strip()))

    def record_matches(self, value: str) -> Q:
        """The record's reference as the log shows it (BI-00230, Person 41); older rows, which
        named a record "app.model:pk", by that form or by its number after the colon."""
        matches = Q(record_ref__iexact=value) | Q(record_ref__iendswith=f":{value}")
        legacy = LEGACY_REF.match(value.lower())
        if legacy:
            content_type = ContentType.objects.filter(
                app_label=legacy["app"], model=legacy["model"]
            ).first()
            if content_type is not None:
                matches |= Q(content_type=content_type, object_id=legacy["pk"])
        return matches


class CcuLogFilter(AccessLogFilter):
    """The CCU head finds a row by the record's own reference or by the opaque one."""

    def record_matches(self, value: str) -> Q:
        matches = super().record_matches(value) | Q(detail__record_ref__iexact=value)
        legacy = LEGACY_REF.match(value.lower())
        if legacy:
            matches |= Q(
                detail__content_type__app_label=legacy["app"],
                detail__content_type__model=legacy["model"],
                detail__object_id=legacy["pk"],
            )
        return matches
