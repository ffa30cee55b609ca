"""The CCU benchmark at force scale: the analyst's report list and full-text search, the product's
queries beside the naive alternative.

Seeds a throwaway PostgreSQL database (``standards_bench_ccu`` unless told otherwise) with the
50,000-person directory of ``bench/access.py``, a CCU head and 30 analysts, 200 operations (each
analyst granted 10 of them, ``view_operation`` and ``work_operation``), 100,000 intelligence
reports over ten years (30% in the general intake, the rest spread over the operations; half with
a subject from the directory) and 200,000 nominals of every kind (30% in the general index). The
``search_document`` columns are filled in the same SQL, as the database's triggers would (the
triggers are off while seeding, like the foreign-key ones).

It then times, side by side in the same run (median and p95 over ``--runs``):

(a) the analyst's report list - page of 50 and the count - through ``report_list_for_user``,
    against guardian's ``get_objects_for_user`` for the operations and a ``Paginator``;
(b) a search - page of 20 reports and 20 nominals, and both counts - through
    ``ccu.selectors.nominals.search`` and ``search_page`` (PostgreSQL full-text search on the GIN
    indexes, ranked, the total carried on each row of the page),
    against ``icontains`` on the sanitised text and the name through the same policy;

prints the ratios and ``EXPLAIN (ANALYZE, BUFFERS)`` of the product's queries, and checks that
the reports and nominals are read through an index (exit status 1 on a FAIL or a missed target).

    .venv/bin/python bench/ccu.py [--database-url URL] [--reseed] [--runs 30] [--write-results]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import access  # noqa: E402 - the path above makes the bench package importable

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/standards_bench_ccu"

# --- scale -----------------------------------------------------------------------------------

REPORTS = 100_000
NOMINALS = 200_000
OPERATIONS = 200
ANALYSTS = 30
GRANTS_PER_ANALYST = 10
INTAKE_PERCENT = 30
SUBJECT_PERCENT = 50
YEARS = 10
ANALYST_PREFIX = "bench-ccu-analyst-"
HEAD_USERNAME = "bench-ccu-head"
LIST_PAGE = 50
SEARCH_PAGE = 20
TARGET_MS = 150.0

# The sanitised texts are sentences built from these words (and a surname from the directory's
# list, so that a name search finds reports as well as nominals).
WORDS = (  # noqa: SIM905 - a paragraph reads better than 120 quoted words
    "officer staff member said seen cash payment envelope car vehicle meeting pub club "
    "licensee custody suite system search searched record records disclosed information "
    "relative partner friend associate phone called messages social media account gift "
    "hospitality tickets football dinner hotel drugs supply dealer debt loan gambling "
    "property store found stolen evidence bag tobacco cigarettes phones smuggling prison "
    "visit address night weekend shift duty off-duty uniform marked unmarked patrol station "
    "sergeant constable inspector contractor vetting business interest firm company director "
    "security door taxi garage tanning salon scrap metal lettings landlord tenant victim "
    "witness domestic abuse relationship sexual contact texts late calls location plates "
    "registration check checked PNC intelligence report unit team regularly often twice "
    "weekly monthly since last year month"
).split()
WORDS_PER_TEXT = 14
NOMINAL_KINDS = ("person", "person", "person", "organisation", "phone", "vehicle", "address")


# --- seeding ---------------------------------------------------------------------------------
#
# As in bench/access.py: synthetic data in a throwaway database, written with set-based SQL that
# BYPASSES django-simple-history (no historical rows) and, for speed, the triggers (the
# search_document is filled here as the database's trigger would fill it). Acceptable HERE ONLY.


def _tables() -> dict[str, str]:
    from ccu.models import (
        IntelligenceReport,
        Nominal,
        Operation,
        OperationUserObjectPermission,
        ReportSubject,
    )

    return {
        "report": IntelligenceReport._meta.db_table,
        "nominal": Nominal._meta.db_table,
        "operation": Operation._meta.db_table,
        "subject": ReportSubject._meta.db_table,
        "grant": OperationUserObjectPermission._meta.db_table,
    }


def _run(cursor, template: str, params: dict | None = None) -> int:
    from psycopg import sql

    names = {key: sql.Identifier(value) for key, value in _tables().items()}
    cursor.execute(sql.SQL(template).format(**names), params)
    return cursor.rowcount


def _reset_sequence(cursor, key: str) -> None:
    table = _tables()[key]
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {table}))",  # noqa: S608
        [table],
    )


def seed_users(cursor) -> None:  # noqa: ARG001 - the ORM writes the few users
    """A CCU head and the analysts (with their history: few rows, the ORM's way)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from simple_history.utils import bulk_create_with_history

    from standards.access.roles import Role
    from standards.accounts.models import User

    first_person = access.PEOPLE - 10_000  # a stretch of the directory no other bench uses
    password = make_password(None)
    users = [
        User(username=f"{ANALYST_PREFIX}{n:02d}", person_id=first_person + n, password=password)
        for n in range(ANALYSTS)
    ]
    users.append(User(username=HEAD_USERNAME, person_id=first_person + ANALYSTS, password=password))
    users = bulk_create_with_history(users, User, default_change_reason="CCU benchmark")
    roles = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    membership = User.groups.through
    rows = []
    for user in users:
        role = Role.CCU_HEAD if user.username == HEAD_USERNAME else Role.CCU_ANALYST
        rows += [
            membership(user_id=user.pk, group_id=roles[Role.STAFF].pk),
            membership(user_id=user.pk, group_id=roles[role].pk),
        ]
    membership.objects.bulk_create(rows)


def _params() -> dict:
    from django.contrib.auth.models import Permission

    from standards.accounts.models import User

    def permission(codename):
        return Permission.objects.get(content_type__app_label="ccu", codename=codename).pk

    return {
        "reports": REPORTS,
        "nominals": NOMINALS,
        "operations": OPERATIONS,
        "days": YEARS * 365,
        "intake": INTAKE_PERCENT,
        "subject_share": SUBJECT_PERCENT,
        "people": access.PEOPLE,
        "head": User.objects.get(username=HEAD_USERNAME).pk,
        "analysts": list(
            User.objects.filter(username__startswith=ANALYST_PREFIX)
            .order_by("username")
            .values_list("pk", flat=True)
        ),
        "grants": GRANTS_PER_ANALYST,
        "view": permission("view_operation"),
        "work": permission("work_operation"),
        "words": WORDS,
        "nwords": len(WORDS),
        "per_text": WORDS_PER_TEXT,
        "first": access.FIRST_NAMES,
        "nfirst": len(access.FIRST_NAMES),
        "last": access.LAST_NAMES,
        "nlast": len(access.LAST_NAMES),
        "kinds": list(NOMINAL_KINDS),
        "nkinds": len(NOMINAL_KINDS),
    }


def seed_ccu(cursor) -> None:
    """Operations, grants, reports (with subjects) and nominals."""
    p = _params()
    _run(
        cursor,
        """
        INSERT INTO {operation} (id, code_name, purpose, status, opened_on, closed_on,
                                 opened_by_id)
        SELECT i, 'Operation BENCH ' || lpad(i::text, 4, '0'), 'Synthetic benchmark operation.',
               'open', current_date - 400 - i, NULL, %(head)s
        FROM generate_series(1, %(operations)s) AS i
        """,
        p,
    )
    _reset_sequence(cursor, "operation")
    # Analyst k works on operations k*7+1 ... (GRANTS_PER_ANALYST of them, spread out).
    _run(
        cursor,
        """
        INSERT INTO {grant} (user_id, permission_id, content_object_id)
        SELECT a.id, perm.id, 1 + (a.k * 7 + j * 19) %% %(operations)s
        FROM unnest(%(analysts)s::int[]) WITH ORDINALITY AS a(id, k)
        CROSS JOIN generate_series(0, %(grants)s - 1) AS j
        CROSS JOIN (VALUES (%(view)s), (%(work)s)) AS perm(id)
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {report} (id, received_on, route, operation_id, owner_id, sanitised_text,
                              status, grade, search_document)
        SELECT r.i, r.received, 'line_manager',
               CASE WHEN pg_temp.bench_h(r.i, 1) %% 100 < %(intake)s THEN NULL
                    ELSE 1 + pg_temp.bench_h(r.i, 2) %% %(operations)s END,
               (%(analysts)s::int[])[1 + pg_temp.bench_h(r.i, 3) %% array_length(
                   %(analysts)s::int[], 1)],
               r.text, 'new', '', to_tsvector('pg_catalog.english', r.text)
        FROM (
            SELECT i,
                   current_date - %(days)s + ((i - 1)::bigint * %(days)s / %(reports)s)::int
                       AS received,
                   (SELECT string_agg((%(words)s::text[])[1 + pg_temp.bench_h(i * 31 + w, 4)
                                          %% %(nwords)s], ' ')
                    FROM generate_series(1, %(per_text)s) AS w)
                       || ' ' || (%(last)s::text[])[1 + pg_temp.bench_h(i, 5) %% %(nlast)s]
                       || '.' AS text
            FROM generate_series(1, %(reports)s) AS i
        ) AS r
        """,
        p,
    )
    _reset_sequence(cursor, "report")
    _run(
        cursor,
        """
        INSERT INTO {subject} (report_id, person_id, reason, linked_by_id, linked_on)
        SELECT i, 1 + pg_temp.bench_h(i, 6) %% (%(people)s - 20000), 'Named in the report',
               NULL, current_date
        FROM generate_series(1, %(reports)s) AS i
        WHERE pg_temp.bench_h(i, 7) %% 100 < %(subject_share)s
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {nominal} (id, kind, name, normalised, date_of_birth, details, operation_id,
                               created_by_id, created_on, merged_into_id, search_document)
        SELECT n.i, n.kind, n.name, lower(n.name), NULL, n.details,
               CASE WHEN pg_temp.bench_h(n.i, 11) %% 100 < %(intake)s THEN NULL
                    ELSE 1 + pg_temp.bench_h(n.i, 12) %% %(operations)s END,
               %(head)s, current_date, NULL,
               to_tsvector('pg_catalog.simple', n.name || ' ' || n.details)
        FROM (
            SELECT i, k.kind,
                   CASE k.kind
                       WHEN 'person' THEN
                           (%(first)s::text[])[1 + pg_temp.bench_h(i, 13) %% %(nfirst)s] || ' '
                           || (%(last)s::text[])[1 + pg_temp.bench_h(i, 14) %% %(nlast)s]
                       WHEN 'organisation' THEN
                           (%(last)s::text[])[1 + pg_temp.bench_h(i, 14) %% %(nlast)s] || ' '
                           || (ARRAY['Motors', 'Security', 'Lettings', 'Scrap', 'Taxis'])
                              [1 + pg_temp.bench_h(i, 15) %% 5] || ' Ltd'
                       WHEN 'phone' THEN '07700 ' || lpad((i %% 1000000)::text, 6, '0')
                       WHEN 'vehicle' THEN 'BN' || (10 + i %% 60) || ' '
                           || chr(65 + i %% 26) || chr(65 + (i / 26) %% 26) || chr(65 + i %% 23)
                       ELSE (1 + i %% 200) || ' '
                           || (%(last)s::text[])[1 + pg_temp.bench_h(i, 14) %% %(nlast)s]
                           || ' Road'
                   END AS name,
                   'Recorded from intelligence.' AS details
            FROM generate_series(1, %(nominals)s) AS i
            CROSS JOIN LATERAL (
                SELECT (%(kinds)s::text[])[1 + pg_temp.bench_h(i, 10) %% %(nkinds)s] AS kind
            ) AS k
        ) AS n
        """,
        p,
    )
    _reset_sequence(cursor, "nominal")


def _seed_steps() -> list[access.SeedStep]:
    from ccu.models import IntelligenceReport
    from standards.accounts.models import User
    from standards.people.models import Person

    return [
        access.SeedStep("people", Person.objects.count, access.PEOPLE, access.seed_people),
        access.SeedStep(
            "CCU users",
            User.objects.filter(username__startswith=ANALYST_PREFIX).count,
            ANALYSTS,
            seed_users,
        ),
        access.SeedStep("CCU material", IntelligenceReport.objects.count, REPORTS, seed_ccu),
    ]


def seed() -> dict[str, float]:
    return access.seed(_seed_steps())


# --- the product's queries and the naive alternatives ------------------------------------------


def product_list(user) -> tuple[int, int]:
    from ccu.selectors.reports import report_list_for_user

    reports = report_list_for_user(user=user)
    return len(list(reports[:LIST_PAGE])), reports.count()


def naive_list(user) -> tuple[int, int]:
    """guardian's own answer for the operations, the intake beside it, through a Paginator."""
    from django.core.paginator import Paginator
    from django.db.models import Q
    from guardian.shortcuts import get_objects_for_user

    from ccu.models import IntelligenceReport, Operation

    operations = get_objects_for_user(
        user, "ccu.view_operation", klass=Operation, accept_global_perms=False
    )
    reports = (
        IntelligenceReport.objects.filter(Q(operation__isnull=True) | Q(operation__in=operations))
        .exclude(subjects=user.person_id)
        .select_related("operation", "owner__person")
        .order_by("-received_on", "-pk")
    )
    paginator = Paginator(reports, LIST_PAGE)
    return len(list(paginator.page(1).object_list)), paginator.count


def product_search(user, query: str) -> tuple[int, int]:
    from ccu.selectors.nominals import search, search_page

    results = search(user=user, query=query)
    reports = search_page(results.reports, number=1, size=SEARCH_PAGE)
    nominals = search_page(results.nominals, number=1, size=SEARCH_PAGE)
    return len(reports) + len(nominals), reports.paginator.count + nominals.paginator.count


def naive_search(user, query: str) -> tuple[int, int]:
    """The same reports and nominals the user may see, matched with ``icontains``."""
    from ccu.models import IntelligenceReport, Nominal
    from standards.access import policy

    reports = (
        policy.visible(user, IntelligenceReport.objects.all())
        .filter(sanitised_text__icontains=query)
        .select_related("operation")
        .order_by("-received_on", "-pk")
    )
    nominals = (
        policy.visible(user, Nominal.objects.filter(merged_into__isnull=True))
        .filter(name__icontains=query)
        .order_by("name", "pk")
    )
    rows = len(list(reports[:SEARCH_PAGE])) + len(list(nominals[:SEARCH_PAGE]))
    return rows, reports.count() + nominals.count()


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Pair:
    label: str
    product: access.Figure
    naive: access.Figure
    queries: tuple[int, int]

    @property
    def ratio(self) -> float:
        return self.naive.median / self.product.median if self.product.median else 0.0

    @property
    def met(self) -> bool:
        return self.product.p95 < TARGET_MS


def time_runs(label: str, run: Callable[[], tuple[int, int]], runs: int) -> access.Figure:
    rows = total = 0
    for _ in range(access.WARMUPS):
        rows, total = run()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        rows, total = run()
        times.append((time.perf_counter() - started) * 1000)
    return access.Figure(label, times, rows, total)


def _statements(run: Callable[[], object]) -> int:
    return len(access.capture_sql(run))


def analyst():
    from standards.accounts.models import User

    return User.objects.get(username=f"{ANALYST_PREFIX}{ANALYSTS // 2:02d}")


def search_terms() -> list[str]:
    # A common word of the texts, a surname (reports and nominals), and a two-word query.
    return ["cash", access.LAST_NAMES[0], "custody search"]


def measurements(runs: int) -> list[Pair]:
    user = analyst()
    fresh = access._fresh
    pairs = [
        Pair(
            "Analyst's report list (page of 50 + count)",
            time_runs("report_list_for_user", lambda: product_list(fresh(user)), runs),
            time_runs("get_objects_for_user + Paginator", lambda: naive_list(fresh(user)), runs),
            (
                _statements(lambda: product_list(fresh(user))),
                _statements(lambda: naive_list(fresh(user))),
            ),
        )
    ]
    for term in search_terms():
        pairs.append(
            Pair(
                f'Search "{term}" (20 reports + 20 nominals, both counts)',
                time_runs(
                    "full-text search (GIN, ranked)",
                    lambda term=term: product_search(fresh(user), term),
                    runs,
                ),
                time_runs(
                    "icontains on sanitised text and name",
                    lambda term=term: naive_search(fresh(user), term),
                    runs,
                ),
                (
                    _statements(lambda term=term: product_search(fresh(user), term)),
                    _statements(lambda term=term: naive_search(fresh(user), term)),
                ),
            )
        )
    return pairs


# --- plans -----------------------------------------------------------------------------------


def plans() -> tuple[dict[str, str], list[access.PlanCheck]]:
    user = access._fresh(analyst())
    text: dict[str, str] = {}
    checks: list[access.PlanCheck] = []
    runs = {
        "report list": lambda: product_list(user),
        f'search "{search_terms()[0]}"': lambda: product_search(user, search_terms()[0]),
    }
    tables = set(_tables()[key] for key in ("report", "nominal"))
    for label, run in runs.items():
        for n, (sql, params) in enumerate(access.capture_sql(run)):
            if not any(table in sql for table in tables):
                continue
            title = f"{label}, statement {n + 1}"
            text[title] = access.explain(sql, params)
            plan = access.explain(sql, params, as_json=True)
            checks += _check(title, plan, tables)
    return text, checks


def _check(query: str, plan, tables: set[str]) -> list[access.PlanCheck]:
    """No sequential scan of the reports or nominals."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, tablename FROM pg_indexes WHERE tablename = ANY(%s)", [list(tables)]
        )
        index_table = dict(cursor.fetchall())
    seen: dict[str, list[str]] = {}
    for node in access._nodes(plan):
        table = node.get("Relation Name") or index_table.get(node.get("Index Name", ""))
        if table in tables:
            index = node.get("Index Name")
            seen.setdefault(table, []).append(
                f"{node['Node Type']} using {index}" if index else node["Node Type"]
            )
    return [
        access.PlanCheck(
            query, table, not any(a.startswith("Seq Scan") for a in accesses), "; ".join(accesses)
        )
        for table, accesses in seen.items()
    ]


# --- reporting -------------------------------------------------------------------------------


def row_counts() -> list[tuple[str, int]]:
    from django.db import connection

    counts = []
    with connection.cursor() as cursor:
        for table in _tables().values():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our own table names
            counts.append((table, cursor.fetchone()[0]))
    return counts


def report(facts, counts, pairs: list[Pair], plan_text, checks, seed_times) -> str:
    user = analyst()
    lines = [
        f"Run on {facts['date']}: {facts['cpus']} CPUs, {facts['memory']} RAM, "
        f"PostgreSQL {facts['postgresql']}, Python {facts['python']}; database "
        f"{facts['size']}; load average {facts['load']}; {facts['settings']}.",
        "",
        "| table | rows |",
        "|---|---:|",
        *(f"| `{name}` | {n:,} |" for name, n in counts),
        "",
        f"Analyst: `{user.username}`, granted {GRANTS_PER_ANALYST} of {OPERATIONS} operations "
        "(and the general intake and index).",
        "",
        "| measurement | product median ms | product p95 ms | naive median ms | naive p95 ms "
        "| naive / product (median) | statements (product / naive) | rows | total "
        "| target p95 | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        *(
            f"| {p.label} | {p.product.median:.1f} | {p.product.p95:.1f} | {p.naive.median:.1f} "
            f"| {p.naive.p95:.1f} | {p.ratio:.1f}x | {p.queries[0]} / {p.queries[1]} "
            f"| {p.product.rows} | {p.product.total:,} | {TARGET_MS:.0f} ms "
            f"| {'yes' if p.met else 'NO'} |"
            for p in pairs
        ),
        "",
        "Product: " + "; ".join(f"{p.label}: {p.product.label}" for p in pairs) + ".",
        "Naive: " + "; ".join(f"{p.label}: {p.naive.label}" for p in pairs) + ".",
        "",
        "Plan checks (no sequential scan of the reports or the nominals):",
        "",
        *(f"- {'PASS' if c.ok else 'FAIL'} {c.query}: `{c.table}`: {c.detail}" for c in checks),
    ]
    if seed_times:
        lines += ["", "Seeding: " + ", ".join(f"{k} {v:.0f} s" for k, v in seed_times.items())]
    for title, text in plan_text.items():
        lines += ["", f"`EXPLAIN (ANALYZE, BUFFERS)`: {title}", "", "```", text, "```"]
    return "\n".join(lines)


def _markers(block: str) -> tuple[str, str]:
    return f"<!-- bench/ccu.py {block}: begin -->", f"<!-- bench/ccu.py {block}: end -->"


def write_results(blocks: dict[str, str]) -> None:
    """Replace the CCU blocks of bench/RESULTS.md, keeping everything around them."""
    text = RESULTS.read_text()
    title = "## Intelligence: the report list and search (`bench/ccu.py`)"
    if title not in text:
        text = f"{text.rstrip()}\n\n{title}\n"
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
    parser.add_argument("--runs", type=int, default=30, help="timed runs per query (default 30)")
    parser.add_argument(
        "--write-results", action="store_true", help="update the figures in bench/RESULTS.md"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    access.ensure_database(args.database_url, reseed=args.reseed)
    access.setup_django(args.database_url)
    access.migrate()
    seed_times = seed()

    load_before = os.getloadavg()
    pairs = measurements(args.runs)
    plan_text, checks = plans()
    markdown = report(
        access.server_facts(load_before), row_counts(), pairs, plan_text, checks, seed_times
    )
    print(markdown, end="\n\n")
    if args.write_results:
        write_results({"figures": markdown})
    for pair in pairs:
        print(
            f"{'MET' if pair.met else 'MISSED'}: {pair.label}: p95 {pair.product.p95:.1f} ms "
            f"(target {TARGET_MS:.0f} ms); naive {pair.naive.median:.1f} ms median, "
            f"{pair.ratio:.1f}x the product's"
        )
    for c in checks:
        print(f"{'PASS' if c.ok else 'FAIL'}: {c.query}: {c.table} read by {c.detail}")
    return 1 if any(not c.ok for c in checks) or any(not p.met for p in pairs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
