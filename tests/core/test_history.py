"""Every domain model keeps its history (django-simple-history): who changed what, when, why."""

from __future__ import annotations

from django.apps import apps
from simple_history.models import registered_models

PROJECT_PACKAGES = ("standards", "registers", "complaints", "ccu")

# Models that are not domain data, with the reason they carry no history.
NOT_DOMAIN = {
    "core.WorkerHeartbeat": "operational liveness of the Celery worker, overwritten every minute",
    "notifications.Notification": "an in-app notice: written once, only its read flag changes",
    "access.AccessLogEntry": "the append-only access log: its rows never change, so never version",
    "access.AccessLogDetail": "the access log's append-only companion: never changes either",
}


def _project_models():
    for model in apps.get_models():
        if model.__module__.startswith(PROJECT_PACKAGES):
            yield model


def test_every_domain_model_has_history():
    tracked = set(registered_models.values())
    missing = []
    for model in _project_models():
        label = f"{model._meta.app_label}.{model.__name__}"
        if model.__name__.startswith("Historical") or label in NOT_DOMAIN:
            continue
        if model not in tracked:
            missing.append(label)
    assert not missing, f"models without django-simple-history: {missing}"


def test_the_walk_sees_the_project_models():
    labels = {f"{m._meta.app_label}.{m.__name__}" for m in _project_models()}
    assert {"people.Person", "people.OrgUnit", "accounts.User"} <= labels


def test_exemptions_name_real_models():
    labels = {f"{m._meta.app_label}.{m.__name__}" for m in _project_models()}
    assert set(NOT_DOMAIN) <= labels
