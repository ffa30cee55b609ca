"""What a browser sends for the GOV.UK question types (standards.core.fields)."""

from __future__ import annotations

import datetime as dt


def date_parts(name: str, day: dt.date | None = None, *, typed: tuple = ()) -> dict[str, str]:
    """A date input's three answers: from a date, or as typed (``typed=("31", "2", "")``)."""
    if typed:
        values = typed
    elif day is not None:
        values = (str(day.day), str(day.month), str(day.year))
    else:
        values = ("", "", "")
    return {
        f"{name}_{part}": value
        for part, value in zip(("day", "month", "year"), values, strict=True)
    }
