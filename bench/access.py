"""The access benchmark at force scale.

Seeds a throwaway PostgreSQL database (``standards_bench`` unless told otherwise) with a
force-sized world - 50,000 people in a ~300-unit organisation tree with line managers, 500,000
CCU operations with 0-2 subjects each and over 5,000,000 django-guardian object-permission rows
held by ~2,000 CCU analysts and ~200 CCU team groups - then times the list selectors behind the
pages people use most and checks, from the ``EXPLAIN`` plan, that the permission tables are read
through their indexes and never scanned whole.

    .venv/bin/python bench/access.py [--database-url URL] [--reseed] [--runs 50]
                                     [--write-results] [--what-if]

Re-runs reuse the seeded data (seeding takes about a minute on 2 cores; measuring a minute or two).
Later steps add a seed step to ``_seed_steps()`` and a measurement to ``measurements()`` for each
protected model they bring (cases, intelligence), then re-run with ``--write-results``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/standards_bench"

# --- scale -----------------------------------------------------------------------------------

PEOPLE = 50_000
COMMANDS, DEPARTMENTS_PER_COMMAND, TEAMS_PER_DEPARTMENT = 8, 6, 5
ORG_UNITS = (
    1
    + COMMANDS
    + COMMANDS * DEPARTMENTS_PER_COMMAND
    + COMMANDS * DEPARTMENTS_PER_COMMAND * TEAMS_PER_DEPARTMENT
)  # 297: the force, its commands, their departments and their teams
SPAN_OF_CONTROL = 8  # direct reports per line manager inside a unit

OPERATIONS = 500_000
ANALYSTS = 2_000
TEAMS = 200
# Each analyst holds 300-2,599 operations directly and belongs to 1-3 teams, each holding
# 1,000-3,999 operations; every grant is view_operation, and 60% also carry work_operation.
DIRECT_GRANTS = (300, 2_300)  # (minimum, spread)
TEAM_GRANTS = (1_000, 3_000)
WORK_SHARE_PERCENT = 60
PERMISSION_ROWS = 5_000_000  # the floor the issue sets

# Strides for picking an analyst's or a team's operations: coprime with OPERATIONS (2^5 * 5^6),
# so ``start + j * stride (mod OPERATIONS)`` never repeats an operation for one holder.
STRIDES = [7_919, 104_723, 130_003, 199_999, 249_989, 310_019, 377_789, 433_399, 499_979]

FIRST_NAMES = [
    "James", "Oliver", "Jack", "Harry", "George", "Thomas", "William", "Daniel", "Samuel",
    "Joseph", "David", "Michael", "Mohammed", "Adam", "Ryan", "Liam", "Connor", "Ben", "Sean",
    "Paul", "Olivia", "Emily", "Sophie", "Jessica", "Amelia", "Charlotte", "Hannah", "Lucy",
    "Sarah", "Laura", "Emma", "Rebecca", "Chloe", "Megan", "Aisha", "Priya", "Zara", "Claire",
    "Helen", "Karen",
]  # fmt: skip
LAST_NAMES = [
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Johnson", "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards",
    "Hughes", "Green", "Hall", "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner",
    "Martin", "Cooper", "Hill", "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker",
    "Harrison", "Morgan", "Allen", "James", "Scott", "Phillips", "Watson", "Davis", "Parker",
    "Price", "Bennett", "Young", "Griffiths", "Mitchell", "Kelly", "Cook", "Carter", "Richardson",
    "Bailey", "Collins", "Bell", "Shaw", "Murphy", "Khan", "Ali", "Hussain", "Begum", "Goldsmith",
    "Smithson",
]  # fmt: skip
CODE_WORDS = [
    "KESTREL", "HERON", "OSPREY", "MERLIN", "PEREGRINE", "HOBBY", "HARRIER", "BUZZARD", "KITE",
    "CURLEW", "LAPWING", "PLOVER", "DUNLIN", "AVOCET", "BITTERN", "EGRET", "GANNET", "PETREL",
    "SHEARWATER", "FULMAR", "TERN", "SKUA", "GUILLEMOT", "PUFFIN", "RAZORBILL", "WREN", "ROBIN",
    "LINNET", "SISKIN", "TWITE",
]  # fmt: skip

WARMUPS = 3


# --- the database ----------------------------------------------------------------------------


def ensure_database(url: str, *, reseed: bool) -> bool:
    """Create the bench database if it is missing (dropping it first on ``--reseed``).

    Returns whether the database was (re)created. Only a database whose name says it is a bench
    database is ever dropped.
    """
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    if not name:
        raise SystemExit(f"--database-url names no database: {url!r}")
    maintenance = parts._replace(path="/postgres").geturl()
    with psycopg.connect(maintenance, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and reseed:
            if "bench" not in name:
                raise SystemExit(f"refusing to drop {name!r}: --reseed drops only a bench database")
            print(f"dropping database {name}")
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
            exists = None
        if not exists:
            print(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    return False


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    # The settings run in production mode: give them what they insist on (never used here).
    os.environ.setdefault("SECRET_KEY", "bench-only-key-never-used-to-sign-anything-4f1c9a7e2b")
    os.environ.setdefault("ALLOWED_HOSTS", "localhost")
    os.environ.setdefault("EMAIL_URL", "consolemail://")
    os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6379/0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "standards.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


# --- seeding ---------------------------------------------------------------------------------
#
# Synthetic bench data in a throwaway database: every seed step writes with set-based SQL or
# bulk_create and so BYPASSES django-simple-history (no historical rows) and, for speed, the
# foreign-key triggers. That is acceptable HERE ONLY - the service itself never writes a tracked
# model without history (shared/STYLE.md, convention 4).
#
# Pseudo-random choices come from a hash of the row number, so every seed is the same world.

HASH_FUNCTION = """
CREATE OR REPLACE FUNCTION pg_temp.bench_h(v bigint, salt integer) RETURNS integer
LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$ SELECT hashint8(v * 1000003 + salt) & 2147483647 $$
"""


@dataclass(frozen=True)
class SeedStep:
    name: str
    rows: Callable[[], int]  # how many rows of the step are there now
    target: int  # at or above this, the step is done
    run: Callable[[object], None]  # given a cursor, inside a transaction


def _tables() -> dict[str, str]:
    """The real tables and columns the migrations created, named from the models."""
    from django.contrib.auth.models import Group

    from ccu.models import Operation, OperationGroupObjectPermission, OperationUserObjectPermission
    from standards.accounts.models import User
    from standards.people.models import OrgUnit, Person

    subjects = Operation.subjects.through
    return {
        "orgunit": OrgUnit._meta.db_table,
        "person": Person._meta.db_table,
        "user": User._meta.db_table,
        "group": Group._meta.db_table,
        "membership": User.groups.through._meta.db_table,
        "operation": Operation._meta.db_table,
        "subjects": subjects._meta.db_table,
        "subjects_operation": subjects._meta.get_field("operation").column,
        "subjects_person": subjects._meta.get_field("person").column,
        "uop": OperationUserObjectPermission._meta.db_table,
        "gop": OperationGroupObjectPermission._meta.db_table,
    }


def _sql(template: str, **names: str):
    """``template`` with ``{name}`` placeholders filled by quoted identifiers (psycopg.sql)."""
    from psycopg import sql

    identifiers = {key: sql.Identifier(value) for key, value in {**_tables(), **names}.items()}
    return sql.SQL(template).format(**identifiers)


def _run(cursor, template: str, params: dict | None = None, **names: str) -> int:
    cursor.execute(_sql(template, **names), params)
    return cursor.rowcount


def _reset_sequence(cursor, table: str) -> None:
    """After inserting explicit ids, move the identity on so the ORM's next insert works."""
    _run(
        cursor,
        "SELECT setval(pg_get_serial_sequence(%(name)s, 'id'), (SELECT max(id) FROM {table}))",
        {"name": _tables()[table]},
        table=_tables()[table],
    )


