"""The complaints benchmark at force scale, the product's queries beside the stock alternative.

Seeds a throwaway PostgreSQL database (``standards_bench_complaints`` unless told otherwise) with
150,000 complaint, conduct and DSI cases received over eight years, 250,000 allegations (with
their categories, standards and subjects), a complainant per complaint, one or two subjects per
case from a 50,000-person directory, the handling decisions, IOPC referrals and severity
assessments, and the need-to-know grants of 60 PSD caseworkers (django-guardian, direct foreign
keys). About 8.5% of the cases are open, and a tenth of the open ones are unallocated.

It then times, side by side in the same run (median and p95 over ``--runs``):

(a) the caseworker's queue - open cases in their case team (guardian grants), oldest first,
    first page of 50 and the count - through ``case_list_for_user`` and the case-team rule,
    against guardian's ``get_objects_for_user`` and Django's ``Paginator``;
(b) the head of PSD's unallocated view (page of 50 and count) through the product's partial
    index, against Django's ``Paginator`` over the same filter without the partial indexes (the
    stock schema: they are dropped inside a transaction that is rolled back);
(c) the case page's queries (the case through the policy, complainants, subjects, allegations
    with categories, standards and subjects, decisions and clocks) with the product's
    ``select_related``/``prefetch_related``, against naive per-row access (N+1);

prints the ratios, ``EXPLAIN (ANALYZE, BUFFERS)`` of the product's queries, and checks that the
grants table and the cases table are read through their indexes (exit status 1 on a FAIL).

    .venv/bin/python bench/complaints.py [--database-url URL] [--reseed] [--runs 50]
                                         [--write-results] [--what-if]

Re-runs reuse the seeded data (seeding takes a minute or two on 2 cores).
"""

from __future__ import annotations

import argparse
import datetime as dt
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
DEFAULT_DATABASE_URL = "postgres://postgres@127.0.0.1:5432/standards_bench_complaints"

# --- scale -----------------------------------------------------------------------------------

CASES = 150_000
ALLEGATIONS_TARGET = 250_000  # 1, 2 or 3 per case in the proportions 3:2:1 (mean 1.67)
CASEWORKERS = 60
YEARS = 8
OPEN_RECENT_PERCENT = 80  # of the cases received in the last tenth of the period
UNALLOCATED_PERCENT_OF_OPEN = 10
SECOND_SUBJECT_PERCENT = 15
UNIDENTIFIED_PERCENT = 20
CASEWORKER_PREFIX = "bench-psd-cw-"
HEAD_USERNAME = "bench-psd-head"
PAGE = 50
TARGETS_MS = {"queue": 150.0, "unallocated": 150.0, "case page": 100.0}


# --- seeding ---------------------------------------------------------------------------------
#
# As in bench/access.py: synthetic data in a throwaway database, written with set-based SQL that
# BYPASSES django-simple-history (no historical rows) and, for speed, the foreign-key triggers.
# Acceptable HERE ONLY: the product never writes a tracked model without its history.


def _tables() -> dict[str, str]:
    from complaints.models import (
        Allegation,
        Case,
        CaseUserObjectPermission,
        Complainant,
        HandlingDecision,
        Referral,
        SeverityAssessment,
        Subject,
    )

    return {
        "case": Case._meta.db_table,
        "complainant": Complainant._meta.db_table,
        "subject": Subject._meta.db_table,
        "allegation": Allegation._meta.db_table,
        "allegation_subjects": Allegation.subjects.through._meta.db_table,
        "allegation_standards": Allegation.standards.through._meta.db_table,
        "handling": HandlingDecision._meta.db_table,
        "referral": Referral._meta.db_table,
        "severity": SeverityAssessment._meta.db_table,
        "grant": CaseUserObjectPermission._meta.db_table,
    }


def _run(cursor, template: str, params: dict | None = None) -> int:
    from psycopg import sql

    names = {key: sql.Identifier(value) for key, value in _tables().items()}
    cursor.execute(sql.SQL(template).format(**names), params)
    return cursor.rowcount


def seed_people(cursor) -> None:
    access.seed_people(cursor)


