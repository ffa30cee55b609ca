"""The integrity board's benchmark: the summary page and the quarterly PDF at Metropolitan Police
size, beside the same figures counted the naive way (rows into Python, counted in loops).

Seeds a throwaway PostgreSQL database (``standards_bench_board`` unless told otherwise; once,
``--reseed`` to start again) with step 7's benchmark world (bench/crosschecks_data.py: 50,000
staff with ethnicity and sex, 500,000 gifts, 20,000 business interests, 20,000 notifiable
associations, procurement, diaries and expenses), the complaints benchmark's 150,000 cases and
250,000 allegations over eight years (bench/complaints.py), the CCU benchmark's 100,000
intelligence reports and 200,000 nominals (bench/ccu.py), and the findings of one run of every
cross-check. All of it bypasses the services and their history: a benchmark fixture only.

Then, for the last complete financial year and its last quarter, in the same run (median and
p95 over ``--runs``):

(a) the summary page (GET /board/ through Django's test client: the view, every section for
    three periods, suppression, charts, the template), with its number of queries: counted
    afresh, and as the deputy chief constable gets it, the figures counted ahead by the board's
    scheduled task (timed too: ``count_board_figures``, every five minutes);
(b) the quarterly PDF (GET /board/report/pdf/: the summary, the commentary, WeasyPrint);
(c) the naive way: the workforce, complaint cases and allegations (by IOPC category), conduct
    matters, gifts offered / accepted / declined and their value, business-interest
    applications, intelligence reports by national category, and the subjects of complaints by
    ethnicity, each from rows fetched into Python and counted in loops;

prints the ratios, and fails (exit status 1) if a naive figure differs from the page's or the
page is over its target.

    .venv/bin/python bench/board.py [--database-url URL] [--reseed] [--runs 10]
                                    [--scale 1] [--write-results]
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import access  # noqa: E402 - the path above makes the bench package importable
from bench import ccu as ccu_bench  # noqa: E402
from bench import complaints as complaints_bench  # noqa: E402
from bench import crosschecks as crosschecks_bench  # noqa: E402
from bench import crosschecks_data as data  # noqa: E402

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/standards_bench_board"
TARGET_MS = 1_000.0
USERNAME = "bench-board-dcc"


# --- the database -----------------------------------------------------------------------------


def _seed_steps(scale: float) -> list[access.SeedStep]:
    from ccu.models import IntelligenceReport
    from complaints.models import Case
    from registers.crosschecks.models import Finding
    from registers.gifts.models import Gift
    from standards.accounts.models import User

    n = data.counts(scale)
    access.PEOPLE = n["people"]

    def registers(cursor) -> None:  # noqa: ARG001 - load() opens its own transactions
        world, rows = data.build(scale)
        crosschecks_bench.load(rows, world.n, skip=frozenset({"nominals"}))

    def findings(cursor) -> None:  # noqa: ARG001
        from registers.crosschecks.services.runs import crosschecks_run_by_hand

        crosschecks_run_by_hand(today=data.TODAY)

    return [
        access.SeedStep("step 7's world", Gift.objects.count, n["gifts"], registers),
        access.SeedStep(
            "PSD caseworkers",
            User.objects.filter(username__startswith=complaints_bench.CASEWORKER_PREFIX).count,
            complaints_bench.CASEWORKERS,
            complaints_bench.seed_users,
        ),
        access.SeedStep(
            "complaint and conduct cases",
            Case.objects.count,
            complaints_bench.CASES,
            complaints_bench.seed_cases,
        ),
        access.SeedStep(
            "CCU users",
            User.objects.filter(username__startswith=ccu_bench.ANALYST_PREFIX).count,
            ccu_bench.ANALYSTS,
            ccu_bench.seed_users,
        ),
        access.SeedStep(
            "intelligence", IntelligenceReport.objects.count, ccu_bench.REPORTS, ccu_bench.seed_ccu
        ),
        access.SeedStep("cross-check findings", Finding.objects.count, 1, findings),
    ]


def board_user():
    """The deputy chief constable, signed in with both factors as a browser would be."""
    from django.contrib.auth.models import Group

    from standards.access.roles import Role
    from standards.accounts.models import User

    user, created = User.objects.get_or_create(username=USERNAME, defaults={"person_id": 2})
    if created:
        user.set_unusable_password()
        user.save()
        user.groups.add(*Group.objects.filter(name__in=[Role.STAFF, Role.INTEGRITY_BOARD]))
    return user


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Timed:
    label: str
    times_ms: list[float]
    queries: int

    @property
    def median(self) -> float:
        return statistics.median(self.times_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.times_ms)
        return ordered[max(0, round(0.95 * len(ordered)) - 1)]


def time_runs(
    label: str, run: Callable[[], object], runs: int, counted: Callable[[], object] | None = None
) -> Timed:
    """Median and p95 of ``runs`` runs after one warm-up; the queries of ``counted`` (the same
    work done in this process: a test client's request runs on a connection of its own)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        (counted or run)()
    queries = len(
        captured
    )  # now: the slice is read from the connection's log, which a request resets
    run()  # warm-up
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1000)
    print(f"  {label}: median {statistics.median(times):.0f} ms", flush=True)
    return Timed(label, times, queries)