def seed_people(cursor) -> None:
    """The organisation tree and the workforce, each person managed inside their unit."""
    last_command = 1 + COMMANDS
    last_department = last_command + COMMANDS * DEPARTMENTS_PER_COMMAND
    _run(
        cursor,
        """
        INSERT INTO {orgunit} (id, code, name, parent_id, is_active)
        SELECT u, 'U' || lpad(u::text, 4, '0'),
               CASE WHEN u = 1 THEN 'Northmoor Police'
                    WHEN u <= %(c)s THEN 'Command ' || (u - 1)
                    WHEN u <= %(d)s THEN 'Department ' || (u - %(c)s)
                    ELSE 'Team ' || (u - %(d)s) END,
               CASE WHEN u = 1 THEN NULL
                    WHEN u <= %(c)s THEN 1
                    WHEN u <= %(d)s THEN 2 + (u - %(c)s - 1) / %(dpc)s
                    ELSE %(c)s + 1 + (u - %(d)s - 1) / %(tpd)s END,
               true
        FROM generate_series(1, %(n)s) AS u
        """,
        {
            "c": last_command,
            "d": last_department,
            "dpc": DEPARTMENTS_PER_COMMAND,
            "tpd": TEAMS_PER_DEPARTMENT,
            "n": ORG_UNITS,
        },
    )
    # Person i sits in unit u = (i - 1) % units + 1 at depth k = (i - 1) / units: person u heads
    # unit u and reports to the head of the parent unit (person parent_id); everyone else reports
    # to someone above them in their own unit, SPAN_OF_CONTROL reports each.
    _run(
        cursor,
        """
        INSERT INTO {person} (id, staff_number, collar_number, first_name, last_name, role_type,
                              rank_or_grade, job_title, org_unit_id, line_manager_id, email,
                              vetting_level, vetting_expires, start_date, leave_date, ethnicity,
                              sex, post_vetting_level)
        SELECT s.i, 'SN' || lpad(s.i::text, 6, '0'),
               CASE WHEN s.role_type = 'officer' THEN (1000 + s.i)::text ELSE '' END,
               s.first_name, s.last_name, s.role_type,
               CASE WHEN s.role_type <> 'officer' THEN 'Grade ' || (1 + s.r %% 7)
                    WHEN s.k = 0 AND s.u <= %(c)s THEN 'Chief Superintendent'
                    WHEN s.k = 0 THEN 'Inspector'
                    WHEN s.k <= %(span)s THEN 'Sergeant'
                    ELSE 'Constable' END,
               CASE WHEN s.k = 0 THEN 'Head of ' || ou.name ELSE 'Member of ' || ou.name END,
               s.u,
               CASE WHEN s.k = 0 THEN ou.parent_id
                    ELSE s.u + %(units)s * ((s.k - 1) / %(span)s) END,
               lower(s.first_name || '.' || s.last_name) || s.i || '@northmoor.police.example',
               (ARRAY['', 'RV', 'MV', 'NPPV2', 'SC'])[1 + s.r %% 5],
               CASE WHEN s.r %% 5 > 0 THEN date '2027-01-01' + s.r %% 2000 END,
               date '1985-01-01' + pg_temp.bench_h(s.i, 4) %% 14000,
               CASE WHEN s.r < 5 THEN date '2020-01-01' + pg_temp.bench_h(s.i, 5) %% 2000 END,
               (ARRAY['', 'W1', 'W2', 'A1', 'A2', 'B1', 'M1', 'O2'])[1 + s.r %% 8],
               (ARRAY['', 'F', 'M'])[1 + pg_temp.bench_h(s.i, 6) %% 3],
               -- The post's level: the level held, but every 25th post needs SC.
               CASE WHEN s.i %% 25 = 0 THEN 'SC'
                    ELSE (ARRAY['', 'RV', 'MV', 'NPPV2', 'SC'])[1 + s.r %% 5] END
        FROM (
            SELECT i, (i - 1) %% %(units)s + 1 AS u, (i - 1) / %(units)s AS k,
                   pg_temp.bench_h(i, 3) %% 100 AS r,
                   CASE WHEN pg_temp.bench_h(i, 3) %% 100 < 55 THEN 'officer'
                        WHEN pg_temp.bench_h(i, 3) %% 100 < 88 THEN 'staff'
                        WHEN pg_temp.bench_h(i, 3) %% 100 < 92 THEN 'pcso'
                        WHEN pg_temp.bench_h(i, 3) %% 100 < 95 THEN 'special'
                        WHEN pg_temp.bench_h(i, 3) %% 100 < 98 THEN 'partnership'
                        ELSE 'volunteer' END AS role_type,
                   (%(first)s::text[])[1 + pg_temp.bench_h(i, 1) %% %(nfirst)s] AS first_name,
                   (%(last)s::text[])[1 + pg_temp.bench_h(i, 2) %% %(nlast)s] AS last_name
            FROM generate_series(1, %(n)s) AS i
        ) AS s
        JOIN {orgunit} AS ou ON ou.id = s.u
        """,
        {
            "c": last_command,
            "span": SPAN_OF_CONTROL,
            "units": ORG_UNITS,
            "first": FIRST_NAMES,
            "nfirst": len(FIRST_NAMES),
            "last": LAST_NAMES,
            "nlast": len(LAST_NAMES),
            "n": PEOPLE,
        },
    )
    _reset_sequence(cursor, "orgunit")
    _reset_sequence(cursor, "person")


