"""The annual declaration's pages: the member's declaration, the /my/ section, the overdue list
and PSD's completion page (query counts pinned)."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from registers.annual.models import AnnualDeclaration, PolicyVersion
from standards.notifications.models import Notification
from standards.notifications.services import notify
from tests.people.factories import OrgUnitFactory, PersonFactory
from tests.registers.annual.factories import declaration_made

pytestmark = pytest.mark.django_db

DECLARE = reverse("my_annual:declare")
DONE = reverse("my_annual:done")
OVERDUE = reverse("annual:overdue")
COMPLETION = reverse("annual:completion")
# The sign-in, the roles, the notices badge and the access-log row, then a fixed few for the page:
# the same however many members or units.
MAX_QUERIES = 14


def _answers(**extra) -> dict:
    return {
        "policies": [
            str(pk) for pk in PolicyVersion.objects.current().values_list("pk", flat=True)
        ],
        "declarations_complete": "on",
        **extra,
    }


def test_the_page_shows_each_policy_with_its_summary_and_a_link(client_for, staff_member):
    body = client_for(staff_member).get(DECLARE).content.decode()
    for version in PolicyVersion.objects.current():
        assert escape(version.summary) in body
        assert version.url in body
        assert f"I have read and understood the {version.title.lower()} policy" in body
    assert "What happens next" in body


def test_a_member_declares_and_sees_what_happens_next(client_for, staff_member):
    client = client_for(staff_member)
    response = client.post(DECLARE, _answers(nil_interests="on"))
    assert response.status_code == 302 and response.url == DONE
    declaration = AnnualDeclaration.objects.get(person=staff_member.person)
    assert declaration.nil_interests and not declaration.nil_gifts
    body = client.get(DONE).content.decode()
    assert "Annual declaration made" in body and "What happens next" in body
    # Made: the page now says so, and the /my/ section too.
    assert client.get(DECLARE).url == DONE
    assert "You made your" in client.get(reverse("my:declarations")).content.decode()


def test_every_policy_must_be_ticked(client_for, staff_member):
    answers = _answers()
    answers["policies"] = answers["policies"][:1]
    body = client_for(staff_member).post(DECLARE, answers).content.decode()
    assert "There is a problem" in body
    assert "Confirm you have read and understood each policy" in body
    assert not AnnualDeclaration.objects.exists()


def test_the_completion_confirmation_is_required(client_for, staff_member):
    answers = _answers()
    del answers["declarations_complete"]
    body = client_for(staff_member).post(DECLARE, answers).content.decode()
    assert "Confirm your declarations are complete and up to date" in body
    assert not AnnualDeclaration.objects.exists()


def test_making_it_closes_the_reminders(client_for, staff_member):
    from registers.annual.models import DeclaringMember

    member = DeclaringMember.objects.get(pk=staff_member.person_id)
    [notice] = notify(
        recipients=[staff_member],
        key="annual-test",
        subject="make it",
        record=member,
        step="declare",
    )
    client_for(staff_member).post(DECLARE, _answers())
    notice.refresh_from_db()
    assert notice.done_at is not None
    assert Notification.objects.get().subject.startswith("Annual declaration: ")


def test_a_line_manager_sees_their_reports_outstanding(
    client_for, line_manager, django_assert_max_num_queries
):
    unit = OrgUnitFactory(name="Response North")
    outstanding = [PersonFactory(line_manager=line_manager.person, org_unit=unit) for _ in range(4)]
    made = PersonFactory(line_manager=line_manager.person, org_unit=unit)
    declaration_made(made)
    stranger = PersonFactory(org_unit=unit)  # same unit, not their report
    client = client_for(line_manager)
    client.get(OVERDUE)  # the session's first queries (sign-in, roles) out of the count
    with django_assert_max_num_queries(MAX_QUERIES):
        response = client.get(OVERDUE)
    body = response.content.decode()
    for person in outstanding:
        assert person.staff_number in body
    assert made.staff_number not in body
    assert stranger.staff_number not in body
    assert "1 of the 5 people who report to you have made it" in body
    # More reports cost no more queries.
    for _ in range(10):
        PersonFactory(line_manager=line_manager.person, org_unit=unit)
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(OVERDUE)


def test_psd_sees_every_unit_and_drills_into_one(
    client_for, caseworker, django_assert_max_num_queries
):
    north, south = OrgUnitFactory(name="North"), OrgUnitFactory(name="South")
    late = [PersonFactory(org_unit=north) for _ in range(3)]
    for person in [
        PersonFactory(org_unit=north),
        *(PersonFactory(org_unit=south) for _ in range(2)),
    ]:
        declaration_made(person)
    client = client_for(caseworker)
    client.get(COMPLETION)
    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get(COMPLETION).content.decode()
    assert "North" in body and "South" in body and "25%" in body
    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get(OVERDUE).content.decode()
    assert reverse("annual:unit_overdue", kwargs={"pk": north.pk}) in body
    assert reverse("annual:unit_overdue", kwargs={"pk": south.pk}) not in body
    with django_assert_max_num_queries(MAX_QUERIES):
        body = client.get(reverse("annual:unit_overdue", kwargs={"pk": north.pk})).content.decode()
    for person in late:
        assert person.staff_number in body


def test_a_psd_decision_maker_publishes_a_version(client_for, psd_head):
    response = client_for(psd_head).post(
        reverse("annual:policy_new"),
        {
            "kind": "associations",
            "version": "3.0",
            "title": "Notifiable associations",
            "summary": "Declare any association that could compromise you.",
            "url": "https://intranet.example/associations-3",
            "published_on_day": "1",
            "published_on_month": "5",
            "published_on_year": "2025",
        },
    )
    assert response.status_code == 302
    assert PolicyVersion.objects.current().get(kind="associations").version == "3.0"
