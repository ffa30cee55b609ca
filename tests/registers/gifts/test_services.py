"""The services: declaring routes by the policy, who may recommend and decide, validation that
stores nothing, history kept, decisions never overwritten, and the notices each step sends."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from registers.gifts import services
from registers.gifts.models import (
    DonorType,
    Gift,
    GiftDecision,
    GiftStatus,
    Outcome,
    Requirement,
    Response,
    Stage,
)
from standards.access.roles import Role
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import declare, details

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _notices(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("subject", flat=True))


# --- Declaring -------------------------------------------------------------------------------


def test_a_declined_bottle_of_wine_is_recorded_and_nobody_is_asked(team, caseworker, psd_head):
    staff_member, _line_manager = team
    gift = declare(staff_member)
    assert gift.status == GiftStatus.RECORDED
    assert gift.requirement == Requirement.RECORD_ONLY
    assert gift.declarant == staff_member.person
    assert gift.submitted_by == staff_member
    assert gift.history.get().history_change_reason == "Declared"
    assert gift.history.get().history_user == staff_member
    assert not Notification.objects.exists()


def test_an_offer_that_need_not_be_recorded_is_still_recorded(team):
    gift = declare(team[0], estimated_value=Decimal("3.50"), response=Response.ACCEPTED)
    assert gift.status == GiftStatus.RECORDED
    assert gift.requirement == Requirement.NO_RECORD


def test_a_gift_within_the_line_managers_authority_goes_to_them(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    assert gift.status == GiftStatus.AWAITING_LINE_MANAGER
    assert gift.requirement == Requirement.LINE_MANAGER
    notices = _notices(line_manager)
    assert len(notices) == 1
    assert gift.reference in notices[0]
    assert "decision" in notices[0]
    # The notice names the reference, never what was offered.
    assert "wine" not in notices[0]
    assert _notices(psd_head) == []


def test_an_offer_needing_psd_approval_starts_with_the_line_manager(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("60"), response=Response.ACCEPTED)
    assert gift.status == GiftStatus.AWAITING_LINE_MANAGER
    assert gift.requirement == Requirement.PSD_APPROVAL
    assert "recommendation" in _notices(line_manager)[0]


def test_with_no_line_manager_it_goes_straight_to_psd(staff_member, psd_head, caseworker):
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    assert gift.status == GiftStatus.AWAITING_PSD
    # PSD decision makers are told; caseworkers, who do not decide, are not.
    assert len(_notices(psd_head)) == 1
    assert _notices(caseworker) == []


def test_a_decision_maker_is_never_told_of_their_own_declaration(psd_head):
    other_head = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    declare(psd_head, donor_type=DonorType.SUPPLIER)
    assert _notices(psd_head) == []
    assert len(_notices(other_head)) == 1


def test_chief_officers_entries_are_marked_for_the_public_register(db):
    chief = UserFactory(roles=[Role.STAFF], person__rank_or_grade="Assistant Chief Constable")
    director = UserFactory(
        roles=[Role.STAFF],
        person__role_type="staff",
        person__rank_or_grade="Director",
        person__job_title="Director of Finance",
    )
    constable = UserFactory(roles=[Role.STAFF])
    assert declare(chief).chief_officer_entry
    assert declare(director).chief_officer_entry
    assert not declare(constable).chief_officer_entry


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"estimated_value": Decimal("-1")}, "estimated_value", "The value must be £0 or more"),
        ({"estimated_value": None}, "estimated_value", "Enter the value of the gift"),
        (
            {"offered_on": TODAY + dt.timedelta(days=1)},
            "offered_on",
            "The date the gift was offered must be today or in the past",
        ),
        ({"offered_on": None}, "offered_on", "Enter the date the gift was offered"),
        ({"description": "   "}, "description", "Describe the gift or hospitality"),
        ({"donor_name": "x" * 201}, "donor_name", "Keep this to 200 characters or fewer"),
        ({"business_reason": ""}, "business_reason", "Enter why it was offered"),
        ({"donor_type": "alien"}, "donor_type", "Choose one of the options"),
        ({"response": "maybe"}, "response", "Choose one of the options"),
    ],
)
def test_bad_answers_are_refused_and_store_nothing(staff_member, overrides, field, message):
    with pytest.raises(ValidationError) as caught:
        declare(staff_member, **overrides)
    assert caught.value.message_dict[field] == [message]
    assert not Gift.objects.exists()


def test_a_gift_given_may_be_planned_for_a_future_date(staff_member):
    gift = declare(staff_member, direction="given", offered_on=TODAY + dt.timedelta(days=7))
    assert gift.offered_on == TODAY + dt.timedelta(days=7)


def test_a_login_without_a_directory_record_cannot_declare(db):
    service_account = UserFactory(person=None)
    with pytest.raises(ValidationError):
        declare(service_account)


def test_psd_records_a_paper_declaration_for_a_member(caseworker, team):
    staff_member, _line_manager = team
    gift = services.gift_declare(
        details=details(estimated_value=Decimal("15"), response=Response.ACCEPTED),
        declarant=staff_member.person,
        note="Paper form handed in at Kirkwell station",
        acting_user=caseworker,
    )
    assert gift.declarant == staff_member.person
    assert gift.submitted_by == caseworker
    assert gift.status == GiftStatus.AWAITING_LINE_MANAGER
    reason = gift.history.get().history_change_reason
    assert (
        reason == "Declared on the member's behalf by PSD: Paper form handed in at Kirkwell station"
    )


def test_only_psd_records_for_someone_else(team, ccu_analyst):
    staff_member, line_manager = team
    for intruder in (line_manager, ccu_analyst):
        with pytest.raises(Http404):
            services.gift_declare(
                details=details(), declarant=staff_member.person, note="x", acting_user=intruder
            )
    assert not Gift.objects.exists()


# --- Changing and withdrawing ------------------------------------------------------------------


def test_the_member_changes_an_open_declaration_and_it_is_routed_again(team):
    staff_member, line_manager = team
    gift = declare(staff_member)
    assert gift.status == GiftStatus.RECORDED
    gift = services.gift_update(
        gift=gift,
        details=details(response=Response.ACCEPTED, estimated_value=Decimal("20")),
        reason="I accepted it after all",
        acting_user=staff_member,
    )
    assert gift.status == GiftStatus.AWAITING_LINE_MANAGER
    assert gift.response == Response.ACCEPTED
    assert (
        gift.history.first().history_change_reason
        == "Changed by the member: I accepted it after all"
    )
    assert gift.history.count() == 2
    assert Notification.objects.filter(recipient=line_manager, body__contains="changed").exists()


def test_nobody_else_changes_or_withdraws_a_declaration(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member)
    for intruder in (line_manager, psd_head):
        with pytest.raises(Http404):
            services.gift_update(gift=gift, details=details(), reason="x", acting_user=intruder)
        with pytest.raises(Http404):
            services.gift_withdraw(gift=gift, reason="x", acting_user=intruder)


def test_a_change_needs_a_reason(team):
    gift = declare(team[0])
    with pytest.raises(ValidationError) as caught:
        services.gift_update(gift=gift, details=details(), reason=" ", acting_user=team[0])
    assert "reason" in caught.value.message_dict


def test_withdrawing_keeps_the_declaration(team):
    staff_member, _ = team
    gift = declare(staff_member)
    gift = services.gift_withdraw(gift=gift, reason="Declared twice", acting_user=staff_member)
    assert gift.status == GiftStatus.WITHDRAWN
    assert gift.withdrawn_reason == "Declared twice"
    assert Gift.objects.filter(pk=gift.pk).exists()
    assert gift.history.first().history_change_reason == "Withdrawn by the member: Declared twice"
    with pytest.raises(ValidationError):
        services.gift_withdraw(gift=gift, reason="again", acting_user=staff_member)
    with pytest.raises(ValidationError):
        services.gift_update(gift=gift, details=details(), reason="x", acting_user=staff_member)


def test_a_decided_declaration_cannot_be_changed_or_withdrawn(team, psd_head):
    staff_member, _ = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    services.gift_decide(gift=gift, outcome="accept", rationale="Fine", acting_user=psd_head)
    with pytest.raises(ValidationError):
        services.gift_update(gift=gift, details=details(), reason="x", acting_user=staff_member)
    with pytest.raises(ValidationError):
        services.gift_withdraw(gift=gift, reason="x", acting_user=staff_member)


# --- Recommending and deciding ------------------------------------------------------------------


def test_the_line_manager_decides_within_their_authority(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    decision = services.gift_recommend(
        gift=gift, outcome="accept", rationale="A modest thank you.", acting_user=line_manager
    )
    gift.refresh_from_db()
    assert decision.stage == Stage.LINE_MANAGER_DECISION
    assert gift.status == GiftStatus.DECIDED
    assert gift.reviewed_at == decision.decided_at
    assert decision.decided_by == line_manager
    assert decision.history.get().history_user == line_manager
    assert any(gift.reference in s for s in _notices(staff_member))
    assert _notices(psd_head) == []


def test_above_their_authority_the_line_manager_recommends_and_psd_is_told(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    decision = services.gift_recommend(
        gift=gift, outcome="decline", rationale="Too generous.", acting_user=line_manager
    )
    gift.refresh_from_db()
    assert decision.stage == Stage.LINE_MANAGER_RECOMMENDATION
    assert gift.status == GiftStatus.AWAITING_PSD
    assert len(_notices(psd_head)) == 1
    assert _notices(staff_member) == []  # nothing decided yet


def test_only_the_declarants_line_manager_recommends(team, psd_head, db):
    staff_member, _line_manager = team
    other_manager = UserFactory(roles=[Role.STAFF, Role.LINE_MANAGER])
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    for intruder in (other_manager, psd_head, staff_member):
        with pytest.raises(Http404):
            services.gift_recommend(
                gift=gift, outcome="accept", rationale="x", acting_user=intruder
            )
    assert not GiftDecision.objects.exists()


def test_a_recommendation_needs_a_reason_and_a_real_outcome(team):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    with pytest.raises(ValidationError) as caught:
        services.gift_recommend(gift=gift, outcome="keep", rationale=" ", acting_user=line_manager)
    assert set(caught.value.message_dict) == {"outcome", "rationale"}
    assert not GiftDecision.objects.exists()
    gift.refresh_from_db()
    assert gift.status == GiftStatus.AWAITING_LINE_MANAGER


def test_a_recommendation_comes_only_while_the_line_manager_is_asked(team):
    staff_member, line_manager = team
    gift = declare(staff_member)  # recorded: nobody is asked
    with pytest.raises(ValidationError):
        services.gift_recommend(
            gift=gift, outcome="accept", rationale="x", acting_user=line_manager
        )


def test_only_a_psd_decision_maker_decides(team, caseworker, ccu_head, board_member):
    staff_member, line_manager = team
    gift = declare(staff_member, donor_type=DonorType.SUPPLIER)
    for intruder in (caseworker, ccu_head, board_member, line_manager, staff_member):
        with pytest.raises(Http404):
            services.gift_decide(gift=gift, outcome="accept", rationale="x", acting_user=intruder)
    assert not GiftDecision.objects.exists()


def test_a_decision_maker_cannot_decide_their_own_declaration(psd_head):
    gift = declare(psd_head, donor_type=DonorType.SUPPLIER)
    with pytest.raises(Http404):
        services.gift_decide(gift=gift, outcome="accept", rationale="x", acting_user=psd_head)


def test_a_decision_needs_reasons(team, psd_head):
    gift = declare(team[0], donor_type=DonorType.SUPPLIER)
    with pytest.raises(ValidationError) as caught:
        services.gift_decide(gift=gift, outcome="accept", rationale="", acting_user=psd_head)
    assert caught.value.message_dict == {"rationale": ["Enter the reasons for the decision"]}


def test_a_changed_decision_keeps_the_earlier_one(team, psd_head):
    staff_member, _ = team
    gift = declare(staff_member, donor_type=DonorType.SUPPLIER, response=Response.ACCEPTED)
    first = services.gift_decide(
        gift=gift, outcome="accept", rationale="Modest.", acting_user=psd_head
    )
    second = services.gift_decide(
        gift=gift,
        outcome="return",
        rationale="The supplier is now bidding for a contract.",
        conditions="Return within 7 days",
        acting_user=psd_head,
    )
    decisions = list(gift.decisions.order_by("decided_at", "pk"))
    assert decisions == [first, second]
    assert [d.outcome for d in decisions] == [Outcome.ACCEPT, Outcome.RETURN]
    assert Gift.objects.with_outcome().get(pk=gift.pk).outcome == Outcome.RETURN
    # Each decision tells the member, once.
    assert len(_notices(staff_member)) == 2


def test_psd_may_decide_before_the_line_manager_has(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    services.gift_decide(
        gift=gift, outcome="decline", rationale="Known donor.", acting_user=psd_head
    )
    gift.refresh_from_db()
    assert gift.status == GiftStatus.DECIDED
    with pytest.raises(ValidationError):
        services.gift_recommend(
            gift=gift, outcome="accept", rationale="x", acting_user=line_manager
        )


def test_nothing_is_decided_on_a_withdrawn_declaration(team, psd_head):
    staff_member, _ = team
    gift = declare(staff_member, donor_type=DonorType.SUPPLIER)
    services.gift_withdraw(gift=gift, reason="Duplicate", acting_user=staff_member)
    with pytest.raises(ValidationError):
        services.gift_decide(gift=gift, outcome="accept", rationale="x", acting_user=psd_head)


def test_a_new_line_manager_takes_over_a_waiting_declaration(team, db):
    staff_member, old_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    new_manager = UserFactory(roles=[Role.STAFF, Role.LINE_MANAGER])
    person = staff_member.person
    person.line_manager = new_manager.person
    person.save()
    with pytest.raises(Http404):
        services.gift_recommend(gift=gift, outcome="accept", rationale="x", acting_user=old_manager)
    services.gift_recommend(gift=gift, outcome="accept", rationale="Fine", acting_user=new_manager)


def test_the_strictest_route_is_stored_with_the_band_that_applied(team):
    gift = declare(team[0], estimated_value=Decimal("25.01"), response=Response.ACCEPTED)
    assert gift.requirement == Requirement.PSD_APPROVAL
    assert gift.threshold.min_value == Decimal("25.01")


def test_a_person_without_a_login_gets_no_notice_but_is_decided(psd_head, caseworker):
    person = PersonFactory()
    gift = services.gift_declare(
        details=details(donor_type=DonorType.SUPPLIER),
        declarant=person,
        note="E-mailed form",
        acting_user=caseworker,
    )
    services.gift_decide(gift=gift, outcome="decline", rationale="Supplier", acting_user=psd_head)
    assert Notification.objects.filter(subject__endswith="decision recorded").count() == 0
