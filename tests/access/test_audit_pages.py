"""The auditor's pages: search and export the access log; nobody else may; no case content."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from standards.access.models import AccessAction, AccessLogEntry, Area

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
            {"date_from": (timezone.now() - dt.timedelta(days=2)).date().isoformat()},
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
        assert client.get(LOG).status_code == 200