def seed_users(cursor) -> None:  # noqa: ARG001 - the ORM writes the few users
    """60 PSD caseworkers and a head of PSD (with their history: few rows, the ORM's way)."""
    from django.contrib.auth.hashers import make_password
    from django.contrib.auth.models import Group
    from simple_history.utils import bulk_create_with_history

    from standards.access.roles import Role
    from standards.accounts.models import User

    first_person = access.PEOPLE - 5_000  # a stretch of the directory nobody else uses
    password = make_password(None)  # unusable: nobody signs in to the bench
    users = [
        User(username=f"{CASEWORKER_PREFIX}{n:02d}", person_id=first_person + n, password=password)
        for n in range(CASEWORKERS)
    ]
    users.append(User(username=HEAD_USERNAME, person_id=first_person + CASEWORKERS,
                      password=password))  # fmt: skip
    users = bulk_create_with_history(users, User, default_change_reason="Complaints benchmark")
    roles = {g.name: g for g in Group.objects.filter(name__in=[r.value for r in Role])}
    Membership = User.groups.through
    rows = []
    for user in users:
        role = Role.PSD_DECISION_MAKER if user.username == HEAD_USERNAME else Role.PSD_CASEWORKER
        rows += [
            Membership(user_id=user.pk, group_id=roles[Role.STAFF].pk),
            Membership(user_id=user.pk, group_id=roles[role].pk),
        ]
    Membership.objects.bulk_create(rows)


def _case_params() -> dict:
    from django.contrib.auth.models import Permission

    from complaints.models import AllegationCategory, ProfessionalStandard
    from standards.accounts.models import User

    def permission(codename):
        return Permission.objects.get(content_type__app_label="complaints", codename=codename).pk

    return {
        "n": CASES,
        "days": YEARS * 365,
        "today": dt.date.today(),
        "recent_from": CASES - CASES // 10,
        "open_recent": OPEN_RECENT_PERCENT,
        "unallocated": UNALLOCATED_PERCENT_OF_OPEN,
        "caseworkers": list(
            User.objects.filter(username__startswith=CASEWORKER_PREFIX)
            .order_by("username")
            .values_list("pk", flat=True)
        ),
        "ncw": CASEWORKERS,
        "head": User.objects.get(username=HEAD_USERNAME).pk,
        "categories": list(AllegationCategory.objects.values_list("pk", flat=True)),
        "standards": list(ProfessionalStandard.objects.values_list("pk", flat=True)),
        "view": permission("view_case"),
        "work": permission("work_case"),
        "people": access.PEOPLE,
        "second": SECOND_SUBJECT_PERCENT,
        "unidentified": UNIDENTIFIED_PERCENT,
    }


