"""The complaints and conduct figures the integrity board shows (``complaints/board.py``), from
cases loaded through the product's own services, with every figure exact: the period's
boundaries (logged the day before, on the last day, the day after), working days in SQL against
``working_days_between``, and a fixed number of queries whatever the rows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from complaints import board
from complaints.models import (
    AllegationCategory,
    Case,
    Channel,
    Finding,
    Handling,
    LetterKind,
    LetterTemplate,
    ListedStatus,
    ListingReason,
    ProceedingsForm,
    ProceedingsOutcome,
    ProfessionalStandard,
    RecordingReason,
    RestrictionKind,
    ReviewResult,
    Severity,
)
from complaints.services import cases as case_services
from complaints.services import conduct as conduct_services
from complaints.services import handling as handling_services
from complaints.services import proceedings as proceedings_services
from complaints.services.intake import ComplaintDetails, case_open_from_intake, intake_record
from complaints.services.letters import letter_issue
from complaints.services.outcomes import complaint_outcome_record
from complaints.services.reviews import review_decide, review_record_application
from standards.access.roles import Role
from standards.board.figures import board_sections
from standards.core.periods import Period, Quarter, quarters_ending
from standards.core.working_days import working_days_between
from standards.people.models import RoleType
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

YEAR = Period.financial_year(2024)  # 1 April 2024 to 31 March 2025
D = dt.date


def measures(section) -> dict:
    return {measure.key: measure for measure in section.measures}


def breakdowns(section) -> dict:
    return {breakdown.key: dict(breakdown.rows) for breakdown in section.breakdowns}


def people(section) -> dict:
    return {
        counts.key: (dict(counts.by_ethnicity), dict(counts.by_sex)) for counts in section.people
    }


# --- loading cases through the services ---------------------------------------------------------


def log_complaint(user, *, received, logged, contact=None) -> Case:
    """A complaint recorded by PSD, opened as a case and dated as the IOPC measures (the head of
    PSD changes every case, so no allocation is needed)."""
    intake = intake_record(
        details=ComplaintDetails(
            name="Alex Morgan",
            what_happened="The officer was rude to me at the station counter.",
            address="1 Quay Street\nSaltcote",
            postcode="TS1 2AB",
            contact_preference="letter",
        ),
        channel=Channel.PHONE,
        received_at=min(
            timezone.make_aware(dt.datetime.combine(received, dt.time(10))), timezone.now()
        ),
        acting_user=user,
    )
    case = case_open_from_intake(intake=intake, note="A new complaint.", acting_user=user)
    return case_services.case_record_dates(
        case=case, logged_on=logged, first_contact_on=contact, acting_user=user
    )


def allege(case, user, code, subjects=()):
    return case_services.allegation_add(
        case=case,
        category=AllegationCategory.objects.get(code=code),
        description="What the complainant says happened.",
        subjects=subjects,
        acting_user=user,
    )


def handle(case, user, handling, reason="", referred_on=None):
    return handling_services.handling_decide(
        case=case,
        handling=handling,
        rationale="Reasons for the decision.",
        recording_reason=reason,
        what_was_done="Explained the policy and apologised.",
        complainant_view="Content with the explanation.",
        referred=referred_on is not None,
        referred_on=referred_on,
        acting_user=user,
    )


def pause(case, user, started_on, ended_on):
    paused = conduct_services.pause_start(
        case=case, started_on=started_on, reason="Criminal trial.", acting_user=user
    )
    conduct_services.pause_end(pause=paused, ended_on=ended_on, acting_user=user)


def outcome(case, user, outcome_on, results):
    case.refresh_from_db()
    allegations = list(case.allegations.all())
    complaint_outcome_record(
        case=case,
        results=dict(zip(allegations, results, strict=True)),
        actions_taken={allegation: "No further action." for allegation in allegations},
        outcome_on=outcome_on,
        rationale="What the evidence shows.",
        acting_user=user,
    )


def outcome_letter(case, user, issued_on):
    case.refresh_from_db()
    return letter_issue(
        case=case,
        template=LetterTemplate.objects.get(kind=LetterKind.OUTCOME, active=True),
        complainant=case.complainants.get(),
        method="letter",
        acting_user=user,
        issued_on=issued_on,
    )


def apply_for_review(case, user, applied_on):
    case.refresh_from_db()
    return review_record_application(
        case=case, applied_on=applied_on, grounds="Not satisfied.", acting_user=user
    )


@pytest.fixture
def workforce():
    return {
        "p1": PersonFactory(ethnicity="W1", sex="M"),
        "p2": PersonFactory(ethnicity="B1", sex="M"),
        "p3": PersonFactory(ethnicity="A1", sex="F", role_type=RoleType.STAFF),
        "p4": PersonFactory(ethnicity="W1", sex="F", role_type=RoleType.STAFF),
    }


@pytest.fixture
def complaints_year(psd_head, workforce):
    """The complaints of 2024/25 and either side of it (see each case's comment)."""
    user, p1, p2 = psd_head, workforce["p1"], workforce["p2"]
    # A: received Mon 1 April, logged in 2 working days, contacted in 7; two allegations about
    # two officers; investigated, referred to the IOPC, paused 9 working days, finalised on
    # 20 December (186 working days from receipt, 177 without the pause); reviewed and upheld.
    a = log_complaint(user, received=D(2024, 4, 1), logged=D(2024, 4, 3), contact=D(2024, 4, 10))
    a1 = case_services.subject_add(case=a, person=p1, acting_user=user)
    a2 = case_services.subject_add(case=a, person=p2, acting_user=user)
    allege(a, user, "H1", [a1])
    allege(a, user, "B4", [a2])
    handle(a, user, Handling.INVESTIGATION, RecordingReason.COMPLAINANT_WISHES, D(2024, 4, 5))
    pause(a, user, D(2024, 6, 3), D(2024, 6, 14))
    conduct_services.conduct_matter_open(
        summary="The officer's rudeness may be misconduct.",
        received_on=D(2024, 6, 1),
        subjects=[p1],
        channel=Channel.FROM_COMPLAINT,
        origin=a,
        acting_user=user,
    )
    outcome(a, user, D(2024, 12, 20), ["not_acceptable", "acceptable"])
    outcome_letter(a, user, D(2024, 12, 23))
    review = apply_for_review(a, user, D(2025, 1, 10))
    review_decide(
        review=review,
        result=ReviewResult.UPHELD,
        recommendation="Apologise for the search.",
        rationale="The search was not explained.",
        decided_on=D(2025, 2, 3),
        acting_user=user,
    )
    # B: received Fri 20 December, logged 27 December (3 working days: Christmas), contacted
    # 6 January (8); handled otherwise than by investigation; paused 9 working days; finalised
    # 3 March (48 working days, 39 without the pause); a review applied for, not yet decided.
    b = log_complaint(user, received=D(2024, 12, 20), logged=D(2024, 12, 27), contact=D(2025, 1, 6))
    b1 = case_services.subject_add(case=b, person=p1, acting_user=user)
    allege(b, user, "H1", [b1])
    handle(b, user, Handling.OTHERWISE, RecordingReason.AUTHORITY_DECIDES)
    pause(b, user, D(2025, 1, 6), D(2025, 1, 17))
    conduct_services.severity_assess(
        subject=b1, severity=Severity.PRI, rationale="Tone, not misconduct.", acting_user=user
    )
    conduct_services.reflective_practice_refer(
        subject=b1, referred_on=D(2025, 2, 1), acting_user=user
    )
    outcome(b, user, D(2025, 3, 3), ["unable"])
    outcome_letter(b, user, D(2025, 3, 4))
    apply_for_review(b, user, D(2025, 3, 10))
    # C: logged on 31 March 2024, the day before the year.
    c = log_complaint(user, received=D(2024, 3, 28), logged=D(2024, 3, 31))
    allege(c, user, "H1", [case_services.subject_add(case=c, person=p2, acting_user=user)])
    # D: logged on 1 April 2025, the day after.
    d = log_complaint(user, received=D(2025, 3, 31), logged=D(2025, 4, 1))
    allege(d, user, "A1")
    # E: received and logged on the last day (0 working days), about an officer not yet
    # identified, handled outside Schedule 3.
    e = log_complaint(user, received=D(2025, 3, 31), logged=D(2025, 3, 31))
    case_services.subject_add(case=e, description="A tall sergeant", acting_user=user)
    allege(e, user, "K1")
    handle(e, user, Handling.OUTSIDE_SCHEDULE_3)
    # A death or serious injury matter, referred without a complaint.
    handling_services.dsi_matter_record(
        summary="A man was injured in custody.",
        received_on=D(2024, 5, 1),
        incident_date=D(2024, 4, 30),
        incident_place="Custody suite",
        referred_on=D(2024, 5, 2),
        acting_user=user,
    )
    return {"a": a, "b": b, "c": c, "d": d, "e": e}


# --- complaints ---------------------------------------------------------------------------------


def test_the_complaints_figures_for_a_year(complaints_year, django_assert_num_queries):
    with django_assert_num_queries(board.COMPLAINTS_QUERIES):
        section = board.complaints_figures(YEAR)
    m = measures(section)
    values = {key: measure.value for key, measure in m.items()}
    # Logged in the year: A, B and E (C the day before, D the day after are not).
    assert values["complaints.cases_logged"] == 3
    assert m["complaints.cases_logged"].per_workforce
    assert values["complaints.allegations_logged"] == 4
    assert m["complaints.allegations_logged"].per_workforce
    assert values["complaints.handled_outside_schedule_3"] == 1
    assert values["complaints.recorded_under_schedule_3"] == 2
    assert values["complaints.recorded_complainant_wishes"] == 1
    assert values["complaints.recorded_authority_decides"] == 1
    assert values["complaints.recorded_dissatisfaction"] == 0
    # Working days to log: (2 + 3 + 0) / 3; to first contact (7 + 8) / 2.
    assert round(values["complaints.days_to_log"], 4) == Decimal("1.6667")
    assert m["complaints.days_to_log"].basis == 3
    assert m["complaints.days_to_log"].unit == "days"
    assert round(values["complaints.days_to_log_excluding_sub_judice"], 4) == Decimal("1.6667")
    assert values["complaints.days_to_contact"] == Decimal("7.5")
    assert m["complaints.days_to_contact"].basis == 2
    assert values["complaints.days_to_contact_excluding_sub_judice"] == Decimal("7.5")
    # To finalise, by route, with and without the sub judice pauses.
    assert values["complaints.days_to_finalise_investigation"] == 186
    assert values["complaints.days_to_finalise_investigation_excluding_sub_judice"] == 177
    assert m["complaints.days_to_finalise_investigation"].basis == 1
    assert values["complaints.days_to_finalise_otherwise"] == 48
    assert values["complaints.days_to_finalise_otherwise_excluding_sub_judice"] == 39
    assert values["complaints.days_to_finalise_outside"] is None
    assert m["complaints.days_to_finalise_outside"].basis == 0
    assert values["complaints.cases_finalised"] == 2
    assert values["complaints.reviews_received"] == 2
    pct = m["complaints.reviews_received_pct"]
    assert (pct.value, pct.denominator, pct.unit) == (2, 2, "percent")
    upheld = m["complaints.reviews_upheld_pct"]
    assert values["complaints.reviews_upheld"] == 1
    assert (upheld.value, upheld.denominator) == (1, 1)
    # A's referral and the DSI matter's.
    assert values["complaints.iopc_referrals"] == 2
    assert values["complaints.dsi_referrals"] == 1
    assert values["complaints.investigations_over_12_months"] == 0

    grids = breakdowns(section)
    groups = list(
        AllegationCategory.objects.order_by("order").values_list("group", flat=True).distinct()
    )
    by_category = grids["complaints.allegations_by_category"]
    assert len(by_category) == 11  # every IOPC group, zeros included
    assert list(by_category) == list(dict.fromkeys(groups))
    assert by_category["Individual behaviours"] == (2,)
    assert by_category["Police powers, policies and procedures"] == (1,)
    assert by_category["Other"] == (1,)
    assert by_category["Delivery of duties and service"] == (0,)  # D was logged the day after
    assert grids["complaints.cases_by_handling"] == {
        "Outside Schedule 3": (1,),
        "Otherwise than by investigation": (1,),
        "Investigation": (1,),
    }
    assert grids["complaints.actions"] == {
        "Reflective practice": (1,),
        "Conduct matter recorded": (1,),
        "Misconduct meeting or hearing": (0,),
    }
    assert grids["complaints.allegation_results"] == {
        "Service acceptable": (1,),
        "Service not acceptable": (1,),
        "Unable to determine": (1,),
    }
    # Subjects of A and B: p1 twice (once per case), p2 once; E's is not identified.
    assert people(section)["complaints"] == ({"W1": 2, "B1": 1}, {"M": 3})


def test_the_query_count_does_not_grow_with_the_cases(complaints_year, django_assert_num_queries):
    with django_assert_num_queries(board.COMPLAINTS_QUERIES):
        board.complaints_figures(Period.financial_year(2023))
    with django_assert_num_queries(board.CONDUCT_QUERIES):
        board.conduct_figures(YEAR)


def test_a_complaint_outside_schedule_3_is_finalised_when_it_closes(psd_head):
    today = timezone.localdate()
    received = today - dt.timedelta(days=20)
    case = log_complaint(psd_head, received=received, logged=received)
    allege(case, psd_head, "H1")
    handle(case, psd_head, Handling.OUTSIDE_SCHEDULE_3)
    conduct_services.case_close(case=case, reason="Resolved.", acting_user=psd_head)
    figures = measures(board.complaints_figures(Period.custom(received, today)))
    assert figures["complaints.cases_finalised"].value == 1
    assert figures["complaints.days_to_finalise_outside"].value == working_days_between(
        received, today
    )
    assert figures["complaints.days_to_finalise_outside"].basis == 1


def test_an_investigation_open_past_12_months_is_counted_at_the_period_end(psd_head):
    today = timezone.localdate()
    case = log_complaint(psd_head, received=today, logged=today)
    allege(case, psd_head, "H1")
    handle(case, psd_head, Handling.INVESTIGATION, RecordingReason.COMPLAINANT_WISHES)
    key = "complaints.investigations_over_12_months"
    twelve_months = Period.custom(today, today + dt.timedelta(days=366))
    eleven_months = Period.custom(today, today + dt.timedelta(days=330))
    assert measures(board.complaints_figures(twelve_months))[key].value == 1
    assert measures(board.complaints_figures(eleven_months))[key].value == 0


def test_past_12_months_counts_from_the_complaint_not_from_the_investigation(psd_head):
    """Reg 13(3): the first relevant period starts on the day the complaint was made, so an
    investigation begun late is past 12 months when the complaint is."""
    today = timezone.localdate()
    received = today - dt.timedelta(days=400)
    case = log_complaint(psd_head, received=received, logged=received)
    allege(case, psd_head, "H1")
    handle(case, psd_head, Handling.INVESTIGATION, RecordingReason.COMPLAINANT_WISHES)
    Case.objects.filter(pk=case.pk).update(investigation_started_on=today - dt.timedelta(days=60))
    key = "complaints.investigations_over_12_months"
    assert measures(board.complaints_figures(Period.custom(today, today)))[key].value == 1


@pytest.mark.parametrize(
    ("received", "finalised"),
    [
        (D(2024, 12, 20), D(2025, 1, 2)),  # across Christmas and New Year
        (D(2025, 4, 17), D(2025, 4, 22)),  # across Easter
        (D(2024, 3, 1), D(2025, 3, 1)),  # a whole year
        (D(2025, 6, 6), D(2025, 6, 6)),  # the same day
    ],
)
def test_working_days_in_sql_are_the_clocks_working_days(psd_head, received, finalised):
    case = log_complaint(psd_head, received=received, logged=finalised)
    days = (
        Case.objects.filter(pk=case.pk)
        .annotate(
            days=board.WorkingDaysBetween("received_on", "logged_on", last_year=finalised.year + 1),
            without=board.WorkingDaysBetween(
                "received_on", "logged_on", last_year=finalised.year + 1, excluding_pauses=True
            ),
        )
        .values_list("days", "without")
        .get()
    )
    expected = working_days_between(received, finalised)
    assert days == (expected, expected)


def test_the_trends_count_each_quarter_in_one_query_each(
    complaints_year, django_assert_num_queries
):
    quarters = quarters_ending(D(2025, 6, 30), 8)
    with django_assert_num_queries(2):
        cases, allegations = board.complaints_trends(quarters)
    assert cases.key == "complaints.cases_logged"
    assert list(cases.counts) == [quarter.start for quarter in quarters]
    assert cases.counts[D(2024, 1, 1)] == 1  # C, 31 March 2024
    assert cases.counts[D(2024, 4, 1)] == 1  # A
    assert cases.counts[D(2024, 10, 1)] == 1  # B
    assert cases.counts[D(2025, 1, 1)] == 1  # E
    assert cases.counts[D(2025, 4, 1)] == 1  # D
    assert cases.counts[D(2024, 7, 1)] == 0
    assert sum(cases.counts.values()) == 5
    assert allegations.counts[D(2024, 4, 1)] == 2
    assert sum(allegations.counts.values()) == 6


# --- conduct ------------------------------------------------------------------------------------


def open_matter(user, people, received, **fields) -> Case:
    return conduct_services.conduct_matter_open(
        summary="A colleague reported the member's conduct.",
        received_on=received,
        subjects=people,
        channel=Channel.INTERNAL,
        acting_user=user,
        **fields,
    )


def assess(case, person, severity, user):
    subject = case.subjects.get(person=person)
    conduct_services.severity_assess(
        subject=subject, severity=severity, rationale="The evidence.", acting_user=user
    )
    return subject


def test_the_conduct_figures(psd_head, workforce, django_assert_num_queries):
    user = psd_head
    today = timezone.localdate()
    ago = lambda days: today - dt.timedelta(days=days)  # noqa: E731
    period = Period.custom(ago(90), today)
    p1, p2, p3, p4 = (workforce[key] for key in ("p1", "p2", "p3", "p4"))
    # M1: an officer and a member of staff; a hearing dismisses the officer (barred list), a
    # meeting gives the member of staff a written warning.
    m1 = open_matter(user, [p1, p3], ago(30))
    s1 = assess(m1, p1, Severity.GROSS, user)
    s3 = assess(m1, p3, Severity.MISCONDUCT, user)
    conduct_services.restriction_start(
        subject=s1, kind=RestrictionKind.SUSPENDED, started_on=ago(20), rationale="Risk.",
        acting_user=user,
    )  # fmt: skip
    hearing = proceedings_services.proceedings_arrange(
        subject=s1, form=ProceedingsForm.HEARING, panel="Chair and members.", held_on=ago(5),
        venue="Headquarters", public_notice="An officer: alleged assault.", acting_user=user,
    )  # fmt: skip
    meeting = proceedings_services.proceedings_arrange(
        subject=s3, form=ProceedingsForm.MEETING, panel="Chair.", held_on=ago(4), acting_user=user
    )
    proceedings_services.proceedings_record_outcome(
        proceedings=hearing, finding=Finding.GROSS, outcome=ProceedingsOutcome.DISMISSAL,
        rationale="Proven.", outcome_on=ago(2), public_outcome="Dismissed.", acting_user=user,
    )  # fmt: skip
    proceedings_services.proceedings_record_outcome(
        proceedings=meeting, finding=Finding.MISCONDUCT,
        outcome=ProceedingsOutcome.WRITTEN_WARNING, rationale="Proven.", outcome_on=ago(1),
        acting_user=user,
    )  # fmt: skip
    standards = ProfessionalStandard.objects.all()[:1]
    listing = {
        "full_name": "A Person", "force": "Cleveland Police", "date_of_birth": D(1980, 1, 1),
        "rank": "Constable", "warrant_or_staff_number": "1234", "conduct": "Assault.",
        "standards_breached": standards, "acting_user": user,
    }  # fmt: skip
    proceedings_services.barred_list_notify(
        subject=s1, reason=ListingReason.DISMISSED, trigger_on=ago(2),
        status=ListedStatus.FORMER_OFFICER, **listing,
    )  # fmt: skip
    # M2: an officer on restricted duties at the period's end, who then resigns (advisory list).
    m2 = open_matter(user, [p2], ago(10))
    s2 = assess(m2, p2, Severity.MISCONDUCT, user)
    conduct_services.restriction_start(
        subject=s2, kind=RestrictionKind.RESTRICTED, started_on=ago(3), rationale="Risk.",
        acting_user=user,
    )  # fmt: skip
    proceedings_services.barred_list_notify(
        subject=s2, reason=ListingReason.RESIGNED, trigger_on=ago(1),
        status=ListedStatus.FORMER_OFFICER, allegation_summary="Misuse of systems.", **listing,
    )  # fmt: skip
    # M3: a member of staff, practice requiring improvement, suspended.
    m3 = open_matter(user, [p4], ago(8))
    s4 = assess(m3, p4, Severity.PRI, user)
    conduct_services.reflective_practice_refer(subject=s4, referred_on=ago(1), acting_user=user)
    conduct_services.restriction_start(
        subject=s4, kind=RestrictionKind.SUSPENDED, started_on=ago(1), rationale="Risk.",
        acting_user=user,
    )  # fmt: skip
    # M4: logged the day before the period; its investigation began more than 12 months ago.
    m4 = open_matter(user, [p2], ago(500))
    case_services.case_record_dates(
        case=m4, logged_on=ago(91), first_contact_on=None, acting_user=user
    )
    conduct_services.investigation_start(
        case=m4, started_on=ago(450), terms_of_reference="Whether it happened.", acting_user=user
    )

    with django_assert_num_queries(board.CONDUCT_QUERIES):
        section = board.conduct_figures(period)
    values = {key: measure.value for key, measure in measures(section).items()}
    assert values == {
        "conduct.matters_recorded": 3,
        "conduct.assessed_misconduct": 2,
        "conduct.assessed_gross_misconduct": 1,
        "conduct.assessed_no_case": 0,
        "conduct.assessed_pri": 1,
        "conduct.suspended": 1,  # M1's suspension ended with the dismissal
        "conduct.restricted_duties": 1,
        "conduct.reflective_practice_referrals": 1,
        "conduct.barred_list_notifications": 1,
        "conduct.advisory_list_notifications": 1,
        "conduct.investigations_over_12_months": 1,
    }
    assert measures(section)["conduct.matters_recorded"].per_workforce
    grids = breakdowns(section)
    assert grids["conduct.proceedings"] == {
        "Misconduct meeting": (0, 1),
        "Misconduct hearing": (1, 0),
        "Accelerated misconduct hearing": (0, 0),
    }
    assert grids["conduct.findings"] == {
        "Not proven": (0,),
        "Misconduct proven": (1,),
        "Gross misconduct proven": (1,),
    }
    assert grids["conduct.outcomes"] == {
        "No further action": (0,),
        "Referred to reflective practice": (0,),
        "Written warning": (1,),
        "Final written warning": (0,),
        "Reduction in rank": (0,),
        "Dismissal without notice": (1,),
    }
    counts = people(section)
    assert counts["conduct"] == ({"W1": 2, "A1": 1, "B1": 1}, {"M": 2, "F": 2})
    assert counts["proceedings"] == ({"W1": 1, "A1": 1}, {"M": 1, "F": 1})
    assert counts["dismissals"] == ({"W1": 1}, {"M": 1})

    with django_assert_num_queries(1):
        (trend,) = board.conduct_trends(quarters_ending(today, 8))
    this_quarter, m4_quarter = Quarter.holding(today).start, Quarter.holding(ago(91)).start
    assert trend.counts[this_quarter] == 3 + (m4_quarter == this_quarter)
    assert trend.counts[m4_quarter] == (4 if m4_quarter == this_quarter else 1)
    assert sum(trend.counts.values()) == 4


# --- registration --------------------------------------------------------------------------------


def test_both_sections_are_registered_for_psd_and_the_ccu_head():
    sections = {section.key: section for section in board_sections()}
    for key, order, title in (("complaints", 10, "Complaints"), ("conduct", 20, "Conduct")):
        section = sections[key]
        assert (section.order, section.title, section.sensitive) == (order, title, False)
        assert section.audience == frozenset({Role.PSD_DECISION_MAKER, Role.CCU_HEAD})
        assert section.trends is not None
