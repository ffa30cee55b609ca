"""The access log: written on every read, append-only everywhere, and a precondition of serving."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from standards.access.audit import opaque_ref
from standards.access.models import AccessAction, AccessLogEntry, Area
from tests.ccu.factories import OperationFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _entry(**overrides) -> AccessLogEntry:
    fields = {"username": "someone", "action": AccessAction.CONSULTATION, "area": Area.PEOPLE}
    fields.update(overrides)
    return AccessLogEntry.objects.create(**fields)


def test_opening_a_person_writes_a_consultation_row(client_for, caseworker):
    person = PersonFactory(last_name="Abernethy")
    client_for(caseworker).get(reverse("people:detail", kwargs={"pk": person.pk}))
    entry = AccessLogEntry.objects.get(action=AccessAction.CONSULTATION)
    assert entry.user == caseworker
    assert entry.record_ref == f"Person {person.pk}"
    assert "Abernethy" in entry.record_label
    assert entry.view_name == "people:detail"
    assert entry.request_id


def test_a_search_is_logged_with_its_terms_and_count(client_for, caseworker):
    PersonFactory.create_batch(3, last_name="Featherstone")
    client_for(caseworker).get(reverse("people:list"), {"q": "featherstone"})
    entry = AccessLogEntry.objects.get(action=AccessAction.SEARCH)
    assert entry.search_terms == "featherstone"
    assert entry.result_count == 3


def test_a_refused_read_is_not_logged_as_a_read(client_for, staff_member):
    person = PersonFactory()
    client_for(staff_member).get(reverse("people:detail", kwargs={"pk": person.pk}))
    assert not AccessLogEntry.objects.filter(action=AccessAction.CONSULTATION).exists()


def test_ccu_rows_hold_only_an_opaque_reference(client_for, ccu_head):
    operation = OperationFactory(code_name="Operation LAPWING", opened_by=ccu_head)
    client = client_for(ccu_head)
    url = reverse("ccu:operation_detail", kwargs={"pk": operation.pk})
    client.post(url, {"justification": "Supervising the unit's caseload this week"})
    client.get(url)
    rows = AccessLogEntry.objects.filter(area=Area.CCU).exclude(action=AccessAction.SEARCH)
    assert rows.count() == 2
    for row in rows:
        assert row.record_ref == opaque_ref(operation)
        assert row.content_type_id is None
        assert row.object_id == ""
        assert row.record_label == ""
        assert "LAPWING" not in row.record_ref


def test_orm_refuses_to_change_or_delete_a_row():
    entry = _entry()
    entry.username = "someone else"
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(username="x")
    with pytest.raises(TypeError):
        AccessLogEntry.objects.filter(pk=entry.pk).delete()


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE access_accesslogentry SET username = 'tampered'",
        "DELETE FROM access_accesslogentry",
    ],
)
def test_raw_sql_cannot_change_or_delete_rows(statement):
    assert connection.vendor == "postgresql"
    entry = _entry()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    entry.refresh_from_db()
    assert entry.username == "someone"


def test_page_is_not_served_when_the_log_cannot_be_written(client_for, caseworker, monkeypatch):
    person = PersonFactory(last_name="Unloggable")

    def refuse(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(AccessLogEntry, "save", refuse)
    client = client_for(caseworker)
    client.raise_request_exception = False
    response = client.get(reverse("people:detail", kwargs={"pk": person.pk}))
    assert response.status_code == 500
    assert "Unloggable" not in response.content.decode()
