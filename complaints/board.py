"""What complaints and conduct tell the integrity board: the ``complaints`` and ``conduct``
sections (``standards.board.figures``), counted as the IOPC's complaints statistics and the Home
Office's misconduct statistics count them.

**Which date puts a case in a period.** A complaint or conduct matter is counted when it was
logged (``logged_on``, the IOPC's "logged"), and how the complaints logged in the period are
handled (their route now, and why they were recorded under Schedule 3) goes with them; a case is
finalised on its outcome date (``outcome_on``) when recorded under Schedule 3, and on the day it
closed (``closed_on``) when handled outside Schedule 3 (where there is no outcome to record); a
review when the complainant applied (and its result when decided); an IOPC referral on the day it
was referred; a severity assessment when made; proceedings on the day they are held, their
finding and outcome on the outcome date; a reflective practice referral when referred; a barred
or advisory list notification on the day of the dismissal, resignation or retirement it is about.
Suspensions and restricted duties, and investigations past 12 months, are counted as they stand
at the period's end.

**Working days in SQL.** The IOPC's averages are in working days (England and Wales bank
holidays excluded), from receipt as ``complaints.clocks.duration`` counts them: the days after the
first date up to and including the last, less the sub judice pauses for the figures "excluding
pauses". The cases keep their dates, not their durations (``clocks`` stores only the next
deadline), so each duration is counted in the database (``WorkingDaysBetween``): the weekdays in
closed form, less the weekday bank holidays found by binary search of one sorted array parameter
from the same calendar ``standards.core.working_days`` uses (the ``holidays`` package's England
and Wales list), and, without pauses, less the working days inside any of the case's pauses.
``Avg`` then averages it over the cases with a date in the period, in the same aggregate query.
No table of holidays is stored and no row is read into Python; a test checks the SQL against
``working_days_between`` across Christmas.

Every figure is an aggregate computed in the database; the number of queries is fixed
(``COMPLAINTS_QUERIES`` and ``CONDUCT_QUERIES``, pinned by the tests) whatever the rows.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from decimal import Decimal
from functools import cache

import holidays
from django.db.models import (
    Avg,
    Count,
    DecimalField,
    F,
    Func,
    IntegerField,
    Min,
    Q,
    When,
)
from django.db.models import Case as SqlCase

from complaints.clocks import FIRST_REPORT_MONTHS, shift_months
from complaints.models import (
    Allegation,
    AllegationCategory,
    BarredList,
    BarredListNotification,
    Case,
    CaseKind,
    ComplaintResult,
    Finding,
    Handling,
    HandlingDecision,
    Pause,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    RecordingReason,
    Referral,
    ReflectivePractice,
    Restriction,
    RestrictionKind,
    Review,
    ReviewResult,
    Severity,
    SeverityAssessment,
    Subject,
)
from standards.access.roles import Role
from standards.board.figures import (
    BoardSection,
    Breakdown,
    Measure,
    PeopleCounts,
    Section,
    Trend,
    quarterly_counts,
    within,
)
from standards.core.periods import Period, Quarter
from standards.people.models import RoleType

# The Conduct Regulations 2020 cover officers and special constables; everyone else is police
# staff under the force's staff procedure (the Home Office counts the two apart).
OFFICER_ROLE_TYPES = (RoleType.OFFICER, RoleType.SPECIAL)
# The first year of the bank-holiday calendar sent with a duration query; no case is older.
FIRST_CALENDAR_YEAR = 2000
# How many queries each provider runs, whatever the rows (the tests pin them).
COMPLAINTS_QUERIES = 10
CONDUCT_QUERIES = 11

AUDIENCE = frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD})


# --- working days, counted in the database -------------------------------------------------------


@cache
def _bank_holidays(last_year: int) -> tuple[dt.date, ...]:
    """The England and Wales bank holidays that fall on a weekday (an observed substitute day
    is listed as well as the weekend day it replaces, which is not a working day anyway)."""
    years = range(FIRST_CALENDAR_YEAR, last_year + 1)
    calendar = holidays.country_holidays("GB", subdiv="ENG", years=years)
    return tuple(sorted(day for day in calendar if day.weekday() < 5))


# A Monday before any case: weekdays are counted in whole weeks from it.
_MONDAY = dt.date(1990, 1, 1)


class WorkingDaysBetween(Func):
    """Working days after ``start`` up to and including ``end`` (``working_days_between``; 0
    when ``end`` is not after ``start``), optionally less the working days inside the case's sub
    judice pauses (a pause still running counts up to ``end``). NULL when either date is missing.

    Counted in closed form, so a two-year investigation costs what a one-day one does: the
    weekdays before a day are five a whole week since a Monday plus the rest of the week up to
    five, so the weekdays in (start, end] are the difference of two such counts; the weekday bank
    holidays in the range come off (PostgreSQL: two binary searches of one sorted array
    parameter, ``width_bucket``; SQLite: a JSON list parameter).
    The pauses are few, so their working days are walked day by day (PostgreSQL; overlapping
    pauses count once, as ``clocks.duration`` counts them) or counted in the same closed form
    per pause (the SQLite demo)."""

    output_field = IntegerField()

    def __init__(self, start, end, *, last_year: int, excluding_pauses: bool = False):
        super().__init__(start, end, F("pk"))
        self.last_year = last_year
        self.excluding_pauses = excluding_pauses

    def _parts(self, compiler):
        return [compiler.compile(expression) for expression in self.source_expressions]

    def as_sql(self, compiler, connection, **extra_context):  # noqa: ARG002
        (start, sp), (end, ep), (pk, pkp) = self._parts(compiler)

        # Only compiled expressions and a table name go into the text; values are parameters.
        def weekdays_before(day: str, params: list) -> tuple[str, list]:
            n = f"(({day}) + 1 - %s::date)"
            return f"(5 * ({n} / 7) + LEAST({n} %% 7, 5))", [*params, _MONDAY, *params, _MONDAY]

        def working_days(first: str, fp: list, last: str, lp: list) -> tuple[str, list]:
            upper, up = weekdays_before(last, lp)
            lower, lo = weekdays_before(first, fp)
            # width_bucket on the sorted array is a binary search: the holidays up to a day.
            holidays_sql = f"(width_bucket({last}, %s::date[]) - width_bucket({first}, %s::date[]))"
            calendar = list(_bank_holidays(self.last_year))
            hp = [*lp, calendar, *fp, calendar]
            return f"GREATEST(0, {upper} - {lower} - {holidays_sql})", [*up, *lo, *hp]

        sql, params = working_days(start, sp, end, ep)
        if self.excluding_pauses:
            # Most cases never pause: the uncorrelated IN is hashed once, and only a paused
            # case walks its pauses' days.
            pauses = Pause._meta.db_table
            sql += (
                f" - CASE WHEN {pk} IN (SELECT case_id FROM {pauses}) THEN"  # noqa: S608
                f" (SELECT count(DISTINCT d.day) FROM {pauses} p"
                f" CROSS JOIN LATERAL generate_series("
                f"(GREATEST(p.started_on, {start}) + 1)::timestamp,"
                f" LEAST(COALESCE(p.ended_on, {end}), {end})::timestamp,"
                f" interval '1 day') AS d(day)"
                f" WHERE p.case_id = {pk} AND extract(isodow FROM d.day) < 6"
                f" AND NOT (d.day::date = ANY(%s::date[]))) ELSE 0 END"
            )
            params += [*pkp, *sp, *ep, *ep, *pkp, list(_bank_holidays(self.last_year))]
        return f"CASE WHEN {start} IS NULL OR {end} IS NULL THEN NULL ELSE {sql} END", [
            *sp,
            *ep,
            *params,
        ]

    def as_sqlite(self, compiler, connection, **extra_context):  # noqa: ARG002
        (start, sp), (end, ep), (pk, pkp) = self._parts(compiler)
        holidays_json = json.dumps([day.isoformat() for day in _bank_holidays(self.last_year)])

        def weekdays_before(day: str, params: list) -> tuple[str, list]:
            n = f"(CAST(julianday({day}) - julianday(%s) AS INTEGER) + 1)"
            monday = _MONDAY.isoformat()
            return f"(5 * ({n} / 7) + min({n} %% 7, 5))", [*params, monday, *params, monday]

        def working_days(first: str, fp: list, last: str, lp: list) -> tuple[str, list]:
            upper, up = weekdays_before(last, lp)
            lower, lo = weekdays_before(first, fp)
            holidays_sql = (
                f"(SELECT count(*) FROM json_each(%s) AS h"  # noqa: S608
                f" WHERE h.value > ({first}) AND h.value <= ({last}))"
            )
            return f"max(0, {upper} - {lower} - {holidays_sql})", [
                *up,
                *lo,
                holidays_json,
                *fp,
                *lp,
            ]

        sql, params = working_days(start, sp, end, ep)
        if self.excluding_pauses:
            first = f"max(p.started_on, {start})"
            last = f"min(COALESCE(p.ended_on, {end}), {end})"
            paused, pp = working_days(first, [*sp], last, [*ep, *ep])
            sql += (
                f" - (SELECT COALESCE(sum({paused}), 0) FROM {Pause._meta.db_table} p"  # noqa: S608
                f" WHERE p.case_id = {pk})"
            )
            params += [*pp, *pkp]
        return f"CASE WHEN {start} IS NULL OR {end} IS NULL THEN NULL ELSE {sql} END", [
            *sp,
            *ep,
            *params,
        ]


def _average(duration: WorkingDaysBetween, condition: Q) -> Avg:
    return Avg(duration, filter=condition, output_field=DecimalField())


def _days(value) -> Decimal | None:
    return None if value is None else Decimal(value)


def _in(period: Period, field: str) -> Q:
    return Q(**{f"{field}__range": (period.start, period.end)})


# A complaint is finalised on its outcome (Schedule 3) or, handled outside Schedule 3, on the
# day it closed.
FINALISED_ON = SqlCase(
    When(handling=Handling.OUTSIDE_SCHEDULE_3, then=F("closed_on")),
    default=F("outcome_on"),
)


def _dated_in(period: Period) -> Q:
    """The cases logged, first contacted, given an outcome or closed in the period: every case
    a figure of the period can count, read through the dates' indexes."""
    return (
        _in(period, "logged_on")
        | _in(period, "first_contact_on")
        | _in(period, "outcome_on")
        | _in(period, "closed_on")
    )