def seed_cases(cursor) -> None:
    """The cases (id order is date order), their people, allegations, decisions and grants."""
    p = _case_params()
    p["ncat"], p["nstd"] = len(p["categories"]), len(p["standards"])
    # Kind: 88% complaints, 8% conduct, 4% DSI. Open: most of the last tenth of the period and a
    # few stragglers; a tenth of the open ones unallocated. Leads spread over the caseworkers.
    _run(
        cursor,
        """
        CREATE TEMP TABLE bench_case ON COMMIT DROP AS
        SELECT i,
               CASE WHEN pg_temp.bench_h(i, 1) %% 100 < 88 THEN 'complaint'
                    WHEN pg_temp.bench_h(i, 1) %% 100 < 96 THEN 'conduct' ELSE 'dsi' END AS kind,
               %(today)s::date - %(days)s + ((i - 1)::bigint * %(days)s / %(n)s)::int AS received,
               (i > %(recent_from)s AND pg_temp.bench_h(i, 2) %% 100 < %(open_recent)s)
                   OR pg_temp.bench_h(i, 2) %% 1000 < 5 AS is_open,
               pg_temp.bench_h(i, 3) %% 100 AS r,
               pg_temp.bench_h(i, 4) %% %(ncw)s AS cw
        FROM generate_series(1, %(n)s) AS i
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {case} (id, kind, status, channel, summary, received_on, logged_on,
                            first_contact_on, incident_date, incident_place, lead_id, handling,
                            iopc_mode, investigation_started_on, terms_of_reference, outcome_on,
                            closed_on, next_due_on, next_due_label, origin_id, created_by_id,
                            created_at, outcome_rationale)
        SELECT c.i, c.kind,
               CASE WHEN NOT c.is_open THEN 'closed'
                    WHEN c.r < %(unallocated)s THEN 'assessment'
                    WHEN c.r < 55 THEN 'handling'
                    WHEN c.r < 85 THEN 'investigation'
                    WHEN c.r < 95 THEN 'outcome' ELSE 'review' END,
               CASE WHEN c.kind = 'dsi' THEN 'dsi' WHEN c.kind = 'conduct' THEN 'internal'
                    ELSE (ARRAY['online', 'online', 'phone', 'email', 'letter', 'in_person',
                                'policing_body'])[1 + c.r %% 7] END,
               'Synthetic benchmark case ' || c.i || ': the complainant says an officer was '
                   || (ARRAY['rude', 'slow to respond', 'unfair', 'rough'])[1 + c.r %% 4] || '.',
               c.received, c.received + 1, c.received + 5, c.received - c.r %% 10,
               'Street ' || c.r,
               CASE WHEN c.is_open AND c.r < %(unallocated)s THEN NULL
                    ELSE (%(caseworkers)s::int[])[1 + c.cw] END,
               CASE WHEN c.kind <> 'complaint' OR (c.is_open AND c.r < %(unallocated)s) THEN ''
                    WHEN c.r %% 10 < 2 THEN 'outside'
                    WHEN c.r %% 10 < 8 THEN 'otherwise' ELSE 'investigation' END,
               CASE WHEN c.kind = 'dsi' THEN 'return' ELSE '' END,
               CASE WHEN c.r %% 10 >= 8 OR c.kind = 'conduct' THEN c.received + 10 END,
               '',
               CASE WHEN NOT c.is_open THEN c.received + 60 + c.r END,
               CASE WHEN NOT c.is_open THEN c.received + 90 + c.r END,
               CASE WHEN c.is_open THEN c.received + 20 + c.r END,
               CASE WHEN c.is_open THEN 'Contact the complainant' ELSE '' END,
               NULL, %(head)s, c.received::timestamptz + interval '9 hours', ''
        FROM bench_case AS c
        """,
        p,
    )
    _reset_sequence(cursor, "case")
    # One complainant per complaint; a subject per case (id = case id), a second for some.
    _run(
        cursor,
        """
        INSERT INTO {complainant} (id, case_id, person_id, name, email, phone, address, postcode,
                                   contact_preference, adjustments)
        SELECT c.i, c.i, NULL,
               (%(first)s::text[])[1 + pg_temp.bench_h(c.i, 5) %% %(nfirst)s] || ' '
                   || (%(last)s::text[])[1 + pg_temp.bench_h(c.i, 6) %% %(nlast)s],
               'complainant' || c.i || '@example.org', '07700 900' || lpad((c.i %% 1000)::text,
               3, '0'), '', 'TS' || (1 + c.r %% 25) || ' 1AB', 'email', ''
        FROM bench_case AS c WHERE c.kind = 'complaint'
        """,
        {
            **p,
            "first": access.FIRST_NAMES,
            "nfirst": len(access.FIRST_NAMES),
            "last": access.LAST_NAMES,
            "nlast": len(access.LAST_NAMES),
        },
    )
    _run(
        cursor,
        """
        INSERT INTO {subject} (id, case_id, person_id, description, notice_served_on)
        SELECT s.id, s.case_id,
               CASE WHEN s.unidentified THEN NULL ELSE 1 + pg_temp.bench_h(s.id, 7) %% %(people)s
               END,
               CASE WHEN s.unidentified THEN 'An officer not yet identified' ELSE '' END, NULL
        FROM (
            SELECT c.i AS id, c.i AS case_id,
                   pg_temp.bench_h(c.i, 8) %% 100 < %(unidentified)s AS unidentified
            FROM bench_case AS c
            UNION ALL
            SELECT %(n)s + c.i, c.i, false
            FROM bench_case AS c WHERE pg_temp.bench_h(c.i, 9) %% 100 < %(second)s
        ) AS s
        """,
        p,
    )
    _reset_sequence(cursor, "complainant")
    _reset_sequence(cursor, "subject")
    # Allegations: 1, 2 or 3 per case (3:2:1), each with a category, a standard and the subjects.
    _run(
        cursor,
        """
        INSERT INTO {allegation} (case_id, category_id, description, result, actions_taken)
        SELECT c.i, (%(categories)s::int[])[1 + pg_temp.bench_h(c.i * 3 + g.k, 10) %% %(ncat)s],
               'Allegation ' || g.k || ' of case ' || c.i || '.',
               CASE WHEN c.is_open THEN ''
                    ELSE (ARRAY['acceptable', 'acceptable', 'not_acceptable', 'unable'])
                         [1 + pg_temp.bench_h(c.i * 3 + g.k, 11) %% 4] END,
               ''
        FROM bench_case AS c
        JOIN generate_series(1, 3) AS g(k)
          ON g.k <= CASE WHEN pg_temp.bench_h(c.i, 12) %% 6 < 3 THEN 1
                         WHEN pg_temp.bench_h(c.i, 12) %% 6 < 5 THEN 2 ELSE 3 END
        ORDER BY c.i, g.k
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {allegation_standards} (allegation_id, professionalstandard_id)
        SELECT a.id, (%(standards)s::int[])[1 + pg_temp.bench_h(a.id, 13) %% %(nstd)s]
        FROM {allegation} AS a
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {allegation_subjects} (allegation_id, subject_id)
        SELECT a.id, s.id FROM {allegation} AS a JOIN {subject} AS s ON s.case_id = a.case_id
        """,
        p,
    )
    # The decisions: handling for decided complaints, a referral for each DSI matter, a
    # severity assessment for each conduct matter.
    _run(
        cursor,
        """
        INSERT INTO {handling} (case_id, handling, recording_reason, what_was_done,
                                complainant_view, rationale, decided_by_id, decided_at)
        SELECT k.id, k.handling, CASE WHEN k.handling = 'outside' THEN '' ELSE 'wishes' END,
               '', '', 'Benchmark rationale.', coalesce(k.lead_id, %(head)s),
               k.received_on::timestamptz + interval '5 days'
        FROM {case} AS k WHERE k.kind = 'complaint' AND k.handling <> ''
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {referral} (case_id, referred, referred_on, iopc_reference, mode,
                                mode_decided_on, rationale, assessed_by_id, assessed_at)
        SELECT k.id, true, k.received_on + 1, 'B/' || k.id, 'return', k.received_on + 10,
               'A death or serious injury: mandatory referral.', %(head)s,
               k.received_on::timestamptz + interval '1 day'
        FROM {case} AS k WHERE k.kind = 'dsi'
        """,
        p,
    )
    _run(
        cursor,
        """
        INSERT INTO {severity} (case_id, subject_id, severity, rationale, change_reason,
                                supersedes_id, assessed_by_id, assessed_at)
        SELECT k.id, k.id, (ARRAY['no_case', 'pri', 'misconduct', 'gross'])[1 + k.id %% 4],
               'Benchmark rationale.', '', NULL, %(head)s,
               k.received_on::timestamptz + interval '3 days'
        FROM {case} AS k WHERE k.kind = 'conduct'
        """,
        p,
    )
    # Need-to-know: the lead holds view_case and work_case; an investigation adds a second
    # caseworker (the next one along).
    _run(
        cursor,
        """
        INSERT INTO {grant} (permission_id, user_id, content_object_id)
        SELECT perm.id, g.user_id, g.case_id
        FROM (
            SELECT k.id AS case_id, k.lead_id AS user_id FROM {case} AS k
            WHERE k.lead_id IS NOT NULL
            UNION ALL
            SELECT k.id, (%(caseworkers)s::int[])[1 + (c.cw + 1) %% %(ncw)s]
            FROM {case} AS k JOIN bench_case AS c ON c.i = k.id
            WHERE k.lead_id IS NOT NULL AND k.investigation_started_on IS NOT NULL
        ) AS g
        CROSS JOIN (VALUES (%(view)s), (%(work)s)) AS perm(id)
        """,
        p,
    )


