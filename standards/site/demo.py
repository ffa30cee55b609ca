"""The demo: a synthetic force shaped like Cleveland Police in 2017, and one login per role.

``manage.py seed_demo`` and the browser tests call the same two functions, ``seed_force`` and
``seed_logins``. Everything is invented: Northmoor Police, its districts, its neighbourhoods and
its people (names are drawn from lists of common British names; no real officer is named).

The shape is Cleveland's as at 31 March 2017 (counter-corruption strategic threat assessment,
shared/seeds/000_*): 1,280 police officers, 125 PCSOs, 267 police staff, 385 strategic
partnership staff and 63 special constables, 2,120 people. A smaller force keeps those
proportions and the whole unit tree; its chains of command simply have fewer people in them.

Both functions are idempotent: units are keyed on their code, people on their staff number and
logins on their username, and generation is deterministic for a given size and seed, so a rerun
finds everything in place and writes nothing.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import os
import random
import secrets
import tempfile
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from simple_history.utils import bulk_create_with_history

from standards.access.roles import Role
from standards.accounts.models import User
from standards.accounts.services import DEVICE_NAME
from standards.people.models import OrgUnit, Person, RoleType, Sex, VettingLevel

FORCE_NAME = "Northmoor Police"
EMAIL_DOMAIN = "northmoor.police.example"
LOGINS_FILE_NAME = "demo-logins.json"
CHANGE_REASON = "Demo force seeded (manage.py seed_demo)"

# Cleveland Police, 31 March 2017.
FULL_STRENGTH: dict[str, int] = {
    RoleType.OFFICER: 1280,
    RoleType.PCSO: 125,
    RoleType.STAFF: 267,
    RoleType.PARTNERSHIP: 385,
    RoleType.SPECIAL: 63,
}
FULL_SIZE = sum(FULL_STRENGTH.values())  # 2,120


# --- The shape of the force ----------------------------------------------------------------


@dataclass(frozen=True)
class _Post:
    """A post in a unit: ``full`` holders at full strength, never fewer than ``least``.

    A *fill* post takes its share (``full`` is then a weight) of the people of its role type
    that the fixed posts leave, so the force always totals exactly the size asked for.
    ``to`` names the manager's post: ``"key"`` in the same unit or ``"CODE:key"``, with ``#n``
    for one particular holder. When that post is empty at a small size, its own manager steps in.
    """

    key: str
    role_type: str
    rank: str
    titles: tuple[str, ...]
    full: int = 1
    least: int = 1
    to: str | None = None
    fill: bool = False


@dataclass(frozen=True)
class _Unit:
    code: str
    name: str
    parent: str | None
    posts: tuple[_Post, ...] = ()


def _post(role_type, key, rank, title, full=1, *, least=1, to=None) -> _Post:
    titles = (title,) if isinstance(title, str) else tuple(title)
    return _Post(key, role_type, rank, titles, full, least, to)


def _fill(role_type, key, rank, title, weight, *, to) -> _Post:
    return _Post(key, role_type, rank, (title,), weight, 0, to, fill=True)


_O, _S, _C, _SC, _P = (
    RoleType.OFFICER,
    RoleType.STAFF,
    RoleType.PCSO,
    RoleType.SPECIAL,
    RoleType.PARTNERSHIP,
)

# District code, district name, its three neighbourhood teams.
DISTRICTS = (
    ("BRK", "Brackenford", ("Brackenford Central", "Copley Vale", "Ashgill")),
    ("HOL", "Hollinsmoor", ("Hollinsmoor Town", "Ravensworth Park", "Stainby")),
    ("KIR", "Kirkwell", ("Kirkwell Central", "Netherby Fields", "Coldharbour")),
    ("EAS", "Easterby Coast", ("Easterby", "Saltcote", "Wykeham Sands")),
)
RESPONSE_SHIFTS = ("A", "B", "C", "D", "E")
ACC_TITLES = (
    "Assistant Chief Constable (Local Policing)",
    "Assistant Chief Constable (Crime and Operations)",
)


def _force_shape() -> tuple[_Unit, ...]:
    # One post a line reads better as a table than as the formatter would lay it out.
    # fmt: off
    units = [
        _Unit("NMP", FORCE_NAME, None),
        _Unit("HQ", "Force Headquarters", "NMP"),
        _Unit("HQ-COT", "Chief Officer Team", "HQ", (
            _post(_O, "cc", "Chief Constable", "Chief Constable"),
            _post(_O, "dcc", "Deputy Chief Constable", "Deputy Chief Constable", to="cc"),
            _post(_O, "acc", "Assistant Chief Constable", ACC_TITLES, 2, least=2, to="dcc"),
            _post(_O, "sto", "Chief Inspector", "Staff Officer", least=0, to="cc"),
            _post(_S, "dir", "Director", "Director of Corporate Services", to="cc"),
            _post(_S, "ea", "Grade 5", "Executive Assistant", 3, least=0, to="dir"),
        )),
        _Unit("HQ-SP", "Strategy and Performance", "HQ", (
            _post(_S, "head", "Senior Manager", "Head of Strategy and Performance",
                  to="HQ-COT:dir"),
            _fill(_S, "an", "Grade 6", "Performance Analyst", 10, to="head"),
        )),
        _Unit("HQ-CCM", "Corporate Communications", "HQ", (
            _post(_S, "head", "Grade 9", "Head of Communications", least=0, to="HQ-COT:dir"),
            _fill(_S, "co", "Grade 5", "Communications Officer", 6, to="head"),
        )),
        _Unit("NP", "Neighbourhood Policing", "NMP", (
            _post(_O, "head", "Chief Superintendent", "Head of Neighbourhood Policing",
                  to="HQ-COT:acc#0"),
        )),
    ]
    for code, name, teams in DISTRICTS:
        district = f"NP-{code}"
        units.append(_Unit(district, f"{name} District", "NP", (
            # A small force's districts are run by their chief inspectors.
            _post(_O, "cmd", "Superintendent", "District Commander", least=0, to="NP:head"),
            _post(_O, "dep", "Chief Inspector", "Deputy District Commander", to="cmd"),
        )))
        for number, team in enumerate(teams, start=1):
            units.append(_Unit(f"{district}-N{number}", f"{team} Neighbourhood Team", district, (
                _post(_O, "insp", "Inspector", "Neighbourhood Inspector", least=0,
                      to=f"{district}:dep"),
                _post(_O, "sgt", "Sergeant", "Neighbourhood Sergeant", 3, to="insp"),
                _fill(_O, "pc", "Constable", "Neighbourhood Constable", 22, to="sgt"),
                _fill(_C, "pcso", "PCSO", "Police Community Support Officer", 10, to="sgt"),
            )))
    units.append(_Unit("RS", "Response", "NMP", (
        _post(_O, "head", "Chief Superintendent", "Head of Response", to="HQ-COT:acc#0"),
        _post(_O, "supt", "Superintendent", "Response Superintendent", to="head"),
        _post(_O, "ci", "Chief Inspector", "Response Chief Inspector", 2, least=0, to="supt"),
    )))
    for shift in RESPONSE_SHIFTS:
        units.append(_Unit(f"RS-{shift}", f"Response Shift {shift}", "RS", (
            _post(_O, "insp", "Inspector", "Response Inspector", 2, least=0, to="RS:ci"),
            _post(_O, "sgt", "Sergeant", "Response Sergeant", 8, to="insp"),
            _fill(_O, "pc", "Constable", "Response Constable", 62, to="sgt"),
        )))
    units += [
        _Unit("CR", "Crime", "NMP", (
            _post(_O, "head", "Chief Superintendent", "Head of Crime", to="HQ-COT:acc#1"),
        )),
        _Unit("CR-CID", "Criminal Investigation Department", "CR",
              _detective_posts("CID", 2, 6, 20, 110)),
        _Unit("CR-PP", "Public Protection", "CR",
              _detective_posts("Public Protection", 1, 4, 12, 70)),
        _Unit("CR-SOC", "Serious and Organised Crime", "CR",
              _detective_posts("Serious and Organised Crime", 1, 3, 8, 45, head="dci")),
        _Unit("CR-INT", "Force Intelligence Bureau", "CR", (
            _post(_O, "di", "Detective Inspector", "Intelligence Inspector", to="CR-SOC:dci"),
            _post(_O, "ds", "Detective Sergeant", "Intelligence Sergeant", 2, least=0, to="di"),
            _fill(_O, "dc", "Detective Constable", "Intelligence Officer", 12, to="ds"),
            _post(_S, "sa", "Grade 8", "Senior Intelligence Analyst", least=0, to="di"),
            _fill(_S, "an", "Grade 6", "Intelligence Analyst", 12, to="sa"),
        )),
        _Unit("OPS", "Operations", "NMP", (
            _post(_O, "head", "Chief Superintendent", "Head of Operations", to="HQ-COT:acc#1"),
            _post(_O, "supt", "Superintendent", "Operations Superintendent", to="head"),
            _post(_O, "ci", "Chief Inspector", "Specialist Operations Chief Inspector", least=0,
                  to="supt"),
        )),
        _Unit("OPS-RP", "Roads Policing", "OPS", _team_posts("Roads Policing", 2, 6, 50)),
        _Unit("OPS-AFO", "Firearms", "OPS",
              _team_posts("Firearms", 2, 8, 55, "Authorised Firearms Officer")),
        _Unit("OPS-DOG", "Dog Section", "OPS", _team_posts("Dog Section", 1, 2, 12, "Dog Handler")),
        _Unit("PSD", "Professional Standards Department", "NMP", (
            _post(_O, "head", "Superintendent", "Head of Professional Standards", to="HQ-COT:dcc"),
            _post(_O, "dep", "Detective Chief Inspector", "Deputy Head of Professional Standards",
                  least=0, to="head"),
        )),
        _Unit("PSD-INV", "PSD Investigations", "PSD", (
            _post(_O, "di", "Detective Inspector", "PSD Investigations Manager", 2, least=0,
                  to="PSD:dep"),
            _post(_O, "ds", "Detective Sergeant", "PSD Investigator", 4, to="di"),
            _fill(_O, "dc", "Detective Constable", "PSD Investigator", 8, to="ds"),
        )),
        _Unit("PSD-CMP", "Complaints and Misconduct Unit", "PSD", (
            _post(_S, "mgr", "Grade 9", "Complaints and Misconduct Manager", to="PSD:head"),
            _fill(_S, "cro", "Grade 5", "Complaints Resolution Officer", 8, to="mgr"),
            _fill(_S, "adm", "Grade 4", "Misconduct Administrator", 3, to="mgr"),
        )),
        _Unit("PSD-CCU", "Counter Corruption Unit", "PSD", (
            _post(_O, "dci", "Detective Chief Inspector", "Head of Counter Corruption Unit",
                  to="PSD:head"),
            _post(_O, "di", "Detective Inspector", "Counter Corruption Inspector", least=0,
                  to="dci"),
            _post(_O, "ds", "Detective Sergeant", "Counter Corruption Investigator", 2, least=0,
                  to="di"),
            _fill(_O, "dc", "Detective Constable", "Counter Corruption Investigator", 6, to="ds"),
            _post(_S, "sa", "Grade 8", "Senior Counter Corruption Analyst", to="dci"),
            _post(_S, "an", "Grade 6", "Counter Corruption Analyst", 3, to="sa"),
            _fill(_S, "icm", "Grade 5", "ICT Monitoring Officer", 2, to="sa"),
        )),
        _Unit("PSD-VET", "Vetting Unit", "PSD", (
            _post(_S, "mgr", "Grade 9", "Force Vetting Manager", to="PSD:head"),
            _fill(_S, "vo", "Grade 5", "Vetting Officer", 8, to="mgr"),
        )),
        _Unit("HR", "People and HR", "NMP", (
            _post(_S, "head", "Senior Manager", "Head of People and HR", to="HQ-COT:dir"),
            _post(_S, "bp", "Grade 8", "HR Business Partner", 2, least=0, to="head"),
            _fill(_S, "adv", "Grade 5", "HR Adviser", 16, to="bp"),
        )),
        _Unit("HR-LD", "Learning and Development", "HR", (
            _post(_S, "mgr", "Grade 9", "Learning and Development Manager", least=0,
                  to="HR:head"),
            _fill(_S, "tr", "Grade 6", "Trainer", 10, to="mgr"),
        )),
        _Unit("FIN", "Finance and Procurement", "NMP", (
            _post(_S, "head", "Senior Manager", "Head of Finance and Procurement",
                  to="HQ-COT:dir"),
            _post(_S, "pm", "Grade 8", "Procurement Manager", least=0, to="head"),
            _fill(_S, "fo", "Grade 5", "Finance Officer", 12, to="head"),
            _fill(_S, "po", "Grade 5", "Procurement Officer", 6, to="pm"),
        )),
        _Unit("ICT", "ICT", "NMP", (
            _post(_S, "head", "Senior Manager", "Head of ICT", to="HQ-COT:dir"),
            _post(_S, "sys", "Grade 7", "Systems Administrator", 4, to="head"),
            _fill(_S, "app", "Grade 6", "Application Support Analyst", 10, to="head"),
        )),
        _Unit("ICT-SD", "ICT Service Desk", "ICT", (
            _post(_S, "mgr", "Grade 7", "Service Desk Manager", least=0, to="ICT:head"),
            _fill(_S, "an", "Grade 4", "Service Desk Analyst", 12, to="mgr"),
        )),
        _Unit("ICT-IA", "Information Assurance", "ICT", (
            _post(_S, "mgr", "Grade 9", "Information Assurance Manager", to="ICT:head"),
            _post(_S, "iao", "Grade 6", "Information Assurance Officer", 3, to="mgr"),
        )),
        # The strategic partnership's staff (a contractor's employees) sit in the control room,
        # custody and crime recording, managed by the contractor's own team leaders.
        _Unit("FCR", "Force Control Room and Custody", "NMP", (
            _post(_O, "head", "Chief Inspector", "Head of Control Room and Custody",
                  to="OPS:supt"),
            _post(_P, "svc", "Service Manager", "Partnership Service Manager", to="head"),
        )),
        _Unit("FCR-CR", "Force Control Room", "FCR", (
            _post(_O, "insp", "Inspector", "Control Room Inspector", 5, to="FCR:head"),
            _post(_P, "tl", "Team Leader", "Control Room Team Leader", 10, to="FCR:svc"),
            _fill(_P, "ch", "Band 2", "Call Handler", 150, to="tl"),
            _fill(_P, "dsp", "Band 3", "Dispatcher", 60, to="tl"),
        )),
        _Unit("FCR-CUS", "Custody", "FCR", (
            _post(_O, "insp", "Inspector", "Custody Inspector", 2, least=0, to="FCR:head"),
            _post(_O, "sgt", "Sergeant", "Custody Sergeant", 12, to="insp"),
            _post(_P, "tl", "Team Leader", "Detention Team Leader", 4, to="FCR:svc"),
            _fill(_P, "do", "Band 2", "Detention Officer", 70, to="tl"),
        )),
        _Unit("FCR-CMU", "Crime Management Unit", "FCR", (
            _post(_P, "tl", "Team Leader", "Crime Management Team Leader", 3, least=0,
                  to="FCR:svc"),
            _fill(_P, "cro", "Band 2", "Crime Recording Officer", 50, to="tl"),
        )),
        _Unit("SC", "Special Constabulary", "NMP", (
            _post(_SC, "sco", "Special Chief Officer", "Special Chief Officer", to="NP:head"),
            _post(_SC, "si", "Special Inspector", "Special Inspector", 2, least=0, to="sco"),
            _post(_SC, "ss", "Special Sergeant", "Special Sergeant", 6, to="si"),
            _fill(_SC, "sc", "Special Constable", "Special Constable", 1, to="ss"),
        )),
    ]
    # fmt: on
    return tuple(units)


def _detective_posts(name, dci, di, ds, dc_weight, *, head="supt") -> tuple[_Post, ...]:
    """A detective unit's posts; ``head`` is the senior post kept even in the smallest force."""
    small = int(head == "supt")
    # fmt: off
    return (
        _post(_O, "supt", "Detective Superintendent", f"Head of {name}", least=small,
              to="CR:head"),
        _post(_O, "dci", "Detective Chief Inspector", f"{name} Chief Inspector", dci,
              least=1 - small, to="supt"),
        _post(_O, "di", "Detective Inspector", f"{name} Detective Inspector", di, least=small,
              to="dci"),
        _post(_O, "ds", "Detective Sergeant", f"{name} Detective Sergeant", ds, least=0,
              to="di"),
        _fill(_O, "dc", "Detective Constable", "Detective Constable", dc_weight, to="ds"),
    )
    # fmt: on


