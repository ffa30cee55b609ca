"""Repeat donors, over the last CROSSCHECK_REPEAT_MONTHS:

- "repeat-donor-members": one donor offering gifts or hospitality to CROSSCHECK_DONOR_MEMBERS
  or more different members;
- "repeat-member-donor": one member offered CROSSCHECK_MEMBER_GIFTS or more gifts or
  hospitality by one donor.

Offers made to members count, accepted or declined (a declined offer is still the donor's
approach); gifts a member gave are not a donor's, and withdrawn declarations are left out.

One donor is every spelling of it: names are normalised ("Acme Ltd" and "ACME Limited" are both
"acme") and names within one block that match at CROSSCHECK_ORG_THRESHOLD are joined (an
``OrgIndex`` within the block, joined transitively). A name's block is the first significant word
of the name as written (``donor_block``): "The Acme Ltd", "ACME Limited" and "Acme Holdings" are
all in "acme"; "Acne Ltd" is in "acne" and is never compared with them.

The chunks split the donors, not the gifts: a chunk takes the blocks whose CRC-32 (stable
across processes, unlike ``hash``) is its number modulo the number of chunks, so every donor and
every finding about it comes from one chunk, and the findings are the same whatever the number
of chunks. Each chunk reads the window's declarations grouped in SQL by donor as written and
member (one query: the count, the declarations' ids and dates per pair) and normalises only its
own blocks' names.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import zlib
from collections import defaultdict

from django.conf import settings

from registers.crosschecks import checks
from registers.crosschecks.checks.gift_supplier import normalised_donor
from registers.crosschecks.matching import COMMON_WORDS, OrgIndex, _words
from registers.crosschecks.models import Audience
from registers.gifts.models import Gift

MEMBERS_NAME = "repeat-donor-members"
GIFTS_NAME = "repeat-member-donor"
# Legal-form words that never start a donor's block (normalising removes them anyway).
LEGAL_WORDS = frozenset({"ltd", "limited", "plc", "llp", "inc", "corp", "llc", "cic", "lp"})
# The most declarations one finding lists by reference; the count says how many in all.
MAX_LISTED = 50
# Keys carry the donor's normalised name; a very long one is cut and made unique by its CRC.
KEY_NAME_CHARS = 120


def donor_block(raw_name: str) -> str:
    words = _words(raw_name)
    for word in words:
        if len(word) >= 3 and word not in COMMON_WORDS and word not in LEGAL_WORDS:
            return word
    # A name of only short or common words ("B&Q plc"): all of them but the legal form.
    return " ".join([word for word in words if word not in LEGAL_WORDS] or words)


def _chunk_of(block: str, chunks: int) -> int:
    return zlib.crc32(block.encode()) % chunks


def window_start(today: dt.date) -> dt.date:
    return today - dt.timedelta(days=round(settings.CROSSCHECK_REPEAT_MONTHS * 365.25 / 12))


def _offers(today: dt.date):
    from registers.gifts.models import Direction, Gift, GiftStatus

    return Gift.objects.filter(
        direction=Direction.RECEIVED, offered_on__gte=window_start(today), offered_on__lte=today
    ).exclude(status=GiftStatus.WITHDRAWN)


def plan(*, today: dt.date) -> list[dict]:
    rows = _offers(today).count()
    chunks = max(1, math.ceil(rows / settings.CROSSCHECK_CHUNK_ROWS))
    return [{"chunks": chunks, "chunk": number} for number in range(chunks)]


class _Donors:
    """Union-find over normalised names."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, name: str) -> str:
        self.parent.setdefault(name, name)
        while self.parent[name] != name:
            self.parent[name] = self.parent[self.parent[name]]
            name = self.parent[name]
        return name

    def join(self, first: str, second: str) -> None:
        first, second = self.find(first), self.find(second)
        if first != second:
            # The alphabetically first name leads, so a donor's name does not depend on order.
            low, high = sorted((first, second))
            self.parent[high] = low


def _donors_of_block(names: set[str]) -> _Donors:
    donors = _Donors()
    index = OrgIndex()
    for name in sorted(names):
        donors.find(name)
        index.add(name, name)
    for name in sorted(names):
        for match in index.match(name):
            donors.join(name, match.key)
    return donors


def _normalised(donor_name: str) -> str:
    # A name of legal-form words only ("Ltd") normalises to nothing: it is its own donor.
    return normalised_donor(donor_name) or donor_name.casefold()


def _key_name(name: str) -> str:
    if len(name) <= KEY_NAME_CHARS:
        return name
    return f"{name[:KEY_NAME_CHARS]}~{zlib.crc32(name.encode()):08x}"


