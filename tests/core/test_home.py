"""Each role's home page shows that role's panels and nothing of the others'."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tests.people.factories import PersonFactory
from tests.registers.associations.factories import AssociationFactory

pytestmark = pytest.mark.django_db

PANELS = {"me", "queues", "team", "directory", "board", "admin", "audit"}

EXPECTED = {
    "staff_member": {"me"},
    "line_manager": {"me", "queues", "team"},
    "caseworker": {"me", "queues", "directory"},
    "psd_head": {"me", "queues", "directory"},
    "ccu_analyst": {"me", "queues", "directory"},
    "ccu_head": {"me", "queues", "directory"},
    "board_member": {"me", "queues", "board"},
    "administrator": {"me", "admin"},
    "auditor": {"me", "audit"},
}


@pytest.mark.parametrize(("persona", "panels"), EXPECTED.items())
def test_home_shows_the_panels_of_the_roles_held(client_for, request, persona, panels):
    user = request.getfixturevalue(persona)
    body = client_for(user).get("/").content.decode()
    shown = {p for p in PANELS if f'data-testid="panel-{p}"' in body}
    assert shown == panels


def test_line_manager_sees_their_direct_reports_only(client_for, line_manager):
    mine = PersonFactory.create_batch(3, line_manager=line_manager.person)
    other = PersonFactory()
    body = client_for(line_manager).get("/").content.decode()
    for person in mine:
        assert person.last_name in body
    assert other.staff_number not in body
    assert "3 direct reports" in body


def test_board_sees_the_quarters_headline_figures_and_a_link_to_them_all(client_for, board_member):
    body = client_for(board_member).get("/").content.decode()
    assert "See all the board" in body
    assert "/board/?period=quarter&amp;quarter=" in body


def test_navigation_follows_role(client_for, staff_member, caseworker, administrator):
    assert "Staff directory" not in client_for(staff_member).get("/").content.decode()
    assert "Staff directory" in client_for(caseworker).get("/").content.decode()
    assert "Administration" in client_for(administrator).get("/").content.decode()


def test_identity_bar_names_the_person_and_roles(client_for, caseworker):
    body = client_for(caseworker).get("/").content.decode()
    assert caseworker.person.last_name in body
    assert "PSD caseworker" in body


def test_home_query_count_does_not_grow_with_team_size(
    client_for, line_manager, django_assert_max_num_queries
):
    team = PersonFactory.create_batch(60, line_manager=line_manager.person)
    client = client_for(line_manager)
    with django_assert_max_num_queries(14):
        response = client.get("/")
    body = response.content.decode()
    assert "60 direct reports" in body
    for person in team:
        assert f'href="/people/{person.pk}/"' in body


@pytest.mark.parametrize(
    ("persona", "shown", "hidden"),
    [
        (
            "staff_member",
            {"My declarations"},
            {"Gifts", "Associations", "Counter corruption", "Integrity board"},
        ),
        (
            "caseworker",
            {"Gifts", "Business interests"},
            {"Associations", "Counter corruption", "Integrity board"},
        ),
        ("psd_head", {"Gifts", "Integrity board"}, {"Associations", "Counter corruption"}),
        (
            "ccu_analyst",
            {"Gifts", "Associations", "Counter corruption"},
            {"Access log", "CCU audit"},
        ),
        ("ccu_head", {"Counter corruption", "CCU audit", "Integrity board"}, {"Access log"}),
        ("board_member", {"Review queues", "Integrity board"}, {"Gifts", "Associations"}),
        ("auditor", {"Access log"}, {"Gifts", "Review queues", "CCU audit"}),
    ],
)
def test_each_role_has_its_own_navigation(client_for, request, persona, shown, hidden):
    body = client_for(request.getfixturevalue(persona)).get("/").content.decode()
    nav = body.split('aria-label="Primary navigation"')[1].split("</nav>")[0]
    for label in shown:
        assert f">{label}</a>" in nav
    for label in hidden:
        assert f">{label}</a>" not in nav


def test_an_overdue_count_on_home_is_the_number_marked_overdue_in_its_list(client_for, ccu_analyst):
    late = timezone.now() - dt.timedelta(days=40)
    AssociationFactory.create_batch(2, submitted_at=late)
    AssociationFactory()
    client = client_for(ccu_analyst)
    home = client.get("/").content.decode()
    item = home.split("Notifiable associations awaiting assessment")[1].split("</li>")[0]
    assert "3, 2 overdue" in item
    url = home.split("Notifiable associations awaiting assessment")[0].rsplit('href="', 1)[1]
    listing = client.get(url.split('"')[0]).content.decode()
    awaiting = listing.split('data-testid="queue-awaiting"')[1].split("</table>")[0]
    assert awaiting.count("govuk-tag--red") == 2