def _team_posts(name, insp, sgt, pc_weight, pc_title=None) -> tuple[_Post, ...]:
    return (
        _post(_O, "insp", "Inspector", f"{name} Inspector", insp, least=0, to="OPS:ci"),
        _post(_O, "sgt", "Sergeant", f"{name} Sergeant", sgt, to="insp"),
        _fill(_O, "pc", "Constable", pc_title or f"{name} Constable", pc_weight, to="sgt"),
    )


FORCE_UNITS = _force_shape()
_POSTS: dict[tuple[str, str], _Post] = {
    (unit.code, post.key): post for unit in FORCE_UNITS for post in unit.posts
}

CHIEF_OFFICER_RANKS = frozenset(
    {"Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable"}
)

# --- Invented people -----------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


MALE_FIRST_NAMES = _words(
    "David John Paul Mark Andrew Michael Stephen Peter Richard Christopher James Robert Ian Gary "
    "Steven Simon Neil Darren Craig Lee Jason Matthew Daniel Thomas Adam Ryan Liam Jamie Scott "
    "Anthony Kevin Martin Graham Stuart Philip Jonathan Carl Wayne Shaun Dean Gareth Benjamin "
    "Samuel Joseph Luke Nathan Alexander Jack Callum Connor Owen Kieran Aaron Sean Alan Keith "
    "Colin Barry Brian Tony Christopher Karl Ross Jordan Lewis Harry George"
)
FEMALE_FIRST_NAMES = _words(
    "Susan Julie Karen Sarah Claire Emma Nicola Lisa Helen Joanne Rachel Louise Michelle Amanda "
    "Kerry Donna Kelly Gemma Laura Rebecca Hannah Charlotte Jessica Lauren Sophie Amy Katie "
    "Jennifer Victoria Elizabeth Catherine Alison Angela Tracey Dawn Jane Deborah Caroline "
    "Samantha Natalie Leanne Stacey Jade Chloe Megan Bethany Zoe Lucy Fiona Anne Lynn Paula "
    "Kathryn Sharon Jill Heather Abigail Holly Eleanor Georgia Joanna Kirsty Vicky"
)
SURNAMES = _words(
    "Smith Jones Williams Taylor Brown Davies Evans Wilson Thomas Johnson Roberts Robinson "
    "Thompson Wright Walker White Edwards Hughes Green Hall Lewis Harris Clarke Jackson Wood "
    "Turner Martin Cooper Hill Ward Morris Moore Clark Lee King Baker Harrison Morgan Allen "
    "Scott Phillips Watson Davis Parker Price Bennett Young Griffiths Mitchell Kelly Cook Carter "
    "Richardson Bailey Collins Bell Shaw Murphy Miller Cox Richards Marshall Anderson Simpson "
    "Ellis Adams Wilkinson Foster Chapman Powell Webb Rogers Gray Mason Hunt Campbell Matthews "
    "Owen Palmer Holmes Mills Barnes Knight Lloyd Butler Russell Barker Fisher Stevens Jenkins "
    "Murray Dixon Harvey Graham Pearson Fletcher Walsh Gibson Howard Andrews Stewart Elliott "
    "Reynolds Saunders Payne Fox Ford Pearce Day Brooks West Lawrence Cole Atkinson Bradley "
    "Spencer Dawson Ball Burton O'Brien Watts Rose Booth Perry Ryan Grant Wells Armstrong Francis "
    "Hayes Hodgson Potts Hardy Lowe Storey Robson Hewitt Swales Metcalfe Dobson Nixon Lister "
    "Hutchinson Bainbridge Thornton Kirby Pickering Appleby Hebden"
)
# Names for people of South Asian and Black African heritage (2021 census A1-A3 and B2).
SOUTH_ASIAN_NAMES = (
    _words("Imran Asif Mohammed Zahid Tariq Sajid Amir Rajesh Sanjay Vikram Arjun Harpreet"),
    _words("Amina Sana Farah Nadia Ayesha Priya Anjali Sunita Kiran Shabana Rubina Simran"),
    _words("Khan Hussain Ahmed Ali Akhtar Iqbal Mahmood Rashid Patel Sharma Singh Kaur Begum Miah"),
)
AFRICAN_NAMES = (
    _words("Kwame Emmanuel Chinedu Olumide Kofi Samuel Tendai Daniel"),
    _words("Grace Blessing Ama Funmilayo Abena Chioma Esther Ruth"),
    _words("Okafor Adeyemi Mensah Boateng Owusu Okonkwo Adebayo Osei Nwosu"),
)