def _reset_sequence(cursor, key: str) -> None:
    table = _tables()[key]
    cursor.execute(
        f"SELECT setval(pg_get_serial_sequence(%s, 'id'), (SELECT max(id) FROM {table}))",  # noqa: S608
        [table],
    )


def _seed_steps() -> list[access.SeedStep]:
    from complaints.models import Case
    from standards.accounts.models import User
    from standards.people.models import Person

    return [
        access.SeedStep("people", Person.objects.count, access.PEOPLE, seed_people),
        access.SeedStep(
            "caseworkers",
            User.objects.filter(username__startswith=CASEWORKER_PREFIX).count,
            CASEWORKERS,
            seed_users,
        ),
        access.SeedStep("cases", Case.objects.count, CASES, seed_cases),
    ]


def seed() -> dict[str, float]:
    return access.seed(_seed_steps())


# --- the product's queries and the stock alternatives ------------------------------------------


def queue_for(user, view: str):
    """The product's queue: the queue selector the page uses, in the view asked for."""
    from django.http import QueryDict

    from complaints.selectors.queue import case_queue_for_user

    params = QueryDict(mutable=True)
    params["view"] = view
    return case_queue_for_user(user=user, params=params).qs


def stock_queue(user):
    """django-guardian's own answer: the objects the user holds ``view_case`` on (directly or
    through a group), open, oldest first, through Django's Paginator."""
    from django.core.paginator import Paginator
    from guardian.shortcuts import get_objects_for_user

    from complaints.models import Case, CaseStatus

    cases = get_objects_for_user(
        user,
        "complaints.view_case",
        klass=Case.objects.exclude(status=CaseStatus.CLOSED).select_related("lead__person"),
        accept_global_perms=False,  # caseworkers hold the model permission: the grants only
    ).order_by("received_on", "id")
    return Paginator(cases, PAGE)


def stock_unallocated():
    from django.core.paginator import Paginator

    from complaints.models import Case, CaseStatus

    cases = (
        Case.objects.filter(lead__isnull=True)
        .exclude(status=CaseStatus.CLOSED)
        .select_related("lead__person")
        .order_by("received_on", "id")
    )
    return Paginator(cases, PAGE)


CLOCK_PREFETCH = (
    "letters",
    "subjects__restrictions__reviews",
    "subjects__reflections",
    "subjects__listings",
)


