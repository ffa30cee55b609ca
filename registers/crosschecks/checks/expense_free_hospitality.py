"""expense-free-hospitality: a member claims expenses for hospitality or a meal paid to someone
the member also declared as giving them hospitality (or a gift) free, around the same day.

An expense line is a claim for hospitality when a word of its category or purpose is one of
``CROSSCHECK_EXPENSE_HOSPITALITY_WORDS`` (hospitality, meal, dinner...). The declaration must be
of something received and accepted (a declined offer was not received free), not withdrawn, by
the same member, from a donor matching the payee, within ``CROSSCHECK_EXPENSE_DAYS`` days
either side of the claim's date.

Driven by the expense lines (a million in the benchmark): chunks by primary key; each chunk
reads, in one query, only the accepted declarations of the chunk's claimants near one of their
hospitality claims (an ``EXISTS`` against the chunk's lines), indexes them per person by donor
(``OrgIndex``) and streams the chunk's hospitality lines past the index. One finding per claim
line and declaration matched.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, OuterRef, Q

from registers.crosschecks import checks
from registers.crosschecks.checks.diary_no_gift import words_pattern
from registers.crosschecks.matching import OrgIndex, normalise_org
from registers.crosschecks.models import Audience, ExpenseClaim
from registers.gifts.models import Direction, Gift, GiftStatus, Response

NAME = "expense-free-hospitality"


def _hospitality_lines(params: dict):
    pattern = words_pattern(settings.CROSSCHECK_EXPENSE_HOSPITALITY_WORDS)
    return checks.in_range(ExpenseClaim.objects.order_by(), params).filter(
        Q(category__iregex=pattern) | Q(purpose__iregex=pattern)
    )


def _indexes(lines, *, days: int) -> dict[int, OrgIndex]:
    """Per person, an index of their accepted declarations near one of ``lines``; each entry's
    key is (gift pk, donor name, offered on, kind)."""
    window = dt.timedelta(days=days)
    near_a_claim = lines.filter(
        person_id=OuterRef("declarant_id"),
        date__gte=OuterRef("offered_on") - window,
        date__lte=OuterRef("offered_on") + window,
    )
    rows = (
        Gift.objects.order_by()
        .filter(direction=Direction.RECEIVED, response=Response.ACCEPTED)
        .exclude(status=GiftStatus.WITHDRAWN)
        .filter(Exists(near_a_claim))
        .values_list("pk", "declarant_id", "donor_name", "offered_on", "kind")
    )
    indexes: dict[int, OrgIndex] = defaultdict(OrgIndex)
    names: dict[str, str] = {}
    for pk, person_id, donor, offered_on, kind in rows.iterator(chunk_size=2000):
        if donor not in names:
            names[donor] = normalise_org(donor)
        indexes[person_id].add((pk, donor, offered_on, kind), names[donor])
    return indexes


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(ExpenseClaim.objects.all(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    days = settings.CROSSCHECK_EXPENSE_DAYS
    lines = _hospitality_lines(params)
    indexes = _indexes(lines, days=days)
    hits: list[checks.Hit] = []
    compared = 0
    rows = lines.values_list(
        "pk", "person_id", "date", "amount", "payee", "normalised", "purpose", "category"
    )
    for pk, person_id, date, amount, payee, normalised, purpose, category in rows.iterator(
        chunk_size=2000
    ):
        compared += 1
        index = indexes.get(person_id)
        if index is None:
            continue
        for match in index.match(normalised):
            gift_pk, donor, offered_on, kind = match.key
            if abs((offered_on - date).days) > days:
                continue
            reference = Gift.reference_for(gift_pk)
            hits.append(
                checks.Hit(
                    key=f"{NAME}:expense-{pk}:gift-{gift_pk}",
                    person_ids=(person_id,),
                    summary=(
                        f"An expense claim of £{amount} to {payee} on {date:%-d %B %Y} "
                        f"({purpose}) matches {kind} from {donor} declared as received free "
                        f"({reference}, {offered_on:%-d %B %Y})"
                    ),
                    details={
                        "expense": {
                            "id": pk,
                            "date": date.isoformat(),
                            "amount": str(amount),
                            "payee": payee,
                            "purpose": purpose,
                            "category": category,
                        },
                        "declaration": {
                            "reference": reference,
                            "donor": donor,
                            "kind": kind,
                            "offered_on": offered_on.isoformat(),
                        },
                        "score": match.score,
                        "window_days": days,
                    },
                    score=match.score,
                )
            )
    return checks.ChunkResult(rows_compared=compared, hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Expenses claimed for hospitality declared as free",
        audience=Audience.PSD,
        description=(
            "An expense claim for hospitality or a meal paid to an organisation the member "
            "declared as giving them that hospitality free, within "
            f"{settings.CROSSCHECK_EXPENSE_DAYS} days of the claim."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
