"""Gift donor is a supplier: a gift or hospitality declaration whose other party is a supplier
to the force, or a bidder for one of its tenders, within CROSSCHECK_PROCUREMENT_MONTHS either
side of the contract's award, the tender's date or the bid.

Every declaration counts whichever way it went: offered to the member or given or offered by
them, accepted or declined. A declined offer from a bidder is still an approach worth knowing
of, and the summary says it was declined. Withdrawn declarations are left out: the member
withdrew them before any decision, usually because they were made in error.

The chunks split the gifts by primary key. Each chunk loads the procurement register's
suppliers into one ``OrgIndex`` (one query, streamed), matches each donor against it, and then
reads the contracts and bids of only the suppliers matched (a query per 10,000 of them), so a
chunk costs the same few queries however many gifts it holds. A supplier that shares its
Companies House number with a matched supplier is the same company under another name (renamed,
or written differently in another file), so its contracts count too.

This module also holds the supplier side that ``interest_supplier`` reuses.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.conf import settings

from registers.crosschecks import checks
from registers.crosschecks.matching import (
    COMMON_WORDS,
    OrgIndex,
    _words,
    chunked,
    normalise_company_number,
    normalise_org,
    org_blocks,
)
from registers.crosschecks.models import Audience, Bid, Contract, ContractKind, Supplier
from registers.gifts.models import Gift

NAME = "gift-donor-supplier"
# The most contracts and bids one finding lists (nearest first); the count says how many more.
MAX_RECORDS = 20
# Postgres takes at most 65,535 parameters a query: the matched suppliers are read in batches.
SUPPLIER_BATCH = 10_000
_NUMBER_IN_TEXT = re.compile(r"\b(?:[A-Z]{2}\d{6}|\d{7,8})\b")


@lru_cache(maxsize=250_000)
def normalised_donor(name: str) -> str:
    """``normalise_org``, remembered: cleanco is the slow part of a chunk (about 0.4 ms a name)
    and donors repeat, within a chunk and across the chunks a worker takes."""
    return normalise_org(name)


def number_in(text: str) -> str:
    """A Companies House number written into a name ("Acme Ltd (01234567)"), if any."""
    found = _NUMBER_IN_TEXT.search((text or "").upper())
    return normalise_company_number(found.group(0)) if found else ""


@dataclass
class SupplierSide:
    """The procurement register's suppliers, indexed for matching one chunk's names."""

    index: OrgIndex
    names: dict[int, tuple[str, str]]  # pk -> (name as imported, company number)
    by_number: dict[str, list[int]]
    words: set[str] = field(default_factory=set)

    def could_match(self, raw_name: str) -> bool:
        """False when no word of the name as written is a word of any supplier's block, so the
        name cannot match and need not be normalised (cleanco is the slow part). Normalising
        only removes words (legal suffixes, punctuation), never adds one."""
        return not self.words.isdisjoint(_words(raw_name))

    def matches(self, raw_name: str) -> dict[int, tuple[float, str]]:
        """Supplier pk -> (score, "name" or "company number") for every supplier matching the
        name, with the suppliers sharing a matched supplier's company number."""
        number = number_in(raw_name)
        if not number and not self.could_match(raw_name):
            return {}
        found: dict[int, tuple[float, str]] = {}
        for match in self.index.match(normalised_donor(raw_name), number):
            found[match.key] = (
                match.score,
                "company number" if match.on_company_number else "name",
            )
        for pk, (score, _how) in list(found.items()):
            for other in self.by_number.get(self.names[pk][1], ()) if self.names[pk][1] else ():
                found.setdefault(other, (score, "company number"))
        return found


def load_suppliers() -> SupplierSide:
    """Every supplier, in one streamed query."""
    index = OrgIndex()
    names: dict[int, tuple[str, str]] = {}
    by_number: dict[str, list[int]] = defaultdict(list)
    words: set[str] = set()
    rows = Supplier.objects.order_by().values_list("pk", "name", "normalised", "company_number")
    for pk, name, normalised, company_number in rows.iterator(chunk_size=5000):
        index.add(pk, normalised, company_number)
        names[pk] = (name, company_number)
        if company_number:
            by_number[company_number].append(pk)
        for block in org_blocks(normalised):
            parts = block.split()
            words.update([word for word in parts if word not in COMMON_WORDS] or parts)
    return SupplierSide(index=index, names=names, by_number=dict(by_number), words=words)


@dataclass(frozen=True)
class ProcurementRecord:
    """A contract awarded to a supplier, or its bid for a tender, with the dates that count."""

    supplier_id: int
    kind: str  # "contract" or "bid"
    reference: str
    title: str
    dates: tuple[dt.date, ...]  # award date; or the tender's date and the bid's

    def as_details(self, months: float | None = None) -> dict:
        details = {
            "kind": self.kind,
            "reference": self.reference,
            "title": self.title,
            "awarded_on" if self.kind == "contract" else "tender_date": self.dates[0].isoformat(),
        }
        if self.kind == "bid":
            details["bid_on"] = self.dates[1].isoformat()
        if months is not None:
            details["months_apart"] = round(months, 1)
        return details

    def phrase(self) -> str:
        if self.kind == "contract":
            return f"was awarded contract {self.reference} on {_day(self.dates[0])}"
        return f"bid for tender {self.reference} on {_day(self.dates[1])}"


