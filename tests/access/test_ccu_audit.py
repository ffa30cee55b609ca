"""What the auditor can join up: every row a CCU member writes, or about CCU material, is opaque
to the auditor; the full details are in an append-only companion that only the CCU head reads."""

from __future__ import annotations

import csv
import io
import sqlite3

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from standards.access.audit import OPAQUE_VIEW_NAME, opaque_ref
from standards.access.models import AccessAction, AccessLogDetail, AccessLogEntry, Area
from tests.people.factories import PersonFactory
from tests.registers.associations.factories import AssociationFactory

pytestmark = pytest.mark.django_db

AUDIT_LOG = reverse("audit:access_log")
AUDIT_EXPORT = reverse("audit:access_log_export")
CCU_LOG = reverse("audit:ccu_log")
CCU_EXPORT = reverse("audit:ccu_log_export")


def _person_page(person) -> str:
    return reverse("people:detail", kwargs={"pk": person.pk})


@pytest.fixture
def followed(client_for, ccu_analyst):
    """A CCU analyst reads an association, follows it to the declarant's directory page, and
    searches the directory for the declarant's name."""
    person = PersonFactory(first_name="Marguerite", last_name="Pendlebury", staff_number="771234")
    association = AssociationFactory(declarant=person)
    client = client_for(ccu_analyst)
    assert (
        client.get(reverse("associations:detail", kwargs={"pk": association.pk})).status_code == 200
    )
    assert client.get(_person_page(person)).status_code == 200
    assert client.get(reverse("people:list"), {"q": "Pendlebury"}).status_code == 200
    return person, association


def _names(person) -> list[str]:
    return [
        person.first_name,
        person.last_name,
        person.staff_number,
        f"people.person:{person.pk}",
        f"Person {person.pk}",
        "people:detail",
        "associations:detail",
    ]


def test_the_auditor_cannot_tie_a_ccu_read_to_a_person(client_for, auditor, followed):
    person, _ = followed
    client = client_for(auditor)
    page = client.get(AUDIT_LOG).content.decode()
    export = client.get(AUDIT_EXPORT).content.decode()

    assert "ccu.analyst" in page  # the auditor still sees who read, when, and how often
    for text in _names(person):
        assert text not in page, text
        assert text not in export, text
    rows = list(csv.DictReader(io.StringIO(export)))
    analyst_rows = [row for row in rows if row["username"] == "ccu.analyst"]
    assert len(analyst_rows) == 3
    assert {row["area"] for row in analyst_rows} == {"ccu"}
    assert {row["view_name"] for row in analyst_rows} == {OPAQUE_VIEW_NAME}
    assert {row["search_terms"] for row in analyst_rows} == {""}
    assert {row["record_label"] for row in analyst_rows} == {""}
    assert {row["request_id"] for row in analyst_rows} == {""}
    assert opaque_ref(person) in {row["record_ref"] for row in analyst_rows}


def test_a_ccu_members_rows_keep_nothing_but_the_opaque_reference(ccu_analyst, followed):
    person, association = followed
    rows = AccessLogEntry.objects.filter(user=ccu_analyst)
    assert rows.count() == 3
    for row in rows:
        assert (row.area, row.view_name) == (Area.CCU, OPAQUE_VIEW_NAME)
        assert row.content_type_id is None and row.object_id == ""
        assert row.record_label == "" and row.search_terms == "" and row.request_id == ""
    person_row = rows.get(record_ref=opaque_ref(person))
    # The companion keeps what the row does not, for the CCU head.
    detail = person_row.detail
    assert detail.area == Area.PEOPLE
    assert detail.view_name == "people:detail"
    assert detail.object_id == str(person.pk)
    assert "Pendlebury" in detail.record_label
    assert detail.request_id
    search = rows.get(action=AccessAction.SEARCH)
    assert search.detail.search_terms == "Pendlebury"
    assert search.result_count == 1
    assert rows.get(record_ref=opaque_ref(association)).detail.area == Area.CCU


def test_someone_outside_the_ccu_still_leaves_a_readable_row(client_for, caseworker):
    person = PersonFactory(last_name="Abernethy")
    client_for(caseworker).get(_person_page(person))
    row = AccessLogEntry.objects.get()
    assert row.area == Area.PEOPLE
    assert "Abernethy" in row.record_label
    assert not AccessLogDetail.objects.exists()


def test_the_auditors_pages_never_read_the_ccu_details(client_for, auditor, followed):
    client = client_for(auditor)
    with CaptureQueriesContext(connection) as queries:
        client.get(AUDIT_LOG)
        client.get(AUDIT_EXPORT)
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "access_accesslogdetail" in q["sql"]]


