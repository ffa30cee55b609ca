"""The staff directory pages: who may search it and who may open a person's page."""

from __future__ import annotations

import re

import pytest

from standards.people.models import Person
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("persona", ["caseworker", "psd_head", "ccu_analyst", "ccu_head"])
def test_psd_and_ccu_search_the_directory(client_for, request, persona):
    target = PersonFactory(last_name="Quennell")
    client = client_for(request.getfixturevalue(persona))
    body = client.get("/people/", {"q": "quennell"}).content.decode()
    assert target.staff_number in body
    assert client.get(f"/people/{target.pk}/").status_code == 200


@pytest.mark.parametrize(
    "persona", ["staff_member", "line_manager", "board_member", "administrator", "auditor"]
)
def test_other_roles_cannot_search_or_open_strangers(client_for, request, persona):
    target = PersonFactory()
    client = client_for(request.getfixturevalue(persona))
    assert client.get("/people/").status_code == 404
    assert client.get(f"/people/{target.pk}/").status_code == 404


def test_a_person_opens_their_own_page(client_for, staff_member):
    response = client_for(staff_member).get(f"/people/{staff_member.person.pk}/")
    assert response.status_code == 200


def test_line_manager_opens_direct_reports_only(client_for, line_manager):
    report = PersonFactory(line_manager=line_manager.person)
    stranger = PersonFactory()
    client = client_for(line_manager)
    assert client.get(f"/people/{report.pk}/").status_code == 200
    assert client.get(f"/people/{stranger.pk}/").status_code == 404


def test_unknown_and_forbidden_person_get_the_same_page(client_for, staff_member):
    stranger = PersonFactory()
    client = client_for(staff_member)
    forbidden = client.get(f"/people/{stranger.pk}/")
    missing = client.get("/people/999999999/")
    assert forbidden.status_code == missing.status_code == 404
    strip = _without_request_specifics
    assert strip(forbidden) == strip(missing)


def _without_request_specifics(response) -> str:
    import re

    body = response.content.decode()
    body = re.sub(r'nonce="[^"]+"', "", body)
    body = re.sub(r"csrfmiddlewaretoken\" value=\"[^\"]+\"", "", body)
    return re.sub(r"Reference: [0-9a-f]+", "", body)


def test_directory_list_query_count_is_fixed(client_for, caseworker, django_assert_max_num_queries):
    people = PersonFactory.create_batch(60)
    client = client_for(caseworker)
    with django_assert_max_num_queries(12):
        response = client.get("/people/")
    body = response.content.decode()
    # A page of 50 people, each a link to their record, in the directory's order.
    shown = re.findall(r'href="/people/(\d+)/"', body)
    listed = Person.objects.order_by("last_name", "first_name", "staff_number")
    assert [int(pk) for pk in shown] == [p.pk for p in listed[:50]]
    assert {p.pk for p in people} & {int(pk) for pk in shown}


def _page(client, person) -> str:
    return client.get(f"/people/{person.pk}/").content.decode()


def test_line_manager_sees_limited_fields_of_a_report(client_for, line_manager):
    report = PersonFactory(line_manager=line_manager.person, collar_number="4471")
    body = _page(client_for(line_manager), report)
    assert report.staff_number in body
    assert 'data-testid="vetting"' not in body
    assert 'data-testid="equality"' not in body
    assert "4471" not in body


@pytest.mark.parametrize(
    ("persona", "vetting"),
    [("caseworker", False), ("psd_head", True), ("ccu_analyst", True), ("ccu_head", True)],
)
def test_vetting_only_to_the_roles_that_act_on_it(client_for, request, persona, vetting):
    person = PersonFactory(ethnicity="W1", sex="F")
    body = _page(client_for(request.getfixturevalue(persona)), person)
    assert ('data-testid="vetting"' in body) is vetting
    assert 'data-testid="equality"' not in body


def test_a_person_sees_all_their_own_fields(client_for, staff_member):
    staff_member.person.ethnicity = "A1"
    staff_member.person.save()
    body = _page(client_for(staff_member), staff_member.person)
    assert 'data-testid="vetting"' in body
    assert 'data-testid="equality"' in body
