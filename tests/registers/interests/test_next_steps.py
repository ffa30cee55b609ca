"""What each page says happens next and who acts, that no page offers a step no longer open, one
word for each outcome everywhere, the appeal's time limit, the chief officer's check before a
final decision, and queues whose overdue numbers match the rows their lists mark."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from registers.interests import selectors, services
from registers.interests.models import (
    APPEAL_TIME_LIMIT_DAYS,
    PSD_OUTCOMES,
    STATUS_AFTER,
    DecisionOutcome,
    DecisionStage,
    InterestStatus,
)
from standards.exchange.models import CheckAnswer
from tests.form_data import date_parts
from tests.people.factories import PersonFactory
from tests.registers.interests.factories import (
    BusinessInterestFactory,
    InterestDecisionFactory,
)

pytestmark = pytest.mark.django_db

ASK_THE_CCU = "Ask the CCU for an intelligence check"


def _url(name: str, interest) -> str:
    return reverse(name, kwargs={"pk": interest.pk})


def _body(response) -> str:
    return response.content.decode()


def _next_step(body: str) -> str:
    """The text of the page's "What happens next" panel, tags and spacing removed."""
    match = re.search(r'data-testid="next(?:-step)?">(.*?)</div>', body, re.S)
    assert match, "the page has no What happens next panel"
    return " ".join(re.sub(r"<[^>]+>", " ", match.group(1)).split())


def _flash(response) -> str:
    return " ".join(str(message) for message in get_messages(response.wsgi_request))


def _until(days_from_today: int = APPEAL_TIME_LIMIT_DAYS) -> str:
    return f"{timezone.localdate() + dt.timedelta(days=days_from_today):%-d %B %Y}"


# --- what happens next, and who acts -----------------------------------------------------------


def test_each_stage_says_who_has_it_now(client_for, flow, psd_head, caseworker):
    interest = flow.apply()
    page = _body(client_for(psd_head).get(_url("interests:detail", interest)))
    assert "With the member&#x27;s line manager, " in _next_step(page)
    assert flow.manager.person.display_name in _next_step(page)

    flow_interest = flow.recommended(organisation="Harbour Sailing Club")
    page = _body(client_for(caseworker).get(_url("interests:detail", flow_interest)))
    assert "the CCU is to be asked for an intelligence check" in _next_step(page)
    services.interest_request_check(interest=flow_interest, acting_user=caseworker)
    page = _body(client_for(caseworker).get(_url("interests:detail", flow_interest)))
    assert _next_step(page).startswith("What happens next With the CCU for an intelligence check")


def test_after_the_ccu_answers_it_is_with_the_head_of_psd(client_for, flow, caseworker):
    interest = flow.checked()
    page = _body(client_for(caseworker).get(_url("interests:detail", interest)))
    assert "With the head of PSD for a decision." in _next_step(page)


def test_the_line_manager_is_told_only_that_psd_decides(client_for, flow):
    interest = flow.checked(answer=CheckAnswer.TRACE)
    step = _next_step(_body(client_for(flow.manager).get(_url("interests:detail", interest))))
    assert "With PSD for a decision." in step
    assert "CCU" not in step and "check" not in step.lower()


def test_the_recommendation_says_it_is_now_with_psd(client_for, flow):
    interest = flow.apply()
    response = client_for(flow.manager).post(
        _url("interests:recommend", interest),
        {"outcome": "support", "rationale": "Hours fit round shifts."},
    )
    assert "now with PSD for a decision" in _flash(response)


def test_asking_the_ccu_says_who_acts_next(client_for, flow, caseworker):
    interest = flow.recommended()
    response = client_for(caseworker).post(_url("interests:request_check", interest))
    assert "The head of PSD can decide once the CCU has answered" in _flash(response)


def test_after_a_decision_the_member_may_appeal_within_the_time_limit(client_for, flow, psd_head):
    interest = flow.checked()
    response = client_for(psd_head).post(
        _url("interests:decide", interest), {"outcome": "incompatible", "rationale": "Risk."}
    )
    flash = _flash(response)
    assert "The decision is recorded. The member has been told." in flash
    assert f"They may appeal to a chief officer until {_until()}" in flash
    page = _body(client_for(psd_head).get(_url("interests:detail", interest)))
    assert f"The member may appeal to a chief officer until {_until()}" in _next_step(page)
    member = _body(client_for(flow.member).get(_url("my_interests:detail", interest)))
    assert f"You may appeal to a chief officer until {_until()}" in _next_step(member)
    assert "Appeal to a chief officer" in member


def test_after_an_approval_the_next_review_is_named(client_for, flow, psd_head):
    interest = flow.checked()
    response = client_for(psd_head).post(
        _url("interests:decide", interest),
        {
            "outcome": "compatible_with_conditions",
            "conditions": "No more than 8 hours a week.",
            "rationale": "Low risk.",
        },
    )
    review_by = f"{services.one_year_on(timezone.localdate()):%-d %B %Y}"
    flash = _flash(response)
    assert f"may appeal the conditions to a chief officer until {_until()}" in flash
    assert f"PSD reviews it again by {review_by}" in flash
    member = _next_step(_body(client_for(flow.member).get(_url("my_interests:detail", interest))))
    assert f"reviewed by {review_by}" in member
    assert f"you may appeal to a chief officer until {_until()}" in member