ANALYST_PREFIX = "bench-analyst-"
TEAM_PREFIX = "CCU team "
HEAD_USERNAME = "bench-ccu-head"
CASEWORKER_USERNAME = "bench-psd-caseworker"


def seed_users(cursor) -> None:  # the cursor is unused: the ORM writes these
    """The CCU's analysts (each a person in the directory), its teams, its head, a caseworker.

    Through the ORM, because these are few and the login and role machinery should see
    ordinary rows; the logins with their history rows like any other (groups and memberships
    carry no history).
    """
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from simple_history.utils import bulk_create_with_history

    from standards.access.roles import Role
    from standards.accounts.models import User

    first_person = PEOPLE - 10_000  # an arbitrary stretch of the directory
    password = make_password(None)  # unusable: nobody signs in to the bench
    users = [
        User(
            username=f"{ANALYST_PREFIX}{n:04d}",
            person_id=first_person + n,
            password=password,
            is_active=True,
        )
        for n in range(ANALYSTS)
    ]
    users.append(User(username=HEAD_USERNAME, person_id=first_person + ANALYSTS, password=password))
    users.append(
        User(username=CASEWORKER_USERNAME, person_id=first_person + ANALYSTS + 1, password=password)
    )
    bulk_create_with_history(
        users, User, batch_size=1000, default_change_reason="Access benchmark seed"
    )
    Group.objects.bulk_create([Group(name=f"{TEAM_PREFIX}{t:03d}") for t in range(TEAMS)])

    roles = {g.name: g.pk for g in Group.objects.filter(name__in=[r.value for r in Role])}
    teams = dict(Group.objects.filter(name__startswith=TEAM_PREFIX).values_list("name", "pk"))
    by_name = dict(User.objects.filter(username__startswith="bench-").values_list("username", "pk"))
    Membership = User.groups.through
    rows = []
    for n in range(ANALYSTS):
        user_id = by_name[f"{ANALYST_PREFIX}{n:04d}"]
        rows.append(Membership(user_id=user_id, group_id=roles[Role.CCU_ANALYST]))
        # One to three teams each: 67 and 134 apart, so never the same team twice.
        for i in range(1 + n % 3):
            team = (n * 7 + i * 67) % TEAMS
            rows.append(Membership(user_id=user_id, group_id=teams[f"{TEAM_PREFIX}{team:03d}"]))
    rows.append(Membership(user_id=by_name[HEAD_USERNAME], group_id=roles[Role.CCU_HEAD]))
    rows.append(
        Membership(user_id=by_name[CASEWORKER_USERNAME], group_id=roles[Role.PSD_CASEWORKER])
    )
    Membership.objects.bulk_create(rows, batch_size=2000)


