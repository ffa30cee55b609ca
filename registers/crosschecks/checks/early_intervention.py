"""early-intervention: a member with ``EARLY_INTERVENTION_COUNT`` or more complaints, allegations
of one IOPC category, or conduct matters in the last ``EARLY_INTERVENTION_MONTHS`` months.

The events come from the "person_events" cross-check data (complaints and conduct registers its
provider; the check never imports that area), dated by when each case was received. Only the
kinds in ``EARLY_INTERVENTION_KINDS`` are counted, each kind on its own; allegations are counted
per IOPC category, because it is a run of the same kind of behaviour (three discrimination
allegations) that early intervention looks for.

What is counted is cases, not rows: three allegations of one category in one complaint are one
incident, not a pattern, so a member needs that many separate cases to be flagged.

The window slides: it is the M months up to and including the check's day, so a member drops
out as their oldest case ages out, and the finding (keyed on the member, kind and category,
never on dates) is resolved then. The details list the cases in the window.

Driven by people (chunks by primary key), serving members only; each chunk reads its members
in one query and streams the events of the window, keeping its own members' (the events are
a few thousand a year, far fewer than the workforce).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.utils.text import slugify

from registers.crosschecks import checks
from registers.crosschecks.models import Audience
from standards.core.extensions import crosscheck_data
from standards.people.models import Person

NAME = "early-intervention"
_WORDS = {"complaint": "complaints", "allegation": "allegations", "conduct": "conduct matters"}


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` months earlier (the month's last day if it has no such day)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window(today: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day counted: M months ending with ``today``."""
    return months_before(today, settings.EARLY_INTERVENTION_MONTHS) + dt.timedelta(days=1), today


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(Person.objects.all(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    members = set(
        checks.in_range(Person.objects.serving(on=today).order_by(), params).values_list(
            "pk", flat=True
        )
    )
    kinds = set(settings.EARLY_INTERVENTION_KINDS)
    since, until = window(today)
    # (person, kind, category) -> {case reference: the day it was received}
    counted: dict[tuple[int, str, str], dict[str, dt.date]] = defaultdict(dict)
    for event in crosscheck_data("person_events", since=since, until=until):
        if event.person_id not in members or event.kind not in kinds:
            continue
        if not since <= event.occurred_on <= until:
            continue  # a provider that reads its window loosely is held to it here
        category = event.category if event.kind == "allegation" else ""
        counted[(event.person_id, event.kind, category)][event.reference] = event.occurred_on

    threshold = settings.EARLY_INTERVENTION_COUNT
    months = settings.EARLY_INTERVENTION_MONTHS
    hits: list[checks.Hit] = []
    for (person_id, kind, category), cases in sorted(counted.items()):
        if len(cases) < threshold:
            continue
        key = f"{NAME}:person-{person_id}:{kind}"
        what = _WORDS.get(kind, kind)
        if category:
            key = f"{key}:{slugify(category)}"
            what = f"{what} of {category.lower()}"
        listed = sorted(cases.items(), key=lambda case: (case[1], case[0]))
        hits.append(
            checks.Hit(
                key=key,
                person_ids=(person_id,),
                summary=(
                    f"{len(cases)} {what} in the last {months} months: "
                    + ", ".join(reference for reference, _ in listed)
                ),
                details={
                    "kind": kind,
                    "category": category,
                    "count": len(cases),
                    "threshold": threshold,
                    "months": months,
                    "cases": [
                        {"reference": reference, "received_on": received.isoformat()}
                        for reference, received in listed
                    ],
                },
            )
        )
    return checks.ChunkResult(rows_compared=len(members), hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Early intervention",
        audience=Audience.PSD,
        description=(
            f"A member with {settings.EARLY_INTERVENTION_COUNT} or more complaints, allegations "
            f"of one kind, or conduct matters in {settings.EARLY_INTERVENTION_MONTHS} months."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
