"""A person's page links to what the viewer may see about them in each area, counted through
the area's own selectors: PSD the registers filtered to the person, the line manager their
records themselves, nobody a CCU record unless they are in the CCU."""

from __future__ import annotations

import pytest

from registers.gifts.models import GiftStatus
from registers.interests.models import InterestStatus
from standards.core.extensions import person_links
from tests.people.factories import PersonFactory
from tests.registers.associations.factories import AssociationFactory
from tests.registers.gifts.factories import GiftFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(line_manager):
    """Someone who reports to the line manager, with two gifts, an interest and an
    association on record, and somebody else's records beside them."""
    person = PersonFactory(line_manager=line_manager.person, last_name="Quennell")
    GiftFactory.create_batch(2, declarant=person, status=GiftStatus.AWAITING_LINE_MANAGER)
    BusinessInterestFactory(declarant=person, status=InterestStatus.APPROVED)
    AssociationFactory(declarant=person)
    stranger = PersonFactory()
    GiftFactory(declarant=stranger)
    BusinessInterestFactory(declarant=stranger)
    return person


def _links(body: str) -> str:
    return body.split('data-testid="person-links"')[1].split("</dl>")[0]


def test_psd_sees_each_register_filtered_to_the_person_with_counts(client_for, psd_head, report):
    body = client_for(psd_head).get(f"/people/{report.pk}/").content.decode()
    links = _links(body)
    assert f'href="/registers/gifts/?person={report.staff_number}">2 records' in links
    assert f'href="/registers/interests/?person={report.staff_number}">1 record' in links
    # The count is what the register the link leads to lists.
    register = client_for(psd_head).get("/registers/gifts/", {"person": report.staff_number})
    assert register.context["page"].paginator.count == 2


def test_no_ccu_material_shows_to_psd(client_for, psd_head, caseworker, report):
    for user in (psd_head, caseworker):
        body = client_for(user).get(f"/people/{report.pk}/").content.decode()
        assert "association" not in body.lower()
        assert "/registers/associations/" not in body
    assert [link.label for link in person_links(viewer=psd_head, person=report)] == [
        "Gifts and hospitality",
        "Business interests",
    ]


def test_the_ccu_sees_the_associations_too(ccu_analyst, report):
    links = {link.label: link for link in person_links(viewer=ccu_analyst, person=report)}
    assert links["Notifiable associations"].count == 1
    assert links["Notifiable associations"].url.endswith(f"?q={report.staff_number}")
    assert links["Gifts and hospitality"].count == 2


def test_the_line_manager_sees_their_reports_records_and_no_register(
    client_for, line_manager, report
):
    body = client_for(line_manager).get(f"/people/{report.pk}/").content.decode()
    links = _links(body)
    for gift in report.gifts_gifts.all():
        assert f'href="/registers/gifts/{gift.pk}/">{gift.reference}' in links
    interest = report.interests_businessinterests.get()
    assert f'href="/registers/interests/{interest.pk}/">{interest.reference}' in links
    assert "?person=" not in links
    assert "association" not in body.lower()
    labels = [link.label for link in person_links(viewer=line_manager, person=report)]
    assert labels == ["Gifts and hospitality", "Business interests"]
    assert [link.count for link in person_links(viewer=line_manager, person=report)] == [2, 1]


def test_a_person_with_no_records_the_line_manager_may_see_shows_no_line(client_for, line_manager):
    person = PersonFactory(line_manager=line_manager.person)
    AssociationFactory(declarant=person)
    body = client_for(line_manager).get(f"/people/{person.pk}/").content.decode()
    assert 'data-testid="person-links"' not in body


def test_psd_sees_none_where_the_person_has_no_records(psd_head):
    person = PersonFactory()
    assert [(link.label, link.count) for link in person_links(viewer=psd_head, person=person)] == [
        ("Gifts and hospitality", 0),
        ("Business interests", 0),
    ]


def test_the_page_query_count_does_not_grow_with_records(
    client_for, line_manager, report, django_assert_max_num_queries
):
    GiftFactory.create_batch(20, declarant=report)
    client = client_for(line_manager)
    with django_assert_max_num_queries(20):
        assert client.get(f"/people/{report.pk}/").status_code == 200
