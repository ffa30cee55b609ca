"""Nothing a signed-in person sees is kept by a browser or a proxy: Cache-Control: no-store."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and response.get("Pragma") == "no-cache"


def test_a_record_page_and_the_home_page_are_not_stored(client_for, caseworker):
    person = PersonFactory(last_name="Uncached")
    client = client_for(caseworker)
    record = client.get(reverse("people:detail", kwargs={"pk": person.pk}))
    assert "Uncached" in record.content.decode()
    assert _no_store(record)
    assert "private" in record["Cache-Control"]
    home = client.get(reverse("core:home"))
    assert home.status_code == 200 and _no_store(home)


def test_a_404_to_a_signed_in_user_is_not_stored_either(client_for, caseworker):
    response = client_for(caseworker).get(reverse("people:detail", kwargs={"pk": 999_999}))
    assert response.status_code == 404 and _no_store(response)


def test_a_response_that_carries_or_sets_a_session_is_not_stored(client, client_for, caseworker):
    client.cookies[settings.SESSION_COOKIE_NAME] = "stale-session"
    assert _no_store(client.get(reverse("accounts:sign_in")))
    # Signing out ends the session: the response deletes the cookie and is not stored.
    signed_in = client_for(caseworker)
    response = signed_in.post(reverse("accounts:sign_out"))
    assert settings.SESSION_COOKIE_NAME in response.cookies
    assert _no_store(response)


def test_anonymous_public_pages_and_static_files_stay_cacheable(client, client_for, caseworker):
    public = client.get(reverse("public_gifts:register"))
    assert public.status_code == 200
    assert not _no_store(public)
    stylesheet = client_for(caseworker).get(static("css/standards.css"))
    assert stylesheet.status_code == 200
    assert "no-store" not in stylesheet.get("Cache-Control", "")
