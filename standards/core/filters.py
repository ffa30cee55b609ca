"""django-filter filters drawn as the service's own questions (standards.core.fields), so a
register's filters ask for text and dates the way every form does."""

from __future__ import annotations

import django_filters

from standards.core.fields import GovukDateField, GovukTextField


class GovukTextFilter(django_filters.CharFilter):
    """A search box: a limit told by a message, never a maxlength that cuts what is pasted."""

    field_class = GovukTextField


class GovukDateFilter(django_filters.DateFilter):
    """A date as day, month and year; pass ``name`` for its messages ("Offered from must be a
    real date")."""

    field_class = GovukDateField