def case_page_prefetches() -> list:
    """What the case page prefetches on the case: one query per relation, each joined to the
    rows it shows (the subjects' people and units, the deciders) rather than fetched apart."""
    from django.db.models import Prefetch

    from complaints.models import HandlingDecision, SeverityAssessment, Subject

    return [
        Prefetch("subjects", queryset=Subject.objects.select_related("person__org_unit")),
        *CLOCK_PREFETCH,
        Prefetch(
            "handling_decisions", queryset=HandlingDecision.objects.select_related("decided_by")
        ),
        "referrals__criteria_met",
        Prefetch(
            "severity_assessments",
            queryset=SeverityAssessment.objects.select_related("assessed_by", "subject__person"),
        ),
    ]


def allegations_for_page(case):
    """The allegations tab: each with its category (joined), standards and subjects."""
    from django.db.models import Prefetch

    from complaints.models import Allegation, Subject

    return (
        Allegation.objects.filter(case=case)
        .select_related("category")
        .prefetch_related(
            "standards", Prefetch("subjects", queryset=Subject.objects.select_related("person"))
        )
    )


def case_page(user, pk: int) -> int:
    """What the case page reads, the product's way; returns the rows read (for a sanity check)."""
    from django.db.models import prefetch_related_objects

    from complaints.clocks import case_clocks
    from complaints.selectors.cases import case_get_for_user, complainants_for_user, in_case_team
    from standards.access import policy

    case = case_get_for_user(user=user, pk=pk)
    may_work = policy.can_change(user, case)
    team = in_case_team(user=user, case=case)
    complainants = list(complainants_for_user(user=user, case=case)) if team else []
    prefetch_related_objects([case], *case_page_prefetches())
    allegations = list(allegations_for_page(case))
    rows = len(complainants) + len(allegations) + int(may_work)
    for allegation in allegations:
        rows += len(allegation.standards.all()) + sum(
            1 for s in allegation.subjects.all() if s.person is not None or s.description
        )
    for subject in case.subjects.all():
        rows += 1 if subject.person is None else len(subject.person.org_unit.name) > 0
    rows += len(case.handling_decisions.all()) + len(case.referrals.all())
    rows += sum(1 for s in case.severity_assessments.all() if s.assessed_by)
    rows += len(case_clocks(case))
    return rows


def stock_case_page(user, pk: int) -> int:
    """The same page written the naive way: the same access checks, then each related row
    fetched as it is touched (no select_related, no prefetch_related)."""
    from complaints.clocks import case_clocks
    from complaints.models import Case
    from complaints.selectors.cases import complainants_for_user, in_case_team
    from standards.access import policy

    case = policy.visible(user, Case.objects.all()).get(pk=pk)
    rows = int(policy.can_change(user, case)) + int(case.lead is not None)
    complainants = complainants_for_user(user=user, case=case)
    for complainant in complainants if in_case_team(user=user, case=case) else []:
        rows += 1 if complainant.person is None else 2
    for subject in case.subjects.all():
        rows += 1 if subject.person is None else len(subject.person.org_unit.name) > 0
    for allegation in case.allegations.all():
        rows += len(allegation.category.name) > 0
        rows += len(list(allegation.standards.all()))
        for subject in allegation.subjects.all():
            rows += subject.person is not None or bool(subject.description)
    for decision in case.handling_decisions.all():
        rows += decision.decided_by is not None
    for referral in case.referrals.all():
        rows += 1 + len(list(referral.criteria_met.all()))
    for assessment in case.severity_assessments.all():
        rows += assessment.assessed_by is not None
    rows += len(case_clocks(case))
    return rows


# --- measuring -------------------------------------------------------------------------------


@dataclass
class Pair:
    label: str
    product: access.Figure
    stock: access.Figure
    target_ms: float
    queries: tuple[int, int] = (0, 0)  # statements per run, product and stock

    @property
    def ratio(self) -> float:
        return self.stock.median / self.product.median if self.product.median else 0.0

    @property
    def met(self) -> bool:
        return self.product.p95 < self.target_ms


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


def _page_and_count(qs) -> tuple[int, int]:
    return len(list(qs[:PAGE])), qs.count()


def _paginated(paginator) -> tuple[int, int]:
    page = paginator.page(1)
    return len(list(page.object_list)), paginator.count


def _statements(run: Callable[[], object]) -> int:
    return len(access.capture_sql(run))


@dataclass
class World:
    caseworker: object
    head: object
    case_pk: int
    queue_total: int