# 2021 census ethnic groups, weighted for a North East force; "" is "not held".
ETHNICITY_WEIGHTS = {
    "W1": 893, "W2": 5, "W3": 2, "W5": 22, "M1": 6, "M2": 3, "M3": 6, "M4": 3, "A1": 6,
    "A2": 18, "A3": 3, "A4": 3, "A5": 3, "B1": 2, "B2": 5, "B3": 1, "O1": 2, "O2": 3, "": 14,
}  # fmt: skip

FEMALE_SHARE = {
    RoleType.OFFICER: 0.31,
    RoleType.PCSO: 0.45,
    RoleType.STAFF: 0.62,
    RoleType.PARTNERSHIP: 0.58,
    RoleType.SPECIAL: 0.30,
}

# Years of service in this force by rank or grade; anything not listed uses its role type's.
SERVICE_YEARS = {
    "Chief Constable": (1, 6), "Deputy Chief Constable": (2, 8),
    "Assistant Chief Constable": (1, 8), "Chief Superintendent": (22, 29),
    "Superintendent": (18, 28), "Chief Inspector": (15, 26), "Inspector": (10, 24),
    "Sergeant": (5, 22), "Constable": (0, 24), "Director": (2, 10), "Senior Manager": (5, 25),
    "Special Chief Officer": (10, 25), "Special Inspector": (6, 20), "Special Sergeant": (3, 15),
}  # fmt: skip
SERVICE_YEARS_BY_ROLE_TYPE = {
    RoleType.OFFICER: (0, 24),
    RoleType.PCSO: (0, 14),
    RoleType.STAFF: (0, 30),
    RoleType.PARTNERSHIP: (0, 15),
    RoleType.SPECIAL: (0, 8),
}
# How long each level of clearance lasts before renewal, as assumed for this synthetic data.
VETTING_YEARS = {
    VettingLevel.RV: 10,
    VettingLevel.MV: 7,
    VettingLevel.SC: 10,
    VettingLevel.DV: 7,
    VettingLevel.NPPV1: 3,
    VettingLevel.NPPV2: 5,
    VettingLevel.NPPV3: 5,
}
SENSITIVE_UNITS = ("PSD", "CR-INT", "CR-SOC", "ICT", "HQ-COT")
SENIOR_GRADES = frozenset(
    {"Chief Inspector", "Superintendent", "Chief Superintendent", "Senior Manager", "Director"}
)
# Collar numbers: a series each for officers, PCSOs and specials.
COLLAR_SERIES = {
    RoleType.OFFICER: (1000, 7000),
    RoleType.PCSO: (7000, 8000),
    RoleType.SPECIAL: (8000, 9000),
}
LEAVER_SHARE = 0.015
EXPIRING_SHARE = 0.04  # vetting expiring in the next 90 days
LAPSED_SHARE = 0.01  # vetting lapsed in the last 60 days, renewal outstanding


