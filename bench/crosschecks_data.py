"""The cross-checks benchmark's world: a Metropolitan-Police-sized set of registers and imported
rows, with known true matches planted among near-misses, and the ground truth kept in memory.

Loading BYPASSES the product's services and django-simple-history: rows are written with
PostgreSQL's COPY straight into the tables ``migrate`` made (no history rows, no audit, no
access checks). That is acceptable HERE ONLY - this is a throwaway benchmark fixture, never
product code (shared/STYLE.md, convention 4).

Names come from made-up words (syllables), with separate pools for suppliers, other donors,
nominals and other associates, so nothing matches by accident: every match in the data is one
this module planted and recorded in ``Truth``.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

# Full ("Met") size; --scale multiplies every count.
FULL = {
    "people": 50_000,
    "gifts": 500_000,
    "suppliers": 100_000,
    "contracts": 200_000,  # with the bids below: the 300,000 contracts and bids
    "bids": 100_000,
    "diary": 200_000,
    "expenses": 1_000_000,
    "associations": 20_000,
    "nominals": 200_000,
    "interests": 20_000,
    # planted
    "gift_suppliers": 2_000,  # gift donors that are suppliers, written differently
    "gift_near_misses": 2_000,  # "Acme Holdings", "Acne Ltd": must not match
    "interest_suppliers": 500,
    "associate_nominals": 500,  # associates who are nominals: name variants, same DOB
    "associate_near_misses": 500,  # same name, other DOB
    "diary_no_gift": 1_000,  # hospitality in the diary, no gift declared
    "diary_with_gift": 1_000,  # ... and declared (must not be found)
    "expense_free": 1_000,  # hospitality claimed on expenses and also received free
    "expense_near_misses": 1_000,  # same payee, months apart
}
TODAY = dt.date(2026, 11, 30)
SUFFIXES = ["Ltd", "Limited", "PLC", "LLP", "Ltd.", "LIMITED"]
HOSPITALITY = ["Dinner", "Lunch", "Drinks reception", "Hospitality box", "Awards dinner"]


def counts(scale: float) -> dict[str, int]:
    return {key: max(round(value * scale), 5) for key, value in FULL.items()} | {
        "people": max(int(FULL["people"] * scale), 500)
    }


class Words:
    """Made-up words from syllables: "Varomex", "Tulbridge"... Each pool never repeats a word."""

    ONSETS = ["b", "br", "c", "cr", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "pr", "r",
              "s", "st", "t", "tr", "v", "w", "z", "th", "sh"]  # fmt: skip
    VOWELS = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    CODAS = ["", "n", "r", "l", "x", "m", "s", "nd", "rk", "ft"]

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def word(self) -> str:
        while True:
            parts = [
                self.rng.choice(self.ONSETS)
                + self.rng.choice(self.VOWELS)
                + self.rng.choice(self.CODAS)
                for _ in range(self.rng.choice((2, 2, 3)))
            ]
            value = "".join(parts).capitalize()
            if value not in self.used and len(value) >= 5:
                self.used.add(value)
                return value


@dataclass
class Truth:
    """What each rule should find, as sets of record tokens ("gift-12", "supplier-3"): a
    finding whose key holds every token of a truth finds it."""

    rules: dict[str, set[frozenset[str]]] = field(default_factory=lambda: defaultdict(set))
    # The matching layer's ground truth: donor name -> supplier ids; associate id -> nominal id.
    donor_supplier: set[tuple[str, int]] = field(default_factory=set)
    associate_nominal: set[tuple[int, int]] = field(default_factory=set)

    def add(self, rule: str, *tokens: str) -> None:
        self.rules[rule].add(frozenset(tokens))


@dataclass
class World:
    n: dict[str, int]
    truth: Truth
    suppliers: list[tuple[int, str, str]]  # (id, name, company_number)
    donors: list[str]  # distinct organisation donor names (the matching layer's left side)
    associates: list[tuple[int, str, dt.date]]  # (id, name, dob)
    nominals: list[tuple[int, str, dt.date | None]]


def _variant(rng: random.Random, name: str) -> str:
    """The same organisation written differently: suffix, case, "&"/"and", punctuation."""
    words = name.split()
    base, suffix = words[:-1], words[-1]
    how = rng.randrange(6)
    if how == 0:
        suffix = {"Ltd": "Limited", "Limited": "Ltd", "Ltd.": "LIMITED"}.get(suffix, "Ltd")
    elif how == 1:
        return " ".join([*base, suffix]).upper()
    elif how == 2 and len(base) > 1:
        base = (
            [base[0], "&", *base[1:]]
            if "and" not in base
            else [w if w != "and" else "&" for w in base]
        )
    elif how == 3:
        base = [base[0] + ",", *base[1:]] if len(base) > 1 else [base[0] + "."]
    elif how == 4 and len(base) > 1 and len(base[-1]) > 5:
        # one letter dropped from the last word: a typing slip
        w = base[-1]
        cut = rng.randrange(2, len(w) - 1)
        base = [*base[:-1], w[:cut] + w[cut + 1 :]]
    elif how == 5:
        suffix = suffix.lower()
    return " ".join([*base, suffix])


def _near_miss(rng: random.Random, name: str, words: Words) -> str:
    """A different organisation that looks like it: another business of a shared word, or one
    letter changed in a one-word name."""
    base = name.split()[:-1]
    if len(base) == 1 and rng.random() < 0.5:
        w = base[0]
        i = rng.randrange(1, len(w))
        letter = rng.choice([c for c in "bcdfgklmnprstvz" if c != w[i].lower()])
        return f"{w[:i]}{letter}{w[i + 1 :]} Ltd"  # "Acne Ltd"
    if rng.random() < 0.5:
        return f"{base[0]} Holdings Ltd"  # "Acme Holdings"
    return f"{base[0]} {words.word()} Ltd"  # "Acme Tulbridge Ltd": shares a word, is not Acme


def build(scale: float, seed: int = 7) -> tuple[World, dict[str, Iterator[tuple]]]:
    """The world's small parts (names, truth) and a generator of rows per table, streamed."""
    rng = random.Random(seed)
    n = counts(scale)
    truth = Truth()
    supplier_words, donor_words, person_words = Words(rng), Words(rng), Words(rng)
    first_names = [person_words.word() for _ in range(400)]
    supplier_surnames = [person_words.word() for _ in range(3000)]
    nominal_surnames = supplier_surnames[:1500]
    associate_surnames = supplier_surnames[1500:]

    suppliers = []
    for sid in range(1, n["suppliers"] + 1):
        words = [supplier_words.word() for _ in range(rng.choice((1, 2, 2, 3)))]
        if len(words) == 3 and rng.random() < 0.3:
            words = [words[0], "and", words[1]]
        number = f"{rng.randrange(10**8):08d}" if rng.random() < 0.6 else ""
        suppliers.append((sid, " ".join([*words, rng.choice(SUFFIXES)]), number))

    people = n["people"]
    person = lambda: rng.randrange(1, people + 1)  # noqa: E731
    day = lambda span=720: TODAY - dt.timedelta(days=rng.randrange(span))  # noqa: E731

    # Gifts: the planted supplier donors and near-misses first, then the background.
    gifts: list[tuple] = []
    planted = rng.sample(suppliers, n["gift_suppliers"])
    gift_dates: dict[int, dt.date] = {}
    donors: set[str] = set()
    for gid, (sid, name, _number) in enumerate(planted, start=1):
        donor = _variant(rng, name)
        gifts.append((gid, person(), donor, "company", day(300), "gift"))
        gift_dates[sid] = gifts[-1][4]
        truth.add("gift-donor-supplier", f"gift-{gid}", f"supplier-{sid}")
        truth.donor_supplier.add((donor, sid))
        donors.add(donor)
    gid = len(gifts)
    for _sid, name, _number in rng.sample(suppliers, n["gift_near_misses"]):
        gid += 1
        donor = _near_miss(rng, name, donor_words)
        gifts.append((gid, person(), donor, "company", day(300), "gift"))
        donors.add(donor)
    background_orgs = [
        " ".join(donor_words.word() for _ in range(rng.choice((1, 2)))) + " " + rng.choice(SUFFIXES)
        for _ in range(max(n["gifts"] // 10, 50))
    ]
    # Repeat donors: the background gives from a pool, so some give to many members.
    while gid < n["gifts"]:
        gid += 1
        if rng.random() < 0.4:
            donor, kind = rng.choice(background_orgs), "company"
            donors.add(donor)
        else:
            donor = f"{rng.choice(first_names)} {rng.choice(associate_surnames)}"
            kind = "individual"
        gifts.append((gid, person(), donor, kind, day(), rng.choice(("gift", "hospitality"))))

    # Contracts: each planted supplier has a contract within months of its gift.
    contracts, bids = [], []
    for cid in range(1, n["contracts"] + 1):
        sid = rng.randrange(1, n["suppliers"] + 1)
        when = (
            gift_dates.get(sid, day(1500)) - dt.timedelta(days=rng.randrange(90))
            if sid in gift_dates
            else day(1500)
        )
        contracts.append(
            (cid, "contract" if cid % 10 else "tender", sid if cid % 10 else None, when)
        )
    tenders = [c[0] for c in contracts if c[1] == "tender"]
    for bid in range(1, n["bids"] + 1):
        tender = contracts[rng.choice(tenders) - 1]
        bids.append((bid, tender[0], rng.randrange(1, n["suppliers"] + 1), tender[3]))

    # Interests held in suppliers (written differently), among interests elsewhere.
    interests = []
    for iid, (sid, name, _n) in enumerate(rng.sample(suppliers, n["interest_suppliers"]), 1):
        interests.append((iid, person(), _variant(rng, name)))
        truth.add("interest-supplier", f"interest-{iid}", f"supplier-{sid}")
    for iid in range(len(interests) + 1, n["interests"] + 1):
        interests.append((iid, person(), rng.choice(background_orgs)))

    # Nominals (CCU) and associations: planted associates who are nominals, near-misses with
    # the same name and another date of birth.
    def dob() -> dt.date:
        return dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20_000))

    nominals = [
        (
            nid,
            f"{rng.choice(first_names)} {rng.choice(nominal_surnames)}",
            dob() if rng.random() < 0.9 else None,
        )
        for nid in range(1, n["nominals"] + 1)
    ]
    associates = []
    with_dob = [x for x in nominals if x[2] is not None]
    for aid, (nid, name, born) in enumerate(rng.sample(with_dob, n["associate_nominals"]), 1):
        associates.append((aid, _person_variant(rng, name), born))
        truth.add("association-nominal", f"association-{aid}", f"nominal-{nid}")
        truth.associate_nominal.add((aid, nid))
    aid = len(associates)
    for _nid, name, born in rng.sample(with_dob, n["associate_near_misses"]):
        aid += 1
        associates.append((aid, name, born + dt.timedelta(days=rng.randrange(400, 4000))))
    while aid < n["associations"]:
        aid += 1
        associates.append(
            (aid, f"{rng.choice(first_names)} {rng.choice(associate_surnames)}", dob())
        )

    # Diaries: hospitality with a background org; half declared as a gift (a variant of the
    # name, the same member, within days), half not.
    diary, extra_gifts = [], []
    did = 0
    for i in range(n["diary_no_gift"] + n["diary_with_gift"]):
        did += 1
        member, org, when = person(), rng.choice(background_orgs), day(300)
        diary.append((did, member, when, org, rng.choice(HOSPITALITY)))
        if i < n["diary_no_gift"]:
            truth.add("diary-no-gift", f"diary-{did}")
        else:
            gid += 1
            extra_gifts.append((gid, member, _variant(rng, org), "company", when, "hospitality"))
    while did < n["diary"]:
        did += 1
        diary.append((did, person(), day(), rng.choice(background_orgs), "Meeting"))
    gifts.extend(extra_gifts)

    # Expenses: hospitality claimed to a payee the member also declared hospitality from on
    # the same day (received free); near-misses months apart.
    expenses = []
    eid = 0
    for i in range(n["expense_free"] + n["expense_near_misses"]):
        eid += 1
        member, org, when = person(), rng.choice(background_orgs), day(300)
        gid += 1
        gifts.append((gid, member, org, "company", when, "hospitality"))
        claimed = (
            when if i < n["expense_free"] else when - dt.timedelta(days=rng.randrange(120, 300))
        )
        expenses.append((eid, member, claimed, _variant(rng, org), "hospitality"))
        if i < n["expense_free"]:
            truth.add("expense-free-hospitality", f"expense-{eid}", f"gift-{gid}")
    payees = [f"{donor_words.word()} Hotel", f"{donor_words.word()} Rail", "Trainline", "Uber"]
    payees += [f"{donor_words.word()} {w}" for w in ("Taxis", "Cafe", "Inn") for _ in range(200)]
    categories = ("travel", "travel", "subsistence", "accommodation", "hospitality")
    while eid < n["expenses"]:
        eid += 1
        expenses.append((eid, person(), day(), rng.choice(payees), rng.choice(categories)))

    world = World(n, truth, suppliers, sorted(donors), associates, nominals)
    rows = {
        "suppliers": iter(suppliers),
        "contracts": iter(contracts),
        "bids": iter(bids),
        "gifts": iter(gifts),
        "interests": iter(interests),
        "nominals": iter(nominals),
        "associations": iter(associates),
        "diary": iter(diary),
        "expenses": iter(expenses),
    }
    return world, rows