def _holder_tables(cursor) -> None:
    """Temporary tables numbering the analysts and the teams 0..n-1 for the set-based inserts."""
    _run(cursor, "DROP TABLE IF EXISTS bench_analyst, bench_team")
    _run(
        cursor,
        """
        CREATE TEMP TABLE bench_analyst ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY username) - 1)::int AS k, id
        FROM {user} WHERE username LIKE %(prefix)s
        """,
        {"prefix": ANALYST_PREFIX + "%"},
    )
    _run(
        cursor,
        """
        CREATE TEMP TABLE bench_team ON COMMIT DROP AS
        SELECT (row_number() OVER (ORDER BY name) - 1)::int AS k, id
        FROM {group} WHERE name LIKE %(prefix)s
        """,
        {"prefix": TEAM_PREFIX + "%"},
    )
    _run(cursor, "ANALYZE bench_analyst")
    _run(cursor, "ANALYZE bench_team")


def seed_operations(cursor) -> None:
    """Twenty years of operations (id order is date order), each about 0-2 people."""
    _holder_tables(cursor)
    _run(
        cursor,
        """
        INSERT INTO {operation} (id, code_name, purpose, status, opened_on, closed_on,
                                 opened_by_id)
        SELECT s.i,
               'Operation ' || (%(words)s::text[])[1 + pg_temp.bench_h(s.i, 1) %% %(nwords)s]
                   || ' ' || lpad(s.i::text, 6, '0'),
               'Synthetic benchmark operation ' || s.i || '.',
               CASE WHEN s.closed THEN 'closed' ELSE 'open' END,
               s.opened_on,
               CASE WHEN s.closed THEN s.opened_on + 30 + pg_temp.bench_h(s.i, 3) %% 600 END,
               a.id
        FROM (
            SELECT i,
                   date '2006-11-01' + ((i - 1)::bigint * 7300 / %(n)s)::int
                       + pg_temp.bench_h(i, 4) %% 30 AS opened_on,
                   i < %(n)s * 9 / 10 AND pg_temp.bench_h(i, 2) %% 10 < 8 AS closed
            FROM generate_series(1, %(n)s) AS i
        ) AS s
        JOIN bench_analyst AS a ON a.k = pg_temp.bench_h(s.i, 5) %% %(analysts)s
        """,
        {"words": CODE_WORDS, "nwords": len(CODE_WORDS), "n": OPERATIONS, "analysts": ANALYSTS},
    )
    _reset_sequence(cursor, "operation")
    # 0, 1 or 2 subjects; the second is never the first.
    _run(
        cursor,
        """
        INSERT INTO {subjects} ({subjects_operation}, {subjects_person})
        SELECT s.i,
               CASE WHEN n.nth = 1 THEN s.p
                    ELSE 1 + (s.p - 1 + 1 + pg_temp.bench_h(s.i, 7) %% (%(people)s - 1))
                             %% %(people)s END
        FROM (
            SELECT i, 1 + pg_temp.bench_h(i, 6) %% %(people)s AS p,
                   pg_temp.bench_h(i, 8) %% 3 AS how_many
            FROM generate_series(1, %(n)s) AS i
        ) AS s
        JOIN generate_series(1, 2) AS n(nth) ON n.nth <= s.how_many
        """,
        {"people": PEOPLE, "n": OPERATIONS},
    )


def seed_grants(cursor) -> None:
    """Need-to-know grants: to each analyst directly and to each team (guardian direct FK)."""
    from django.contrib.auth.models import Permission

    view = Permission.objects.get(content_type__app_label="ccu", codename="view_operation").pk
    work = Permission.objects.get(content_type__app_label="ccu", codename="work_operation").pk
    _holder_tables(cursor)
    params = {
        "view": view,
        "work": work,
        "strides": STRIDES,
        "nstrides": len(STRIDES),
        "ops": OPERATIONS,
        "work_share": WORK_SHARE_PERCENT,
    }
    # Operation start + j * stride (mod OPERATIONS) for j < n: distinct per holder, so the
    # (holder, permission, operation) unique constraint holds without ON CONFLICT.
    for table, holders, column, (least, spread), salt in (
        ("uop", "bench_analyst", "user_id", DIRECT_GRANTS, 10),
        ("gop", "bench_team", "group_id", TEAM_GRANTS, 20),
    ):
        _run(
            cursor,
            """
            INSERT INTO {table} ({column}, permission_id, content_object_id)
            SELECT g.id, p.id, 1 + (g.start + j::bigint * g.stride) %% %(ops)s
            FROM (
                SELECT k, id,
                       %(least)s + pg_temp.bench_h(k, %(salt)s) %% %(spread)s AS n,
                       pg_temp.bench_h(k, %(salt)s + 1) %% %(ops)s AS start,
                       (%(strides)s::bigint[])[1 + pg_temp.bench_h(k, %(salt)s + 2) %% %(nstrides)s]
                           AS stride
                FROM {holders}
            ) AS g
            CROSS JOIN LATERAL generate_series(0, g.n - 1) AS j
            CROSS JOIN (VALUES (%(view)s, true), (%(work)s, false)) AS p(id, is_view)
            WHERE p.is_view
               OR pg_temp.bench_h(g.k * 100000 + j, %(salt)s + 3) %% 100 < %(work_share)s
            """,
            {**params, "least": least, "spread": spread, "salt": salt},
            table=_tables()[table],
            column=column,
            holders=holders,
        )