@dataclass(frozen=True)
class ForceSummary:
    """What the staff directory holds after seeding, and what this run added."""

    people_by_role_type: dict[str, int]
    units: int
    people_created: int
    units_created: int

    @property
    def people(self) -> int:
        return sum(self.people_by_role_type.values())


@dataclass
class _Planned:
    """One generated person, before it is written."""

    unit: str
    post: _Post
    index: int
    manager: int | None = None  # position in the plan
    depth: int = 0
    fields: dict = field(default_factory=dict)


def _apportion(total: int, weights: list[int]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder, ties to the first)."""
    whole = sum(weights)
    if not whole:
        return [0] * len(weights)
    exact = [total * w / whole for w in weights]
    shares = [math.floor(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (shares[i] - exact[i], i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def _post_counts(people: int) -> dict[tuple[str, str], int] | None:
    """How many hold each post in a force of ``people``; None when the structure does not fit."""
    targets = dict(
        zip(FULL_STRENGTH, _apportion(people, list(FULL_STRENGTH.values())), strict=True)
    )
    scale = people / FULL_SIZE
    counts: dict[tuple[str, str], int] = {}
    for key, post in _POSTS.items():
        if not post.fill:
            counts[key] = max(post.least, math.floor(post.full * scale + 0.5))
    for role_type, target in targets.items():
        fixed = sum(n for key, n in counts.items() if _POSTS[key].role_type == role_type)
        fills = [key for key, post in _POSTS.items() if post.fill and post.role_type == role_type]
        if fixed > target:
            return None
        for key, n in zip(
            fills, _apportion(target - fixed, [_POSTS[k].full for k in fills]), strict=True
        ):
            counts[key] = n
    return counts


def smallest_force() -> int:
    """The fewest people whose force still has every post a chain of command needs."""
    return next(n for n in range(1, FULL_SIZE + 1) if _post_counts(n) is not None)


def _parse_ref(ref: str, unit: str) -> tuple[str, str, int | None]:
    code, _, key = ref.rpartition(":")
    key, _, nth = key.partition("#")
    return code or unit, key, int(nth) if nth else None


def _plan_force(*, people: int, seed: int, today: dt.date) -> list[_Planned]:
    counts = _post_counts(people)
    if counts is None:
        raise ValueError(
            f"A force of {people} people cannot hold the demo force's chain of command: "
            f"ask for at least {smallest_force()}."
        )
    rng = random.Random(seed)  # noqa: S311 - repeatable synthetic data, not a secret
    plan: list[_Planned] = []
    holders: dict[tuple[str, str], list[int]] = {}
    for unit in FORCE_UNITS:
        for post in unit.posts:
            for index in range(counts[unit.code, post.key]):
                holders.setdefault((unit.code, post.key), []).append(len(plan))
                plan.append(_Planned(unit.code, post, index))

    for planned in plan:
        planned.manager = _manager_of(planned, counts, holders)
    for planned in plan:
        planned.depth = _depth(plan, planned)

    staff_numbers = rng.sample(range(200_000, 1_000_000), len(plan))
    collars = {
        role_type: iter(rng.sample(range(low, high), high - low))
        for role_type, (low, high) in COLLAR_SERIES.items()
    }
    emails: Counter[str] = Counter()
    for planned, staff_number in zip(plan, staff_numbers, strict=True):
        planned.fields = _invent_person(planned, rng, today, collars, emails)
        planned.fields["staff_number"] = str(staff_number)
    return plan


def _manager_of(planned: _Planned, counts, holders) -> int | None:
    post = planned.post
    if post.to is None:
        return None
    code, key, nth = _parse_ref(post.to, planned.unit)
    # An empty post (a small force) passes its reports up to its own manager.
    while not holders.get((code, key)):
        upper = _POSTS[code, key].to
        if upper is None:
            raise ValueError(f"{code}:{key} is empty and has no manager to stand in for it")
        code, key, nth = _parse_ref(upper, code)
    managers = holders[code, key]
    if nth is not None:
        return managers[nth % len(managers)]
    # Consecutive holders of a post share a manager, so teams stay together.
    return managers[planned.index * len(managers) // counts[planned.unit, post.key]]


def _depth(plan: list[_Planned], planned: _Planned) -> int:
    depth, node, seen = 0, planned, set()
    while node.manager is not None:
        if id(node) in seen:
            raise ValueError("the demo force's line management has a cycle")
        seen.add(id(node))
        node = plan[node.manager]
        depth += 1
    return depth


def _invent_person(planned: _Planned, rng: random.Random, today: dt.date, collars, emails) -> dict:
    post, role_type = planned.post, planned.post.role_type
    female = rng.random() < FEMALE_SHARE[role_type]
    sex = Sex.NOT_HELD if rng.random() < 0.01 else (Sex.FEMALE if female else Sex.MALE)
    ethnicity = rng.choices(list(ETHNICITY_WEIGHTS), weights=list(ETHNICITY_WEIGHTS.values()))[0]
    first_name, last_name = _invent_name(rng, ethnicity, female)

    local = "".join(c for c in f"{first_name}.{last_name}".lower() if c.isalnum() or c in ".-")
    emails[local] += 1
    if emails[local] > 1:
        local = f"{local}{emails[local]}"

    rank = post.rank
    low, high = SERVICE_YEARS.get(
        rank.removeprefix("Detective "), SERVICE_YEARS_BY_ROLE_TYPE[role_type]
    )
    start_date = today - dt.timedelta(days=rng.randint(low * 365, high * 365 + 300))
    leave_date = None
    if post.fill and rng.random() < LEAVER_SHARE:
        leave_date = today - dt.timedelta(days=rng.randint(14, 540))
        start_date = min(start_date, leave_date - dt.timedelta(days=rng.randint(90, 3000)))

    level = _vetting_level(role_type, rank, planned.unit)
    years = VETTING_YEARS[level]
    roll = rng.random()
    if roll < EXPIRING_SHARE:
        expires = today + dt.timedelta(days=rng.randint(1, 90))
    elif roll < EXPIRING_SHARE + LAPSED_SHARE:
        expires = today - dt.timedelta(days=rng.randint(1, 60))
    else:
        granted = max(start_date, today - dt.timedelta(days=rng.randint(0, years * 365 - 91)))
        expires = _years_after(granted, years)

    collar = ""
    if role_type in COLLAR_SERIES and rank not in CHIEF_OFFICER_RANKS:
        collar = str(next(collars[role_type]))
    return {
        "collar_number": collar,
        "first_name": first_name,
        "last_name": last_name,
        "role_type": role_type,
        "rank_or_grade": rank,
        "job_title": post.titles[planned.index % len(post.titles)],
        "email": f"{local}@{EMAIL_DOMAIN}",
        "vetting_level": level,
        "vetting_expires": expires,
        "start_date": start_date,
        "leave_date": leave_date,
        "ethnicity": ethnicity,
        "sex": sex,
    }


def _years_after(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _invent_name(rng: random.Random, ethnicity: str, female: bool) -> tuple[str, str]:
    lists = (MALE_FIRST_NAMES, FEMALE_FIRST_NAMES, SURNAMES)
    if ethnicity in {"A1", "A2", "A3"} and rng.random() < 0.85:
        lists = SOUTH_ASIAN_NAMES
    elif ethnicity == "B2" and rng.random() < 0.85:
        lists = AFRICAN_NAMES
    return rng.choice(lists[1] if female else lists[0]), rng.choice(lists[2])


def _vetting_level(role_type: str, rank: str, unit: str) -> str:
    if role_type == RoleType.PARTNERSHIP:
        # Detention officers see custody systems only; the control room sees everything.
        return VettingLevel.NPPV2 if unit == "FCR-CUS" else VettingLevel.NPPV3
    if rank in CHIEF_OFFICER_RANKS:
        return VettingLevel.SC
    if unit.startswith(SENSITIVE_UNITS) or rank.removeprefix("Detective ") in SENIOR_GRADES:
        return VettingLevel.MV
    return VettingLevel.RV


# --- Writing the force ---------------------------------------------------------------------


@transaction.atomic
def seed_force(
    *, people: int = FULL_SIZE, seed: int = 2017, today: dt.date | None = None
) -> ForceSummary:
    """Create the synthetic force (units, then people) unless it is already there.

    Rerunning with the same size and seed writes nothing. History is kept: every unit and
    person gets exactly one creation row. People are written a management level at a time, so
    each one's line manager already exists and no second (update) pass is needed.
    """
    plan = _plan_force(people=people, seed=seed, today=today or timezone.localdate())
    unit_ids, units_created = _ensure_units()
    people_created = _ensure_people(plan, unit_ids)
    by_role_type = dict(
        Person.objects.order_by()
        .values_list("role_type")
        .annotate(n=Count("pk"))
        .values_list("role_type", "n")
    )
    return ForceSummary(
        people_by_role_type=by_role_type,
        units=OrgUnit.objects.count(),
        people_created=people_created,
        units_created=units_created,
    )


def _ensure_units() -> tuple[dict[str, int], int]:
    codes = [unit.code for unit in FORCE_UNITS]
    ids = dict(OrgUnit.objects.filter(code__in=codes).values_list("code", "pk"))
    depth: dict[str, int] = {}
    for unit in FORCE_UNITS:  # parents come before their children
        depth[unit.code] = depth[unit.parent] + 1 if unit.parent else 0
    created = 0
    for level in sorted(set(depth.values())):
        new = [
            OrgUnit(code=unit.code, name=unit.name, parent_id=ids.get(unit.parent))
            for unit in FORCE_UNITS
            if depth[unit.code] == level and unit.code not in ids
        ]
        if new:
            new = bulk_create_with_history(new, OrgUnit, default_change_reason=CHANGE_REASON)
            ids.update({unit.code: unit.pk for unit in new})
            created += len(new)
    return ids, created


def _ensure_people(plan: list[_Planned], unit_ids: dict[str, int]) -> int:
    numbers = [planned.fields["staff_number"] for planned in plan]
    existing = {
        row[0]: row[1:]
        for row in Person.objects.filter(staff_number__in=numbers).values_list(
            "staff_number", "pk", "role_type", "rank_or_grade", "org_unit__code"
        )
    }
    # A rerun finds its own people; a run with another size or seed would find strangers under
    # the same staff numbers, or its units already staffed, and mix two forces into one.
    different = not existing and Person.objects.filter(org_unit_id__in=unit_ids.values()).exists()
    for planned in plan:
        found = existing.get(planned.fields["staff_number"])
        if found and found[1:] != (planned.post.role_type, planned.post.rank, planned.unit):
            different = True
    if different:
        raise ValueError(
            "The database already holds a different demo force (another size or seed). "
            "Seed an empty database, or rerun with the size and seed used before."
        )
    ids = {number: found[0] for number, found in existing.items()}
    created = 0
    for level in sorted({planned.depth for planned in plan}):
        new = [
            Person(
                **planned.fields,
                org_unit_id=unit_ids[planned.unit],
                line_manager_id=(
                    ids[plan[planned.manager].fields["staff_number"]]
                    if planned.manager is not None
                    else None
                ),
            )
            for planned in plan
            if planned.depth == level and planned.fields["staff_number"] not in ids
        ]
        if new:
            new = bulk_create_with_history(new, Person, default_change_reason=CHANGE_REASON)
            ids.update({person.staff_number: person.pk for person in new})
            created += len(new)
    return created


# --- Demo logins ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    roles: list[str]
    totp_secret: str  # base32, as an authenticator app takes it


@dataclass(frozen=True)
class _LoginSpec:
    username: str
    roles: tuple[Role, ...]
    person: dict  # filter for the person who holds it ("manager" is the staff login's manager)
    is_staff: bool = False


LOGIN_SPECS = (
    _LoginSpec(
        "staff",
        (Role.STAFF,),
        {"role_type": RoleType.PCSO, "line_manager__rank_or_grade": "Sergeant"},
    ),
    _LoginSpec("manager", (Role.STAFF, Role.LINE_MANAGER), {}),
    _LoginSpec(
        "psd.caseworker",
        (Role.STAFF, Role.PSD_CASEWORKER),
        {"org_unit__code": "PSD-INV", "rank_or_grade": "Detective Sergeant"},
    ),
    _LoginSpec(
        "psd.head",
        (Role.STAFF, Role.PSD_DECISION_MAKER),
        {"org_unit__code": "PSD", "job_title": "Head of Professional Standards"},
    ),
    _LoginSpec(
        "ccu.analyst",
        (Role.STAFF, Role.CCU_ANALYST),
        {"org_unit__code": "PSD-CCU", "job_title": "Counter Corruption Analyst"},
    ),
    # A second analyst, on an operation the first is not: the demo's compartments differ. The
    # senior analyst's post exists in a force of any size.
    _LoginSpec(
        "ccu.analyst2",
        (Role.STAFF, Role.CCU_ANALYST),
        {"org_unit__code": "PSD-CCU", "job_title": "Senior Counter Corruption Analyst"},
    ),
    _LoginSpec(
        "ccu.head",
        (Role.STAFF, Role.CCU_HEAD),
        {"org_unit__code": "PSD-CCU", "rank_or_grade": "Detective Chief Inspector"},
    ),
    _LoginSpec(
        "dcc", (Role.STAFF, Role.INTEGRITY_BOARD), {"rank_or_grade": "Deputy Chief Constable"}
    ),
    _LoginSpec(
        "admin",
        (Role.ADMINISTRATOR,),
        {"org_unit__code": "ICT", "job_title": "Systems Administrator"},
        is_staff=True,
    ),
    _LoginSpec(
        "auditor",
        (Role.AUDITOR,),
        {"org_unit__code": "ICT-IA", "job_title": "Information Assurance Officer"},
    ),
    # The local policing body's complaint reviewer. The demo force has no policing body of its
    # own, so an analyst at headquarters stands in (the review body role alone: no Staff role).
    _LoginSpec("review.body", (Role.REVIEW_BODY,), {"org_unit__code": "HQ-SP"}),
)


class _SharedPassword:
    """The one demo password: hashed once for every login, and checked once per stored hash
    (each check of a password costs a deliberate second or so of hashing)."""

    def __init__(self, password: str) -> None:
        self.password = password
        self._encoded: str | None = None
        self._checked: dict[str, bool] = {}

    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(self.password)
        return self._encoded

    def matches(self, encoded: str) -> bool:
        if encoded not in self._checked:
            # hashers.check_password, not User.check_password: the latter may re-save the user.
            self._checked[encoded] = check_password(self.password, encoded)
        return self._checked[encoded]


@transaction.atomic
def seed_logins(*, password: str | None = None, existing: dict | None = None) -> list[DemoLogin]:
    """Create (or keep) one login per role, each held by a fitting person in the demo force.

    ``existing`` is what ``read_demo_logins`` returns for the last run's file: its password is
    kept unless another is given, and its authenticator secrets are reused for a login that has
    no device yet. A login's device, once made, is never replaced or duplicated.
    """
    existing = existing or {}
    shared = _SharedPassword(_demo_password(password, existing))
    groups = _role_groups({role for spec in LOGIN_SPECS for role in spec.roles})
    holders: dict[str, Person] = {}
    logins = []
    for spec in LOGIN_SPECS:
        user = _ensure_user(spec, holders, shared)
        wanted = {role.value for role in spec.roles}
        if set(user.groups.values_list("name", flat=True)) != wanted:
            user.groups.set([groups[name] for name in wanted])
        secret = _ensure_device(user, (existing.get(spec.username) or {}).get("totp_secret"))
        logins.append(
            DemoLogin(
                username=spec.username,
                password=shared.password,
                roles=[role.value for role in spec.roles],
                totp_secret=secret,
            )
        )
    return logins


def _role_groups(roles: set[Role]) -> dict[str, Group]:
    """The roles' groups (made by migration, and after every flush by post_migrate)."""
    groups = {group.name: group for group in Group.objects.filter(name__in=roles)}
    missing = {role.value for role in roles} - set(groups)
    if missing:
        raise ValueError(f"The roles {sorted(missing)} are missing: run migrate first.")
    return groups