def test_the_apply_message_says_the_line_manager_recommends_first(client_for, team):
    member, _ = team
    response = client_for(member).post(
        reverse("my_interests:new"),
        {
            "interest_type": "voluntary_role",
            "organisation": "Saltcote Primary School",
            "role": "Governor",
            "hours_per_week": "1",
            "paid": "no",
            **date_parts("start_date", dt.date.today() + dt.timedelta(days=20)),
            "possible_conflicts": "None.",
        },
    )
    assert "Your line manager has your application and will give a recommendation" in _flash(
        response
    )


# --- no stale actions --------------------------------------------------------------------------


def test_a_decided_interest_does_not_offer_the_ccu_check(client_for, flow, caseworker):
    approved = flow.decided(outcome=DecisionOutcome.COMPATIBLE)
    refused = flow.decided(organisation="Another pub")
    client = client_for(caseworker)
    for interest in (approved, refused):
        assert ASK_THE_CCU not in _body(client.get(_url("interests:detail", interest)))


def test_a_review_that_is_due_offers_the_check_again(client_for, flow, caseworker):
    interest = flow.decided(outcome=DecisionOutcome.COMPATIBLE)
    services.interest_mark_review_due_now(
        person_ids=[flow.member.person_id], reason="change of unit"
    )
    page = _body(client_for(caseworker).get(_url("interests:detail", interest)))
    assert ASK_THE_CCU in page
    assert "With PSD for a review now" in _next_step(page)
    assert "change of unit" in _next_step(page)


def test_once_decided_the_decision_page_is_no_longer_offered(client_for, flow, psd_head):
    interest = flow.decided()
    client = client_for(psd_head)
    assert "Record the decision" not in _body(client.get(_url("interests:detail", interest)))
    assert client.get(_url("interests:decide", interest)).status_code == 302


# --- one word for each outcome -----------------------------------------------------------------


def test_a_status_is_named_as_the_decision_that_led_to_it():
    for outcome in PSD_OUTCOMES:
        assert STATUS_AFTER[outcome].label == outcome.label
    assert InterestStatus.APPROVED_WITH_CONDITIONS.label == "Compatible with conditions"
    assert InterestStatus.REFUSED.label == "Incompatible"


def test_a_status_and_its_decision_share_a_colour():
    for outcome, status in STATUS_AFTER.items():
        decision = InterestDecisionFactory.build(outcome=outcome)
        interest = BusinessInterestFactory.build(status=status)
        assert decision.outcome_colour == interest.status_colour


def test_pages_use_the_regulations_words_only(client_for, flow, psd_head):
    interest = flow.decided(
        outcome=DecisionOutcome.COMPATIBLE_WITH_CONDITIONS, conditions="No work after 23:00."
    )
    refused = flow.decided(organisation="Another pub")
    pages = [
        _body(client_for(psd_head).get(_url("interests:detail", interest))),
        _body(client_for(psd_head).get(reverse("interests:list"))),
        _body(client_for(psd_head).get(reverse("interests:refused"))),
        _body(client_for(flow.member).get(_url("my_interests:detail", interest))),
        _body(client_for(flow.member).get(_url("my_interests:detail", refused))),
        _body(client_for(flow.member).get(reverse("my:declarations"))),
    ]
    for body in pages:
        assert "Approved" not in body
        assert "Refused" not in body
    assert 'govuk-tag--teal">Compatible with conditions</strong>' in pages[0]
    assert 'govuk-tag--red">Incompatible</strong>' in pages[4]


# --- the appeal's time limit -------------------------------------------------------------------


def _decided_days_ago(interest, days: int) -> None:
    decision = interest.decisions.get(stage=DecisionStage.PSD_DECISION)
    decision.decided_at = timezone.now() - dt.timedelta(days=days)
    decision.save()


def test_the_member_may_appeal_on_the_last_day(flow):
    interest = flow.decided()
    _decided_days_ago(interest, APPEAL_TIME_LIMIT_DAYS)
    services.interest_appeal(interest=interest, grounds="Unfair.", acting_user=flow.member)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPEALED


def test_after_the_time_limit_the_decision_stands(client_for, flow, psd_head):
    interest = flow.decided()
    _decided_days_ago(interest, APPEAL_TIME_LIMIT_DAYS + 1)
    with pytest.raises(ValidationError, match=f"The time to appeal ended on {_until(-1)}"):
        services.interest_appeal(interest=interest, grounds="Late.", acting_user=flow.member)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.REFUSED
    client = client_for(flow.member)
    page = _body(client.get(_url("my_interests:detail", interest)))
    assert "Appeal to a chief officer" not in page
    assert f"The time to appeal ended on {_until(-1)}" in _next_step(page)
    assert client.get(_url("my_interests:appeal", interest)).status_code == 302
    psd_page = _body(client_for(psd_head).get(_url("interests:detail", interest)))
    assert "the decision stands" in _next_step(psd_page)


