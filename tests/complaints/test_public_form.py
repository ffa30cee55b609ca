"""The public complaint form (/public/complaints/): no sign-in, answers kept in the session until
sent, every answer checked with a GOV.UK error summary, sending limited per address on the real
Redis cache, and the reference shown in a panel and e-mailed once stored."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.models import Channel, Intake, IntakeStatus
from complaints.views_public import ANSWERS, SUBMIT_RATE

pytestmark = pytest.mark.django_db

START = reverse("public_complaints:start")
ABOUT = reverse("public_complaints:about_you")
WHAT = reverse("public_complaints:what_happened")
CHECK = reverse("public_complaints:check")
SENT = reverse("public_complaints:sent")

ABOUT_YOU = {
    "name": "Jon Smith",
    "email": "jon.smith@example.org",
    "phone": "07700 900123",
    "address": "1 Station Road\nMiddlesbrough",
    "postcode": "ts1 2ab",
    "contact_preference": "email",
    "adjustments": "",
}


def _what_happened(day: dt.date | None = None) -> dict:
    day = day or timezone.localdate() - dt.timedelta(days=2)
    return {
        "incident_date_day": str(day.day),
        "incident_date_month": str(day.month),
        "incident_date_year": str(day.year),
        "incident_place": "Middlesbrough bus station",
        "officers_named": "PC 4471",
        "what_happened": "An officer pushed me and laughed when I asked why.",
        "outcome_wanted": "An apology.",
    }


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    """The real Redis cache, with keys no other test (or earlier run) has counted in."""
    settings.CACHES = {
        "default": {
            **settings.CACHES["default"],
            "KEY_PREFIX": f"test-intake-{uuid.uuid4().hex}",
        }
    }
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def _answered(client: Client) -> Client:
    assert client.post(ABOUT, ABOUT_YOU).status_code == 302
    assert client.post(WHAT, _what_happened()).status_code == 302
    return client


def test_the_pages_need_no_sign_in(client):
    for url in (START, ABOUT, WHAT):
        response = client.get(url)
        assert response.status_code == 200
        assert b"OFFICIAL-SENSITIVE" not in response.content  # not the staff service's frame


def test_a_complaint_from_start_to_reference(client, django_capture_on_commit_callbacks):
    response = client.post(ABOUT, ABOUT_YOU)
    assert response["Location"] == WHAT
    response = client.post(WHAT, _what_happened())
    assert response["Location"] == CHECK
    assert not Intake.objects.exists()  # nothing stored before it is sent

    check = client.get(CHECK)
    assert check.status_code == 200
    page = check.content.decode()
    for answer in ("Jon Smith", "jon.smith@example.org", "TS1 2AB", "Middlesbrough bus station"):
        assert answer in page

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHECK)
    assert response["Location"] == SENT
    intake = Intake.objects.get()
    assert intake.channel == Channel.ONLINE
    assert intake.status == IntakeStatus.NEW
    assert intake.recorded_by is None
    assert intake.incident_date == timezone.localdate() - dt.timedelta(days=2)

    sent = client.get(SENT)
    assert intake.reference in sent.content.decode()
    assert b"govuk-panel--confirmation" in sent.content
    assert b"What happens next" in sent.content
    [message] = mail.outbox
    assert intake.reference in message.body
    # The answers are gone from the session once sent: a second send cannot duplicate it.
    assert ANSWERS not in client.session
    assert client.post(CHECK).status_code == 200
    assert Intake.objects.count() == 1


def test_changing_an_answer_comes_back_to_check(client):
    _answered(client)
    response = client.post(ABOUT, {**ABOUT_YOU, "name": "Jonathan Smith"})
    assert response["Location"] == CHECK
    assert "Jonathan Smith" in client.get(CHECK).content.decode()
    # The page shows the answers given when it is opened again.
    assert 'value="Jonathan Smith"' in client.get(ABOUT).content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"name": ""}, "Enter your full name"),
        ({"email": "not-an-address"}, "Enter an e-mail address in the correct format"),
        ({"email": ""}, "Enter an e-mail address, or choose another way"),
        ({"contact_preference": ""}, "Select how we should contact you"),
        ({"contact_preference": "letter", "address": ""}, "Enter a postal address"),
        ({"phone": "call me"}, "Enter a phone number, like"),
        ({"postcode": "NOWHERE"}, "Enter a real postcode"),
        ({"name": "<b>Jon</b>"}, ""),
    ],
)
def test_about_you_is_checked(client, changes, message):
    response = client.post(ABOUT, {**ABOUT_YOU, **changes})
    assert response.status_code == 200
    page = response.content.decode()
    assert "There is a problem" in page
    assert message in page
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in page
    assert ANSWERS not in client.session


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"incident_date_day": ""}, "The date it happened must include a day"),
        ({"incident_date_month": "13"}, "The date it happened must be a real date"),
        ({"what_happened": ""}, "Tell us what happened"),
        ({"what_happened": "x" * 5001}, "What happened must be 5,000 characters or fewer"),
        ({"incident_place": ""}, "Enter where it happened"),
    ],
)
def test_what_happened_is_checked(client, changes, message):
    response = client.post(WHAT, {**_what_happened(), **changes})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_the_date_must_be_in_the_past(client):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    response = client.post(WHAT, _what_happened(tomorrow))
    assert "The date it happened must be today or in the past" in response.content.decode()


def test_check_without_answers_says_so_and_stores_nothing(client):
    response = client.get(CHECK)
    assert response.status_code == 200
    assert b"We could not find your answers" in response.content
    client.post(ABOUT, ABOUT_YOU)  # only half answered
    assert client.post(CHECK).status_code == 200
    assert not Intake.objects.exists()


def test_the_confirmation_without_a_complaint_says_so(client):
    response = client.get(SENT)
    assert response.status_code == 200
    assert b"We could not find your answers" in response.content


def test_sending_is_limited_per_address_and_the_limit_stores_nothing(
    django_capture_on_commit_callbacks,
):
    limit = int(SUBMIT_RATE.split("/")[0])
    address = "198.51.100.23"
    for _ in range(limit):
        client = _answered(Client(REMOTE_ADDR=address))
        assert client.post(CHECK)["Location"] == SENT
    assert Intake.objects.count() == limit

    client = _answered(Client(REMOTE_ADDR=address))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(CHECK)
    assert response.status_code == 429
    assert b"too many complaints" in response.content
    assert Intake.objects.count() == limit
    assert mail.outbox == [] or len(mail.outbox) == limit
    # Their answers are kept: they can send once the hour is up.
    assert ANSWERS in client.session

    # Another address is not held back by the first.
    other = _answered(Client(REMOTE_ADDR="203.0.113.9"))
    assert other.post(CHECK)["Location"] == SENT


def test_reading_the_pages_does_not_count_against_the_limit():
    client = _answered(Client(REMOTE_ADDR="198.51.100.77"))
    for _ in range(10):
        assert client.get(CHECK).status_code == 200
    assert client.post(CHECK)["Location"] == SENT


def test_no_cookie_but_the_session_and_csrf(client):
    client.get(START)
    client.get(ABOUT)
    client.post(ABOUT, ABOUT_YOU)
    assert set(client.cookies) <= {"sessionid", "csrftoken"}


def test_answers_are_limited_per_address_before_any_session_is_written():
    """Each answer a browser without a session sends would write a session row: past
    ``ANSWER_RATE`` an address is refused before the session is touched."""
    from django.contrib.sessions.models import Session

    from complaints.views_public import ANSWER_RATE

    limit = int(ANSWER_RATE.split("/")[0])
    address = "198.51.100.77"
    for _ in range(limit):
        assert Client(REMOTE_ADDR=address).post(ABOUT, ABOUT_YOU).status_code == 302
    sessions = Session.objects.count()
    for url, answers in ((ABOUT, ABOUT_YOU), (WHAT, _what_happened())):
        response = Client(REMOTE_ADDR=address).post(url, answers)
        assert response.status_code == 429
        assert b"too many answers" in response.content
    assert Session.objects.count() == sessions
    # Another address answers as before.
    assert Client(REMOTE_ADDR="198.51.100.78").post(ABOUT, ABOUT_YOU).status_code == 302