def _over_12_months(cases, period: Period) -> int:
    """The investigations begun by the period's end and not finished by it, whose complaint was
    made (or matter came to attention) more than 12 months before it: those reg 13 and conduct
    reg 19 have the force report to the local policing body and the IOPC (their first relevant
    period starts on that day, not on the investigation's). One count over the investigations
    begun by then (their own index)."""
    received_by = shift_months(period.end, -FIRST_REPORT_MONTHS)
    return (
        cases.filter(investigation_started_on__lte=period.end, received_on__lt=received_by)
        .filter(Q(outcome_on__isnull=True) | Q(outcome_on__gt=period.end))
        .filter(Q(closed_on__isnull=True) | Q(closed_on__gt=period.end))
        .count()
    )


def _people(key: str, label: str, subjects) -> PeopleCounts:
    """Subjects (one per person per case) by ethnicity and by sex: one GROUP BY over both,
    whose few groups are added up by ethnicity and by sex."""
    by_ethnicity: Counter[str] = Counter()
    by_sex: Counter[str] = Counter()
    groups = (
        subjects.filter(person__isnull=False)
        .order_by()
        .values_list("person__ethnicity", "person__sex")
        .annotate(n=Count("pk"))
        .values_list("person__ethnicity", "person__sex", "n")
    )
    for ethnicity, sex, n in groups:
        by_ethnicity[ethnicity] += n
        by_sex[sex] += n
    return PeopleCounts(key=key, label=label, by_ethnicity=by_ethnicity, by_sex=by_sex)