def world() -> World:
    """The typical caseworker (median open cases in their team) and one of their busiest cases
    (three allegations, two subjects)."""
    from django.db.models import Count, Q

    from complaints.models import Case, CaseStatus
    from standards.accounts.models import User

    workers = list(
        User.objects.filter(username__startswith=CASEWORKER_PREFIX)
        .annotate(
            open_cases=Count(
                "caseuserobjectpermission",
                filter=Q(caseuserobjectpermission__permission__codename="view_case")
                & ~Q(caseuserobjectpermission__content_object__status=CaseStatus.CLOSED),
            )
        )
        .order_by("open_cases", "pk")
    )
    caseworker = workers[len(workers) // 2]
    case = (
        Case.objects.filter(lead=caseworker)
        .exclude(status=CaseStatus.CLOSED)
        .annotate(a=Count("allegations", distinct=True), s=Count("subjects", distinct=True))
        .filter(a=3, s=2)
        .order_by("pk")
        .first()
    )
    if case is None:
        raise SystemExit("no open case with three allegations and two subjects: --reseed")
    return World(
        caseworker=caseworker,
        head=User.objects.get(username=HEAD_USERNAME),
        case_pk=case.pk,
        queue_total=caseworker.open_cases,
    )


PARTIAL_INDEXES = (
    "complaints_case_open_idx",
    "complaints_case_unalloc_idx",
    "complaints_case_due_idx",
    "complaints_case_open_id_idx",
)


def _drop_partial_indexes() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        for index in PARTIAL_INDEXES:
            cursor.execute(f"DROP INDEX {index}")
        cursor.execute("ANALYZE complaints_case")


def measurements(w: World, runs: int) -> list[Pair]:
    from django.db import transaction

    cw, head, pk = w.caseworker, w.head, w.case_pk
    fresh = access._fresh

    pairs = []
    product = time_runs(
        "caseworker's queue: case_list_for_user + case team (page of 50 + count)",
        lambda: _page_and_count(queue_for(fresh(cw), "mine")),
        runs,
    )
    stock = time_runs(
        "caseworker's queue: guardian get_objects_for_user + Paginator",
        lambda: _paginated(stock_queue(fresh(cw))),
        runs,
    )
    queries = (
        _statements(lambda: _page_and_count(queue_for(fresh(cw), "mine"))),
        _statements(lambda: _paginated(stock_queue(fresh(cw)))),
    )
    pairs.append(Pair("Caseworker's queue (page + count)", product, stock,
                      TARGETS_MS["queue"], queries))  # fmt: skip

    product = time_runs(
        "head's unallocated view: partial index (page of 50 + count)",
        lambda: _page_and_count(queue_for(fresh(head), "unallocated")),
        runs,
    )
    queries_product = _statements(lambda: _page_and_count(queue_for(fresh(head), "unallocated")))
    # The stock schema has no partial indexes: drop them in a transaction that is rolled back.
    with transaction.atomic():
        _drop_partial_indexes()
        stock = time_runs(
            "head's unallocated view: Paginator, no partial index",
            lambda: _paginated(stock_unallocated()),
            runs,
        )
        queries_stock = _statements(lambda: _paginated(stock_unallocated()))
        transaction.set_rollback(True)
    pairs.append(Pair("Head's unallocated view (page + count)", product, stock,
                      TARGETS_MS["unallocated"], (queries_product, queries_stock)))  # fmt: skip

    product = time_runs(
        "case page: policy + select/prefetch_related",
        lambda: (case_page(fresh(cw), pk), 0),
        runs,
    )
    stock = time_runs("case page: same access checks, naive per-row access (N+1)",
                      lambda: (stock_case_page(fresh(cw), pk), 0), runs)  # fmt: skip
    queries = (
        _statements(lambda: case_page(fresh(cw), pk)),
        _statements(lambda: stock_case_page(fresh(cw), pk)),
    )
    pairs.append(Pair("Case page (every tab's reads)", product, stock,
                      TARGETS_MS["case page"], queries))  # fmt: skip
    return pairs


# --- the pages as the user gets them --------------------------------------------------------

CASE_TABS = ("", "people/", "allegations/", "decisions/", "actions/", "documents/", "letters/",
             "timeline/")  # fmt: skip


@dataclass
class PageFigure:
    label: str
    url: str
    figure: access.Figure
    statements: int
    target_ms: float

    @property
    def met(self) -> bool:
        return self.figure.p95 < self.target_ms


def _signed_in(user):
    from django.test import Client

    from tests.helpers import sign_in

    return sign_in(Client(), user)


def _page_statements(client, url: str) -> int:
    """The statements one request sends (the session, roles, the page, its access-log row)."""
    return len(access.capture_sql(lambda: client.get(url, secure=True)))


def page_figures(w: World, runs: int) -> list[PageFigure]:
    """Each page through Django's test client, as a signed-in user's request: middleware (the
    session, the second factor, the roles), the view, its selectors, the access-log row and the
    template. The queue and the unallocated view against their 150 ms; each case tab against
    the case page's 100 ms."""
    caseworker, head = _signed_in(w.caseworker), _signed_in(w.head)
    wanted = [
        ("Caseworker's queue page", caseworker, "/complaints/", TARGETS_MS["queue"]),
        ("Head's unallocated view page", head, "/complaints/?view=unallocated",
         TARGETS_MS["unallocated"]),
        *(
            (f"Case page: {tab.rstrip('/') or 'summary'} tab", caseworker,
             f"/complaints/{w.case_pk}/{tab}", TARGETS_MS["case page"])
            for tab in CASE_TABS
        ),
    ]  # fmt: skip
    figures = []
    for label, client, url, target in wanted:

        def run(client=client, url=url):
            response = client.get(url, secure=True)
            if response.status_code != 200:
                raise SystemExit(f"{url}: {response.status_code}")
            return 1, 1

        figures.append(
            PageFigure(
                label, url, time_runs(label, run, runs), _page_statements(client, url), target
            )
        )
    return figures


def pages_report(figures: list[PageFigure]) -> str:
    return "\n".join(
        [
            "| page | URL | median ms | p95 ms | statements | target p95 | met |",
            "|---|---|---:|---:|---:|---:|---|",
            *(
                f"| {f.label} | `{f.url}` | {f.figure.median:.1f} | {f.figure.p95:.1f} "
                f"| {f.statements} | {f.target_ms:.0f} ms | {'yes' if f.met else 'NO'} |"
                for f in figures
            ),
        ]
    )


# --- what if: the changes RESULTS.md proposes, measured without touching the app -------------


def queue_as_semi_join(user):
    """The caseworker's queue with the grants as ``policy.granted`` writes them for lists the size
    of a table, ``IN (user grants UNION ALL group grants)``: the form the queue used before it
    took ``policy.granted_within``. PostgreSQL pulls the union up into a join, guesses 200 grants
    and reads every open case to find the user's."""
    from django.db.models import Q

    from complaints.models import Case, CaseStatus
    from complaints.selectors.cases import case_list_for_user
    from standards.access import policy

    return (
        case_list_for_user(user=user)
        .filter(policy.granted(user, Case, "view_case"))
        .filter(~Q(status=CaseStatus.CLOSED))
        .select_related("lead__person")
        .order_by("received_on", "id")
    )


def what_if(w: World, runs: int) -> list[tuple[str, access.Figure, int]]:
    cw = w.caseworker
    fresh = access._fresh
    results = []

    def queue_run():
        return _page_and_count(queue_for(fresh(cw), "mine"))

    def semi_join_run():
        return _page_and_count(queue_as_semi_join(fresh(cw)))

    def page_ids(qs):
        return [case.pk for case in qs[:PAGE]], qs.count()

    if page_ids(queue_as_semi_join(fresh(cw))) != page_ids(queue_for(fresh(cw), "mine")):
        raise SystemExit("the semi-join queue does not list the same cases")
    results.append(("caseworker's queue: today (policy.granted_within)",
                    time_runs("", queue_run, runs), _statements(queue_run)))  # fmt: skip
    results.append(
        (
            "caseworker's queue: grants as one semi-join (policy.granted, the form before)",
            time_runs("", semi_join_run, runs),
            _statements(semi_join_run),
        )
    )
    return results


def what_if_report(results) -> str:
    return "\n".join(
        [
            "| candidate | median ms | p95 ms | statements |",
            "|---|---:|---:|---:|",
            *(f"| {label} | {f.median:.1f} | {f.p95:.1f} | {n} |" for label, f, n in results),
        ]
    )


# --- plans -----------------------------------------------------------------------------------


def plans(w: World) -> tuple[dict[str, str], list[access.PlanCheck]]:
    from complaints.models import Case, CaseUserObjectPermission

    text: dict[str, str] = {}
    checks: list[access.PlanCheck] = []
    cw, head = access._fresh(w.caseworker), access._fresh(w.head)
    for label, user, view in (
        ("caseworker's queue", cw, "mine"),
        ("head's unallocated view", head, "unallocated"),
    ):
        captured = access.capture_sql(lambda user=user, view=view: _page_and_count(
            queue_for(user, view)))  # fmt: skip
        page, count = captured[-2], captured[-1]
        for name, statement in (("page of 50", page), ("count", count)):
            text[f"{label}, {name}"] = access.explain(*statement)
            plan = access.explain(*statement, as_json=True)
            checks += _check(f"{label} {name}", plan, view, Case, CaseUserObjectPermission)
    return text, checks


def _check(query: str, plan, view: str, Case, Grant) -> list[access.PlanCheck]:
    """The grants table (the queue) and the cases table (both) read through an index."""
    from django.db import connection

    tables = [Case._meta.db_table] + ([Grant._meta.db_table] if view == "mine" else [])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, tablename FROM pg_indexes WHERE tablename = ANY(%s)", [tables]
        )
        index_table = dict(cursor.fetchall())
    seen: dict[str, list[str]] = {t: [] for t in tables}
    for node in access._nodes(plan):
        table = node.get("Relation Name") or index_table.get(node.get("Index Name", ""))
        if table in seen:
            index = node.get("Index Name")
            seen[table].append(f"{node['Node Type']} using {index}" if index else node["Node Type"])
    checks = []
    for table, accesses in seen.items():
        indexed = [a for a in accesses if "Index" in a]
        ok = bool(indexed) and not any(a.startswith("Seq Scan") for a in accesses)
        checks.append(access.PlanCheck(query, table, ok, "; ".join(accesses) or "not read"))
    return checks


