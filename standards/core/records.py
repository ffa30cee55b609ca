"""What every area's services share when they change a record: free text cleaned and refused if
it carries markup, a save that writes who and why into the history, and dates that cannot be in
the future."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from standards.core.validators import no_markup


def clean_text(value: str, field: str, *, required: str | None = None) -> str:
    """Free text, stripped and refused if it carries markup; ``required`` is the message when
    it is empty (None: optional)."""
    value = (value or "").strip()
    if required and not value:
        raise ValidationError({field: required})
    try:
        no_markup(value)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from None
    return value


def save_with_history(record: models.Model, reason: str, acting_user, **kwargs) -> None:
    """Save ``record`` with the history row saying who changed it and why."""
    record._change_reason = reason[:100]  # the history table's reason column holds 100
    record._history_user = acting_user
    record.save(**kwargs)


def not_in_future(day: dt.date | None, field: str, what: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationError({field: f"{what} must be today or in the past"})