def _seed_steps() -> list[SeedStep]:
    from ccu.models import Operation, OperationGroupObjectPermission, OperationUserObjectPermission
    from standards.accounts.models import User
    from standards.people.models import Person

    return [
        SeedStep("people", Person.objects.count, PEOPLE, seed_people),
        SeedStep(
            "users and teams",
            User.objects.filter(username__startswith=ANALYST_PREFIX).count,
            ANALYSTS,
            seed_users,
        ),
        SeedStep("operations", Operation.objects.count, OPERATIONS, seed_operations),
        SeedStep(
            "grants",
            lambda: (
                OperationUserObjectPermission.objects.count()
                + OperationGroupObjectPermission.objects.count()
            ),
            PERMISSION_ROWS,
            seed_grants,
        ),
        # Later steps: complaints/conduct cases, intelligence reports, notifiable associations.
    ]


def seed(steps: list[SeedStep] | None = None) -> dict[str, float]:
    """Run every seed step (this benchmark's unless given) whose data is not there yet; return
    the seconds each took. The other benchmarks seed their own steps through it."""
    from django.db import connection, transaction

    timings: dict[str, float] = {}
    seeded_any = False
    for step in _seed_steps() if steps is None else steps:
        present = step.rows()
        if present >= step.target:
            continue
        if present:
            raise SystemExit(
                f"the bench database holds part of the {step.name} ({present:,} rows): "
                "run again with --reseed"
            )
        print(f"seeding {step.name} ...", flush=True)
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(HASH_FUNCTION)
            # Foreign keys hold by construction here; skipping their per-row deferred triggers
            # (this transaction only) saves minutes on 5M rows. Only a superuser may.
            cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
            if cursor.fetchone()[0]:
                cursor.execute("SET LOCAL session_replication_role = replica")
            step.run(cursor)
        timings[step.name] = time.perf_counter() - started
        print(f"  {timings[step.name]:.1f} s", flush=True)
        seeded_any = True
    if seeded_any:
        started = time.perf_counter()
        print("vacuum analyze ...", flush=True)
        with connection.cursor() as cursor:
            # A steady-state database is vacuumed: the visibility map lets index-only scans
            # skip the heap, as they would in production after autovacuum.
            cursor.execute("VACUUM (ANALYZE)")
        timings["vacuum analyze"] = time.perf_counter() - started
        print(f"  {timings['vacuum analyze']:.1f} s", flush=True)
    return timings


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Figure:
    label: str
    times_ms: list[float]
    rows: int
    total: int

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]  # nearest rank


def _fresh(user):
    """Forget the roles cached on the user, so each run pays for them as a request does."""
    user.__dict__.pop("_role_names", None)
    return user


def time_page(label: str, make_qs: Callable[[], object], runs: int) -> Figure:
    """What a list page does: its first page of 50 and the total for the pager."""
    rows = total = 0
    for _ in range(WARMUPS):
        qs = make_qs()
        rows, total = len(list(qs[:50])), qs.count()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        qs = make_qs()
        rows, total = len(list(qs[:50])), qs.count()
        times.append((time.perf_counter() - started) * 1000)
    return Figure(label, times, rows, total)


def _users():
    from standards.accounts.models import User

    return {
        "head": User.objects.get(username=HEAD_USERNAME),
        "caseworker": User.objects.get(username=CASEWORKER_USERNAME),
    }


@dataclass
class Analyst:
    user: object
    direct: int  # view_operation grants held directly
    via_teams: int  # view_operation grants held through teams (with repeats across teams)
    teams: int
    visible: int = 0  # operations on the list (distinct, after the self-conflict rule)
    spread: dict[str, int] = field(default_factory=dict)