def donor_groups(params: dict, *, today: dt.date, could_find):
    """(offers in this chunk's blocks, {donor's leading normalised name: {member id: [(gift pk,
    date, name as written)]}}). Every chunk reads the grouped rows (one row per donor as
    written and member) and keeps its own blocks'.

    A donor never reaches beyond its block, so a block whose every offer together could not
    make a finding (``could_find(members, most offers to one member)`` is False) is dropped
    before its names are normalised: most blocks are one donor offering once, and cleanco is
    the slow part (about 0.4 ms a name)."""
    chunks, number = params["chunks"], params["chunk"]
    # Sorted by donor as written and member, so the rows of one (donor, member) pair arrive
    # together and are gathered as they stream past (an array aggregate would say the same
    # in PostgreSQL only, and the demo runs on SQLite).
    rows = (
        _offers(today)
        .order_by("donor_name", "declarant_id", "pk")
        .values_list("donor_name", "declarant_id", "pk", "offered_on")
    )
    offers = 0
    by_block: dict[str, list[tuple[str, int, list, list]]] = defaultdict(list)
    pairs = itertools.groupby(rows.iterator(chunk_size=2000), key=lambda row: row[:2])
    for (donor_name, declarant_id), pair_rows in pairs:
        block = donor_block(donor_name)
        if _chunk_of(block, chunks) != number:
            continue
        pair = list(pair_rows)
        ids, dates = [row[2] for row in pair], [row[3] for row in pair]
        offers += len(ids)
        by_block[block].append((donor_name, declarant_id, ids, dates))
    groups: dict[str, dict[int, list]] = defaultdict(lambda: defaultdict(list))
    for block_rows in by_block.values():
        per_member: dict[int, int] = defaultdict(int)
        for _name, declarant_id, ids, _dates in block_rows:
            per_member[declarant_id] += len(ids)
        if not could_find(len(per_member), max(per_member.values())):
            continue
        names = {donor_name: _normalised(donor_name) for donor_name, *_rest in block_rows}
        donors = _donors_of_block(set(names.values()))
        for donor_name, declarant_id, ids, dates in block_rows:
            groups[donors.find(names[donor_name])][declarant_id].extend(
                (pk, day, donor_name) for pk, day in zip(ids, dates, strict=True)
            )
    return offers, groups


def _names(gifts: list) -> list[str]:
    return sorted({name for _pk, _day, name in gifts})


def _listed(gifts: list) -> list[dict]:
    return [
        {"reference": Gift.reference_for(pk), "offered_on": day.isoformat(), "donor": name}
        for pk, day, name in sorted(gifts)[:MAX_LISTED]
    ]


def run_members(params: dict, *, today: dt.date) -> checks.ChunkResult:
    read, groups = donor_groups(
        params,
        today=today,
        could_find=lambda members, _most: members >= settings.CROSSCHECK_DONOR_MEMBERS,
    )
    hits = []
    for leader, by_member in sorted(groups.items()):
        if len(by_member) < settings.CROSSCHECK_DONOR_MEMBERS:
            continue
        gifts = [gift for member_gifts in by_member.values() for gift in member_gifts]
        names = _names(gifts)
        hits.append(
            checks.Hit(
                key=f"{MEMBERS_NAME}:donor-{_key_name(leader)}",
                person_ids=checks.person_ids(by_member),
                summary=(
                    f"{names[0]} offered gifts or hospitality to {len(by_member)} members "
                    f"({len(gifts)} offers) in the {settings.CROSSCHECK_REPEAT_MONTHS} months "
                    f"to {today:%d %B %Y}."
                ),
                details={
                    "donor": leader,
                    "donor_names": names,
                    "members": len(by_member),
                    "offers": len(gifts),
                    "from": window_start(today).isoformat(),
                    "to": today.isoformat(),
                    "gifts": _listed(gifts),
                },
            )
        )
    return checks.ChunkResult(rows_compared=read, hits=hits)


def run_member_gifts(params: dict, *, today: dt.date) -> checks.ChunkResult:
    read, groups = donor_groups(
        params,
        today=today,
        could_find=lambda _members, most: most >= settings.CROSSCHECK_MEMBER_GIFTS,
    )
    hits = []
    for leader, by_member in sorted(groups.items()):
        for member_id, gifts in sorted(by_member.items()):
            if len(gifts) < settings.CROSSCHECK_MEMBER_GIFTS:
                continue
            names = _names(gifts)
            hits.append(
                checks.Hit(
                    key=f"{GIFTS_NAME}:donor-{_key_name(leader)}:person-{member_id}",
                    person_ids=(member_id,),
                    summary=(
                        f"The member was offered gifts or hospitality {len(gifts)} times by "
                        f"{names[0]} in the {settings.CROSSCHECK_REPEAT_MONTHS} months to "
                        f"{today:%d %B %Y}."
                    ),
                    details={
                        "donor": leader,
                        "donor_names": names,
                        "offers": len(gifts),
                        "from": window_start(today).isoformat(),
                        "to": today.isoformat(),
                        "gifts": _listed(gifts),
                    },
                )
            )
    return checks.ChunkResult(rows_compared=read, hits=hits)


checks.register(
    checks.Check(
        name=MEMBERS_NAME,
        title="One donor, many members",
        audience=Audience.PSD,
        description=(
            "One donor (every spelling of it) offering gifts or hospitality to "
            "CROSSCHECK_DONOR_MEMBERS or more members within CROSSCHECK_REPEAT_MONTHS."
        ),
        plan=plan,
        run_chunk=run_members,
    )
)
checks.register(
    checks.Check(
        name=GIFTS_NAME,
        title="One member, many offers from one donor",
        audience=Audience.PSD,
        description=(
            "One member offered gifts or hospitality CROSSCHECK_MEMBER_GIFTS or more times by "
            "one donor within CROSSCHECK_REPEAT_MONTHS."
        ),
        plan=plan,
        run_chunk=run_member_gifts,
    )
)