# --- reporting -------------------------------------------------------------------------------


def row_counts() -> list[tuple[str, int]]:
    from django.db import connection

    counts = []
    with connection.cursor() as cursor:
        for table in _tables().values():
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608 - our own table names
            counts.append((table, cursor.fetchone()[0]))
    return counts


def report(facts, counts, w: World, pairs: list[Pair], plan_text, checks, seed_times) -> str:
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
        f"Typical caseworker (median of {CASEWORKERS} by open cases in their team): "
        f"`{w.caseworker.username}`, {w.queue_total:,} open cases in their queue. Case page: "
        f"case {w.case_pk} (three allegations, two subjects, led by them).",
        "",
        "| measurement | product median ms | product p95 ms | stock median ms | stock p95 ms "
        "| stock / product (median) | statements (product / stock) | rows on page | total "
        "| target p95 | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
        *(
            f"| {p.label} | {p.product.median:.1f} | {p.product.p95:.1f} | {p.stock.median:.1f} "
            f"| {p.stock.p95:.1f} | {p.ratio:.1f}x | {p.queries[0]} / {p.queries[1]} "
            f"| {p.product.rows} | {p.product.total:,} | {p.target_ms:.0f} ms "
            f"| {'yes' if p.met else 'NO'} |"
            for p in pairs
        ),
        "",
        "Product: " + "; ".join(f"{p.label}: {p.product.label}" for p in pairs) + ".",
        "Stock: " + "; ".join(f"{p.label}: {p.stock.label}" for p in pairs) + ".",
        "",
        "Plan checks (the grants and the cases read through an index, no sequential scan):",
        "",
        *(f"- {'PASS' if c.ok else 'FAIL'} {c.query}: `{c.table}`: {c.detail}" for c in checks),
    ]
    if seed_times:
        lines += ["", "Seeding: " + ", ".join(f"{k} {v:.0f} s" for k, v in seed_times.items())]
    for title, text in plan_text.items():
        lines += ["", f"`EXPLAIN (ANALYZE, BUFFERS)`: {title}", "", "```", text, "```"]
    return "\n".join(lines)