# --- complaints ---------------------------------------------------------------------------------

ROUTES = (
    (Handling.OUTSIDE_SCHEDULE_3, "outside", "Outside Schedule 3"),
    (Handling.OTHERWISE, "otherwise", "Otherwise than by investigation"),
    (Handling.INVESTIGATION, "investigation", "Investigation"),
)
REASONS = (
    (
        RecordingReason.COMPLAINANT_WISHES,
        "recorded_complainant_wishes",
        "The complainant wishes it",
    ),
    (
        RecordingReason.AUTHORITY_DECIDES,
        "recorded_authority_decides",
        "The appropriate authority decides",
    ),
    (
        RecordingReason.DISSATISFIED,
        "recorded_dissatisfaction",
        "Dissatisfaction after initial handling",
    ),
)
DURATIONS = (
    # (key, label, start field, end, which cases, hint)
    ("days_to_log", "Average working days to log", "received_on", F("logged_on"), "logged", ""),
    (
        "days_to_contact",
        "Average working days to first contact",
        "received_on",
        F("first_contact_on"),
        "contacted",
        "",
    ),
)


def complaints_figures(period: Period) -> Section:
    """The complaints section: ``COMPLAINTS_QUERIES`` queries."""
    last_year = period.end.year + 1
    complaints = Case.objects.filter(kind=CaseKind.COMPLAINT).order_by()
    logged = _in(period, "logged_on")
    contacted = _in(period, "first_contact_on")
    finalised = Q(finalised_on__range=(period.start, period.end))

    def duration(end, *, excluding_pauses=False) -> WorkingDaysBetween:
        return WorkingDaysBetween(
            F("received_on"), end, last_year=last_year, excluding_pauses=excluding_pauses
        )

    aggregates = {
        "logged": Count("pk", filter=logged),
        "finalised": Count("pk", filter=finalised),
        "contacted": Count("pk", filter=contacted),
        **{
            f"route_{value}": Count("pk", filter=logged & Q(handling=value))
            for value, _name, _label in ROUTES
        },
    }
    conditions = {"logged": logged, "contacted": contacted}
    for key, _label, _start, end, which, _hint in DURATIONS:
        aggregates[key] = _average(duration(end), conditions[which])
        aggregates[f"{key}_excl"] = _average(
            duration(end, excluding_pauses=True), conditions[which]
        )
    for value, name, _label in ROUTES:
        route = finalised & Q(handling=value)
        aggregates[f"finalised_{name}"] = Count("pk", filter=route)
        aggregates[f"days_{name}"] = _average(duration(F("finalised_on")), route)
        aggregates[f"days_{name}_excl"] = _average(
            duration(F("finalised_on"), excluding_pauses=True), route
        )
    # Only the cases with a date in the period are read (each date has its index); the
    # averages' working days are counted for those alone.
    cases = (
        complaints.filter(_dated_in(period))
        .annotate(finalised_on=FINALISED_ON)
        .aggregate(**aggregates)  # 1
    )
    over_12_months = _over_12_months(complaints, period)  # 2

    # Why the complaints logged in the period were recorded under Schedule 3 (a complaint
    # recorded after dissatisfaction with its handling outside Schedule 3 counts there).
    reasons = (
        HandlingDecision.objects.filter(
            case__kind=CaseKind.COMPLAINT, case__logged_on__range=(period.start, period.end)
        )
        .order_by()
        .aggregate(  # 3
            **{
                name: Count("case", distinct=True, filter=Q(recording_reason=value))
                for value, name, _label in REASONS
            }
        )
    )

    allegations = Allegation.objects.filter(
        case__kind=CaseKind.COMPLAINT, case__logged_on__range=(period.start, period.end)
    ).order_by()
    by_group = dict(  # 4
        allegations.values_list("category__group")
        .annotate(n=Count("pk"))
        .values_list("category__group", "n")
    )
    groups = list(  # 5: every group in the reference data, in its order
        AllegationCategory.objects.order_by()
        .values_list("group")
        .annotate(position=Min("order"))
        .order_by("position", "group")
        .values_list("group", flat=True)
    )
    for group in by_group:  # a retired group still holding allegations keeps its row
        if group not in groups:
            groups.append(group)

    # What was done after finalisation, on the complaints finalised in the period.
    finalised_cases = (
        complaints.filter(_in(period, "outcome_on") | _in(period, "closed_on"))
        .annotate(finalised_on=FINALISED_ON)
        .filter(finalised)
    )
    actions = finalised_cases.aggregate(  # 6
        reflective=Count("subjects__reflections", distinct=True),
        conduct_matters=Count(
            "conduct_matters",
            distinct=True,
        ),
        proceedings=Count("proceedings", distinct=True),
    )
    results = Allegation.objects.filter(  # 7
        case__in=finalised_cases.values("pk")
    ).aggregate(
        **{
            f"result_{value}": Count("pk", filter=Q(result=value))
            for value in ComplaintResult.values
            if value
        }
    )

    reviews = Review.objects.filter(case__kind=CaseKind.COMPLAINT).order_by()
    review_counts = reviews.aggregate(  # 8
        received=Count("pk", filter=_in(period, "applied_on")),
        decided=Count("pk", filter=_in(period, "decided_on") & ~Q(result="")),
        upheld=Count("pk", filter=_in(period, "decided_on") & Q(result=ReviewResult.UPHELD)),
    )
    referrals = (
        Referral.objects.filter(referred=True)
        .order_by()
        .aggregate(  # 9
            all=Count("case", distinct=True, filter=_in(period, "referred_on")),
            dsi=Count(
                "case",
                distinct=True,
                filter=_in(period, "referred_on") & Q(case__kind=CaseKind.DSI),
            ),
        )
    )
    subjects = Subject.objects.filter(
        case__kind=CaseKind.COMPLAINT, case__logged_on__range=(period.start, period.end)
    )
    people = _people("complaints", "Subjects of complaints", subjects)  # 10

    allegations_logged = sum(by_group.values())
    measures = [
        Measure(
            "complaints.cases_logged",
            "Complaint cases logged",
            cases["logged"],
            per_workforce=True,
            hint="Cases, not allegations: a complaint is one case however many allegations.",
        ),
        Measure(
            "complaints.allegations_logged",
            "Allegations logged",
            allegations_logged,
            per_workforce=True,
        ),
        Measure(
            "complaints.handled_outside_schedule_3",
            "Handled outside Schedule 3",
            cases[f"route_{Handling.OUTSIDE_SCHEDULE_3}"],
            hint="Complaint cases logged in the period, as they are handled now.",
        ),
        Measure(
            "complaints.recorded_under_schedule_3",
            "Recorded under Schedule 3",
            cases[f"route_{Handling.OTHERWISE}"] + cases[f"route_{Handling.INVESTIGATION}"],
            hint="Complaint cases logged in the period, as they are handled now.",
        ),
        *(
            Measure(f"complaints.{name}", f"Recorded because: {label.lower()}", reasons[name])
            for _value, name, label in REASONS
        ),
    ]
    for key, label, _start, _end, which, _hint in DURATIONS:
        basis = cases[which]
        measures.append(
            Measure(f"complaints.{key}", label, _days(cases[key]), unit="days", basis=basis)
        )
        measures.append(
            Measure(
                f"complaints.{key}_excluding_sub_judice",
                f"{label}, excluding sub judice pauses",
                _days(cases[f"{key}_excl"]),
                unit="days",
                basis=basis,
            )
        )
    for _value, name, label in ROUTES:
        basis = cases[f"finalised_{name}"]
        measures.append(
            Measure(
                f"complaints.days_to_finalise_{name}",
                f"Average working days to finalise: {label.lower()}",
                _days(cases[f"days_{name}"]),
                unit="days",
                basis=basis,
                hint="From receipt to finalisation, including sub judice pauses.",
            )
        )
        measures.append(
            Measure(
                f"complaints.days_to_finalise_{name}_excluding_sub_judice",
                f"Average working days to finalise: {label.lower()}, excluding sub judice pauses",
                _days(cases[f"days_{name}_excl"]),
                unit="days",
                basis=basis,
            )
        )
    measures += [
        Measure("complaints.cases_finalised", "Complaint cases finalised", cases["finalised"]),
        Measure("complaints.reviews_received", "Reviews received", review_counts["received"]),
        Measure(
            "complaints.reviews_received_pct",
            "Reviews received, as a share of the cases finalised",
            review_counts["received"],
            unit="percent",
            denominator=cases["finalised"],
        ),
        Measure("complaints.reviews_upheld", "Reviews upheld", review_counts["upheld"]),
        Measure(
            "complaints.reviews_upheld_pct",
            "Reviews upheld, as a share of the reviews decided",
            review_counts["upheld"],
            unit="percent",
            denominator=review_counts["decided"],
        ),
        Measure(
            "complaints.iopc_referrals",
            "Referrals to the IOPC",
            referrals["all"],
            hint="Cases referred, death or serious injury matters included.",
        ),
        Measure(
            "complaints.dsi_referrals",
            "Death or serious injury referrals",
            referrals["dsi"],
            hint="Recorded and referred without a complaint.",
        ),
        Measure(
            "complaints.investigations_over_12_months",
            "Complaint investigations open past 12 months",
            over_12_months,
            hint="At the end of the period.",
        ),
    ]
    breakdowns = (
        Breakdown(
            key="complaints.allegations_by_category",
            title="Allegations logged by IOPC category",
            row_heading="IOPC category",
            columns=("Allegations",),
            rows=tuple((group, (by_group.get(group, 0),)) for group in groups),
        ),
        Breakdown(
            key="complaints.cases_by_handling",
            title="Complaint cases by how they are handled",
            row_heading="Handling",
            columns=("Cases",),
            rows=tuple((label, (cases[f"route_{value}"],)) for value, _name, label in ROUTES),
            hint="Complaint cases logged in the period, as they are handled now.",
        ),
        Breakdown(
            key="complaints.actions",
            title="Actions after finalisation",
            row_heading="Action",
            columns=("Count",),
            rows=(
                ("Reflective practice", (actions["reflective"],)),
                ("Conduct matter recorded", (actions["conduct_matters"],)),
                ("Misconduct meeting or hearing", (actions["proceedings"],)),
            ),
            hint="On the complaint cases finalised in the period.",
        ),
        Breakdown(
            key="complaints.allegation_results",
            title="Results of the allegations finalised",
            row_heading="Result",
            columns=("Allegations",),
            rows=tuple(
                (label, (results[f"result_{value}"],))
                for value, label in ComplaintResult.choices
                if value
            ),
        ),
    )
    return Section(measures=tuple(measures), breakdowns=breakdowns, people=(people,))


