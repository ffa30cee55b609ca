"""/healthz: a load balancer reads ok or error without signing in; which check failed, and the
worker's heartbeat, only a signed-in administrator reads."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from standards.core.health import HEARTBEAT_STALE_SECONDS
from standards.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client_for, administrator) -> Client:
    return client_for(administrator)


def test_anonymous_callers_learn_only_ok(client):
    WorkerHeartbeat.objects.create(worker="worker-1", beat_at=timezone.now())

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    # A cached "ok" would hide an outage from the load balancer.
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {"status": "ok"}


def test_anonymous_callers_learn_only_error(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "error"}


@pytest.mark.parametrize("persona", ["caseworker", "auditor", "ccu_head"])
def test_other_roles_learn_only_the_status(client_for, request, persona):
    response = client_for(request.getfixturevalue(persona)).get("/healthz")
    assert response.json() == {"status": "ok"}


def test_an_administrator_who_has_not_given_the_code_learns_only_the_status(administrator):
    client = Client()
    client.force_login(administrator, backend="django.contrib.auth.backends.ModelBackend")
    assert client.get("/healthz").json() == {"status": "ok"}


def test_healthy_service_shows_its_checks_to_an_administrator(admin_client):
    WorkerHeartbeat.objects.create(worker="worker-1", beat_at=timezone.now())

    response = admin_client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == {"ok": True, "detail": "postgresql"}
    assert body["checks"]["redis"] == {"ok": True, "detail": "ping ok"}
    assert body["checks"]["worker"]["ok"] is True


def test_unreachable_redis_answers_503_and_names_it(admin_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1

    response = admin_client.get("/healthz")

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["redis"]["ok"] is False
    assert body["checks"]["redis"]["detail"] == "ConnectionError"
    assert body["checks"]["database"]["ok"] is True


def test_no_heartbeat_is_reported_but_keeps_the_web_in_service(admin_client):
    response = admin_client.get("/healthz")

    # A stopped worker must not take the web containers out of the load balancer.
    assert response.status_code == 200
    assert response.json()["checks"]["worker"] == {"ok": False, "detail": "no heartbeat recorded"}


def test_stale_heartbeat_is_reported(admin_client):
    beat_at = timezone.now() - timedelta(seconds=HEARTBEAT_STALE_SECONDS + 60)
    WorkerHeartbeat.objects.create(worker="worker-1", beat_at=beat_at)

    response = admin_client.get("/healthz")

    assert response.status_code == 200
    worker = response.json()["checks"]["worker"]
    assert worker["ok"] is False
    assert worker["detail"].startswith(f"last heartbeat {HEARTBEAT_STALE_SECONDS + 60}")


def test_newest_heartbeat_of_several_workers_counts(admin_client):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker="old-host", beat_at=now - timedelta(days=2))
    WorkerHeartbeat.objects.create(worker="new-host", beat_at=now - timedelta(seconds=30))

    response = admin_client.get("/healthz")

    assert response.json()["checks"]["worker"]["ok"] is True


def test_health_check_refuses_writes(client):
    assert client.post("/healthz").status_code == 405
