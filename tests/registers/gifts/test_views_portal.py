"""The member's own pages (/my/gifts/ and the gifts section of /my/): declaring, reading,
changing and withdrawing, what each page says, bad input refused, and nobody else's records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from registers.gifts import services
from registers.gifts.models import Gift, GiftStatus, Response
from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.registers.gifts.factories import GiftFactory, declare, details, form_data

pytestmark = pytest.mark.django_db

NEW = reverse("my_gifts:new")
MY = reverse("my:declarations")


def test_the_form_explains_the_policy_what_happens_next_and_who_sees_it(client_for, staff_member):
    body = client_for(staff_member).get(NEW).content.decode()
    assert "Declare a gift or hospitality" in body
    assert "What you must declare" in body
    # The policy is read from the thresholds, not written into the template.
    assert "Accepted offer worth £5.00 to £25.00: must be declared, and needs your line" in body
    assert "Who will see it" in body or "who will see it" in body
    for name in ("direction", "kind", "response", "donor_type"):
        assert f'name="{name}"' in body and "govuk-radios__input" in body
    # A GOV.UK date input (day, month, year), never the browser's date picker, whose format
    # follows the browser's language (mm/dd/yyyy for many), not the hint's.
    assert 'type="date"' not in body
    assert 'name="offered_on_day"' in body and 'name="offered_on_year"' in body
    assert "For example, " in body
    # Only a chief officer is told about the public register.
    assert "public register" not in body


def test_a_chief_officer_is_told_their_entries_are_published(client_for, db):
    chief = UserFactory(roles=[Role.STAFF], person__rank_or_grade="Chief Constable")
    assert "public register" in client_for(chief).get(NEW).content.decode()


def test_declaring_a_declined_bottle_of_wine(client_for, staff_member):
    client = client_for(staff_member)
    response = client.post(NEW, form_data(), follow=True)
    gift = Gift.objects.get()
    assert response.redirect_chain[-1][0] == reverse("my_gifts:detail", kwargs={"pk": gift.pk})
    body = response.content.decode()
    assert f"{gift.reference} is declared. It is on your record." in body
    assert "Bottle of red wine" in body
    assert gift.status == GiftStatus.RECORDED
    assert gift.response == Response.DECLINED

    portal = client.get(MY).content.decode()
    assert 'data-testid="section-gifts"' in portal
    assert "Bottle of red wine" in portal
    assert "Recorded" in portal


def test_the_form_says_when_it_need_not_have_been_declared(client_for, staff_member):
    response = client_for(staff_member).post(
        NEW, form_data(estimated_value="£3.50", response="accepted"), follow=True
    )
    assert "You did not have to declare this" in response.content.decode()
    assert Gift.objects.get().estimated_value == Decimal("3.50")


def test_a_gift_for_the_line_manager_says_where_it_went(client_for, team):
    staff_member, _ = team
    response = client_for(staff_member).post(
        NEW, form_data(estimated_value="15", response="accepted"), follow=True
    )
    assert "It is with your line manager to agree" in response.content.decode()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"estimated_value": "-5"}, "The value must be £0 or more"),
        ({"estimated_value": "twelve"}, "Enter the value as a number of pounds, like 12.50"),
        ({"estimated_value": ""}, "Enter the value of the gift"),
        (
            {"offered_on": dt.date.today() + dt.timedelta(days=2)},
            "The date it was offered or given must be today or in the past",
        ),
        (
            {"offered_on": dt.date.today() - dt.timedelta(days=3 * 365)},
            "The date it was offered or given must be ",  # ... 2 years ago or later
        ),
        (
            {"offered_on": ("31", "2", "2026")},
            "The date it was offered or given must be a real date",
        ),
        ({"offered_on": ("", "3", "2026")}, "The date it was offered or given must include a day"),
        ({"description": "<script>alert(1)</script>"}, "Remove the HTML or script"),
        ({"donor_name": '<img src=x onerror="alert(1)">'}, "Remove the HTML or script"),
        ({"business_reason": "javascript:alert(1)"}, "Remove the HTML or script"),
        ({"description": "x" * 1_000_000}, "The description must be 2,000 characters or fewer"),
        ({"donor_type": ""}, "Select who they are"),
        ({"response": "perhaps"}, "Select a valid choice"),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(
    client_for, staff_member, overrides, message
):
    response = client_for(staff_member).post(NEW, form_data(**overrides))
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert message in body
    assert "<script>alert(1)</script>" not in body
    assert not Gift.objects.exists()


def test_a_20_mb_paste_is_refused_with_the_styled_page(client_for, staff_member):
    response = client_for(staff_member).post(NEW, form_data(description="x" * 20_000_000))
    assert response.status_code == 400
    assert "There is a problem with the request" in response.content.decode()
    assert not Gift.objects.exists()


def test_the_member_reads_their_declaration_and_its_history(client_for, team, psd_head):
    staff_member, line_manager = team
    gift = declare(staff_member, estimated_value=Decimal("15"), response=Response.ACCEPTED)
    services.gift_recommend(
        gift=gift, outcome="accept", rationale="A modest thank you.", acting_user=line_manager
    )
    services.gift_decide(
        gift=gift, outcome="return", rationale="Donor under investigation.", acting_user=psd_head
    )
    client = client_for(staff_member)
    body = client.get(reverse("my_gifts:detail", kwargs={"pk": gift.pk})).content.decode()
    assert "Decision: returned to the donor. The reasons are in its history." in body
    # Both decisions stay visible, the earlier one included, with their reasons.
    assert "Line manager decision: Accepted" in body
    assert "A modest thank you." in body
    assert "PSD decision: Returned to the donor" in body
    assert "Donor under investigation." in body
    assert "Declared" in body
    # Decided: no more changes.
    assert "Change declaration" not in body
    entry = AccessLogEntry.objects.filter(action=AccessAction.CONSULTATION).get()
    assert entry.object_id == str(gift.pk)


def test_someone_elses_declaration_is_not_found(client_for, staff_member, line_manager):
    gift = declare(line_manager)
    client = client_for(staff_member)
    for name in ("detail", "update", "withdraw"):
        forbidden = client.get(reverse(f"my_gifts:{name}", kwargs={"pk": gift.pk}))
        missing = client.get(reverse(f"my_gifts:{name}", kwargs={"pk": gift.pk + 1000}))
        assert forbidden.status_code == missing.status_code == 404
    assert (
        client.post(
            reverse("my_gifts:withdraw", kwargs={"pk": gift.pk}), {"reason": "mine now"}
        ).status_code
        == 404
    )
    gift.refresh_from_db()
    assert gift.status == GiftStatus.RECORDED


def test_changing_a_declaration(client_for, team):
    staff_member, _ = team
    gift = declare(staff_member)
    client = client_for(staff_member)
    url = reverse("my_gifts:update", kwargs={"pk": gift.pk})
    page = client.get(url).content.decode()
    assert "Change your declaration" in page
    assert 'value="Bottle of red wine"' not in page  # a textarea holds it
    assert "Bottle of red wine" in page
    response = client.post(url, form_data(response="accepted", estimated_value="14", reason=""))
    assert "Enter what you changed and why" in response.content.decode()
    response = client.post(
        url, form_data(response="accepted", estimated_value="14", reason="I kept it"), follow=True
    )
    assert f"{gift.reference} is changed. It is with your line manager" in response.content.decode()
    gift.refresh_from_db()
    assert gift.status == GiftStatus.AWAITING_LINE_MANAGER
    assert "Changed by the member: I kept it" in response.content.decode()


def test_a_decided_declaration_offers_no_change(client_for, staff_member, psd_head):
    gift = declare(staff_member, donor_type="supplier")
    services.gift_decide(gift=gift, outcome="decline", rationale="Supplier", acting_user=psd_head)
    client = client_for(staff_member)
    response = client.get(reverse("my_gifts:update", kwargs={"pk": gift.pk}), follow=True)
    assert "cannot change" in response.content.decode()
    response = client.post(
        reverse("my_gifts:withdraw", kwargs={"pk": gift.pk}), {"reason": "x"}, follow=True
    )
    gift.refresh_from_db()
    assert gift.status == GiftStatus.DECIDED


def test_withdrawing_a_declaration(client_for, staff_member):
    gift = declare(staff_member)
    client = client_for(staff_member)
    url = reverse("my_gifts:withdraw", kwargs={"pk": gift.pk})
    assert "stays on your record" in client.get(url).content.decode()
    assert "Enter why you are withdrawing it" in client.post(url, {"reason": ""}).content.decode()
    body = client.post(url, {"reason": "Declared it twice"}, follow=True).content.decode()
    assert f"{gift.reference} is withdrawn. It stays on your record, marked withdrawn." in body
    assert "Withdraw declaration" not in body and "Change declaration" not in body
    assert "Withdrawn by the member: Declared it twice" in body
    gift.refresh_from_db()
    assert gift.status == GiftStatus.WITHDRAWN


def test_a_login_without_a_directory_record_has_no_gifts_pages(client_for, db):
    service_account = UserFactory(person=None, roles=[Role.STAFF])
    client = client_for(service_account)
    assert client.get(NEW).status_code == 404
    assert client.get(reverse("my_gifts:list")).status_code == 404


def test_the_list_and_the_portal_pin_their_query_counts(
    client_for, staff_member, django_assert_max_num_queries
):
    GiftFactory.create_batch(
        60, declarant=staff_member.person, submitted_by=staff_member, status=GiftStatus.DECIDED
    )
    client = client_for(staff_member)
    with django_assert_max_num_queries(12):
        body = client.get(reverse("my_gifts:list")).content.decode()
    assert "60 declarations" in body
    # /my/ is shared with the other registers' sections: this section adds one query for its
    # rows, so a query per row (ten of them) would still break the pin.
    with django_assert_max_num_queries(20):
        body = client.get(MY).content.decode()
    assert body.count('href="/my/gifts/') >= 10


def test_each_member_sees_only_their_own_in_the_portal(client_for, staff_member, line_manager):
    declare(line_manager, description="Somebody else's hamper")
    body = client_for(staff_member).get(MY).content.decode()
    assert "Somebody else's hamper" not in body
    assert "You have not declared any gifts or hospitality" in body
    assert details().description  # the factory's answers stay in step with the form
