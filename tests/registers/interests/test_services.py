"""Business interests: every step's rules (who, when, what must be given), what each step
records, and who is told. Steps are taken through the services, as the pages take them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from registers.interests import selectors, services
from registers.interests.models import (
    BusinessInterest,
    DecisionOutcome,
    DecisionStage,
    InterestDecision,
    InterestStatus,
)
from standards.access.roles import Role
from standards.exchange import services as exchange
from standards.exchange.models import CheckAnswer, IntelligenceCheck
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.registers.interests.conftest import APPLICATION

pytestmark = pytest.mark.django_db


def _notices(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user))


def _words(user) -> str:
    return " ".join(f"{n.subject} {n.body}" for n in _notices(user)).lower()


# --- applying ----------------------------------------------------------------------------------


def test_an_application_goes_to_the_line_manager(flow):
    interest = flow.apply()
    assert interest.status == InterestStatus.AWAITING_LINE_MANAGER
    assert interest.declarant == flow.member.person
    assert interest.submitted_by == flow.member
    assert interest.history.get().history_change_reason == services.SUBMITTED
    [notice] = _notices(flow.manager)
    assert notice.url == f"/registers/interests/{interest.pk}/recommend/"
    assert flow.member.person.display_name in notice.body


def test_without_a_line_manager_who_can_sign_in_it_goes_straight_to_psd(staff_member, psd_head):
    interest = services.interest_apply(acting_user=staff_member, **APPLICATION)
    assert interest.status == InterestStatus.AWAITING_PSD
    assert _notices(psd_head)[0].url == f"/registers/interests/{interest.pk}/"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"organisation": "<script>alert(1)</script>"}, "organisation"),
        ({"role": '<a href="javascript:x">x</a>'}, "role"),
        ({"possible_conflicts": ""}, "possible_conflicts"),
        ({"paid": True, "pay_details": ""}, "pay_details"),
        ({"hours_per_week": Decimal("81")}, "hours_per_week"),
        ({"end_date": dt.date.today() - dt.timedelta(days=400)}, "end_date"),
        ({"interest_type": "gambling"}, "interest_type"),
    ],
)
def test_a_bad_application_stores_nothing(flow, change, field):
    with pytest.raises(ValidationError) as error:
        flow.apply(**change)
    assert field in error.value.message_dict
    assert not BusinessInterest.objects.exists()
    assert not Notification.objects.exists()


def test_unpaid_interest_keeps_no_pay_details(flow):
    interest = flow.apply(paid=False, pay_details="£5")
    assert interest.pay_details == ""


# --- the line manager --------------------------------------------------------------------------


def test_the_recommendation_is_a_decision_and_sends_it_to_psd(flow, psd_head, caseworker):
    interest = flow.recommended()
    assert interest.status == InterestStatus.AWAITING_PSD
    [decision] = interest.decisions.all()
    assert decision.stage == DecisionStage.RECOMMENDATION
    assert decision.outcome == DecisionOutcome.SUPPORT
    assert decision.decided_by == flow.manager
    assert decision.history.get().history_user == flow.manager
    # PSD decision makers are told; caseworkers see it in their queue.
    assert len(_notices(psd_head)) == 1
    assert not _notices(caseworker)


@pytest.mark.parametrize("who", ["psd_head", "caseworker", "board_member", "ccu_head"])
def test_only_the_members_line_manager_recommends(flow, request, who):
    interest = flow.apply()
    with pytest.raises(Http404):
        services.interest_recommend(
            interest=interest,
            outcome=DecisionOutcome.SUPPORT,
            rationale="Fine.",
            acting_user=request.getfixturevalue(who),
        )
    assert not InterestDecision.objects.exists()


def test_another_teams_manager_cannot_recommend(flow):
    other = UserFactory(roles=[Role.STAFF, Role.LINE_MANAGER])
    with pytest.raises(Http404):
        services.interest_recommend(
            interest=flow.apply(),
            outcome=DecisionOutcome.SUPPORT,
            rationale="Fine.",
            acting_user=other,
        )


@pytest.mark.parametrize(("rationale", "field"), [("", "rationale"), ("<b>yes</b>", "rationale")])
def test_a_recommendation_needs_plain_reasons(flow, rationale, field):
    interest = flow.apply()
    with pytest.raises(ValidationError) as error:
        services.interest_recommend(
            interest=interest,
            outcome=DecisionOutcome.SUPPORT,
            rationale=rationale,
            acting_user=flow.manager,
        )
    assert field in error.value.message_dict
    interest.refresh_from_db()
    assert interest.status == InterestStatus.AWAITING_LINE_MANAGER
    assert not InterestDecision.objects.exists()


def test_a_recommendation_is_given_once(flow):
    interest = flow.recommended()
    with pytest.raises(ValidationError):
        services.interest_recommend(
            interest=interest,
            outcome=DecisionOutcome.DO_NOT_SUPPORT,
            rationale="Changed my mind.",
            acting_user=flow.manager,
        )
    assert interest.decisions.count() == 1


# --- the intelligence check --------------------------------------------------------------------


def test_psd_asks_for_a_check_and_the_member_cannot_tell(flow, caseworker, ccu_analyst, ccu_head):
    interest = flow.recommended()
    history_before = interest.history.count()
    updated_before = interest.updated_at

    check = services.interest_request_check(interest=interest, acting_user=caseworker)

    assert check.subject == flow.member.person
    assert check.asked_for == interest
    assert check.asked_for_ref == interest.reference
    assert check.purpose == "Business interest application: secondary employment"
    assert check.requested_by == caseworker
    # The interest itself did not move: no history row, not even a new updated_at.
    interest.refresh_from_db()
    assert interest.history.count() == history_before
    assert interest.updated_at == updated_before
    assert interest.status == InterestStatus.AWAITING_PSD
    # The CCU is told; the member and their manager are not.
    for ccu_user in (ccu_analyst, ccu_head):
        assert [n.url for n in _notices(ccu_user)] == [f"/ccu/checks/{check.pk}/"]
    assert "check" not in _words(flow.member)
    assert "check" not in _words(flow.manager)


def test_a_ccu_analyst_who_is_the_subject_is_not_told(team, line_manager, caseworker, ccu_head):
    analyst = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    interest = services.interest_apply(acting_user=analyst, **APPLICATION)
    services.interest_request_check(interest=interest, acting_user=caseworker)
    assert not _notices(analyst)
    assert len(_notices(ccu_head)) == 1


@pytest.mark.parametrize("who", ["line_manager", "ccu_analyst", "board_member", "staff_member"])
def test_only_psd_asks_for_a_check(flow, request, who):
    interest = flow.recommended()
    with pytest.raises(Http404):
        services.interest_request_check(interest=interest, acting_user=request.getfixturevalue(who))
    assert not IntelligenceCheck.objects.exists()


def test_one_check_at_a_time(flow, caseworker):
    interest = flow.recommended()
    services.interest_request_check(interest=interest, acting_user=caseworker)
    with pytest.raises(ValidationError):
        services.interest_request_check(interest=interest, acting_user=caseworker)
    assert IntelligenceCheck.objects.count() == 1


def test_psd_learns_the_answer_and_nothing_else(flow, psd_head, caseworker):
    interest = flow.checked(answer=CheckAnswer.TRACE)
    [outcome] = selectors.interest_checks_for_user(user=psd_head, interest=interest)
    assert outcome.answer == CheckAnswer.TRACE
    assert outcome.answered_at is not None
    assert not hasattr(outcome, "ccu_note") and not hasattr(outcome, "answered_by")
    # The decision maker and the caseworker who asked are told it is answered, not the answer.
    for user in (psd_head, caseworker):
        words = _words(user)
        assert "answered" in words and "trace" not in words
    # Nobody outside PSD and the CCU gets the checks, even through the selector.
    assert selectors.interest_checks_for_user(user=flow.manager, interest=interest) == []
    assert selectors.interest_checks_for_user(user=flow.member, interest=interest) == []


# --- the decision ------------------------------------------------------------------------------


def _decide(interest, user, **kwargs):
    return services.interest_decide(
        interest=interest,
        **{"outcome": DecisionOutcome.COMPATIBLE, "rationale": "No conflict.", **kwargs},
        acting_user=user,
    )


def test_no_decision_before_the_ccu_answers(flow, psd_head, caseworker):
    interest = flow.recommended()
    with pytest.raises(ValidationError, match="Ask the CCU"):
        _decide(interest, psd_head)
    services.interest_request_check(interest=interest, acting_user=caseworker)
    with pytest.raises(ValidationError, match="not answered"):
        _decide(interest, psd_head)
    assert not interest.decisions.exclude(stage=DecisionStage.RECOMMENDATION).exists()


def test_a_trace_means_speaking_to_the_ccu_first(flow, psd_head):
    interest = flow.checked(answer=CheckAnswer.TRACE)
    with pytest.raises(ValidationError) as error:
        _decide(interest, psd_head)
    assert "spoke_to_ccu" in error.value.message_dict
    _decide(interest, psd_head, spoke_to_ccu=True)


@pytest.mark.parametrize("who", ["caseworker", "line_manager", "ccu_head", "board_member"])
def test_only_a_psd_decision_maker_decides(flow, request, who):
    interest = flow.checked()
    with pytest.raises(Http404):
        _decide(interest, request.getfixturevalue(who))
    interest.refresh_from_db()
    assert interest.status == InterestStatus.AWAITING_PSD


def test_a_decision_maker_cannot_decide_their_own(psd_head, caseworker, ccu_analyst):
    other_head = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    interest = services.interest_apply(acting_user=psd_head, **APPLICATION)
    services.interest_request_check(interest=interest, acting_user=caseworker)
    check = IntelligenceCheck.objects.get()
    exchange.intelligence_check_answer(
        check=check, answer=CheckAnswer.NO_TRACE, acting_user=ccu_analyst
    )
    with pytest.raises(Http404):
        _decide(interest, psd_head)
    _decide(interest, other_head)
    # The declaring head was never asked to decide their own, nor told of the check.
    assert "check" not in _words(psd_head)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"rationale": ""}, "rationale"),
        ({"rationale": "<img src=x onerror=alert(1)>"}, "rationale"),
        ({"outcome": DecisionOutcome.COMPATIBLE_WITH_CONDITIONS, "conditions": ""}, "conditions"),
        ({"outcome": DecisionOutcome.APPEAL_UPHELD}, "outcome"),
    ],
)
def test_a_decision_needs_an_outcome_and_reasons(flow, psd_head, kwargs, field):
    interest = flow.checked()
    with pytest.raises(ValidationError) as error:
        _decide(interest, psd_head, **kwargs)
    assert field in error.value.message_dict
    interest.refresh_from_db()
    assert interest.status == InterestStatus.AWAITING_PSD
    assert interest.decisions.count() == 1  # the recommendation only


def test_approval_sets_the_annual_review_and_tells_the_member(flow, psd_head):
    interest = flow.checked()
    decision = _decide(
        interest,
        psd_head,
        outcome=DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
        conditions="No more than 8 hours a week.\nNot within 12 hours before a shift.",
    )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPROVED_WITH_CONDITIONS
    assert interest.review_due == services.one_year_on(timezone.localdate())
    assert interest.reviewed_at is not None
    assert decision.conditions.startswith("No more than 8 hours")
    [notice] = [n for n in _notices(flow.member)]
    assert notice.url == f"/my/interests/{interest.pk}/"
    assert "ccu" not in _words(flow.member) and "check" not in _words(flow.member)


def test_refusal_has_no_review_date(flow):
    interest = flow.decided()
    assert interest.status == InterestStatus.REFUSED
    assert interest.review_due is None


def test_one_year_on_from_29_february():
    assert services.one_year_on(dt.date(2028, 2, 29)) == dt.date(2029, 2, 28)


# --- appeal ------------------------------------------------------------------------------------


def test_the_member_appeals_and_the_board_is_told(flow, board_member, psd_head):
    interest = flow.appealed()
    assert interest.status == InterestStatus.APPEALED
    assert interest.appeal_grounds.startswith("I am not involved")
    assert interest.history.first().history_change_reason == services.APPEAL_LODGED
    assert [n.url for n in _notices(board_member)] == [f"/registers/interests/{interest.pk}/"]


@pytest.mark.parametrize("who", ["line_manager", "psd_head", "board_member"])
def test_only_the_member_appeals(flow, request, who):
    interest = flow.decided()
    with pytest.raises(Http404):
        services.interest_appeal(
            interest=interest, grounds="Unfair.", acting_user=request.getfixturevalue(who)
        )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.REFUSED


def test_an_approval_without_conditions_cannot_be_appealed(flow):
    interest = flow.decided(outcome=DecisionOutcome.COMPATIBLE)
    with pytest.raises(ValidationError):
        services.interest_appeal(interest=interest, grounds="Why?", acting_user=flow.member)


def test_appeal_grounds_are_required(flow):
    interest = flow.decided()
    with pytest.raises(ValidationError) as error:
        services.interest_appeal(interest=interest, grounds="  ", acting_user=flow.member)
    assert "grounds" in error.value.message_dict


def _decide_appeal(interest, user, **kwargs):
    return services.interest_decide_appeal(
        interest=interest,
        **{"outcome": DecisionOutcome.APPEAL_UPHELD, "rationale": "Far from the area.", **kwargs},
        acting_user=user,
    )


def test_an_upheld_appeal_approves_and_keeps_the_refusal_visible(flow, board_member, psd_head):
    interest = flow.appealed()
    _decide_appeal(interest, board_member)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPROVED
    assert interest.review_due == services.one_year_on(timezone.localdate())
    decisions = selectors.interest_decisions(interest=interest)
    assert [(d.stage, d.outcome) for d in decisions] == [
        (DecisionStage.RECOMMENDATION, DecisionOutcome.SUPPORT),
        (DecisionStage.PSD_DECISION, DecisionOutcome.INCOMPATIBLE),
        (DecisionStage.APPEAL, DecisionOutcome.APPEAL_UPHELD),
    ]
    titles = [e.title for e in selectors.interest_timeline(interest=interest, decisions=decisions)]
    assert titles[0] == "Appeal decision by a chief officer: Appeal upheld: compatible"
    assert "Decision of the head of PSD: Incompatible" in titles
    assert "Appeal lodged with a chief officer" in titles
    assert "appeal" in _words(flow.member)
    # An appeal decision is final.
    with pytest.raises(ValidationError):
        services.interest_appeal(interest=interest, grounds="Again.", acting_user=flow.member)


def test_a_dismissed_appeal_restores_the_decision_appealed(flow, board_member):
    interest = flow.appealed(
        outcome=DecisionOutcome.COMPATIBLE_WITH_CONDITIONS, conditions="No work after 23:00."
    )
    review_due = interest.review_due
    _decide_appeal(interest, board_member, outcome=DecisionOutcome.APPEAL_DISMISSED)
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPROVED_WITH_CONDITIONS
    assert interest.review_due == review_due
    current = selectors.current_decision(selectors.interest_decisions(interest=interest))
    assert current.conditions == "No work after 23:00."


@pytest.mark.parametrize("who", ["psd_head", "caseworker", "line_manager", "ccu_head"])
def test_only_a_chief_officer_decides_an_appeal(flow, request, who):
    interest = flow.appealed()
    with pytest.raises(Http404):
        _decide_appeal(interest, request.getfixturevalue(who))
    interest.refresh_from_db()
    assert interest.status == InterestStatus.APPEALED


def test_the_chief_officer_who_decided_cannot_hear_the_appeal(flow, caseworker, ccu_analyst):
    both = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER, Role.INTEGRITY_BOARD])
    interest = flow.checked()
    _decide(interest, both, outcome=DecisionOutcome.INCOMPATIBLE)
    services.interest_appeal(interest=interest, grounds="Unfair.", acting_user=flow.member)
    with pytest.raises(ValidationError, match="another chief officer"):
        _decide_appeal(interest, both)


def test_a_chief_officer_cannot_hear_their_own_appeal(psd_head, caseworker, ccu_analyst):
    chief = UserFactory(roles=[Role.STAFF, Role.INTEGRITY_BOARD])
    interest = services.interest_apply(acting_user=chief, **APPLICATION)
    check = services.interest_request_check(interest=interest, acting_user=caseworker)
    exchange.intelligence_check_answer(check=check, answer="no_trace", acting_user=ccu_analyst)
    _decide(interest, psd_head, outcome=DecisionOutcome.INCOMPATIBLE)
    services.interest_appeal(interest=interest, grounds="Unfair.", acting_user=chief)
    with pytest.raises(Http404):
        _decide_appeal(interest, chief)
    # Nor were they told of their own appeal as a board member.
    assert not [n for n in _notices(chief) if "chief officer's decision" in n.subject]


# --- the member withdraws or ends --------------------------------------------------------------


def test_withdrawn_stays_on_the_register_for_monitoring(flow, psd_head):
    interest = flow.recommended()
    services.interest_withdraw(
        interest=interest, reason="Took another job.", acting_user=flow.member
    )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.WITHDRAWN
    assert interest.withdrawal_reason == "Took another job."
    assert list(selectors.interest_monitor_list_for_user(user=psd_head)) == [interest]


def test_only_the_member_withdraws_and_only_while_undecided(flow):
    interest = flow.apply()
    with pytest.raises(Http404):
        services.interest_withdraw(interest=interest, acting_user=flow.manager)
    decided = flow.decided()
    with pytest.raises(ValidationError):
        services.interest_withdraw(interest=decided, acting_user=flow.member)


def test_ending_an_interest(flow):
    interest = flow.decided(outcome=DecisionOutcome.COMPATIBLE, start_date=dt.date(2025, 1, 6))
    with pytest.raises(ValidationError) as error:
        services.interest_end(
            interest=interest,
            ended_on=timezone.localdate() + dt.timedelta(days=1),
            acting_user=flow.member,
        )
    assert "ended_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.interest_end(
            interest=interest, ended_on=dt.date(2024, 12, 1), acting_user=flow.member
        )
    services.interest_end(
        interest=interest, ended_on=timezone.localdate(), reason="Left.", acting_user=flow.member
    )
    interest.refresh_from_db()
    assert interest.status == InterestStatus.ENDED
    assert interest.review_due is None


# --- reviews -----------------------------------------------------------------------------------


def test_a_change_of_role_marks_approved_interests_for_review(flow, psd_head):
    approved = flow.decided(outcome=DecisionOutcome.COMPATIBLE)
    refused = flow.decided(organisation="Another pub")
    marked = services.interest_mark_review_due_now(
        person_ids=[flow.member.person_id], reason="change of unit"
    )
    assert marked == 1
    approved.refresh_from_db()
    refused.refresh_from_db()
    assert approved.review_due_now and not refused.review_due_now
    assert approved.history.first().history_change_reason == "Review due now: change of unit"
    assert "review" in _notices(flow.member)[0].subject
    # Marking again changes nothing.
    assert (
        services.interest_mark_review_due_now(
            person_ids=[flow.member.person_id], reason="change of unit"
        )
        == 0
    )

    services.interest_review(
        interest=approved,
        outcome=DecisionOutcome.COMPATIBLE_WITH_CONDITIONS,
        conditions="Not in the new unit's area.",
        rationale="New posting covers the leisure centre.",
        acting_user=psd_head,
    )
    approved.refresh_from_db()
    assert not approved.review_due_now
    assert approved.status == InterestStatus.APPROVED_WITH_CONDITIONS
    stages = [d.stage for d in selectors.interest_decisions(interest=approved)]
    assert stages == [
        DecisionStage.RECOMMENDATION,
        DecisionStage.PSD_DECISION,
        DecisionStage.REVIEW,
    ]
    titles = [
        e.title
        for e in selectors.interest_timeline(
            interest=approved, decisions=selectors.interest_decisions(interest=approved)
        )
    ]
    assert "Review due now" in titles


def test_only_a_decision_maker_reviews_an_approved_interest(flow, caseworker, psd_head):
    approved = flow.decided(outcome=DecisionOutcome.COMPATIBLE)
    with pytest.raises(Http404):
        services.interest_review(
            interest=approved, outcome="compatible", rationale="Fine.", acting_user=caseworker
        )
    refused = flow.decided(organisation="Another pub")
    with pytest.raises(ValidationError):
        services.interest_review(
            interest=refused, outcome="compatible", rationale="Fine.", acting_user=psd_head
        )