def _markers(block: str) -> tuple[str, str]:
    return (
        f"<!-- bench/complaints.py {block}: begin -->",
        f"<!-- bench/complaints.py {block}: end -->",
    )


def write_results(blocks: dict[str, str]) -> None:
    """Replace the complaints blocks of bench/RESULTS.md, keeping everything around them."""
    text = RESULTS.read_text()
    title = "## Complaints and conduct (`bench/complaints.py`)"
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

    access.ensure_database(args.database_url, reseed=args.reseed)
    access.setup_django(args.database_url)
    from django.conf import settings

    # The pages are requested as "testserver", and name their assets through the static
    # manifest, which the bench has not collected.
    settings.ALLOWED_HOSTS = ["testserver", "localhost"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    access.migrate()
    seed_times = seed()

    load_before = os.getloadavg()
    w = world()
    pairs = measurements(w, args.runs)
    pages = page_figures(w, args.runs)
    plan_text, checks = plans(w)
    markdown = report(
        access.server_facts(load_before), row_counts(), w, pairs, plan_text, checks, seed_times
    )
    blocks = {"figures": markdown, "pages": pages_report(pages)}
    if args.what_if:
        blocks["what-if"] = what_if_report(what_if(w, args.runs))
    for text in blocks.values():
        print(text, end="\n\n")
    if args.write_results:
        write_results(blocks)
    for pair in pairs:
        print(
            f"{'MET' if pair.met else 'MISSED'}: {pair.label}: p95 {pair.product.p95:.1f} ms "
            f"(target {pair.target_ms:.0f} ms); stock {pair.stock.median:.1f} ms median, "
            f"{pair.ratio:.1f}x the product's"
        )
    for f in pages:
        print(
            f"{'MET' if f.met else 'MISSED'}: {f.label}: p95 {f.figure.p95:.1f} ms "
            f"(target {f.target_ms:.0f} ms), {f.statements} statements"
        )
    for c in checks:
        print(f"{'PASS' if c.ok else 'FAIL'}: {c.query}: {c.table} read by {c.detail}")
    missed = any(not p.met for p in pairs) or any(not f.met for f in pages)
    return 1 if missed or any(not c.ok for c in checks) else 0


if __name__ == "__main__":
    raise SystemExit(main())