def _person_variant(rng: random.Random, name: str) -> str:
    first, last = name.split()
    how = rng.randrange(5)
    if how == 0:
        return name.upper()
    if how == 1:
        return f"{last}, {first}"
    if how == 2 and len(last) > 5:
        i = rng.randrange(2, len(last) - 1)
        return f"{first} {last[:i]}{last[i + 1 :]}"  # a letter dropped from the surname
    if how == 3:
        return f"Mr {first} {last}"
    return name


# --- loading ----------------------------------------------------------------------------------


def copy_rows(cursor, model, columns: list[str], rows: Iterable[tuple], constants: dict) -> int:
    """COPY ``rows`` (values for ``columns``) into ``model``'s table, every other NOT NULL
    column given its field default (or ``constants``). Streams: nothing is held in memory."""
    from django.db import connection
    from django.db.models import NOT_PROVIDED
    from django.utils import timezone
    from psycopg.types.json import Jsonb

    fixed: dict[str, object] = {}
    for f in model._meta.concrete_fields:
        if f.column in columns or f.attname in columns:
            continue
        if f.attname in constants:
            value = constants[f.attname]
        elif f.name in constants:
            value = constants[f.name]
        elif getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            value = timezone.now()
        elif f.default is not NOT_PROVIDED:
            value = f.get_default()
        elif f.null or f.primary_key:
            continue
        else:
            value = f.get_default()  # "" for text
        value = f.get_db_prep_save(value, connection)
        fixed[f.column] = Jsonb(value) if isinstance(value, dict | list) else value
    names = [model._meta.get_field(c).column for c in columns] + list(fixed)
    tail = tuple(fixed.values())
    written = 0
    table = model._meta.db_table
    with cursor.copy(
        f'COPY "{table}" ({", ".join(chr(34) + c + chr(34) for c in names)}) FROM STDIN'
    ) as copy:
        for row in rows:
            copy.write_row(row + tail)
            written += 1
    return written


def money(value: int) -> Decimal:
    return Decimal(value)
