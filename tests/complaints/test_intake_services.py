"""Intake services: a complaint sent online or recorded by staff, opened as a case, or added to an
open case as an update (never counted as a new complaint)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from complaints.models import (
    Case,
    CaseKind,
    CaseUpdate,
    Channel,
    Complainant,
    ContactPreference,
    Intake,
    IntakeStatus,
    Subject,
)
from complaints.services import intake as services
from complaints.services.intake import ComplaintDetails
from standards.notifications.models import Notification
from tests.complaints.factories import CaseFactory, IntakeFactory

pytestmark = pytest.mark.django_db


def _details(**overrides) -> ComplaintDetails:
    values = {
        "name": "Jon Smith",
        "email": "jon.smith@example.org",
        "phone": "07700 900123",
        "postcode": "ts1 2ab",
        "contact_preference": ContactPreference.EMAIL,
        "incident_date": timezone.localdate() - dt.timedelta(days=3),
        "incident_place": "Middlesbrough bus station",
        "officers_named": "PC 4471\nA tall officer with a beard",
        "what_happened": "An officer pushed me and laughed when I asked why.",
        "outcome_wanted": "An apology.",
    }
    values.update(overrides)
    return ComplaintDetails(**values)


# --- sending online -------------------------------------------------------------------------


def test_a_complaint_sent_online_gets_a_reference_and_an_acknowledgement(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        intake = services.intake_submit(details=_details())
    intake.refresh_from_db()
    assert intake.channel == Channel.ONLINE
    assert intake.status == IntakeStatus.NEW
    assert intake.postcode == "TS1 2AB"
    assert intake.history.first().history_change_reason == "Complaint sent online"
    [message] = mail.outbox
    assert message.to == ["jon.smith@example.org"]
    assert intake.reference in message.subject
    assert intake.reference in message.body
    assert "What happens next" in message.body
    # Nothing of the complaint itself: the address may be mistyped or shared.
    assert "pushed" not in message.body
    assert "4471" not in message.body


def test_the_acknowledgement_waits_for_the_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.intake_submit(details=_details())
    assert mail.outbox == []
    assert len(callbacks) == 1


def test_no_email_address_no_acknowledgement(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.intake_submit(
            details=_details(email="", contact_preference=ContactPreference.PHONE)
        )
    assert mail.outbox == []


def test_references_are_random_unambiguous_and_unique():
    references = {services.new_reference() for _ in range(2000)}
    assert len(references) == 2000
    for reference in references:
        assert reference.startswith("PC-")
        code = reference.removeprefix("PC-")
        assert len(code) == 8
        assert set(code) <= set(services.REFERENCE_ALPHABET)
        assert not set(code) & set("01OIL")
    # Not a sequence: two references in a row share no more than chance would.
    first, second = services.new_reference(), services.new_reference()
    assert first != second


def test_a_taken_reference_is_never_reused(monkeypatch):
    taken = IntakeFactory(reference="PC-AAAAAAAA")
    draws = iter("A" * 8 + "B" * 8)
    monkeypatch.setattr(services.secrets, "choice", lambda alphabet: next(draws))
    assert services.new_reference() == "PC-BBBBBBBB"
    assert taken.reference == "PC-AAAAAAAA"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": " "}, "name"),
        ({"what_happened": ""}, "what_happened"),
        ({"email": "", "contact_preference": ContactPreference.EMAIL}, "email"),
        ({"phone": "", "contact_preference": ContactPreference.PHONE}, "phone"),
        ({"contact_preference": ContactPreference.LETTER}, "address"),
        ({"incident_date": timezone.localdate() + dt.timedelta(days=1)}, "incident_date"),
        ({"what_happened": "<script>alert(1)</script>"}, "what_happened"),
    ],
)
def test_bad_details_store_nothing_and_say_why(overrides, field):
    with pytest.raises(ValidationError) as error:
        services.intake_submit(details=_details(**overrides))
    assert field in error.value.message_dict
    assert not Intake.objects.exists()


# --- recorded by staff ----------------------------------------------------------------------


def test_a_caseworker_records_a_complaint_received_by_phone(caseworker):
    received = timezone.now() - dt.timedelta(hours=3)
    intake = services.intake_record(
        details=_details(email="", contact_preference=ContactPreference.PHONE),
        channel=Channel.PHONE,
        received_at=received,
        acting_user=caseworker,
    )
    assert intake.channel == Channel.PHONE
    assert intake.received_at == received
    assert intake.recorded_by == caseworker
    assert intake.status == IntakeStatus.NEW
    assert intake.history.first().history_user == caseworker


def test_staff_cannot_record_an_online_or_internal_channel(caseworker):
    for channel in (Channel.ONLINE, Channel.INTERNAL, "pigeon"):
        with pytest.raises(ValidationError) as error:
            services.intake_record(
                details=_details(),
                channel=channel,
                received_at=timezone.now(),
                acting_user=caseworker,
            )
        assert "channel" in error.value.message_dict
    assert not Intake.objects.exists()


def test_only_psd_records_complaints(staff_member):
    with pytest.raises(ValidationError):
        services.intake_record(
            details=_details(),
            channel=Channel.LETTER,
            received_at=timezone.now(),
            acting_user=staff_member,
        )
    assert not Intake.objects.exists()


# --- opening a case -------------------------------------------------------------------------


def test_opening_a_case_from_an_intake(caseworker):
    intake = services.intake_submit(details=_details())
    case = services.case_open_from_intake(
        intake=intake, note="No open case for Mr Smith", acting_user=caseworker
    )
    case.refresh_from_db()
    intake.refresh_from_db()
    assert case.kind == CaseKind.COMPLAINT
    assert case.channel == Channel.ONLINE
    assert case.received_on == timezone.localdate(intake.received_at)
    assert case.logged_on == timezone.localdate()
    assert case.summary == intake.what_happened
    assert case.incident_place == "Middlesbrough bus station"
    assert case.next_due_on is not None  # clocks.refresh ran
    [complainant] = Complainant.objects.filter(case=case)
    assert (complainant.name, complainant.email, complainant.postcode) == (
        "Jon Smith",
        "jon.smith@example.org",
        "TS1 2AB",
    )
    subjects = Subject.objects.filter(case=case)
    assert [s.description for s in subjects] == ["PC 4471", "A tall officer with a beard"]
    assert all(s.person_id is None for s in subjects)
    assert intake.status == IntakeStatus.OPENED
    assert intake.case == case
    assert intake.decided_by == caseworker
    assert intake.decision_note == "No open case for Mr Smith"


def test_opening_needs_a_note(caseworker):
    intake = IntakeFactory()
    with pytest.raises(ValidationError) as error:
        services.case_open_from_intake(intake=intake, note="  ", acting_user=caseworker)
    assert "note" in error.value.message_dict
    assert not Case.objects.exists()
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.NEW


def test_an_intake_dealt_with_cannot_be_opened_again(psd_head):
    # The head, who still sees it: once a case's, an intake is out of sight of caseworkers
    # outside the case team (a 404: tests/complaints/test_attacks_complainant_details.py).
    intake = IntakeFactory()
    services.case_open_from_intake(intake=intake, note="New", acting_user=psd_head)
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.case_open_from_intake(intake=intake, note="Again", acting_user=psd_head)
    assert Case.objects.count() == 1


def test_outside_psd_an_intake_is_missing(staff_member):
    with pytest.raises(Http404):
        services.case_open_from_intake(intake=IntakeFactory(), note="x", acting_user=staff_member)
    assert not Case.objects.exists()


# --- adding to a case as an update ----------------------------------------------------------


def test_a_duplicate_added_as_an_update_opens_no_case(caseworker, psd_head):
    case = CaseFactory(team=[psd_head])
    intake = IntakeFactory()
    cases_before = Case.objects.count()
    update = services.intake_add_to_case(
        intake=intake, case=case, note="Same complaint sent twice", acting_user=caseworker
    )
    assert Case.objects.count() == cases_before  # never counted as a new complaint
    assert update.case == case and update.intake == intake and update.added_by == caseworker
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.ADDED
    assert intake.case == case
    assert intake.decision_note == "Same complaint sent twice"
    # The case's lead is told there is more from the complainant.
    told = Notification.objects.filter(recipient=psd_head, subject__contains="more from the")
    assert told.exists()


def test_adding_needs_a_note_and_an_open_case(caseworker):
    intake = IntakeFactory()
    closed = CaseFactory(status="closed")
    with pytest.raises(ValidationError) as error:
        services.intake_add_to_case(intake=intake, case=closed, note="x", acting_user=caseworker)
    assert "case" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.intake_add_to_case(
            intake=intake, case=CaseFactory(), note="", acting_user=caseworker
        )
    assert "note" in error.value.message_dict
    assert not CaseUpdate.objects.exists()


def test_an_intake_dealt_with_cannot_be_added_again(caseworker):
    intake = IntakeFactory()
    case = CaseFactory(team=[caseworker])  # so the intake stays in their sight once added
    services.intake_add_to_case(intake=intake, case=case, note="Dup", acting_user=caseworker)
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.intake_add_to_case(intake=intake, case=case, note="Dup", acting_user=caseworker)
    with pytest.raises(ValidationError, match="already been dealt with"):
        services.case_open_from_intake(intake=intake, note="New", acting_user=caseworker)
    assert CaseUpdate.objects.count() == 1
