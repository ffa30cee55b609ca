"""A notice names its record and closes when the step it asks for is taken, by anyone entitled."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from registers.gifts import services as gift_services
from registers.gifts.models import Response
from registers.interests import services as interest_services
from registers.interests.models import DecisionOutcome
from standards.access.roles import Role
from standards.exchange import services as exchange
from standards.notifications.models import Notification
from standards.notifications.services import notifications_done, notify
from tests.accounts.factories import UserFactory
from tests.registers.associations.factories import AssociationFactory
from tests.registers.gifts.factories import declare
from tests.registers.interests.conftest import APPLICATION

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(staff_member, line_manager):
    staff_member.person.line_manager = line_manager.person
    staff_member.person.save()
    return staff_member, line_manager


def _open(user) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user, done_at__isnull=True))


# --- the service -------------------------------------------------------------------------------


def test_a_notice_names_its_record_by_reference(team):
    staff_member, line_manager = team
    gift = declare(staff_member, response=Response.ACCEPTED, estimated_value=Decimal("100"))
    [notice] = Notification.objects.filter(recipient=line_manager)
    assert notice.subject == f"{gift.reference}: waiting for your recommendation"
    assert notice.record_key == f"gifts.gift:{gift.pk}"
    assert notice.step == "recommend"
    assert notice.url == f"/registers/gifts/{gift.pk}/"


def test_a_record_without_a_reference_is_named_by_kind_and_number_only(staff_member):
    association = AssociationFactory(associate_name="Dean Harker")
    [notice] = notify(recipients=[staff_member], key="k", subject="declared", record=association)
    assert notice.subject == f"Notifiable association {association.pk}: declared"
    assert "Dean Harker" not in notice.subject


def test_a_step_needs_a_record(staff_member):
    with pytest.raises(ValueError, match="name its record"):
        notify(recipients=[staff_member], key="k", subject="S", step="decide")


def test_done_closes_every_recipients_notice_for_that_step_only(staff_member, line_manager):
    association = AssociationFactory()
    other = AssociationFactory()
    both = [staff_member, line_manager]
    notify(recipients=both, key="a", subject="S", record=association, step="assess")
    notify(recipients=both, key="b", subject="S", record=association, step="review")
    notify(recipients=both, key="c", subject="S", record=other, step="assess")
    notify(recipients=both, key="d", subject="S", record=association)  # tells, asks nothing

    assert notifications_done(record=association, steps=("assess",)) == 2
    assert notifications_done(record=association, steps=("assess",)) == 0  # already done
    done = set(Notification.objects.exclude(done_at=None).values_list("recipient", "key"))
    assert done == {(staff_member.pk, "a"), (line_manager.pk, "a")}


# --- every step, by anyone entitled to take it -------------------------------------------------


def test_the_line_managers_notice_is_done_when_they_recommend(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, response=Response.ACCEPTED, estimated_value=Decimal("100"))
    assert [n.step for n in _open(line_manager)] == ["recommend"]
    gift_services.gift_recommend(
        gift=gift, outcome="accept", rationale="Fine.", acting_user=line_manager
    )
    assert _open(line_manager) == []
    # PSD's notice asks for the next step, and stays open until it is taken.
    [psd_notice] = _open(psd_head)
    assert psd_notice.subject == f"{gift.reference}: waiting for a PSD decision"


def test_the_line_managers_notice_is_done_when_psd_decides_first(team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, response=Response.ACCEPTED, estimated_value=Decimal("100"))
    gift_services.gift_decide(gift=gift, outcome="accept", rationale="Fine.", acting_user=psd_head)
    assert _open(line_manager) == []
    [told] = Notification.objects.filter(recipient=staff_member)
    assert told.subject == f"{gift.reference}: decision recorded"
    assert told.step == ""


def test_every_decision_makers_notice_closes_when_one_decides(team, psd_head):
    staff_member, line_manager = team
    other_head = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    gift = declare(staff_member, response=Response.ACCEPTED, estimated_value=Decimal("100"))
    gift_services.gift_recommend(
        gift=gift, outcome="accept", rationale="Fine.", acting_user=line_manager
    )
    assert len(_open(psd_head)) == len(_open(other_head)) == 1
    gift_services.gift_decide(gift=gift, outcome="accept", rationale="Fine.", acting_user=psd_head)
    assert _open(psd_head) == _open(other_head) == []


def test_withdrawing_closes_what_was_asked(team):
    staff_member, line_manager = team
    gift = declare(staff_member, response=Response.ACCEPTED)
    gift_services.gift_withdraw(gift=gift, reason="Declared twice", acting_user=staff_member)
    assert _open(line_manager) == []


def test_a_business_interest_from_application_to_appeal(
    team, caseworker, psd_head, ccu_analyst, ccu_head, board_member
):
    member, manager = team
    interest = interest_services.interest_apply(acting_user=member, **APPLICATION)
    [asked] = _open(manager)
    assert asked.subject == f"{interest.reference}: waiting for your recommendation"
    interest_services.interest_recommend(
        interest=interest, outcome=DecisionOutcome.SUPPORT, rationale="Fine.", acting_user=manager
    )
    assert _open(manager) == []
    check = interest_services.interest_request_check(interest=interest, acting_user=caseworker)
    # The CCU's notice names only the check, and closes for every CCU member when one answers.
    [ccu_notice] = _open(ccu_head)
    assert ccu_notice.subject == f"Intelligence check {check.pk}: waiting for an answer"
    exchange.intelligence_check_answer(check=check, answer="no_trace", acting_user=ccu_analyst)
    assert _open(ccu_head) == _open(ccu_analyst) == []
    assert {n.subject for n in _open(psd_head)} == {
        f"{interest.reference}: waiting for a PSD decision",
        f"{interest.reference}: intelligence check answered, ready for a PSD decision",
    }
    interest_services.interest_decide(
        interest=interest,
        outcome=DecisionOutcome.INCOMPATIBLE,
        rationale="Licensed premises in the member's area.",
        acting_user=psd_head,
    )
    assert _open(psd_head) == []
    interest_services.interest_appeal(interest=interest, grounds="Unfair.", acting_user=member)
    [appeal] = _open(board_member)
    assert appeal.step == "decide_appeal"
    interest_services.interest_decide_appeal(
        interest=interest,
        outcome=DecisionOutcome.APPEAL_DISMISSED,
        rationale="The decision stands.",
        acting_user=board_member,
    )
    assert _open(board_member) == []
    # Nothing about the check ever reached the member or their manager.
    for user in (member, manager):
        words = " ".join(
            n.subject + n.body for n in Notification.objects.filter(recipient=user)
        ).lower()
        assert "intelligence" not in words
        assert "check" not in words


def test_ccu_notices_reach_the_ccu_only(
    team, caseworker, psd_head, ccu_analyst, ccu_head, board_member
):
    member, manager = team
    interest = interest_services.interest_apply(acting_user=member, **APPLICATION)
    interest_services.interest_recommend(
        interest=interest, outcome=DecisionOutcome.SUPPORT, rationale="Fine.", acting_user=manager
    )
    check = interest_services.interest_request_check(interest=interest, acting_user=caseworker)
    about_the_check = Notification.objects.filter(
        record_key=f"exchange.intelligencecheck:{check.pk}"
    )
    assert set(about_the_check.values_list("recipient", flat=True)) == {
        ccu_analyst.pk,
        ccu_head.pk,
    }


# --- the list page -----------------------------------------------------------------------------


def test_the_list_tags_each_notice_as_it_stands(client_for, staff_member):
    association, finished = AssociationFactory(), AssociationFactory()

    def _notice(key, **kwargs):
        return notify(recipients=[staff_member], key=key, subject=key, **kwargs)[0]

    new = _notice("new", record=association, step="assess")
    to_do = _notice("to-do", record=association, step="review")
    done = _notice("done", record=finished, step="assess")
    read = _notice("read")
    client = client_for(staff_member)
    for notice in (to_do, read):
        client.get(reverse("notifications:open", kwargs={"pk": notice.pk}))
    notifications_done(record=finished, steps=("assess",))

    body = client.get(reverse("notifications:list")).content.decode()

    def _tag(notice) -> str:
        item = body.split(f'data-testid="notice-{notice.pk}"')[1].split("</li>")[0]
        return item.split('class="govuk-tag')[1].split(">")[1].split("<")[0]

    assert _tag(new) == "New"
    assert _tag(to_do) == "To do"
    assert _tag(done) == "Done"
    assert _tag(read) == "Read"
    # The badge counts the new one only: a notice already dealt with needs nobody's attention.
    assert 'class="moj-notification-badge">1' in body
