"""What happens next, on every declaration's page and after every action, for the member and for
the reviewers; and no page offers an action that is no longer possible."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from registers.gifts import services
from registers.gifts.models import DonorType, Gift, Response
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import declare

pytestmark = pytest.mark.django_db


def _next_step(body: str) -> str:
    """The text of the page's "What happens next" inset."""
    start = body.index('data-testid="next-step">') + len('data-testid="next-step">')
    return body[start : body.index("</div>", start)]


def _mine(gift: Gift) -> str:
    return reverse("my_gifts:detail", kwargs={"pk": gift.pk})


def _reviewers(gift: Gift, name: str = "detail") -> str:
    return reverse(f"gifts:{name}", kwargs={"pk": gift.pk})


# --- The member -----------------------------------------------------------------------------


def test_the_member_is_told_who_has_it_at_every_step(client_for, team, psd_head):
    staff_member, line_manager = team
    client = client_for(staff_member)
    recorded = declare(staff_member)
    assert _next_step(client.get(_mine(recorded)).content.decode()) == (
        "It is on your record. You do not need to do anything else."
    )
    small = declare(staff_member, estimated_value=Decimal("3"), response=Response.ACCEPTED)
    assert "You did not have to declare this" in _next_step(
        client.get(_mine(small)).content.decode()
    )

    within = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    assert _next_step(client.get(_mine(within)).content.decode()) == (
        "It is with your line manager to agree. We will let you know their decision."
    )
    above = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    assert "then with the Professional Standards Department, who decide" in _next_step(
        client.get(_mine(above)).content.decode()
    )
    services.gift_recommend(
        gift=above, outcome="accept", rationale="Known charity.", acting_user=line_manager
    )
    assert _next_step(client.get(_mine(above)).content.decode()).startswith(
        "It is with the Professional Standards Department for a decision."
    )
    services.gift_decide(
        gift=above, outcome="accept_donate", rationale="Raffle it.", acting_user=psd_head
    )
    assert _next_step(client.get(_mine(above)).content.decode()).startswith(
        "Decision: accepted and donated or raffled. The reasons are in its history."
    )


def test_after_declaring_the_member_reads_where_it_went(client_for, team):
    from tests.registers.gifts.factories import form_data

    client = client_for(team[0])
    response = client.post(
        reverse("my_gifts:new"), form_data(estimated_value="80", response="accepted"), follow=True
    )
    gift = Gift.objects.get()
    alert = response.content.decode()
    assert f"{gift.reference} is declared. It is with your line manager, who gives their view" in (
        alert
    )


# --- The reviewers --------------------------------------------------------------------------


def test_the_reviewers_page_says_who_acts_next(client_for, team, caseworker, psd_head):
    staff_member, line_manager = team
    member, manager = staff_member.display_name, line_manager.display_name
    client = client_for(caseworker)
    within = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    assert _next_step(client.get(_reviewers(within)).content.decode()) == (
        f"With {manager}, {member}&#x27;s line manager, to agree or not. "
        f"{member} is told their decision."
    )
    above = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    assert _next_step(client.get(_reviewers(above)).content.decode()) == (
        f"With {manager}, {member}&#x27;s line manager, for a recommendation. It then goes to "
        "a PSD decision maker to decide."
    )
    services.gift_recommend(
        gift=above, outcome="accept", rationale="Fine.", acting_user=line_manager
    )
    assert _next_step(client.get(_reviewers(above)).content.decode()) == (
        f"With a PSD decision maker for a decision. {member} is told the decision."
    )
    services.gift_decide(gift=above, outcome="return", rationale="No.", acting_user=psd_head)
    assert _next_step(client.get(_reviewers(above)).content.decode()).startswith(
        f"Decided: returned to the donor. {member} has been told."
    )
    recorded = declare(staff_member)
    assert "nobody needs to act on it" in _next_step(
        client.get(_reviewers(recorded)).content.decode()
    )
    withdrawn = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    services.gift_withdraw(gift=withdrawn, reason="Twice", acting_user=staff_member)
    assert _next_step(client.get(_reviewers(withdrawn)).content.decode()) == (
        f"Withdrawn by {member}. Nobody needs to act on it."
    )


