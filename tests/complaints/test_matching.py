"""Matching a new complaint with the open cases it may repeat (complaints.matching, through
selectors.intake.intake_match_candidates): a duplicate is offered as an update, a complaint that
looks like no open case is not."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from complaints import matching
from complaints.models import CaseStatus, IntakeStatus
from complaints.selectors.intake import intake_match_candidates
from tests.complaints.factories import (
    CaseFactory,
    ComplainantFactory,
    IntakeFactory,
    SubjectFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
WEEK_AND_A_DAY = dt.timedelta(days=8)


def _case(**complainant):
    case = CaseFactory(incident_date=TODAY - dt.timedelta(days=60), incident_place="Nowhere Lane")
    ComplainantFactory(case=case, **complainant)
    return case


def _offered(user, intake):
    return {m.case.pk: m for m in intake_match_candidates(user=user, intake=intake)}


def test_the_same_email_address_in_another_case_is_offered(caseworker):
    case = _case(name="Priya Shah", email="Priya.Shah@example.org", phone="", postcode="")
    intake = IntakeFactory(name="P Shah", email="priya.shah@EXAMPLE.org")
    match = _offered(caseworker, intake)[case.pk]
    assert "Same e-mail address" in match.reasons


def test_the_same_phone_written_another_way_is_offered(caseworker):
    case = _case(name="Someone Else", email="", phone="07700 900123", postcode="")
    intake = IntakeFactory(name="Another Name", email="", phone="+44 (0)7700-900123")
    assert "Same phone number" in _offered(caseworker, intake)[case.pk].reasons


def test_a_shortened_first_name_is_offered_as_a_similar_name(caseworker):
    case = _case(name="Jonathan Smith", email="", phone="", postcode="")
    intake = IntakeFactory(name="Jon Smith", email="jon@example.net")
    match = _offered(caseworker, intake)[case.pk]
    assert match.reasons == ("Similar complainant name",)


def test_the_same_name_with_a_title_and_other_case_is_offered(caseworker):
    case = _case(name="Mrs Ann O'Neill", email="", phone="", postcode="")
    intake = IntakeFactory(name="ann oneill", email="")
    assert "Same complainant name" in _offered(caseworker, intake)[case.pk].reasons


def test_postcode_and_incident_in_the_same_week_are_offered(caseworker):
    case = CaseFactory(incident_date=TODAY, incident_place="Elsewhere")
    ComplainantFactory(case=case, name="Zed Quill", email="", phone="", postcode="ts1 2ab")
    intake = IntakeFactory(
        name="Other Person", email="", postcode="TS12AB", incident_date=TODAY - dt.timedelta(2)
    )
    match = _offered(caseworker, intake)[case.pk]
    assert match.reasons == ("Same postcode", "Incident date 2 days apart")


def test_an_officer_named_by_collar_number_matches_a_subject(caseworker):
    case = CaseFactory(incident_date=TODAY - dt.timedelta(days=90))
    ComplainantFactory(case=case, name="Zed Quill", email="", phone="", postcode="")
    officer = PersonFactory(first_name="Dana", last_name="Ridley", collar_number="4471")
    SubjectFactory(case=case, person=officer)
    intake = IntakeFactory(
        name="Other Person",
        email="",
        incident_date=TODAY,
        incident_place="High Street, Middlesbrough",
        officers_named="PC 4471\nthe driver",
    )
    match = _offered(caseworker, intake)[case.pk]
    assert any("collar number of Dana Ridley" in reason for reason in match.reasons)


def test_a_complaint_like_no_open_case_is_not_offered(caseworker):
    _case(name="Jonathan Smith", email="js@example.org", phone="07700 900123", postcode="TS1 2AB")
    intake = IntakeFactory(
        name="Mary Brown",
        email="mary@example.com",
        phone="01632 960001",
        postcode="LS1 4DT",
        incident_date=TODAY,
        incident_place="Leeds station",
    )
    assert _offered(caseworker, intake) == {}


def test_a_closed_case_is_not_offered(caseworker):
    case = _case(name="Priya Shah", email="priya@example.org")
    case.status = CaseStatus.CLOSED
    case.save()
    assert _offered(caseworker, IntakeFactory(email="priya@example.org")) == {}


def test_an_intake_already_dealt_with_offers_nothing(caseworker):
    _case(email="priya@example.org")
    intake = IntakeFactory(email="priya@example.org", status=IntakeStatus.ADDED)
    assert _offered(caseworker, intake) == {}


def test_a_case_about_the_caseworker_is_never_offered_to_them(caseworker):
    """Matching reads through the policy: a case the user is a subject of stays out of sight."""
    case = _case(email="priya@example.org")
    SubjectFactory(case=case, person=caseworker.person)
    assert _offered(caseworker, IntakeFactory(email="priya@example.org")) == {}


def test_the_prefilter_leaves_unrelated_cases_in_the_database(caseworker):
    """Only the prefiltered cases are fetched and scored, however many open cases there are."""
    for n in range(30):
        _case(name=f"Unrelated Person{n}", email=f"u{n}@example.org", phone="", postcode="")
    target = _case(name="Priya Shah", email="priya@example.org")
    intake = IntakeFactory(name="Priya Shah", email="priya@example.org")
    with CaptureQueriesContext(connection) as queries:
        matches = intake_match_candidates(user=caseworker, intake=intake)
    assert [m.case.pk for m in matches] == [target.pk]
    # The cases, their complainants, subjects and earlier intakes: never one a case.
    assert len(queries) <= 5


@pytest.mark.parametrize(
    ("raw", "normal"),
    [("07700 900123", "7700900123"), ("+44 7700 900123", "7700900123"), ("123", "")],
)
def test_phone_numbers_compare_on_their_last_ten_digits(raw, normal):
    assert matching.normalise_phone(raw) == normal


def test_names_lose_titles_accents_and_punctuation():
    assert matching.normalise_name("Dr. Zoë  O'Brien-Smith") == "zoe obrien smith"


def test_incident_dates_within_a_week_only(caseworker):
    case = CaseFactory(incident_date=timezone.localdate(), incident_place="Quay")
    ComplainantFactory(case=case, name="Zed Quill", email="", phone="", postcode="TS1 2AB")
    far = IntakeFactory(
        name="Other",
        email="",
        postcode="TS1 2AB",
        incident_date=case.incident_date - WEEK_AND_A_DAY,
    )
    assert _offered(caseworker, far) == {}  # the postcode alone is not enough


def test_a_follow_up_quoting_its_reference_is_offered_for_that_case(caseworker):
    case = _case(name="Priya Shah", email="", phone="", postcode="")
    IntakeFactory(reference="PC-ABCD2345", case=case, status=IntakeStatus.OPENED)
    intake = IntakeFactory(
        name="P. S.",
        email="",
        what_happened="Nobody has called me back about my complaint, reference pc-abcd2345.",
    )
    match = _offered(caseworker, intake)[case.pk]
    assert match.reasons[0] == "Quotes the reference PC-ABCD2345 of this case"
    assert match.strong
