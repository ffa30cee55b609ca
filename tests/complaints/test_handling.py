"""The handling decision (outside Schedule 3, or recorded under it with the reason), the mandatory
referral assessment asked at recording, the IOPC's mode decision, and a DSI matter recorded
without a complaint."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from complaints.models import (
    Case,
    CaseKind,
    CaseStatus,
    Handling,
    HandlingDecision,
    IopcMode,
    Referral,
    ReferralCriterion,
)
from complaints.services import handling as services
from standards.access import policy
from tests.complaints.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    return CaseFactory(team=[caseworker])


def _criteria():
    return list(ReferralCriterion.objects.filter(active=True).order_by("order"))


def _form(handling: str, **extra) -> dict:
    data = {"handling": handling, "rationale": "Reasonable and proportionate."}
    if handling != Handling.OUTSIDE_SCHEDULE_3:
        data.update({"recording_reason": "wishes", "referred": "no"})
        data.update({f"criterion_{c.code}": "no" for c in _criteria()})
    data.update(extra)
    return data


def test_referral_is_required_when_a_criterion_is_met(caseworker, case):
    assault = ReferralCriterion.objects.get(code="serious_assault")
    with pytest.raises(ValidationError) as error:
        services.handling_decide(
            case=case,
            handling=Handling.INVESTIGATION,
            recording_reason="wishes",
            rationale="Force used on arrest.",
            criteria_met=[assault],
            referred=False,
            acting_user=caseworker,
        )
    assert "must be referred to the IOPC" in error.value.message_dict["referred"][0]
    assert not HandlingDecision.objects.exists() and not Referral.objects.exists()
    case.refresh_from_db()
    assert case.handling == Handling.UNDECIDED


def test_a_met_criterion_with_a_referral_is_recorded(caseworker, case):
    assault = ReferralCriterion.objects.get(code="serious_assault")
    referred_on = timezone.localdate()
    services.handling_decide(
        case=case,
        handling=Handling.INVESTIGATION,
        recording_reason="authority",
        rationale="Force used on arrest.",
        criteria_met=[assault],
        referred=True,
        referred_on=referred_on,
        iopc_reference="2026/012345",
        acting_user=caseworker,
    )
    referral = Referral.objects.get(case=case)
    assert list(referral.criteria_met.all()) == [assault]
    assert referral.referred_on == referred_on
    case.refresh_from_db()
    assert case.handling == Handling.INVESTIGATION
    assert case.status == CaseStatus.INVESTIGATION
    assert case.investigation_started_on == timezone.localdate()


def test_a_handling_decision_without_a_rationale_is_refused(caseworker, case):
    with pytest.raises(ValidationError) as error:
        services.handling_decide(
            case=case,
            handling=Handling.OUTSIDE_SCHEDULE_3,
            rationale="  ",
            what_was_done="Apologised.",
            complainant_view="Content.",
            acting_user=caseworker,
        )
    assert "rationale" in error.value.error_dict
    assert not HandlingDecision.objects.exists()


def test_outside_schedule_3_needs_what_was_done_and_the_complainants_view(caseworker, case):
    with pytest.raises(ValidationError) as error:
        services.handling_decide(
            case=case,
            handling=Handling.OUTSIDE_SCHEDULE_3,
            rationale="Resolved at first contact.",
            acting_user=caseworker,
        )
    assert "what_was_done" in error.value.error_dict
    decision = services.handling_decide(
        case=case,
        handling=Handling.OUTSIDE_SCHEDULE_3,
        rationale="Resolved at first contact.",
        what_was_done="The inspector apologised and explained the stop.",
        complainant_view="Satisfied with the apology.",
        acting_user=caseworker,
    )
    assert decision.recording_reason == ""
    assert not Referral.objects.exists()  # not recorded: no referral assessment
    case.refresh_from_db()
    assert case.status == CaseStatus.HANDLING


def test_recording_needs_a_reason(caseworker, case):
    with pytest.raises(ValidationError) as error:
        services.handling_decide(
            case=case, handling=Handling.OTHERWISE, rationale="x", acting_user=caseworker
        )
    assert "recording_reason" in error.value.error_dict


def test_the_decision_page_refuses_not_referred_when_a_criterion_is_met(
    client_for, caseworker, case
):
    url = reverse("complaints:handling_decide", kwargs={"pk": case.pk})
    client = client_for(caseworker)
    page = client.get(url).content.decode()
    for criterion in _criteria():
        assert escape(criterion.question) in page
    response = client.post(url, _form(Handling.INVESTIGATION, criterion_serious_sexual="yes"))
    assert response.status_code == 200
    assert "must be referred to the IOPC" in response.content.decode()
    assert not HandlingDecision.objects.exists()
    today = timezone.localdate()
    response = client.post(
        url,
        _form(
            Handling.INVESTIGATION,
            criterion_serious_sexual="yes",
            referred="yes",
            referred_on_day=today.day,
            referred_on_month=today.month,
            referred_on_year=today.year,
        ),
    )
    assert response.status_code == 302
    assert Referral.objects.get(case=case).referred


def test_the_decision_page_asks_every_criterion_at_recording(client_for, caseworker, case):
    url = reverse("complaints:handling_decide", kwargs={"pk": case.pk})
    data = _form(Handling.OTHERWISE)
    del data["criterion_dsi"]
    response = client_for(caseworker).post(url, data)
    assert response.status_code == 200
    assert "Answer: Does it involve a death or serious injury" in response.content.decode()
    assert not HandlingDecision.objects.exists()


def test_the_iopc_mode_decision(client_for, caseworker, case):
    client = client_for(caseworker)
    url = reverse("complaints:referral_mode", kwargs={"pk": case.pk})
    # Not referred yet: there is nothing to record a decision on.
    assert client.get(url).status_code == 302
    referral = Referral(
        case=case,
        referred=True,
        referred_on=timezone.localdate() - dt.timedelta(days=5),
        rationale="DSI",
        assessed_by=caseworker,
        assessed_at=timezone.now(),
    )
    referral.save()
    before = referral.referred_on - dt.timedelta(days=1)
    response = client.post(
        url,
        {
            "mode": "directed",
            "decided_on_day": before.day,
            "decided_on_month": before.month,
            "decided_on_year": before.year,
        },
    )
    assert "on or after the date of the referral" in response.content.decode()
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "mode": "directed",
            "decided_on_day": today.day,
            "decided_on_month": today.month,
            "decided_on_year": today.year,
        },
    )
    assert response.status_code == 302
    case.refresh_from_db()
    referral.refresh_from_db()
    assert case.iopc_mode == IopcMode.DIRECTED
    assert referral.mode_decided_on == today


def test_a_dsi_matter_is_recorded_and_referred_without_a_complaint(client_for, caseworker):
    today = timezone.localdate()
    response = client_for(caseworker).post(
        reverse("complaints:dsi_record"),
        {
            "summary": "A man was taken ill in custody and died in hospital.",
            "received_on_day": today.day,
            "received_on_month": today.month,
            "received_on_year": today.year,
            "referred_on_day": today.day,
            "referred_on_month": today.month,
            "referred_on_year": today.year,
        },
    )
    assert response.status_code == 302
    case = Case.objects.get()
    assert case.kind == CaseKind.DSI
    assert not case.complainants.exists()
    referral = case.referrals.get()
    assert referral.referred
    assert [c.code for c in referral.criteria_met.all()] == ["dsi"]
    assert policy.can_change(caseworker, case)  # its lead until the head allocates it


def test_only_psd_records_a_dsi_matter(client_for, ccu_analyst):
    assert client_for(ccu_analyst).get(reverse("complaints:dsi_record")).status_code == 404


def test_a_conduct_matter_has_no_handling_decision(caseworker):
    case = CaseFactory(team=[caseworker], kind=CaseKind.CONDUCT)
    with pytest.raises(ValidationError):
        services.handling_decide(
            case=case,
            handling=Handling.OUTSIDE_SCHEDULE_3,
            rationale="x",
            what_was_done="x",
            complainant_view="x",
            acting_user=caseworker,
        )


def test_a_criterion_met_rules_out_handling_outside_schedule_3(client_for, caseworker, case):
    url = reverse("complaints:handling_decide", kwargs={"pk": case.pk})
    response = client_for(caseworker).post(
        url,
        {
            "handling": Handling.OUTSIDE_SCHEDULE_3,
            "what_was_done": "Apologised.",
            "complainant_view": "Content.",
            "criterion_serious_assault": "yes",
            "rationale": "Resolved at first contact.",
        },
    )
    assert response.status_code == 200
    assert "must be recorded under Schedule 3 and referred" in response.content.decode()
    assert not HandlingDecision.objects.exists()