def _client(user):
    from django.test import Client

    from tests.helpers import sign_in

    return sign_in(Client(), user)


def product_page(client, query: str, *, cold: bool) -> Callable[[], object]:
    from django.core.cache import cache

    def run():
        if cold:
            cache.clear()  # every section counted afresh, as on the first view in 5 minutes
        response = client.get(f"/board/?{query}", secure=True)
        assert response.status_code == 200, response.status_code
        return response

    return run


def summary_afresh(user, period) -> Callable[[], object]:
    from django.core.cache import cache

    from standards.board.selectors.summary import build_summary

    def run():
        cache.clear()
        return build_summary(user=user, period=period)

    return run


def count_ahead_afresh() -> Callable[[], object]:
    """The board's scheduled task as beat runs it, from an empty cache: every section's figures
    for the standing periods of the benchmark's today (the last financial year among them)."""
    from django.core.cache import cache

    from standards.board.selectors.summary import count_ahead

    def run():
        cache.clear()
        assert count_ahead(today=data.TODAY) > 0
        return None

    return run


def product_pdf(client, query: str) -> Callable[[], object]:
    def run():
        response = client.get(f"/board/report/pdf/?{query}", secure=True)
        assert response.status_code == 200, response.status_code
        assert response.content[:4] == b"%PDF"
        return response

    return run


def product_figures(user, period) -> dict[str, Decimal | None]:
    """The page's figures the naive way also counts, as the page prints them."""
    from standards.board.selectors.summary import build_summary

    summary = build_summary(user=user, period=period)
    figures = {key: summary.figure(key).current.number for key in NAIVE_KEYS}
    figures["workforce"] = Decimal(summary.workforce)
    [table] = [t for t in summary.disproportionality if t.key == "complaints.ethnicity"]
    for row in table.rows:
        figures[f"complaints subjects, {row.group}"] = row.events.number
    return figures


# --- the naive way: every row into Python, counted in loops -----------------------------------

NAIVE_KEYS = (
    "complaints.cases_logged",
    "complaints.allegations_logged",
    "conduct.matters_recorded",
    "gifts.offered",
    "gifts.accepted",
    "gifts.declined",
    "gifts.offered_value",
    "interests.received",
    "ccu.reports_received",
)


