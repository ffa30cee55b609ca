"""One workforce: the home page, the board and the directory count the same people (serving
today, with or without a login); people who have left are found only when asked for."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from standards.people.selectors import workforce
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

YESTERDAY = dt.date.today() - dt.timedelta(days=1)
TOMORROW = dt.date.today() + dt.timedelta(days=1)


@pytest.fixture
def force(db):
    """Serving people (one leaving tomorrow, one without a login) and two who have left."""
    serving = PersonFactory.create_batch(3, last_name="Quennell")
    serving.append(PersonFactory(last_name="Quennell", leave_date=TOMORROW))
    left = [PersonFactory(last_name="Quennell", leave_date=d) for d in (YESTERDAY, dt.date.today())]
    return serving, left


def _number(pattern: str, body: str) -> int:
    match = re.search(pattern, body)
    assert match, pattern
    return int(match.group(1))


def test_the_workforce_is_everyone_serving_on_the_day(force):
    serving, left = force
    assert set(workforce()) >= set(serving)
    assert not set(workforce()) & set(left)
    assert left[0] in workforce(on=YESTERDAY - dt.timedelta(days=1))


def test_the_home_page_and_the_directory_give_the_same_number(client_for, caseworker, force):
    client = client_for(caseworker)
    home = client.get("/").content.decode()
    directory = client.get("/people/").content.decode()
    on_home = _number(r"(\d+) serving members? of the workforce</a>", home)
    in_directory = _number(r"(\d+) serving members? of the workforce", directory)
    assert on_home == in_directory == workforce().count()


def test_the_board_counts_the_same_workforce(client_for, board_member, caseworker, force):
    board = client_for(board_member).get("/").content.decode()
    assert _number(r"Serving workforce: (\d+)", board) == workforce().count()


def test_a_search_of_the_workforce_says_who_has_left_and_how_to_find_them(
    client_for, caseworker, force
):
    serving, left = force
    client = client_for(caseworker)
    body = client.get("/people/", {"q": "quennell"}).content.decode()
    assert "4 serving members of the workforce match" in body
    for person in serving:
        assert person.staff_number in body
    for person in left:
        assert person.staff_number not in body
    assert "2 people who have left also match" in body
    assert "leavers=yes" in body

    everyone = client.get("/people/", {"q": "quennell", "leavers": "yes"}).content.decode()
    assert "6 people match" in everyone
    assert "including people who have left" in everyone
    for person in left:
        assert person.staff_number in everyone
    assert 'data-testid="leavers-matching"' not in everyone
