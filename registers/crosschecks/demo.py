"""Demo data for the cross-checks: the procurement register, senior officers' diaries and
expense claims, written as PSD would upload them - CSV files built in memory and imported
through the import service (upload, mapping as suggested, preview, import) - then a run of
every check, so the findings pages have something real to show.

The files are made from what the other seeders wrote, so the checks find genuine matches:

- donors of received gifts and hospitality become suppliers with contracts awarded within a few
  months of the offer, and one of them bids for a tender (gift-donor-supplier);
- the employer of an approved business interest becomes a supplier (interest-supplier);
- the chief officers' diaries hold engagements with organisations that appear nowhere in the
  gifts register (diary-no-gift), beside one that was declared;
- an expense claim for hospitality that the same member declared as received free
  (expense-free-hospitality).

Some plain rows (office supplies, train fares) keep the matches from being the whole file.
Idempotent: the files are made the same way from the same data, and a file already imported
(by its SHA-256) is not uploaded again; were it uploaded, every row would be already held.
Registered from ``apps.ready`` with ``register_demo()`` (order 95: after every other seeder).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

import tablib

from registers.crosschecks.models import ImportBatch, ImportStatus
from registers.crosschecks.services import imports
from registers.crosschecks.services.runs import crosschecks_run_by_hand
from registers.gifts.models import CHIEF_OFFICER_RANKS, Direction, Gift, Kind, Response
from registers.interests.models import BusinessInterest, InterestStatus, InterestType
from standards.accounts.models import User
from standards.core import extensions
from standards.people.models import Person

ORDER = 95
IMPORTER = "psd.caseworker"
PLAIN_SUPPLIERS = ("Brackley Office Supplies Ltd", "Harrowgate Catering Services Ltd")


def register_demo() -> None:
    extensions.register_demo_seeder("Cross-checks", seed_crosschecks, order=ORDER)


def _company_number(name: str) -> str:
    return str(int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**8).zfill(8)


def _csv(headers: list[str], rows: list[list]) -> bytes:
    return tablib.Dataset(*rows, headers=headers).export("csv").encode()


def _received_gifts():
    return (
        Gift.objects.filter(direction=Direction.RECEIVED)
        .select_related("declarant")
        .order_by("offered_on", "pk")
    )


def _procurement(today: dt.date) -> bytes:
    rows: list[list] = []
    donors: dict[str, dt.date] = {}
    for donor, offered_on in (
        _received_gifts()
        .filter(donor_type__in=("supplier", "company"))
        .values_list("donor_name", "offered_on")
    ):
        donors.setdefault(donor, offered_on)
    for number, (donor, offered_on) in enumerate(sorted(donors.items())[:4], start=1):
        awarded = min(offered_on + dt.timedelta(days=75), today)
        rows.append(
            ["contract", f"DEMO-C-{number:03d}", f"Services from {donor}", donor,
             _company_number(donor), awarded.isoformat(),
             (awarded + dt.timedelta(days=730)).isoformat(), f"{25_000 * number}.00"]
        )  # fmt: skip
    if donors:
        bidder, offered_on = sorted(donors.items())[-1]
        closing = min(offered_on + dt.timedelta(days=40), today)
        rows.append(["tender", "DEMO-T-001", "Vehicle telematics", "", "",
                     closing.isoformat(), "", "180000.00"])  # fmt: skip
        for supplier, days in ((bidder, 3), (PLAIN_SUPPLIERS[0], 5)):
            submitted = (closing - dt.timedelta(days=days)).isoformat()
            rows.append(
                ["bid", "DEMO-T-001", "", supplier, _company_number(supplier), submitted, "",
                 "175000.00"]
            )  # fmt: skip
    employers = (
        BusinessInterest.objects.filter(
            status__in=(InterestStatus.APPROVED, InterestStatus.APPROVED_WITH_CONDITIONS),
            interest_type__in=(
                InterestType.SECONDARY_EMPLOYMENT,
                InterestType.OWN_BUSINESS,
                InterestType.DIRECTORSHIP,
            ),
        )
        .order_by("start_date", "pk")
        .values_list("organisation", flat=True)
    )
    for number, employer in enumerate(list(dict.fromkeys(employers))[:2], start=1):
        awarded = today - dt.timedelta(days=60 * number)
        rows.append(["contract", f"DEMO-I-{number:03d}", "Minor works framework", employer, "",
                     awarded.isoformat(), "", "9500.00"])  # fmt: skip
    for number, supplier in enumerate(PLAIN_SUPPLIERS, start=1):
        awarded = today - dt.timedelta(days=100 + 30 * number)
        rows.append(["contract", f"DEMO-P-{number:03d}", "Office and catering supplies", supplier,
                     _company_number(supplier), awarded.isoformat(), "", "4200.00"])  # fmt: skip
    return _csv(
        ["Record type", "Reference", "Title", "Supplier name", "Company number", "Date",
         "End date", "Value"],
        rows,
    )  # fmt: skip


def _senior_officers() -> list[Person]:
    return list(
        Person.objects.filter(rank_or_grade__in=CHIEF_OFFICER_RANKS).order_by("staff_number")[:3]
    )


def _diary(today: dt.date, rng: random.Random) -> bytes:
    rows: list[list] = []
    undeclared = ("Kestrel Vehicle Leasing Ltd", "Moorside Golf Club", "Ashdown Security Systems")
    for person in _senior_officers():
        for organisation, days, event in (
            (undeclared[0], 35, "Dinner"),
            (undeclared[1], 80, "Corporate hospitality"),
            (undeclared[2], 120, "Product launch reception"),
            ("Safer Communities Partnership", 20, "Meeting"),
        ):
            rows.append([person.staff_number, (today - dt.timedelta(days=days)).isoformat(),
                         organisation, event])  # fmt: skip
    declared = _received_gifts().filter(declarant__in=_senior_officers()).first()
    if declared is not None:
        rows.append([declared.declarant.staff_number, declared.offered_on.isoformat(),
                     declared.donor_name, "Hospitality (declared)"])  # fmt: skip
    return _csv(["Staff number", "Date", "Organisation", "Event type"], rows)


def _expenses(today: dt.date) -> bytes:
    rows: list[list] = []
    hospitality = list(
        _received_gifts()
        .filter(kind=Kind.HOSPITALITY, response=Response.ACCEPTED)
        .order_by("-offered_on", "pk")[:2]
    )
    for gift in hospitality:
        rows.append([gift.declarant.staff_number, gift.offered_on.isoformat(),
                     f"{gift.estimated_value:.2f}", gift.donor_name,
                     f"Hospitality: {gift.description}", "Hospitality"])  # fmt: skip
    for person in _senior_officers():
        day = (today - dt.timedelta(days=14)).isoformat()
        rows.append(
            [person.staff_number, day, "64.20", "Northern Rail",
             "Train fare to the regional conference", "Travel"]
        )  # fmt: skip
    return _csv(["Staff number", "Date", "Amount", "Payee", "Purpose", "Category"], rows)


def _import(kind: str, name: str, data: bytes, user) -> int:
    digest = hashlib.sha256(data).hexdigest()
    if ImportBatch.objects.filter(sha256=digest, status=ImportStatus.IMPORTED).exists():
        return 0
    if data.count(b"\n") < 2:  # headings only: nothing in the other registers to draw on
        return 0
    batch = imports.import_upload(kind=kind, data=data, file_name=name, acting_user=user)
    batch = imports.import_map(batch=batch, mapping=batch.mapping, acting_user=user)
    if batch.errors:
        raise RuntimeError(f"The demo {kind} file has errors: {batch.errors[:3]}")
    if batch.rows_new == 0:
        return 0
    imports.import_start(batch=batch, acting_user=user)
    return batch.rows_new


def seed_crosschecks(*, today: dt.date, rng: random.Random) -> int:
    """Import the three demo files and run every check; rows imported (0 on a rerun)."""
    user = User.objects.filter(username=IMPORTER).first()
    if user is None:
        return 0
    added = _import("procurement", "procurement-register.csv", _procurement(today), user)
    added += _import("diary", "chief-officers-diaries.csv", _diary(today, rng), user)
    added += _import("expenses", "expense-claims.csv", _expenses(today), user)
    crosschecks_run_by_hand(today=today)
    return added
