"""The cross-checks: one small module each, registered here.

A check says what it compares and splits its work into chunks that several workers can take at
once (``plan``); each chunk returns what it found (``run_chunk``). The runner
(``registers.crosschecks.services.runs``) records the run, writes the findings and resolves the
ones no longer found. A check never writes anything itself, so running it twice, or in ten
chunks instead of one, finds exactly the same things.

A ``Hit``'s ``key`` must be stable and must depend only on the records matched (never on the run,
the chunk or the date): "gift-donor-supplier:gift-42:supplier-7". Each key must be produced by one
chunk only, which is how a check that splits on its driving table's primary keys behaves.

Adding a check: a module in this package that builds a ``Check`` and calls ``register``; import
it in ``registers.crosschecks.apps``. Its tests go in ``tests/crosschecks/test_check_<name>.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from registers.crosschecks.models import Audience


@dataclass(frozen=True)
class Hit:
    """One thing a check found.

    ``summary`` is one sentence for the reviewer; ``details`` (JSON-serialisable) holds the
    records matched, their dates and the match score. For a PSD check neither may carry CCU
    material.
    """

    key: str
    person_ids: tuple[int, ...]
    summary: str
    details: dict = field(default_factory=dict)
    score: float | None = None


@dataclass(frozen=True)
class ChunkResult:
    rows_compared: int
    hits: list[Hit]


@dataclass(frozen=True)
class Check:
    """``plan(today=...)`` returns each chunk's params (JSON-serialisable dicts, at least one);
    ``run_chunk(params, today=...)`` does one chunk's work. ``order`` runs checks that read
    other checks' findings (the annual-declaration check) after them."""

    name: str
    title: str
    audience: Audience
    description: str
    plan: Callable[..., list[dict]]
    run_chunk: Callable[..., ChunkResult]
    order: int = 100


_CHECKS: dict[str, Check] = {}


def register(check: Check) -> Check:
    _CHECKS[check.name] = check
    return check


def registered_checks() -> list[Check]:
    return sorted(_CHECKS.values(), key=lambda check: (check.order, check.name))


def check_named(name: str) -> Check:
    try:
        return _CHECKS[name]
    except KeyError:
        raise LookupError(f"No cross-check is called {name!r}") from None


# --- helpers for checks that split on a table's primary keys --------------------------------

DEFAULT_CHUNK_ROWS = 50_000


def pk_ranges(queryset, *, rows: int = DEFAULT_CHUNK_ROWS) -> list[dict]:
    """Chunks of ``queryset`` by primary key: [{"pk_from": 1, "pk_to": 50000}, ...]. Ranges of
    the key space, not of the rows, so the plan costs one query; an empty table is one chunk."""
    from django.db.models import Max, Min

    bounds = queryset.aggregate(low=Min("pk"), high=Max("pk"))
    low, high = bounds["low"], bounds["high"]
    if low is None:
        return [{"pk_from": 0, "pk_to": 0}]
    return [
        {"pk_from": start, "pk_to": min(start + rows - 1, high)}
        for start in range(low, high + 1, rows)
    ]


def in_range(queryset, params: dict):
    return queryset.filter(pk__gte=params["pk_from"], pk__lte=params["pk_to"])


def months_apart(first: dt.date, second: dt.date) -> float:
    return abs((first - second).days) / (365.25 / 12)


def person_ids(values: Iterable[int | None]) -> tuple[int, ...]:
    return tuple(sorted({value for value in values if value}))