def test_the_ccu_head_sees_the_ccu_rows_in_full(client_for, ccu_head, followed):
    person, _ = followed
    client = client_for(ccu_head)
    response = client.get(CCU_LOG)
    body = response.content.decode()
    assert "Pendlebury" in body and "771234" in body
    assert opaque_ref(person) in body  # what the auditor sees beside it, to answer a query
    assert "Pendlebury" in [row.search_terms for row in response.context["page"]]

    for search in (f"Person {person.pk}", f"people.person:{person.pk}"):
        found = client.get(CCU_LOG, {"record": search}).context["page"]
        assert [row.record_ref for row in found] == [f"Person {person.pk}"]
    by_opaque = client.get(CCU_LOG, {"record": opaque_ref(person)}).context["page"]
    assert len(by_opaque) == 1

    export = client.get(CCU_EXPORT).content.decode()
    rows = list(csv.DictReader(io.StringIO(export)))
    person_rows = [row for row in rows if row["opaque_ref"] == opaque_ref(person)]
    assert len(person_rows) == 1
    assert "Pendlebury" in person_rows[0]["record_label"]
    assert person_rows[0]["view_name"] == "people:detail"


def test_the_ccu_log_holds_only_rows_opaque_to_the_auditor(client_for, ccu_head, caseworker):
    client_for(caseworker).get(_person_page(PersonFactory(last_name="Outsider")))
    body = client_for(ccu_head).get(CCU_LOG).content.decode()
    assert "Outsider" not in body


def test_reading_the_ccu_log_is_logged_opaquely(client_for, ccu_head, auditor):
    client_for(ccu_head).get(CCU_LOG, {"person": "ccu.analyst"})
    row = AccessLogEntry.objects.get(user=ccu_head)
    assert (row.action, row.area, row.view_name, row.search_terms) == (
        AccessAction.SEARCH,
        Area.CCU,
        OPAQUE_VIEW_NAME,
        "",
    )
    assert row.detail.view_name == "audit:ccu_log"
    assert row.detail.search_terms == "person=ccu.analyst"
    client_for(ccu_head).get(CCU_EXPORT)
    assert AccessLogEntry.objects.get(user=ccu_head, action=AccessAction.DISCLOSURE).area == "ccu"
    assert "audit:ccu_log" not in client_for(auditor).get(AUDIT_LOG).content.decode()


@pytest.mark.parametrize(
    "persona",
    [
        "auditor",
        "ccu_analyst",
        "staff_member",
        "caseworker",
        "psd_head",
        "board_member",
        "administrator",
    ],
)
def test_nobody_but_the_ccu_head_reaches_the_ccu_log(client_for, request, persona):
    client = client_for(request.getfixturevalue(persona))
    assert client.get(CCU_LOG).status_code == 404
    assert client.get(CCU_EXPORT).status_code == 404


# --- the companion is append-only, like the log ----------------------------------------------


def _detail() -> AccessLogDetail:
    entry = AccessLogEntry.objects.create(
        username="ccu.analyst", action=AccessAction.CONSULTATION, area=Area.CCU
    )
    return AccessLogDetail.objects.create(
        entry=entry, area=Area.PEOPLE, record_label="Someone (100001)"
    )


def test_orm_refuses_to_change_or_delete_a_detail():
    detail = _detail()
    detail.record_label = "tampered"
    with pytest.raises(TypeError):
        detail.save()
    with pytest.raises(TypeError):
        detail.delete()
    with pytest.raises(TypeError):
        AccessLogDetail.objects.filter(pk=detail.pk).update(record_label="x")
    with pytest.raises(TypeError):
        AccessLogDetail.objects.filter(pk=detail.pk).delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_accesslogdetail SET record_label = 'tampered'",
        "DELETE FROM access_accesslogdetail",
    ],
)
def test_raw_sql_cannot_change_or_delete_a_detail(statement):
    assert connection.vendor == "postgresql"
    detail = _detail()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert AccessLogDetail.objects.get(pk=detail.pk).record_label == "Someone (100001)"


@pytest.mark.parametrize("statement", ["UPDATE {t} SET record_label = 'x'", "DELETE FROM {t}"])
def test_the_sqlite_triggers_refuse_changes_too(statement):
    """The demo runs on SQLite: the migration's triggers for it, on a table of the same name."""
    from importlib import import_module

    migration = import_module("standards.access.migrations.0005_access_log_detail")
    assert migration.TABLE == "access_accesslogdetail"
    database = sqlite3.connect(":memory:")
    database.execute("CREATE TABLE access_accesslogdetail (entry_id INTEGER, record_label TEXT)")
    database.execute("INSERT INTO access_accesslogdetail VALUES (1, 'kept')")
    for trigger in migration.SQLITE_UP:
        database.execute(trigger)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        database.execute(statement.format(t="access_accesslogdetail"))
    kept = database.execute("SELECT record_label FROM access_accesslogdetail").fetchall()
    assert kept == [("kept",)]


@pytest.mark.django_db(transaction=True)
def test_a_row_and_its_details_are_written_together_or_not_at_all(
    client_for, ccu_analyst, monkeypatch
):
    person = PersonFactory(last_name="Halfwritten")

    def refuse(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AccessLogDetail, "save", refuse)
    client = client_for(ccu_analyst)
    client.raise_request_exception = False
    response = client.get(_person_page(person))
    assert response.status_code == 500
    assert "Halfwritten" not in response.content.decode()
    assert not AccessLogEntry.objects.filter(user=ccu_analyst).exists()