def _demo_password(password: str | None, existing: dict) -> str:
    if password:
        validate_password(password)
        return password
    for entry in existing.values():
        if isinstance(entry, dict) and entry.get("password"):
            return entry["password"]
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"  # nothing to misread: no l/1, o/0, i
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def _ensure_user(spec: _LoginSpec, holders: dict[str, Person], shared: _SharedPassword) -> User:
    user = User.objects.select_related("person").filter(username=spec.username).first()
    changed: list[str] = []
    if user is None:
        person = _holder(spec, holders)
        user = User(
            username=spec.username,
            person=person,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            is_staff=spec.is_staff,
            password=shared.encoded(),
        )
    else:
        if user.person_id is None:
            user.person = _holder(spec, holders)
            changed.append("person")
        if user.is_staff != spec.is_staff:
            user.is_staff = spec.is_staff
            changed.append("is_staff")
        if not shared.matches(user.password):
            user.password = shared.encoded()
            changed.append("password")
    if user.pk is None or changed:
        user._change_reason = CHANGE_REASON
        user.save(update_fields=changed or None)
    holders[spec.username] = user.person
    return user


def _holder(spec: _LoginSpec, holders: dict[str, Person]) -> Person:
    if spec.username == "manager":
        person = holders["staff"].line_manager
        if person is not None and User.objects.filter(person=person).exists():
            person = None
    else:
        person = (
            Person.objects.serving()
            .filter(user__isnull=True, **spec.person)
            .order_by("staff_number")
            .first()
        )
    if person is None:
        raise ValueError(
            f"No one in the staff directory fits the {spec.username!r} demo login: "
            "run seed_force first."
        )
    return person