# --- the chief officer checks a final decision before it is recorded ---------------------------


def test_the_appeal_decision_is_checked_before_it_is_recorded(client_for, flow, board_member):
    interest = flow.appealed()
    client = client_for(board_member)
    url = _url("interests:decide_appeal", interest)
    decision = {
        "outcome": "appeal_upheld_with_conditions",
        "conditions": "No work in Saltcote.\nTell PSD if posted there.",
        "rationale": "Outside the member's area.",
    }
    checking = _body(client.post(url, decision))
    summary = re.search(r'data-testid="check-decision">(.*?)</dl>', checking, re.S).group(1)
    assert "Appeal upheld: compatible with conditions" in summary
    assert "No work in Saltcote.<br>Tell PSD if posted there." in summary
    assert "Outside the member&#x27;s area." in summary
    assert "Incompatible" in summary  # the decision appealed
    assert "Your decision is final" in checking
    assert "Record the appeal decision" in checking and "Change your decision" in checking
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPEALED
    assert not interest.decisions.filter(stage=DecisionStage.APPEAL).exists()

    changing = _body(client.post(url, {**decision, "change": "yes"}))
    assert "Check your decision" not in changing
    assert 'value="appeal_upheld_with_conditions" checked' in changing

    response = client.post(url, {**decision, "confirm": "yes"})
    assert response["Location"] == _url("interests:detail", interest)
    assert "It is final: there is no further appeal" in _flash(response)
    recorded = interest.decisions.get(stage=DecisionStage.APPEAL)
    assert recorded.conditions == "No work in Saltcote.\nTell PSD if posted there."
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPROVED_WITH_CONDITIONS


def test_a_bad_appeal_decision_is_not_shown_for_checking(client_for, flow, board_member):
    interest = flow.appealed()
    body = _body(
        client_for(board_member).post(
            _url("interests:decide_appeal", interest), {"outcome": "appeal_upheld"}
        )
    )
    assert "Check your decision" not in body
    assert "Enter the reasons for the decision" in body


# --- numbers agree -----------------------------------------------------------------------------


def _overdue_marks(body: str) -> int:
    return body.count('data-testid="overdue"')


def test_every_queues_overdue_count_is_marked_in_its_list(client_for, line_manager, psd_head):
    long_ago = timezone.now() - dt.timedelta(days=40)
    today = timezone.localdate()
    for days_ago in (40, 12, 2):
        BusinessInterestFactory(
            declarant=PersonFactory(line_manager=line_manager.person),
            status=InterestStatus.AWAITING_LINE_MANAGER,
            submitted_at=timezone.now() - dt.timedelta(days=days_ago),
        )
        BusinessInterestFactory(
            status=InterestStatus.AWAITING_PSD,
            submitted_at=timezone.now() - dt.timedelta(days=days_ago + 10),
        )
    BusinessInterestFactory(status=InterestStatus.APPROVED, review_due=today - dt.timedelta(1))
    BusinessInterestFactory(
        status=InterestStatus.APPROVED,
        review_due=today + dt.timedelta(200),
        review_due_now=True,
        review_due_now_reason="change of unit",
    )
    BusinessInterestFactory(status=InterestStatus.APPROVED, review_due=today + dt.timedelta(10))
    BusinessInterestFactory(status=InterestStatus.APPEALED, appealed_at=long_ago)

    for user in (line_manager, psd_head):
        client = client_for(user)
        queues = client.get(reverse("registers:queues")).context["queues"]
        for queue in (q for q in queues if q.key.startswith("interests-")):
            marked = _overdue_marks(_body(client.get(queue.url)))
            assert marked == queue.overdue, queue.key
            assert queue.overdue > 0, queue.key


def test_the_appeal_queue_marks_its_overdue_appeals(client_for, board_member):
    BusinessInterestFactory(
        status=InterestStatus.APPEALED, appealed_at=timezone.now() - dt.timedelta(days=40)
    )
    BusinessInterestFactory(status=InterestStatus.APPEALED, appealed_at=timezone.now())
    client = client_for(board_member)
    [queue] = [
        q
        for q in client.get(reverse("registers:queues")).context["queues"]
        if q.key == "interests-appeal"
    ]
    assert queue.overdue == 1
    assert _overdue_marks(_body(client.get(queue.url))) == 1


def test_selectors_name_the_decision_that_may_still_be_appealed(flow):
    interest = flow.decided()
    window = selectors.appeal_window(interest)
    assert window.decision.outcome == DecisionOutcome.INCOMPATIBLE
    assert window.open
    assert f"{window.until:%-d %B %Y}" == _until()
