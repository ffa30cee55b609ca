"""PSD's intake pages: the queue (one search row in the access log, query count pinned), a
caseworker recording a complaint, and an intake's page with its matches and the two decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import Case, CaseUpdate, Channel, Intake, IntakeStatus
from complaints.selectors.intake import review_queues
from standards.access.models import AccessAction, AccessLogEntry
from standards.core.extensions import review_queues_for
from tests.complaints.factories import CaseFactory, ComplainantFactory, IntakeFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("complaints:intake_queue")
RECORD = reverse("complaints:intake_record")
ROWS = 55


def _detail(intake) -> str:
    return reverse("complaints:intake_detail", kwargs={"pk": intake.pk})


def test_the_queue_lists_waiting_complaints_oldest_first(client_for, caseworker):
    older = IntakeFactory(received_at=timezone.now() - dt.timedelta(days=9))
    newer = IntakeFactory()
    IntakeFactory(status=IntakeStatus.ADDED)
    response = client_for(caseworker).get(QUEUE)
    assert list(response.context["page"]) == [older, newer]
    page = response.content.decode()
    assert "Overdue" in page  # older is past the 2-working-day log clock
    entry = AccessLogEntry.objects.get(action=AccessAction.SEARCH)
    assert entry.result_count == 2


def test_the_dealt_with_view(client_for, caseworker):
    # Once part of a case, an intake is the case team's (tests/complaints/test_attacks_*).
    done = IntakeFactory(
        status=IntakeStatus.ADDED, case=CaseFactory(team=[caseworker]), decided_at=timezone.now()
    )
    IntakeFactory()
    IntakeFactory(status=IntakeStatus.ADDED, case=CaseFactory(), decided_at=timezone.now())
    response = client_for(caseworker).get(QUEUE, {"view": "done"})
    assert list(response.context["page"]) == [done]


def test_the_queue_query_count(client_for, psd_head, django_assert_max_num_queries):
    for _ in range(ROWS):
        IntakeFactory()
        IntakeFactory(status=IntakeStatus.OPENED, case=CaseFactory(), decided_at=timezone.now())
    client = client_for(psd_head)
    client.get(QUEUE)
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE)
    assert len(response.context["page"]) == 50
    with django_assert_max_num_queries(12):
        response = client.get(QUEUE, {"view": "done"})
    assert len(response.context["page"]) == 50


@pytest.mark.parametrize("fixture", ["staff_member", "ccu_analyst", "reviewer", "line_manager"])
def test_outside_psd_the_intake_pages_are_missing(client_for, request, fixture):
    client = client_for(request.getfixturevalue(fixture))
    intake = IntakeFactory()
    for url in (QUEUE, RECORD, _detail(intake)):
        assert client.get(url).status_code == 404
    assert client.post(_detail(intake), {"action": "open", "open-note": "x"}).status_code == 404
    assert not Case.objects.exists()


def test_the_review_queues_page_shows_the_intake_queue(caseworker, staff_member):
    IntakeFactory(received_at=timezone.now() - dt.timedelta(days=10))
    IntakeFactory()
    IntakeFactory(status=IntakeStatus.OPENED)
    [queue] = review_queues(user=caseworker)
    assert (queue.count, queue.overdue, queue.url) == (2, 1, QUEUE)
    assert queue in review_queues_for(caseworker)
    assert review_queues(user=staff_member) == []


# --- staff recording ------------------------------------------------------------------------


def _recorded(**changes) -> dict:
    today = timezone.localdate()
    data = {
        "channel": "letter",
        "received_on_day": str(today.day),
        "received_on_month": str(today.month),
        "received_on_year": str(today.year),
        "received_time": "00:05",
        "name": "Mary Brown",
        "email": "",
        "phone": "",
        "address": "2 High Street\nStockton",
        "postcode": "TS18 1AA",
        "contact_preference": "letter",
        "adjustments": "Large print",
        "incident_date_day": "",
        "incident_date_month": "",
        "incident_date_year": "",
        "incident_place": "Stockton custody suite",
        "officers_named": "",
        "what_happened": "I was kept waiting six hours without water.",
        "outcome_wanted": "",
    }
    data.update(changes)
    return data


def test_a_caseworker_records_a_letter(client_for, caseworker):
    response = client_for(caseworker).post(RECORD, _recorded())
    intake = Intake.objects.get()
    assert response["Location"] == _detail(intake)
    assert intake.channel == Channel.LETTER
    assert intake.recorded_by == caseworker
    assert intake.incident_date is None
    assert timezone.localtime(intake.received_at).time() == dt.time(0, 5)
    assert intake.adjustments == "Large print"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"channel": ""}, "Select how the complaint was received"),
        ({"channel": "online"}, "Select how the complaint was received"),
        ({"received_on_year": str(timezone.localdate().year + 1)}, "must be today or in the past"),
        ({"received_time": "25:00"}, "Enter the time received like 14:30"),
        ({"name": ""}, "Enter the complainant&#x27;s full name"),
        ({"address": ""}, "Enter their address, or choose another way"),
        ({"what_happened": ""}, "Say what happened"),
    ],
)
def test_recording_is_checked_and_bad_input_stores_nothing(
    client_for, caseworker, changes, message
):
    response = client_for(caseworker).post(RECORD, _recorded(**changes))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Intake.objects.exists()


# --- an intake's page -----------------------------------------------------------------------


def test_the_page_offers_the_open_case_with_the_same_email(client_for, caseworker):
    case = CaseFactory()
    ComplainantFactory(case=case, name="Jonathan Smith", email="jon@example.org")
    other = CaseFactory()
    ComplainantFactory(case=other, name="Mary Brown", email="mary@example.org", phone="")
    intake = IntakeFactory(name="Jon Smith", email="JON@example.org")
    response = client_for(caseworker).get(_detail(intake))
    assert [m.case for m in response.context["matches"]] == [case]
    page = response.content.decode()
    assert case.reference in page and "Same e-mail address" in page
    assert other.reference not in page
    # One consultation row about the intake.
    entry = AccessLogEntry.objects.get(action=AccessAction.CONSULTATION)
    assert entry.record_ref == intake.reference or str(intake.pk) in entry.record_ref


def test_adding_to_the_matched_case_opens_no_new_case(client_for, caseworker):
    case = CaseFactory()
    ComplainantFactory(case=case, email="jon@example.org")
    intake = IntakeFactory(email="jon@example.org")
    client = client_for(caseworker)
    cases_before = Case.objects.count()
    response = client.post(
        _detail(intake), {"action": "add", "add-case": str(case.pk), "add-note": "A chaser"}
    )
    assert response["Location"] == QUEUE
    assert Case.objects.count() == cases_before
    update = CaseUpdate.objects.get()
    assert (update.case, update.intake) == (case, intake)
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.ADDED
    banner = client.get(QUEUE).content.decode()
    assert f"is added to {case.reference} as an update" in banner


def test_only_an_offered_case_can_be_chosen(client_for, caseworker):
    unrelated = CaseFactory()
    intake = IntakeFactory()
    response = client_for(caseworker).post(
        _detail(intake), {"action": "add", "add-case": str(unrelated.pk), "add-note": "x"}
    )
    assert response.status_code == 200
    assert "Select one of the cases shown" in response.content.decode()
    assert not CaseUpdate.objects.exists()


def test_opening_a_case_needs_a_note_and_goes_back_to_the_queue(client_for, caseworker):
    """A caseworker who opens a case goes back to the intake queue: the new case is nobody's
    until the head allocates it, and would ask them for a reason to open it."""
    intake = IntakeFactory(officers_named="PC 4471")
    client = client_for(caseworker)
    response = client.post(_detail(intake), {"action": "open", "open-note": ""})
    assert response.status_code == 200
    assert "Add a note saying why this is a new complaint" in response.content.decode()
    assert not Case.objects.exists()

    response = client.post(_detail(intake), {"action": "open", "open-note": "No open case"})
    case = Case.objects.get()
    assert response["Location"] == reverse("complaints:intake_queue")
    assert case.subjects.get().description == "PC 4471"


def test_the_head_who_opens_a_case_goes_on_to_it(client_for, psd_head):
    intake = IntakeFactory()
    response = client_for(psd_head).post(
        _detail(intake), {"action": "open", "open-note": "A new complaint"}
    )
    assert response["Location"] == reverse("complaints:case", kwargs={"pk": Case.objects.get().pk})


def test_an_intake_dealt_with_is_refused_with_a_reason(client_for, psd_head):
    # The head still sees the intake once it is a case; a caseworker outside the new case's
    # team is sent back to the queue (test_attacks_complainant_details.py).
    case = CaseFactory()
    intake = IntakeFactory()
    client = client_for(psd_head)
    # Two caseworkers had the page open; the first opened it as a case.
    client.post(_detail(intake), {"action": "open", "open-note": "New"})
    stale = client.post(
        _detail(intake), {"action": "add", "add-case": str(case.pk), "add-note": "Dup"}
    )
    assert stale["Location"] == _detail(intake)
    assert Case.objects.count() == 2  # the factory's and the one opened
    assert not CaseUpdate.objects.exists()
    page = client.get(_detail(intake)).content.decode()
    assert "has already been dealt with (opened as a case). Nothing was changed." in page
    assert "Opened as CO-" in page  # the page shows what was decided, not the forms
    assert 'data-testid="open-form"' not in page