def naive_figures(period) -> dict[str, Decimal | None]:
    from django.utils import timezone

    from ccu.models import IntelligenceReport
    from complaints.models import Allegation, Case, Subject
    from registers.gifts.models import Gift
    from registers.interests.models import BusinessInterest
    from standards.people.models import Person

    def within(day) -> bool:
        return day is not None and period.start <= day <= period.end

    people = {}
    workforce = 0
    for pk, leave_date, ethnicity in Person.objects.values_list("pk", "leave_date", "ethnicity"):
        people[pk] = ethnicity
        if leave_date is None or leave_date > period.end:
            workforce += 1
    complaints = conduct = 0
    complaint_ids = set()
    for pk, kind, logged_on in Case.objects.values_list("pk", "kind", "logged_on").iterator():
        if not within(logged_on):
            continue
        if kind == "complaint":
            complaints += 1
            complaint_ids.add(pk)
        elif kind == "conduct":
            conduct += 1
    allegations = Counter()
    for case_id, category in Allegation.objects.values_list(
        "case_id", "category__group"
    ).iterator():
        if case_id in complaint_ids:
            allegations[category] += 1
    subjects_by_group = Counter()
    for case_id, person_id in Subject.objects.values_list("case_id", "person_id").iterator():
        if case_id in complaint_ids and person_id is not None:
            subjects_by_group[(people.get(person_id) or "")[:1]] += 1
    gifts = Counter()
    offered_value = Decimal(0)
    for offered_on, direction, status, response, value in Gift.objects.values_list(
        "offered_on", "direction", "status", "response", "estimated_value"
    ).iterator():
        if direction == "received" and status != "withdrawn" and within(offered_on):
            gifts["offered"] += 1
            gifts[response] += 1
            offered_value += value or 0
    interests = 0
    for submitted_at in BusinessInterest.objects.values_list("submitted_at", flat=True).iterator():
        if submitted_at is not None and within(timezone.localtime(submitted_at).date()):
            interests += 1
    reports = 0
    for received_on in IntelligenceReport.objects.values_list("received_on", flat=True).iterator():
        if within(received_on):
            reports += 1
    by_group = {
        f"complaints subjects, {label}": Decimal(subjects_by_group[letter])
        for letter, label in (("A", "Asian"), ("B", "Black"), ("M", "Mixed"), ("O", "Other"),
                              ("W", "White"))
    }  # fmt: skip
    return by_group | {
        "workforce": Decimal(workforce),
        "complaints.cases_logged": Decimal(complaints),
        "complaints.allegations_logged": Decimal(sum(allegations.values())),
        "conduct.matters_recorded": Decimal(conduct),
        "gifts.offered": Decimal(gifts["offered"]),
        "gifts.accepted": Decimal(gifts["accepted"]),
        "gifts.declined": Decimal(gifts["declined"]),
        "gifts.offered_value": offered_value,
        "interests.received": Decimal(interests),
        "ccu.reports_received": Decimal(reports),
    }


# --- the report ------------------------------------------------------------------------------


def report(facts, counts, seed_times, pages: list[Timed], pdf: Timed, naive: Timed, same: dict):
    page, warm = pages[0], pages[1]
    ratio = naive.median / page.median if page.median else float("inf")
    lines = [
        f"Run on {facts['date']}: {facts['cpus']} CPUs, {facts['memory']}, PostgreSQL "
        f"{facts['postgresql']}, Python {facts['python']}, load {facts['load']}; "
        f"database {facts['size']}.",
        "",
        "| rows | count |",
        "|---|---:|",
        *(f"| {name} | {count:,} |" for name, count in counts),
        "",
        "| measurement | median | p95 | queries |",
        "|---|---:|---:|---:|",
        *(
            f"| {item.label} | {item.median:.0f} ms | {item.p95:.0f} ms | {item.queries} |"
            for item in pages
        ),
        f"| {pdf.label} | {pdf.median:.0f} ms | {pdf.p95:.0f} ms | {pdf.queries} |",
        f"| {naive.label} | {naive.median:.0f} ms | {naive.p95:.0f} ms | {naive.queries} |",
        "",
        f"Naive / page: **x{ratio:.1f}** (the naive way counts {len(same)} of the page's "
        f"figures; the page counts all of them). Target for the page: under "
        f"{TARGET_MS:.0f} ms, as a reader gets it (the standing periods counted ahead every five "
        f"minutes by the board's task): **{'met' if warm.median < TARGET_MS else 'NOT met'}**; "
        f"a period counted afresh on the reader's view (any other period, or the first view "
        f"with the task not running): {page.median:.0f} ms, "
        f"**{'met' if page.median < TARGET_MS else 'not met'}**.",
        "",
        "| figure | page | naive | same |",
        "|---|---:|---:|---|",
        *(
            f"| {key} | {shown} | {counted} | {'yes' if shown == counted else 'NO'} |"
            for key, (shown, counted) in same.items()
        ),
    ]
    if seed_times:
        lines += ["", "Seeding: " + ", ".join(f"{k} {v:.0f} s" for k, v in seed_times.items())]
    return "\n".join(lines)


