"""The auditor's pages: search and export the access log; nobody else may; no case content."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from standards.access.audit import _PAGE_NAMES, register_page_names
from standards.access.models import AccessAction, AccessLogEntry, Area
from tests.form_data import date_parts
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import GiftFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db

LOG = reverse("audit:access_log")
EXPORT = reverse("audit:access_log_export")


@pytest.fixture
def entries(caseworker, ccu_analyst):
    now = timezone.now()
    rows = [
        AccessLogEntry.objects.create(
            user=caseworker,
            username=caseworker.username,
            action=AccessAction.CONSULTATION,
            area=Area.PEOPLE,
            record_ref="people.person:41",
            record_label="PC Hollis Brandt (100041)",
            at=now - dt.timedelta(days=3),
        ),
        AccessLogEntry.objects.create(
            user=ccu_analyst,
            username=ccu_analyst.username,
            action=AccessAction.CONSULTATION,
            area=Area.CCU,
            record_ref="CCU-0123456789ABCDEF",
            at=now - dt.timedelta(days=1),
        ),
        AccessLogEntry.objects.create(
            user=caseworker,
            username=caseworker.username,
            action=AccessAction.SEARCH,
            area=Area.PEOPLE,
            search_terms="=HYPERLINK(evil)",
            result_count=2,
            at=now,
        ),
    ]
    return rows


def test_auditor_sees_the_log(client_for, auditor, entries):
    body = client_for(auditor).get(LOG).content.decode()
    assert "CCU-0123456789ABCDEF" in body
    assert "people.person:41" in body


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"person": "ccu.analyst"}, {"CCU-0123456789ABCDEF"}),
        ({"record": "people.person:41"}, {"people.person:41"}),
        ({"action": "search"}, {""}),
        (
            date_parts("date_from", timezone.localdate() - dt.timedelta(days=2)),
            {"CCU-0123456789ABCDEF", ""},
        ),
    ],
)
def test_auditor_filters_by_person_record_action_and_date(
    client_for, auditor, entries, params, expected
):
    page = client_for(auditor).get(LOG, params).context["page"]
    assert {row.record_ref for row in page} == expected


def test_export_is_csv_logged_as_disclosure_and_formula_safe(client_for, auditor, entries):
    response = client_for(auditor).get(EXPORT, {"person": "psd.caseworker"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {row["record_ref"] for row in rows} == {"people.person:41", ""}
    assert all(not row["search_terms"].startswith("=") for row in rows)
    disclosure = AccessLogEntry.objects.get(action=AccessAction.DISCLOSURE)
    assert disclosure.user == auditor
    assert disclosure.result_count == 2


@pytest.mark.parametrize(
    "persona",
    ["staff_member", "caseworker", "psd_head", "ccu_head", "board_member", "administrator"],
)
def test_nobody_else_reaches_the_log(client_for, request, persona, entries):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(LOG).status_code == 404
    assert client.get(EXPORT).status_code == 404


def test_log_list_query_count_is_fixed(
    client_for, auditor, caseworker, django_assert_max_num_queries
):
    for _ in range(60):
        AccessLogEntry.objects.create(
            user=caseworker, username=caseworker.username, action="consultation", area="people"
        )
    client = client_for(auditor)
    with django_assert_max_num_queries(12):
        response = client.get(LOG)
    body = response.content.decode()
    assert "60 entries" in body
    table = body.split('data-testid="access-log"')[1].split("</table>")[0]
    assert table.count('<td class="govuk-table__cell">psd.caseworker</td>') == 60


# --- the access log in words -------------------------------------------------------------------


def test_records_are_logged_and_found_by_their_own_reference(client_for, psd_head, auditor):
    interest = BusinessInterestFactory()
    gift = GiftFactory()
    person = PersonFactory()
    reader = client_for(psd_head)
    reader.get(reverse("interests:detail", kwargs={"pk": interest.pk}))
    reader.get(reverse("gifts:detail", kwargs={"pk": gift.pk}))
    reader.get(reverse("people:detail", kwargs={"pk": person.pk}))
    refs = set(AccessLogEntry.objects.values_list("record_ref", flat=True))
    assert {interest.reference, gift.reference, f"Person {person.pk}"} <= refs
    assert interest.reference.startswith("BI-") and gift.reference.startswith("GH-")

    client = client_for(auditor)
    assert interest.reference in client.get(LOG).content.decode()
    for search, found in [
        (interest.reference, interest.reference),
        (interest.reference.lower(), interest.reference),
        (gift.reference, gift.reference),
        (f"person {person.pk}", f"Person {person.pk}"),
    ]:
        page = client.get(LOG, {"record": search}).context["page"]
        assert [row.record_ref for row in page] == [found]
    # The older "app.model:pk" form still finds the record, whichever way the row names it.
    legacy = client.get(LOG, {"record": f"interests.businessinterest:{interest.pk}"})
    assert [row.record_ref for row in legacy.context["page"]] == [interest.reference]


def test_pages_are_shown_by_name(client_for, auditor, caseworker, monkeypatch):
    for view_name in ("interests:detail", "my_gifts:detail"):
        AccessLogEntry.objects.create(
            user=caseworker,
            username=caseworker.username,
            action=AccessAction.CONSULTATION,
            area=Area.REGISTERS,
            view_name=view_name,
        )
    body = client_for(auditor).get(LOG).content.decode()
    assert "Business interests: detail" in body
    assert "My gifts: detail" in body
    assert "interests:detail" not in body

    monkeypatch.setitem(_PAGE_NAMES, "interests:detail", "A business interest")
    register_page_names({"interests:detail": "A business interest"})
    body = client_for(auditor).get(LOG).content.decode()
    assert "A business interest" in body and "Business interests: detail" not in body


def test_search_terms_are_shown_in_words(client_for, auditor, caseworker):
    AccessLogEntry.objects.create(
        user=caseworker,
        username=caseworker.username,
        action=AccessAction.SEARCH,
        area=Area.REGISTERS,
        search_terms="status=approved&person=smith&page=2&interest_type=",
        result_count=4,
    )
    body = client_for(auditor).get(LOG, {"action": "search", "person": "psd.caseworker"})
    text = body.content.decode()
    assert "Searched for: status: approved, person: smith" in text
    assert "status=approved" not in text


def test_the_date_filters_take_day_month_year(client_for, auditor, entries):
    two_days_ago = timezone.localdate() - dt.timedelta(days=2)
    response = client_for(auditor).get(LOG, date_parts("date_from", two_days_ago))
    assert {row.record_ref for row in response.context["page"]} == {"CCU-0123456789ABCDEF", ""}
    body = response.content.decode()
    assert 'name="date_from_day"' in body and "govuk-date-input" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (date_parts("date_from", typed=("31", "2", "2026")), "Date from must be a real date"),
        (date_parts("date_to", typed=("1", "", "2026")), "Date to must include a month"),
        (date_parts("date_from", typed=("1", "1", "1999")), "Date from must be 1 January 2020"),
        (
            date_parts("date_from", dt.date(2026, 6, 10))
            | date_parts("date_to", dt.date(2026, 6, 1)),
            "Date to must be the same as or after date from",
        ),
        ({"action": "shredding"}, "Select an action from the list"),
    ],
)
def test_invalid_filters_say_what_is_wrong(client_for, auditor, entries, params, message):
    client = client_for(auditor)
    response = client.get(LOG, params)
    body = response.content.decode()
    assert "govuk-error-summary" in body and "There is a problem" in body
    assert body.count(message) == 2  # in the summary and beside the field
    assert "Correct the filters to see the log" in body
    assert 'data-testid="access-log"' not in body
    export = client.get(EXPORT, params)
    assert export.status_code == 302
    assert export["Location"].startswith(LOG)