def _ensure_device(user: User, known_secret: str | None) -> str:
    device = TOTPDevice.objects.filter(user=user).order_by("-confirmed", "pk").first()
    if device is None:
        device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=True)
        key = _key_from_secret(known_secret)
        if key:
            device.key = key
        device.save()
    elif not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return base64.b32encode(device.bin_key).decode()


def _key_from_secret(secret: str | None) -> str | None:
    """The hex key of a base32 secret from the last run's file (None when it is not one)."""
    if not secret:
        return None
    try:
        raw = base64.b32decode(secret.strip().upper() + "=" * (-len(secret.strip()) % 8))
    except (binascii.Error, ValueError):
        return None
    return raw.hex() if len(raw) >= 10 else None


# --- The logins file -----------------------------------------------------------------------


def demo_logins_path() -> Path:
    return Path(settings.VAR_DIR) / LOGINS_FILE_NAME


def read_demo_logins(path: Path | None = None) -> dict[str, dict]:
    """The last run's logins by username ({} when there is no file)."""
    path = path or demo_logins_path()
    if not path.exists():
        return {}
    entries = json.loads(path.read_text())
    return {
        entry["username"]: entry
        for entry in entries
        if isinstance(entry, dict) and isinstance(entry.get("username"), str)
    }


def write_demo_logins(logins: list[DemoLogin], path: Path | None = None) -> Path:
    """Write the logins for the person running the demo, readable by them alone (0600)."""
    path = path or demo_logins_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps([asdict(login) for login in logins], indent=2) + "\n"
    # Written beside the target and renamed, so a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w") as handle:  # mkstemp creates it 0600
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    path.chmod(0o600)
    return path