def row_counts() -> list[tuple[str, int]]:
    from ccu.models import IntelligenceReport
    from complaints.models import Allegation, Case
    from registers.associations.models import NotifiableAssociation
    from registers.crosschecks.models import Finding
    from registers.gifts.models import Gift
    from registers.interests.models import BusinessInterest
    from standards.people.models import Person

    return [
        (model._meta.verbose_name_plural, model.objects.count())
        for model in (
            Person,
            Case,
            Allegation,
            Gift,
            BusinessInterest,
            NotifiableAssociation,
            IntelligenceReport,
            Finding,
        )
    ]


def write_results(markdown: str) -> None:
    """Replace the board's block of bench/RESULTS.md, keeping everything around it."""
    text = RESULTS.read_text()
    title = "## The integrity board: the summary page and the PDF (`bench/board.py`)"
    begin, end = "<!-- board:begin -->", "<!-- board:end -->"
    generated = f"{begin}\n{markdown}\n{end}"
    if begin in text and end in text:
        head, rest = text.split(begin, 1)
        text = head + generated + rest.split(end, 1)[1]
    else:
        text = f"{text.rstrip()}\n\n{title}\n\n{generated}\n"
    RESULTS.write_text(text)
    print(f"wrote {RESULTS.relative_to(ROOT)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_DATABASE_URL)
    parser.add_argument("--reseed", action="store_true", help="drop and re-create the database")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = Met size; 0.01 quick")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--write-results", action="store_true")
    args = parser.parse_args(argv)
    logging.getLogger("fontTools").setLevel(logging.WARNING)  # WeasyPrint's font subsetting

    created = access.ensure_database(args.database_url, reseed=args.reseed)
    access.setup_django(args.database_url)
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    from django.conf import settings

    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    # Pages name their assets through the static manifest; the bench has not collected them.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    if created:
        access.migrate()
    seed_times = access.seed(_seed_steps(args.scale))

    from standards.core.periods import Period, Quarter, financial_year_start

    year = financial_year_start(data.TODAY) - 1
    period = Period.financial_year(year)
    quarter = Quarter.of(year, 4)
    user = board_user()
    client = _client(user)
    load_before = os.getloadavg()
    print("timing", flush=True)
    page = time_runs(
        "Summary page, financial year, figures counted afresh (GET /board/)",
        product_page(client, f"period=year&year={year}", cold=True),
        args.runs,
        counted=summary_afresh(user, period),
    )
    ahead = time_runs(
        "The board's scheduled task: the standing periods counted ahead (count_board_figures)",
        count_ahead_afresh(),
        max(3, args.runs // 3),
    )
    warm = time_runs(
        "Summary page, financial year, as a reader gets it: figures counted ahead by the task",
        product_page(client, f"period=year&year={year}", cold=False),
        args.runs,
    )
    quarter_page = time_runs(
        "Summary page, a quarter, figures counted afresh",
        product_page(client, f"period=quarter&quarter={quarter.key}", cold=True),
        args.runs,
        counted=summary_afresh(user, Period.quarter(year, 4)),
    )
    pdf = time_runs(
        "Quarterly report PDF (GET /board/report/pdf/)",
        product_pdf(client, f"period=quarter&quarter={quarter.key}"),
        max(3, args.runs // 3),
    )
    naive = time_runs(
        "The naive way: rows into Python, counted in loops",
        lambda: naive_figures(period),
        max(3, args.runs // 3),
    )
    shown, counted = product_figures(user, period), naive_figures(period)
    same = {key: (shown.get(key), counted[key]) for key in counted}
    facts = access.server_facts(load_before)
    markdown = report(
        facts, row_counts(), seed_times, [page, warm, quarter_page, ahead], pdf, naive, same
    )
    print(markdown)
    if args.write_results:
        write_results(markdown)
    failed = any(a != b for a, b in same.values()) or warm.median >= TARGET_MS
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