def procurement_records(supplier_ids) -> dict[int, list[ProcurementRecord]]:
    """The contracts and bids of these suppliers: two queries per 10,000 suppliers."""
    records: dict[int, list[ProcurementRecord]] = defaultdict(list)
    for batch in chunked(sorted(supplier_ids), SUPPLIER_BATCH):
        contracts = Contract.objects.filter(kind=ContractKind.CONTRACT, supplier_id__in=batch)
        for supplier_id, reference, title, awarded_on in (
            contracts.order_by().values_list("supplier_id", "reference", "title", "awarded_on")
        ).iterator(chunk_size=5000):
            records[supplier_id].append(
                ProcurementRecord(supplier_id, "contract", reference, title, (awarded_on,))
            )
        bids = Bid.objects.filter(supplier_id__in=batch).order_by()
        columns = ("tender__reference", "tender__title", "tender__awarded_on", "submitted_on")
        for supplier_id, reference, title, tender_on, bid_on in bids.values_list(
            "supplier_id", *columns
        ).iterator(chunk_size=5000):
            records[supplier_id].append(
                ProcurementRecord(supplier_id, "bid", reference, title, (tender_on, bid_on))
            )
    return records


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%B %Y}"


def _gift_reference(pk: int) -> str:
    return Gift.reference_for(pk)


# --- the check ---------------------------------------------------------------------------------


def _gifts():
    from registers.gifts.models import Gift, GiftStatus

    return Gift.objects.exclude(status=GiftStatus.WITHDRAWN)


def plan(*, today: dt.date) -> list[dict]:
    return checks.pk_ranges(_gifts(), rows=settings.CROSSCHECK_CHUNK_ROWS)


def run_chunk(params: dict, *, today: dt.date) -> checks.ChunkResult:
    suppliers = load_suppliers()
    rows = (
        checks.in_range(_gifts(), params)
        .order_by()
        .values_list(
            "pk", "declarant_id", "donor_name", "direction", "response", "kind", "offered_on"
        )
    )
    compared = 0
    candidates = []
    for gift in rows.iterator(chunk_size=2000):
        compared += 1
        for supplier_id, (score, how) in suppliers.matches(gift[2]).items():
            candidates.append((gift, supplier_id, score, how))
    records = procurement_records({supplier_id for _g, supplier_id, _s, _h in candidates})
    months = settings.CROSSCHECK_PROCUREMENT_MONTHS
    hits = []
    for gift, supplier_id, score, how in candidates:
        near = []
        for record in records.get(supplier_id, ()):
            apart = min(checks.months_apart(gift[6], day) for day in record.dates)
            if apart <= months:
                near.append((apart, record))
        if near:
            near.sort(key=lambda pair: (pair[0], pair[1].reference))
            hits.append(_hit(gift, supplier_id, score, how, near, suppliers))
    return checks.ChunkResult(rows_compared=compared, hits=hits)


def _hit(gift, supplier_id, score, how, near, suppliers: SupplierSide) -> checks.Hit:
    from registers.gifts.models import Direction, Kind, Response

    pk, declarant_id, donor, direction, response, kind, offered_on = gift
    supplier_name, company_number = suppliers.names[supplier_id]
    declined = " (declined)" if response == Response.DECLINED else ""
    what = Kind(kind).label.lower()
    if direction == Direction.GIVEN:
        offer = f"{what} given or offered by the member to {donor}"
    else:
        offer = f"{what} offered to the member by {donor}{declined}"
    apart, nearest = near[0]
    summary = (
        f"{_gift_reference(pk)}: {offer} on {_day(offered_on)}; supplier {supplier_name} "
        f"{nearest.phrase()}, {apart:.0f} months apart."
    )
    return checks.Hit(
        key=f"{NAME}:gift-{pk}:supplier-{supplier_id}",
        person_ids=checks.person_ids([declarant_id]),
        summary=summary,
        score=score,
        details={
            "gift": {
                "reference": _gift_reference(pk),
                "donor": donor,
                "direction": direction,
                "response": response,
                "offered_on": offered_on.isoformat(),
            },
            "supplier": {
                "name": supplier_name,
                "company_number": company_number,
                "matched_on": how,
            },
            "score": score,
            "records": [record.as_details(months) for months, record in near[:MAX_RECORDS]],
            "records_total": len(near),
        },
    )


checks.register(
    checks.Check(
        name=NAME,
        title="Gift donor is a supplier",
        audience=Audience.PSD,
        description=(
            "A gift or hospitality offered to or by a member (accepted or declined) whose other "
            "party is a supplier or bidder in the procurement register within "
            "CROSSCHECK_PROCUREMENT_MONTHS either side of a contract award, tender or bid."
        ),
        plan=plan,
        run_chunk=run_chunk,
    )
)
