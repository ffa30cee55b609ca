"""The issue's acceptance figures, end to end: a workforce of 10,985 loaded through the HR
import and 1,439 complaint cases logged in one financial year through the complaints services
print 13.1 per 100 and 131.0 per 1,000 (West Midlands, 12 months to March 2014); 41 reviews
received on 410 finalised cases print 10.0% (Cleveland, October 2019 to March 2020).

The cases are logged the fewest ways the services allow: a complaint recorded by PSD and opened
as a case (two calls); 369 of them handled outside Schedule 3 and closed (finalised); 41 recorded
under Schedule 3, given an outcome and an outcome letter, and applied for a review. Everything
happens today, so the year is the current financial year.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone

from complaints import board
from complaints.models import (
    AllegationCategory,
    Channel,
    Handling,
    LetterKind,
    LetterTemplate,
    RecordingReason,
)
from complaints.services import cases as case_services
from complaints.services import conduct as conduct_services
from complaints.services import handling as handling_services
from complaints.services.intake import ComplaintDetails, case_open_from_intake, intake_record
from complaints.services.letters import letter_issue
from complaints.services.outcomes import complaint_outcome_record
from complaints.services.reviews import review_record_application
from standards.board.selectors.summary import build_summary
from standards.core.periods import Period, financial_year_start
from standards.people.importing import COLUMNS
from standards.people.models import Person
from standards.people.services import people_import
from tests.people.factories import OrgUnitFactory

pytestmark = pytest.mark.django_db

WORKFORCE = 10_985
CASES_LOGGED = 1_439
FINALISED = 410
REVIEWED = 41


def this_year() -> Period:
    return Period.financial_year(financial_year_start(timezone.localdate()))


def import_workforce(*, acting_user) -> None:
    """The rest of the 10,985 (the users' own people are already serving) from one HR extract."""
    OrgUnitFactory(code="HQ", name="Headquarters")
    wanted = WORKFORCE - Person.objects.serving(this_year().end).count()
    lines = [",".join(COLUMNS)]
    for number in range(wanted):
        cells = {
            "staff_number": f"9{number:06d}",
            "first_name": "Sam",
            "last_name": f"Member{number}",
            "role_type": "officer" if number % 3 else "staff",
            "org_unit_code": "HQ",
            "start_date": "2010-04-01",
            "ethnicity": ("W1", "A1", "B1", "M1", "O1")[number % 5],
            "sex": "FM"[number % 2],
        }
        lines.append(",".join(cells.get(column, "") for column in COLUMNS))
    report = people_import(
        source=io.StringIO("\n".join(lines) + "\n"),
        filename="workforce.csv",
        acting_user=acting_user,
    )
    assert report.errors == []
    assert report.created == wanted


def log(user, number: int):
    intake = intake_record(
        details=ComplaintDetails(
            name=f"Complainant {number}",
            what_happened="The officer was rude to me.",
            address="1 Quay Street",
            contact_preference="letter",
        ),
        channel=Channel.PHONE,
        received_at=timezone.now() - dt.timedelta(minutes=5),
        acting_user=user,
    )
    return case_open_from_intake(intake=intake, note="A new complaint.", acting_user=user)


def finalise_outside_schedule_3(case, user) -> None:
    handling_services.handling_decide(
        case=case,
        handling=Handling.OUTSIDE_SCHEDULE_3,
        rationale="Resolved at first contact.",
        what_was_done="Explained and apologised.",
        complainant_view="Content.",
        acting_user=user,
    )
    conduct_services.case_close(case=case, reason="Resolved.", acting_user=user)


def finalise_and_apply_for_review(case, user, category, template) -> None:
    allegation = case_services.allegation_add(
        case=case, category=category, description="Rude.", acting_user=user
    )
    handling_services.handling_decide(
        case=case,
        handling=Handling.OTHERWISE,
        recording_reason=RecordingReason.COMPLAINANT_WISHES,
        rationale="The complainant wants it recorded.",
        acting_user=user,
    )
    today = timezone.localdate()
    case.refresh_from_db()
    complaint_outcome_record(
        case=case,
        results={allegation: "acceptable"},
        actions_taken={allegation: "No further action."},
        outcome_on=today,
        rationale="The footage shows a polite officer.",
        acting_user=user,
    )
    case.refresh_from_db()
    letter_issue(
        case=case,
        template=template,
        complainant=case.complainants.get(),
        method="letter",
        acting_user=user,
        issued_on=today,
    )
    case.refresh_from_db()
    review_record_application(
        case=case, applied_on=today, grounds="Not satisfied.", acting_user=user
    )


@pytest.fixture
def acceptance_year(psd_head, board_member):
    import_workforce(acting_user=psd_head)
    category = AllegationCategory.objects.get(code="H1")
    template = LetterTemplate.objects.get(kind=LetterKind.OUTCOME, active=True)
    for number in range(CASES_LOGGED):
        case = log(psd_head, number)
        if number < REVIEWED:
            finalise_and_apply_for_review(case, psd_head, category, template)
        elif number < FINALISED:
            finalise_outside_schedule_3(case, psd_head)
    return this_year()


def test_the_provider_and_the_summary_give_the_acceptance_figures(acceptance_year, board_member):
    """One load (about a minute), both layers: the complaints section's counts, then the board's
    summary as the deputy chief constable reads it."""
    figures = {m.key: m for m in board.complaints_figures(acceptance_year).measures}
    assert figures["complaints.cases_logged"].value == CASES_LOGGED
    assert figures["complaints.cases_finalised"].value == FINALISED
    reviews = figures["complaints.reviews_received_pct"]
    assert (reviews.value, reviews.denominator) == (REVIEWED, FINALISED)
    assert Person.objects.serving(acceptance_year.end).count() == WORKFORCE

    summary = build_summary(user=board_member, period=acceptance_year)
    assert summary.workforce == WORKFORCE
    rows = {
        row.key: row
        for section in summary.sections
        if section.key == "complaints"
        for row in section.figures
    }
    assert rows["complaints.cases_logged"].current.text == "1,439"
    assert rows["complaints.cases_logged.per_100"].current.text == "13.1"
    assert rows["complaints.cases_logged.per_1000"].current.text == "131.0"
    assert rows["complaints.reviews_received_pct"].current.text == "10.0%"
