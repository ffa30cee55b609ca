"""Demo data for the nominal index: about 80 nominals of every kind, linked to the demo
reports with reasons, and two pairs of near-duplicates for the suggestions page."""

from __future__ import annotations

import datetime as dt
import random

from ccu.models import IntelligenceReport, Nominal, NominalKind
from ccu.services import nominals as services
from standards.accounts.models import User

FIRST = ("Darren", "Kelly", "Wayne", "Stacey", "Lee", "Gemma", "Craig", "Leanne", "Jason", "Dean")
LAST = ("Hughes", "Marsh", "Fletcher", "Doyle", "Pike", "Barker", "Quinn", "Lowe", "Booth", "Nash")
ORGANISATIONS = (
    "Northgate Vehicle Recovery Ltd",
    "Crown & Anchor public house",
    "Rapid Response Security Services",
    "Eastside Scrap Metals",
    "Premier Cash Converters",
    "Silverline Private Hire",
    "The Blue Door Club",
    "Harbour View Lettings",
    "Apex Locksmiths",
    "Meadow Farm Garage",
    "Trident Debt Recovery",
    "Oakfield Tanning Studio",
)
STREETS = ("High Street", "Station Road", "Mill Lane", "Church Street", "Park Avenue")
TOWNS = ("Ashford", "Bramley", "Castleton", "Denby")
REASONS = (
    "Named as the person the information was passed to",
    "Phone used to contact the subject",
    "Vehicle seen at the subject's home address",
    "Address where the meetings took place",
    "Business the subject is said to work for off duty",
    "Named by the source as an associate",
    "Paid the subject, according to the source",
)
# Near-duplicates: the suggestions page finds each pair.
DUPLICATES = (
    (NominalKind.PERSON, "Darren Oakes", dt.date(1981, 3, 14), "Runs a car wash in Bramley."),
    (NominalKind.PERSON, "Mr Darren Oaks", dt.date(1981, 3, 14), "Known as Daz."),
    (NominalKind.ORGANISATION, "Kwik Kash Loans Ltd", None, "Doorstep lender."),
    (NominalKind.ORGANISATION, "Kwikkash Loans Ltd.", None, "Doorstep lender, Castleton."),
)


def _plates(rng: random.Random, n: int) -> list[str]:
    letters = "ABCDEFGHJKLMNPRSTVWXY"
    return [
        f"{rng.choice(letters)}{rng.choice(letters)}{rng.randint(10, 74)} "
        f"{''.join(rng.choice(letters) for _ in range(3))}"
        for _ in range(n)
    ]


def _demo_nominals(rng: random.Random, today: dt.date) -> list[tuple]:
    people = [f"{first} {last}" for first in FIRST for last in LAST]
    nominals: list[tuple] = []
    for name in rng.sample(people, 30):
        born = today - dt.timedelta(days=rng.randint(20 * 365, 60 * 365))
        nominals.append((NominalKind.PERSON, name, born if rng.random() < 0.7 else None, ""))
    for name in ORGANISATIONS:
        nominals.append((NominalKind.ORGANISATION, name, None, ""))
    for _ in range(12):
        number = f"07{rng.randint(100, 999)} {rng.randint(100000, 999999)}"
        nominals.append((NominalKind.PHONE, number, None, "Pay as you go"))
    for plate in _plates(rng, 10):
        nominals.append((NominalKind.VEHICLE, plate, None, ""))
    for _ in range(12):
        address = f"{rng.randint(1, 140)} {rng.choice(STREETS)}, {rng.choice(TOWNS)}"
        nominals.append((NominalKind.ADDRESS, address, None, ""))
    return nominals + list(DUPLICATES)


def seed_nominals(*, today: dt.date, rng: random.Random) -> int:
    """Record the demo nominals once, in the general index, and link them to demo reports."""
    head = User.objects.filter(username="ccu.head").first()
    if head is None or Nominal.objects.filter(name=DUPLICATES[0][1]).exists():
        return 0
    created = []
    for kind, name, born, details in _demo_nominals(rng, today):
        if Nominal.objects.filter(kind=kind, name=name).exists():
            continue
        created.append(
            services.nominal_add(
                kind=kind,
                name=name,
                date_of_birth=born,
                details=details,
                operation=None,
                acting_user=head,
            )
        )
    # A small network: the reports share some nominals, so the link charts join up.
    reports = list(IntelligenceReport.objects.exclude(sanitised_text="").order_by("pk")[:60])
    hubs = created[:8]
    for report in reports:
        chosen = {rng.choice(hubs), *rng.sample(created, k=rng.randint(0, 2))}
        for nominal in chosen:
            services.nominal_link(
                report=report, nominal=nominal, reason=rng.choice(REASONS), acting_user=head
            )
    return len(created)
