"""diary-no-gift: a senior officer's diary shows hospitality from an outside organisation, and
the gifts and hospitality register has nothing from that organisation around that day.

Only engagements whose event type says hospitality is likely (a dinner, a reception, a
conference: ``CROSSCHECK_DIARY_HOSPITALITY_WORDS``) are looked at. A plain meeting, call or
visit is the ordinary business of a senior officer and nothing is offered at one to declare, so
flagging those would bury the real gaps. An engagement is looked at once the member has had
``CROSSCHECK_DECLARATION_GRACE_DAYS`` to declare it.

Any declaration of something received from a matching donor (gift or hospitality, accepted or
declined, but not withdrawn) within ``CROSSCHECK_DIARY_DAYS`` either side of the engagement
answers it: a declined offer was still declared.

The check is driven by the diary (chunks of entries by primary key). Each chunk reads, in one
query, only the gifts of the chunk's people within the window of one of their engagements (an
``EXISTS`` against the chunk's entries), indexes them per person by donor (``OrgIndex``), then
streams the entries past the index.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, OuterRef

from registers.crosschecks import checks
from registers.crosschecks.matching import OrgIndex, normalise_org
from registers.crosschecks.models import Audience, DiaryEntry
from registers.gifts.models import Direction, Gift, GiftStatus

NAME = "diary-no-gift"


def words_pattern(words: list[str]) -> str:
    r"""A regular expression matching any of ``words`` as a whole word (plural too). Written
    with ``\W`` rather than PostgreSQL's ``\m``/``\M`` so that the demo's SQLite (Python's
    ``re``) reads it the same way."""
    alternatives = "|".join(re.escape(word.strip().casefold()) for word in words if word.strip())
    return rf"(^|\W)({alternatives})(e?s)?(\W|$)"


def _hospitality_entries(params: dict, *, today: dt.date):
    grace = dt.timedelta(days=settings.CROSSCHECK_DECLARATION_GRACE_DAYS)
    return checks.in_range(DiaryEntry.objects.order_by(), params).filter(
        event_type__iregex=words_pattern(settings.CROSSCHECK_DIARY_HOSPITALITY_WORDS),
        date__lte=today - grace,
    )


@functools.lru_cache(maxsize=100_000)
def _normalised(name: str) -> str:
    # Donors recur (the same firm gives to many members): cleanco is run once per name.
    return normalise_org(name)


def _declarations_near(entries, *, days: int) -> dict[int, list[tuple]]:
    """Each person's declarations of something received within ``days`` of one of ``entries``:
    person id -> [(gift pk, donor name, normalised donor, offered on)]."""
    window = dt.timedelta(days=days)
    near_an_entry = entries.filter(
        person_id=OuterRef("declarant_id"),
        date__gte=OuterRef("offered_on") - window,
        date__lte=OuterRef("offered_on") + window,
    )
    rows = (
        Gift.objects.order_by()
        .filter(direction=Direction.RECEIVED)
        .exclude(status=GiftStatus.WITHDRAWN)
        .filter(Exists(near_an_entry))
        .values_list("pk", "declarant_id", "donor_name", "offered_on")
    )
    by_person: dict[int, list[tuple]] = defaultdict(list)
    for pk, person_id, donor, offered_on in rows.iterator(chunk_size=2000):
        by_person[person_id].append((pk, donor, _normalised(donor), offered_on))
    return by_person


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(DiaryEntry.objects.all(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    days = settings.CROSSCHECK_DIARY_DAYS
    entries = _hospitality_entries(params, today=today)
    declared = _declarations_near(entries, days=days)
    indexes: dict[int, OrgIndex] = {}
    for person_id, gifts in declared.items():
        index = indexes[person_id] = OrgIndex()
        for gift in gifts:
            index.add(gift, gift[2])

    hits: list[checks.Hit] = []
    compared = 0
    rows = entries.values_list(
        "pk", "person_id", "date", "organisation", "normalised", "event_type"
    )
    for pk, person_id, date, organisation, normalised, event_type in rows.iterator(chunk_size=2000):
        compared += 1
        index = indexes.get(person_id)
        matched = [
            match
            for match in (index.match(normalised) if index is not None else [])
            if abs((match.key[3] - date).days) <= days
        ]
        if matched:
            continue
        nearby = [
            {
                "reference": Gift.reference_for(gift[0]),
                "donor": gift[1],
                "offered_on": gift[3].isoformat(),
            }
            for gift in declared.get(person_id, [])
            if abs((gift[3] - date).days) <= days
        ]
        hits.append(
            checks.Hit(
                key=f"{NAME}:diary-{pk}",
                person_ids=(person_id,),
                summary=(
                    f"The diary shows {event_type.lower()} with {organisation} on "
                    f"{date:%-d %B %Y}, and no gift or hospitality from them is declared "
                    f"within {days} days of it"
                ),
                details={
                    "diary_entry": {
                        "id": pk,
                        "date": date.isoformat(),
                        "organisation": organisation,
                        "event_type": event_type,
                    },
                    "window_days": days,
                    # What the member did declare around that day, from other donors: a donor
                    # written quite differently shows up here for the reviewer.
                    "other_declarations": sorted(nearby, key=lambda g: g["offered_on"]),
                },
            )
        )
    return checks.ChunkResult(rows_compared=compared, hits=hits)


checks.register(
    checks.Check(
        name=NAME,
        title="Diary hospitality with no declaration",
        audience=Audience.PSD,
        description=(
            "A senior officer's diary shows a dinner, reception, conference or similar with an "
            "outside organisation, and the gifts and hospitality register has nothing from "
            f"that organisation within {settings.CROSSCHECK_DIARY_DAYS} days of it."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