def typical_analyst() -> Analyst:
    """The analyst with the median number of view_operation grants, direct plus via teams."""
    from django.contrib.auth.models import Permission
    from django.db import connection

    from standards.accounts.models import User

    view = Permission.objects.get(content_type__app_label="ccu", codename="view_operation").pk
    query = _sql(
        """
        SELECT u.id,
               (SELECT count(*) FROM {uop} WHERE user_id = u.id AND permission_id = %(view)s),
               (SELECT count(*) FROM {membership} AS m JOIN {gop} AS g
                    ON g.group_id = m.group_id AND g.permission_id = %(view)s
                WHERE m.user_id = u.id),
               (SELECT count(*) FROM {membership} AS m JOIN {group} AS t ON t.id = m.group_id
                WHERE m.user_id = u.id AND t.name LIKE %(teams)s)
        FROM {user} AS u WHERE u.username LIKE %(analysts)s
        """
    )
    with connection.cursor() as cursor:
        cursor.execute(query, {"view": view, "teams": TEAM_PREFIX + "%",
                               "analysts": ANALYST_PREFIX + "%"})  # fmt: skip
        rows = sorted(cursor.fetchall(), key=lambda r: (r[1] + r[2], r[0]))
    totals = [r[1] + r[2] for r in rows]
    user_id, direct, via, teams = rows[len(rows) // 2]
    return Analyst(
        user=User.objects.get(pk=user_id),
        direct=direct,
        via_teams=via,
        teams=teams,
        spread={
            "min": totals[0],
            "p25": totals[len(totals) // 4],
            "median": totals[len(totals) // 2],
            "p75": totals[3 * len(totals) // 4],
            "max": totals[-1],
        },
    )


def measurements(analyst: Analyst, users: dict, runs: int) -> list[Figure]:
    from ccu.selectors.operations import operation_list_for_user
    from standards.people.selectors import person_list_for_user

    head, caseworker = users["head"], users["caseworker"]
    figures = [
        time_page(
            "CCU analyst: operation list (page of 50 + count)",
            lambda: operation_list_for_user(user=_fresh(analyst.user)),
            runs,
        ),
        time_page(
            "CCU head: operation list (page of 50 + count)",
            lambda: operation_list_for_user(user=_fresh(head)),
            runs,
        ),
        time_page(
            "PSD caseworker: people list (page of 50 + count)",
            lambda: person_list_for_user(user=_fresh(caseworker)),
            runs,
        ),
        time_page(
            'PSD caseworker: people search "smith" (page of 50 + count)',
            lambda: person_list_for_user(user=_fresh(caseworker), query="smith"),
            runs,
        ),
        # Later steps: the caseworker's case list, the analyst's intelligence list.
    ]
    analyst.visible = figures[0].total
    return figures


# --- plans -----------------------------------------------------------------------------------


def capture_sql(run: Callable[[], object]) -> list[tuple[str, object]]:
    """The exact SQL and parameters Django sends while ``run`` runs."""
    from django.db import connection

    captured: list[tuple[str, object]] = []

    def wrapper(execute, sql, params, many, context):
        captured.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        run()
    return captured


def explain(sql: str, params, *, as_json: bool = False):
    from django.db import connection

    options = "ANALYZE, BUFFERS" + (", FORMAT JSON" if as_json else "")
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}", params)  # noqa: S608 - Django's own SQL
        rows = cursor.fetchall()
    if as_json:
        plan = rows[0][0]
        return json.loads(plan) if isinstance(plan, str) else plan
    return "\n".join(row[0] for row in rows)


def _nodes(plan):
    if isinstance(plan, list):
        for item in plan:
            yield from _nodes(item)
    elif isinstance(plan, dict):
        if "Node Type" in plan:
            yield plan
        for key in ("Plan", "Plans"):
            if key in plan:
                yield from _nodes(plan[key])


@dataclass
class PlanCheck:
    query: str
    table: str
    ok: bool
    detail: str


def check_plan(query: str, plan_json) -> list[PlanCheck]:
    """Each permission table must be read through an index, never by a sequential scan."""
    from django.db import connection

    from ccu.models import OperationGroupObjectPermission, OperationUserObjectPermission

    tables = [
        OperationUserObjectPermission._meta.db_table,
        OperationGroupObjectPermission._meta.db_table,
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, tablename FROM pg_indexes WHERE tablename = ANY(%s)", [tables]
        )
        index_table = dict(cursor.fetchall())
    seen: dict[str, list[str]] = {t: [] for t in tables}
    for node in _nodes(plan_json):
        kind = node["Node Type"]
        table = node.get("Relation Name") or index_table.get(node.get("Index Name", ""))
        if table in seen:
            index = node.get("Index Name")
            seen[table].append(f"{kind} using {index}" if index else kind)
    checks = []
    for table, accesses in seen.items():
        indexed = [a for a in accesses if "Index" in a]
        seq = [a for a in accesses if a.startswith("Seq Scan")]
        ok = bool(indexed) and not seq
        detail = "; ".join(accesses) or "not read"
        checks.append(PlanCheck(query, table, ok, detail))
    return checks


@dataclass
class Plans:
    text: dict[str, str]
    checks: list[PlanCheck]


def page_and_count(qs_factory: Callable[[], object]):
    """The (sql, params) of a list page's two statements: its first page and its count."""

    def run():
        qs = qs_factory()
        return list(qs[:50]), qs.count()

    # The last two statements are the page and the count (before them: the role lookup).
    captured = capture_sql(run)
    return captured[-2], captured[-1]


def plans(analyst: Analyst, users: dict) -> Plans:
    from ccu.selectors.operations import operation_list_for_user
    from standards.people.selectors import person_list_for_user

    text: dict[str, str] = {}
    checks: list[PlanCheck] = []
    analyst_page, analyst_count = page_and_count(
        lambda: operation_list_for_user(user=_fresh(analyst.user))
    )
    # The page query through Django's own explain(), as the issue asks; the count through the
    # captured statement (a count has no queryset to call explain() on).
    page_qs = operation_list_for_user(user=_fresh(analyst.user))[:50]
    text["CCU analyst: operation list, page of 50"] = page_qs.explain(analyze=True, buffers=True)
    text["CCU analyst: operation list, count"] = explain(*analyst_count)
    for name, statement in (("page", analyst_page), ("count", analyst_count)):
        checks += check_plan(f"analyst {name}", explain(*statement, as_json=True))

    head_page, _ = page_and_count(lambda: operation_list_for_user(user=_fresh(users["head"])))
    text["CCU head: operation list, page of 50"] = explain(*head_page)
    search_page, _ = page_and_count(
        lambda: person_list_for_user(user=_fresh(users["caseworker"]), query="smith")
    )
    text['PSD caseworker: people search "smith", page of 50'] = explain(*search_page)
    return Plans(text, checks)


# --- what if: the changes RESULTS.md proposes, measured without touching the app -------------
#
# Each candidate rebuilds operation_list_for_user's query the way the proposed change would, so
# the evidence can be re-run; once a change lands in the app, drop its candidate here.

LISTING_INDEX = "bench_whatif_operation_listing"


def candidate_operation_list(user, *, subquery_count: bool, union: bool):
    """operation_list_for_user's query, with some of the proposed changes applied."""
    from django.contrib.auth.models import Permission
    from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
    from django.db.models.functions import Coalesce

    from ccu.models import Operation, OperationGroupObjectPermission, OperationUserObjectPermission
    from standards.access import policy
    from standards.access.roles import Role

    if policy.holds(user, Role.CCU_HEAD):
        visible = policy.EVERYTHING
    elif union:
        # The permission's id resolved first (one tiny query, paid on every call here), so the
        # planner sees a constant and estimates the grants from the index statistics; then one
        # IN over UNION ALL, which PostgreSQL can turn into a semi-join driven by the grants.
        view = Permission.objects.get(content_type__app_label="ccu", codename="view_operation")
        by_user = OperationUserObjectPermission.objects.filter(
            user_id=user.pk, permission_id=view.pk
        ).values("content_object_id")
        by_group = OperationGroupObjectPermission.objects.filter(
            group__user=user.pk, permission_id=view.pk
        ).values("content_object_id")
        visible = Q(pk__in=by_user.union(by_group, all=True))
    else:
        visible = policy.granted(user, Operation, "view_operation")
    if subquery_count:
        per_operation = (
            Operation.subjects.through.objects.filter(operation_id=OuterRef("pk"))
            .order_by()
            .values("operation_id")
            .annotate(n=Count("*"))
            .values("n")
        )
        subject_count = Coalesce(Subquery(per_operation, output_field=IntegerField()), Value(0))
    else:
        subject_count = Count("subjects")
    return (
        Operation.objects.filter(visible & policy.not_about(user, ("subjects",)))
        .annotate(subject_count=subject_count)
        .order_by("-opened_on", "code_name")
    )


@dataclass
class WhatIf:
    figures: list[tuple[str, Figure, bool]]  # label, figure, same rows as the selector
    plans: dict[str, str]


def what_if(analyst: Analyst, users: dict, runs: int) -> WhatIf:
    from django.db import connection, transaction

    from ccu.selectors.operations import operation_list_for_user

    def signature(qs):
        return [(o.pk, o.subject_count) for o in qs[:50]], qs.count()

    candidates = [
        ("subject_count as a correlated subquery", {"subquery_count": True, "union": False}),
        (
            "+ granted(): permission id first, one IN over UNION ALL",
            {"subquery_count": True, "union": True},
        ),
    ]
    results: list[tuple[str, Figure, bool]] = []
    plans_text: dict[str, str] = {}

    all_changes = {"subquery_count": True, "union": True}

    def measure(suffix: str, *, record_plans: bool) -> None:
        for who, user in (("CCU analyst", analyst.user), ("CCU head", users["head"])):
            expected = signature(operation_list_for_user(user=_fresh(user)))
            for label, options in candidates:
                if who == "CCU head" and options["union"]:
                    continue  # the head's list reads no grants

                def make(user=user, options=options):
                    return candidate_operation_list(_fresh(user), **options)

                figure = time_page(f"{who}: {label}{suffix}", make, runs)
                results.append((figure.label, figure, signature(make()) == expected))
            if record_plans:
                page, count = page_and_count(
                    lambda user=user: candidate_operation_list(_fresh(user), **all_changes)
                )
                plans_text[f"{who}: all proposed changes, page of 50"] = explain(*page)
                if who == "CCU analyst":
                    plans_text[f"{who}: all proposed changes, count"] = explain(*count)

    measure("", record_plans=False)
    # The index exists only inside this transaction, which is rolled back: the bench database
    # keeps the schema the migrations made.
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                _sql(
                    "CREATE INDEX {index} ON {operation} (opened_on DESC, code_name)",
                    index=LISTING_INDEX,
                )
            )
            cursor.execute(_sql("ANALYZE {operation}"))
        measure(" + index (opened_on DESC, code_name)", record_plans=True)
        transaction.set_rollback(True)
    return WhatIf(results, plans_text)


def what_if_report(result: WhatIf) -> str:
    lines = [
        "| candidate | rows on page | total | median ms | p95 ms | same rows |",
        "|---|---:|---:|---:|---:|---|",
        *(
            f"| {label} | {f.rows} | {f.total:,} | {f.median:.1f} | {f.p95:.1f} | "
            f"{'yes' if same else 'NO'} |"
            for label, f, same in result.figures
        ),
    ]
    for title, text in result.plans.items():
        lines += ["", f"`EXPLAIN (ANALYZE, BUFFERS)`: {title}", "", "```", text, "```"]
    return "\n".join(lines)


# --- reporting -------------------------------------------------------------------------------


def row_counts() -> list[tuple[str, int]]:
    from django.db import connection

    tables = _tables()
    keys = ["orgunit", "person", "user", "group", "membership", "operation", "subjects", "uop",
            "gop"]  # fmt: skip
    counts = []
    with connection.cursor() as cursor:
        for key in keys:
            cursor.execute(_sql("SELECT count(*) FROM {table}", table=tables[key]))
            counts.append((tables[key], cursor.fetchone()[0]))
    return counts


def server_facts(load_before: tuple[float, ...]) -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        version = cursor.fetchone()[0]
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
        settings = {}
        for name in ("shared_buffers", "work_mem", "effective_cache_size", "random_page_cost",
                     "jit", "max_parallel_workers_per_gather"):  # fmt: skip
            cursor.execute(f"SHOW {name}")
            settings[name] = cursor.fetchone()[0]
    try:
        memory_kib = int(
            next(
                line.split()[1]
                for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal:")
            )
        )
        memory = f"{memory_kib / 1024 / 1024:.0f} GiB"
    except (OSError, StopIteration, ValueError):
        memory = "unknown"
    return {
        "date": dt.date.today().isoformat(),
        "cpus": str(os.cpu_count()),
        "memory": memory,
        "postgresql": version,
        "python": platform.python_version(),
        "size": size,
        "load": f"{load_before[0]:.2f} before, {os.getloadavg()[0]:.2f} after",
        "settings": ", ".join(f"{k}={v}" for k, v in settings.items()),
    }


def report(facts, counts, analyst: Analyst, figures: list[Figure], plan: Plans, seed_times):
    """The figures as Markdown: printed, and with --write-results kept in bench/RESULTS.md."""
    lines = [
        f"Run on {facts['date']}: {facts['cpus']} CPUs, {facts['memory']} RAM, "
        f"PostgreSQL {facts['postgresql']}, Python {facts['python']}; database "
        f"{facts['size']}; 1-minute load average {facts['load']} measuring (a shared machine).",
        f"Server settings: {facts['settings']}.",
        "",
        "| table | rows |",
        "|---|---:|",
        *(f"| `{name}` | {n:,} |" for name, n in counts),
        "",
        f"Typical analyst (median of {ANALYSTS:,} by view grants): `{analyst.user.username}`, "
        f"{analyst.direct:,} direct + {analyst.via_teams:,} through {analyst.teams} team(s); "
        f"{analyst.visible:,} operations on their list. Grants per analyst (direct + teams): "
        + ", ".join(f"{k} {v:,}" for k, v in analyst.spread.items())
        + ".",
        "",
        "| query | rows on page | total | median ms | p95 ms | runs |",
        "|---|---:|---:|---:|---:|---:|",
        *(
            f"| {f.label} | {f.rows} | {f.total:,} | {f.median:.1f} | {f.p95:.1f} | "
            f"{len(f.times_ms)} |"
            for f in figures
        ),
        "",
        "Plan checks (guardian permission tables read through an index, no sequential scan):",
        "",
        *(
            f"- {'PASS' if c.ok else 'FAIL'} {c.query}: `{c.table}`: {c.detail}"
            for c in plan.checks
        ),
    ]
    if seed_times:
        lines += ["", "Seeding: " + ", ".join(f"{k} {v:.0f} s" for k, v in seed_times.items())]
    for title, text in plan.text.items():
        lines += ["", f"`EXPLAIN (ANALYZE, BUFFERS)`: {title}", "", "```", text, "```"]
    return "\n".join(lines)


def _markers(block: str) -> tuple[str, str]:
    return f"<!-- bench/access.py {block}: begin -->", f"<!-- bench/access.py {block}: end -->"


def write_results(blocks: dict[str, str]) -> None:
    """Replace the generated blocks of bench/RESULTS.md, keeping the prose around them."""
    text = RESULTS.read_text() if RESULTS.exists() else "# Access benchmark results\n"
    for block, markdown in blocks.items():
        begin, end = _markers(block)
        generated = f"{begin}\n{markdown}\n{end}"
        if begin in text and end in text:
            head, rest = text.split(begin, 1)
            text = head + generated + rest.split(end, 1)[1]
        else:
            text = f"{text.rstrip()}\n\n{generated}\n"
    RESULTS.write_text(text)
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--reseed", action="store_true", help="drop and re-create the database")
    parser.add_argument("--runs", type=int, default=50, help="timed runs per query (default 50)")
    parser.add_argument(
        "--write-results", action="store_true", help="update the figures in bench/RESULTS.md"
    )
    parser.add_argument(
        "--what-if",
        action="store_true",
        help="also time the changes RESULTS.md proposes (an index is tried and rolled back)",
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    ensure_database(args.database_url, reseed=args.reseed)
    setup_django(args.database_url)
    migrate()
    seed_times = seed()

    load_before = os.getloadavg()
    users = _users()
    analyst = typical_analyst()
    figures = measurements(analyst, users, args.runs)
    plan = plans(analyst, users)
    blocks = {
        "figures": report(
            server_facts(load_before), row_counts(), analyst, figures, plan, seed_times
        )
    }
    if args.what_if:
        blocks["what-if"] = what_if_report(what_if(analyst, users, args.runs))
    for markdown in blocks.values():
        print(markdown, end="\n\n")
    if args.write_results:
        write_results(blocks)
    failed = [c for c in plan.checks if not c.ok]
    for c in plan.checks:
        print(f"{'PASS' if c.ok else 'FAIL'}: {c.query}: {c.table} read by {c.detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