def complaints_trends(quarters: Sequence[Quarter]) -> tuple[Trend, ...]:
    complaints = Case.objects.filter(kind=CaseKind.COMPLAINT)
    allegations = Allegation.objects.filter(case__kind=CaseKind.COMPLAINT)
    return (
        Trend(
            "complaints.cases_logged",
            "Complaint cases logged",
            quarterly_counts(complaints, "logged_on", quarters),
        ),
        Trend(
            "complaints.allegations_logged",
            "Allegations logged",
            quarterly_counts(allegations, "case__logged_on", quarters),
        ),
    )


# --- conduct ------------------------------------------------------------------------------------

SEVERITIES = (
    (Severity.MISCONDUCT, "assessed_misconduct", "Assessed as misconduct"),
    (Severity.GROSS, "assessed_gross_misconduct", "Assessed as gross misconduct"),
    (Severity.NO_CASE, "assessed_no_case", "Assessed as no case to answer"),
    (Severity.PRI, "assessed_pri", "Assessed as practice requiring improvement"),
)


def conduct_figures(period: Period) -> Section:
    """The conduct section: ``CONDUCT_QUERIES`` queries."""
    matters = Case.objects.filter(kind=CaseKind.CONDUCT).order_by()
    recorded = matters.filter(_in(period, "logged_on")).count()  # 1
    over_12_months = _over_12_months(matters, period)  # 2
    severity = (
        SeverityAssessment.objects.filter(
            within(SeverityAssessment.objects.all(), "assessed_at", period.start, period.end)
        )
        .order_by()
        .aggregate(  # 3
            **{name: Count("pk", filter=Q(severity=value)) for value, name, _label in SEVERITIES}
        )
    )
    in_force = Q(started_on__lte=period.end) & (
        Q(ended_on__isnull=True) | Q(ended_on__gt=period.end)
    )
    restrictions = (
        Restriction.objects.filter(in_force)
        .order_by()
        .aggregate(  # 4
            suspended=Count("pk", filter=Q(kind=RestrictionKind.SUSPENDED)),
            restricted=Count("pk", filter=Q(kind=RestrictionKind.RESTRICTED)),
        )
    )
    officer = Q(subject__person__role_type__in=OFFICER_ROLE_TYPES)
    held = Proceedings.objects.filter(_in(period, "held_on")).order_by()
    referred = held.aggregate(  # 5
        **{
            f"{value}_{who}": Count("pk", filter=Q(form=value) & (officer if who else ~officer))
            for value in ProceedingsForm.values
            for who in (1, 0)
        }
    )
    concluded = Proceedings.objects.filter(_in(period, "outcome_on")).order_by()
    outcomes = concluded.aggregate(  # 6
        **{f"outcome_{value}": Count("pk", filter=Q(outcome=value)) for value in OUTCOME_VALUES},
        **{f"finding_{value}": Count("pk", filter=Q(finding=value)) for value in FINDING_VALUES},
    )
    listings = BarredListNotification.objects.filter(_in(period, "trigger_on")).order_by()
    listed = listings.aggregate(  # 7
        barred=Count("pk", filter=Q(barred_list=BarredList.BARRED)),
        advisory=Count("pk", filter=Q(barred_list=BarredList.ADVISORY)),
    )
    reflections = ReflectivePractice.objects.filter(_in(period, "referred_on")).count()  # 8

    people = (
        _people(  # 9
            "conduct",
            "Subjects of conduct matters",
            Subject.objects.filter(
                case__kind=CaseKind.CONDUCT, case__logged_on__range=(period.start, period.end)
            ),
        ),
        _people(  # 10
            "proceedings",
            "Subjects referred to a misconduct meeting or hearing",
            Subject.objects.filter(pk__in=held.values("subject")),
        ),
        _people(  # 11
            "dismissals",
            "Subjects dismissed",
            Subject.objects.filter(
                pk__in=concluded.filter(outcome=ProceedingsOutcome.DISMISSAL).values("subject")
            ),
        ),
    )
    measures = (
        Measure(
            "conduct.matters_recorded",
            "Conduct matters recorded",
            recorded,
            per_workforce=True,
            hint="Logged in the period, whatever their source: internal, the CCU or a complaint.",
        ),
        *(Measure(f"conduct.{name}", label, severity[name]) for _value, name, label in SEVERITIES),
        Measure(
            "conduct.suspended",
            "Suspended at the end of the period",
            restrictions["suspended"],
        ),
        Measure(
            "conduct.restricted_duties",
            "On restricted duties at the end of the period",
            restrictions["restricted"],
        ),
        Measure(
            "conduct.reflective_practice_referrals",
            "Referrals to reflective practice",
            reflections,
        ),
        Measure(
            "conduct.barred_list_notifications",
            "Police barred list notifications",
            listed["barred"],
        ),
        Measure(
            "conduct.advisory_list_notifications",
            "Police advisory list notifications",
            listed["advisory"],
        ),
        Measure(
            "conduct.investigations_over_12_months",
            "Conduct investigations open past 12 months",
            over_12_months,
            hint="At the end of the period.",
        ),
    )
    breakdowns = (
        Breakdown(
            key="conduct.proceedings",
            title="Referrals to misconduct proceedings",
            row_heading="Proceedings",
            columns=("Officers", "Staff"),
            rows=tuple(
                (label, (referred[f"{value}_1"], referred[f"{value}_0"]))
                for value, label in ProceedingsForm.choices
            ),
            chart="stacked",
            hint="By the date the meeting or hearing is held.",
        ),
        Breakdown(
            key="conduct.findings",
            title="Findings of misconduct proceedings",
            row_heading="Finding",
            columns=("Proceedings",),
            rows=tuple(
                (label, (outcomes[f"finding_{value}"],))
                for value, label in Finding.choices
                if value
            ),
        ),
        Breakdown(
            key="conduct.outcomes",
            title="Outcomes of misconduct proceedings",
            row_heading="Outcome",
            columns=("Proceedings",),
            rows=tuple(
                (label, (outcomes[f"outcome_{value}"],))
                for value, label in ProceedingsOutcome.choices
                if value
            ),
        ),
    )
    return Section(measures=measures, breakdowns=breakdowns, people=people)


OUTCOME_VALUES = tuple(value for value in ProceedingsOutcome.values if value)
FINDING_VALUES = tuple(value for value in Finding.values if value)


def conduct_trends(quarters: Sequence[Quarter]) -> tuple[Trend, ...]:
    matters = Case.objects.filter(kind=CaseKind.CONDUCT)
    return (
        Trend(
            "conduct.matters_recorded",
            "Conduct matters recorded",
            quarterly_counts(matters, "logged_on", quarters),
        ),
    )


COMPLAINTS_SECTION = BoardSection(
    key="complaints",
    title="Complaints",
    order=10,
    figures=complaints_figures,
    trends=complaints_trends,
    audience=AUDIENCE,
    summary=(
        "Public complaints under the Police Reform Act 2002, counted as the IOPC's complaints "
        "statistics count them, from the complaints case file."
    ),
)
CONDUCT_SECTION = BoardSection(
    key="conduct",
    title="Conduct",
    order=20,
    figures=conduct_figures,
    trends=conduct_trends,
    audience=AUDIENCE,
    summary=(
        "Conduct matters under the Police (Conduct) Regulations 2020, counted as the Home "
        "Office's misconduct statistics count them, from the complaints case file."
    ),
)
