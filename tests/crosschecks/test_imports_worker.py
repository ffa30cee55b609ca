"""A large file is imported by a real Celery worker, and its progress reaches 100%."""

from __future__ import annotations

import threading
import time

import pytest
import tablib
from django.core.cache import cache
from django.db import connections, transaction
from django.urls import reverse

# The worker knows the tasks imported when it starts; registers.crosschecks.tasks imports this
# one in production (so the worker process finds it), this makes sure of it here.
from registers.crosschecks.imports.tasks import import_batch  # noqa: F401
from registers.crosschecks.models import ExpenseClaim, ImportBatch, ImportStatus
from registers.crosschecks.services import imports
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.core.test_celery import embedded_worker  # noqa: F401 - the fixture
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")


@pytest.mark.celery_worker
def test_a_large_file_is_imported_by_a_worker_with_progress(
    embedded_worker,  # noqa: F811 - the fixture imported above
    settings,
    tmp_path,
    client_for,
):
    settings.CROSSCHECK_IMPORT_ROOT = tmp_path / "imports"
    settings.CROSSCHECK_IMPORT_INLINE_ROWS = 100
    user = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    PersonFactory(staff_number="700001")
    rows = [
        ["700001", f"2025-01-{1 + n % 28:02d}", f"{n}.00", f"Payee {n}", "Taxi", "Travel"]
        for n in range(1, 1301)
    ]
    data = (
        tablib.Dataset(
            *rows, headers=["Staff number", "Date", "Amount", "Payee", "Purpose", "Category"]
        )
        .export("csv")
        .encode()
    )
    batch = imports.import_upload(kind="expenses", data=data, file_name="e.csv", acting_user=user)
    batch = imports.import_map(batch=batch, mapping=batch.mapping, acting_user=user)
    seen: list[int] = []
    # The worker runs in its own thread, with its own cache connection: record on the class.
    backend = type(cache._connections[cache._alias])
    original = backend.set

    def recording_set(self, key, value, *args, **kwargs):
        if key == imports.progress_key(batch.pk):
            seen.append(value)
        return original(self, key, value, *args, **kwargs)

    backend.set = recording_set
    try:
        imports.import_start(batch=batch, acting_user=user)  # commits: the worker is queued
        assert batch.status == ImportStatus.QUEUED
        client = client_for(user)
        url = reverse("crosschecks:import_progress", args=[batch.pk])
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            progress = client.get(url).json()
            if progress["finished"]:
                break
            time.sleep(0.2)
    finally:
        backend.set = original

    assert progress == {
        "status": "imported", "status_label": "Imported", "rows_done": 1300,
        "rows_total": 1300, "percent": 100, "finished": True,
    }  # fmt: skip
    assert ExpenseClaim.objects.count() == 1300
    # The running count went up in steps while the import's transaction was open.
    assert seen[0] == 0 and seen[-1] == 1300 and 500 in seen and 1000 in seen


@pytest.mark.django_db(transaction=True)
def test_a_batch_another_worker_holds_is_retried_not_imported_twice(
    settings, tmp_path, monkeypatch
):
    settings.CROSSCHECK_IMPORT_ROOT = tmp_path / "imports"
    settings.CROSSCHECK_IMPORT_INLINE_ROWS = 1
    user = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    PersonFactory(staff_number="700002")
    data = (
        tablib.Dataset(
            ["700002", "2025-01-01", "5.00", "Taxi Co", "Taxi"],
            ["700002", "2025-01-02", "6.00", "Taxi Co", "Taxi"],
            headers=["Staff number", "Date", "Amount", "Payee", "Purpose"],
        )
        .export("csv")
        .encode()
    )
    batch = imports.import_upload(kind="expenses", data=data, file_name="e.csv", acting_user=user)
    batch = imports.import_map(batch=batch, mapping=batch.mapping, acting_user=user)
    # No broker here: the test plays both workers itself.
    monkeypatch.setattr(import_batch, "delay_on_commit", lambda batch_id: None)
    imports.import_start(batch=batch, acting_user=user)
    assert batch.status == ImportStatus.QUEUED
    held, release = threading.Event(), threading.Event()

    def other_worker():
        # Another worker, on its own connection, in the middle of importing this batch.
        with transaction.atomic():
            ImportBatch.objects.select_for_update().get(pk=batch.pk)
            held.set()
            release.wait(timeout=30)
        connections.close_all()

    thread = threading.Thread(target=other_worker)
    thread.start()
    try:
        assert held.wait(timeout=30)
        with pytest.raises(imports.ImportBusy):
            imports.import_batch_run(batch_id=batch.pk)
        assert ExpenseClaim.objects.count() == 0
    finally:
        release.set()
        thread.join()
    assert imports.import_batch_run(batch_id=batch.pk) is True
    assert imports.import_batch_run(batch_id=batch.pk) is False
    assert ExpenseClaim.objects.count() == 2