def test_after_a_recommendation_the_line_manager_reads_that_psd_decides(client_for, team):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    response = client_for(line_manager).post(
        _reviewers(gift, "recommend"), {"outcome": "accept", "rationale": "Fine."}, follow=True
    )
    assert (
        f"Your recommendation on {gift.reference} is recorded: accepted. With a PSD decision "
        "maker for a decision." in response.content.decode()
    )


def test_after_deciding_the_line_manager_reads_that_the_member_is_told(client_for, team):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    response = client_for(line_manager).post(
        _reviewers(gift, "recommend"), {"outcome": "decline", "rationale": "No."}, follow=True
    )
    assert (
        f"Your decision on {gift.reference} is recorded. Decided: declined. "
        f"{staff_member.display_name} has been told." in response.content.decode()
    )


def test_after_a_psd_decision_psd_reads_that_the_member_is_told(client_for, team, psd_head):
    gift = declare(team[0], donor_type=DonorType.SUPPLIER)
    response = client_for(psd_head).post(
        _reviewers(gift, "decide"), {"outcome": "return", "rationale": "Bidder."}, follow=True
    )
    assert (
        f"The decision on {gift.reference} is recorded. Decided: returned to the donor. "
        f"{team[0].display_name} has been told." in response.content.decode()
    )


def test_after_recording_a_paper_declaration_psd_reads_where_it_went(client_for, caseworker, team):
    from tests.registers.gifts.factories import form_data

    staff_member, line_manager = team
    data = form_data(estimated_value="15", response="accepted")
    data.update(staff_number=staff_member.person.staff_number, note="Paper form")
    response = client_for(caseworker).post(reverse("gifts:record"), data, follow=True)
    gift = Gift.objects.get()
    assert (
        f"{gift.reference} is recorded for {staff_member.display_name}. With "
        f"{line_manager.display_name}, {staff_member.display_name}&#x27;s line manager, to agree"
        in response.content.decode()
    )


# --- No stale actions ------------------------------------------------------------------------


def test_no_page_offers_an_action_that_is_no_longer_possible(client_for, team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("80"), response=Response.ACCEPTED)
    manager = client_for(line_manager)
    assert _reviewers(gift, "recommend") in manager.get(_reviewers(gift)).content.decode()
    services.gift_recommend(
        gift=gift, outcome="accept", rationale="Fine.", acting_user=line_manager
    )
    # Once recommended, neither the declaration's page nor the team page offers it again.
    assert _reviewers(gift, "recommend") not in manager.get(_reviewers(gift)).content.decode()
    assert _reviewers(gift, "recommend") not in manager.get(reverse("gifts:team")).content.decode()
    # The member cannot change or withdraw a decided declaration, and is not offered to.
    services.gift_decide(gift=gift, outcome="accept", rationale="Fine.", acting_user=psd_head)
    body = client_for(staff_member).get(_mine(gift)).content.decode()
    assert "Change declaration" not in body and "Withdraw declaration" not in body


def test_a_withdrawn_declaration_offers_no_decision(client_for, team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    services.gift_withdraw(gift=gift, reason="Twice", acting_user=staff_member)
    for user in (psd_head, line_manager):
        body = client_for(user).get(_reviewers(gift)).content.decode()
        assert "/decide/" not in body and "/recommend/" not in body
    team_page = client_for(line_manager).get(reverse("gifts:team")).content.decode()
    assert _reviewers(gift, "recommend") not in team_page


def test_a_line_manager_who_has_moved_on_is_not_named(client_for, team, caseworker):
    """The line manager of today is the one named: HR's data, not who it was sent to."""
    staff_member, _line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    newcomer = PersonFactory(first_name="Ruth", last_name="Okonjo")
    person = staff_member.person
    person.line_manager = newcomer
    person.save()
    assert "Ruth Okonjo" in _next_step(
        client_for(caseworker).get(_reviewers(gift)).content.decode()
    )
