"""Every domain model keeps its history (django-simple-history): who changed what, when, why."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import models
from simple_history.models import registered_models

from tests.people.factories import PersonFactory

PROJECT_PACKAGES = ("standards", "registers", "complaints", "ccu")

# Models that are not domain data, with the reason they carry no history.
NOT_DOMAIN = {
    "core.WorkerHeartbeat": "operational liveness of the Celery worker, overwritten every minute",
    "notifications.Notification": "an in-app notice: written once; only read and done change",
    "annual.DeclaringMember": "a view of Person: what the annual declaration's reminders hang off",
    "notifications.Reminder": "append-only: one row per reminder sent, never changed",
    "access.AccessLogEntry": "the append-only access log: its rows never change, so never version",
    "access.AccessLogDetail": "the access log's append-only companion: never changes either",
    # Cross-checks: imported rows are copies of another system's records, written once by an
    # import (whose batch is history-tracked) and never edited here.
    "crosschecks.Supplier": "an imported procurement row: written once, never edited",
    "crosschecks.Contract": "an imported procurement row: written once, never edited",
    "crosschecks.Bid": "an imported procurement row: written once, never edited",
    "crosschecks.DiaryEntry": "an imported diary row: written once, never edited",
    "crosschecks.ExpenseClaim": "an imported expense line: written once, never edited",
    "crosschecks.CrossCheckRun": "a run's own record, written only by the run as it goes",
    "crosschecks.RunChunk": "operational: which share of a run is done, by which worker",
    "crosschecks.Finding": "touched by every nightly run; decisions are FindingDecision rows",
    "crosschecks.PsdFinding": "a view of Finding",
    "crosschecks.CcuFinding": "a view of Finding",
    "crosschecks.FindingDecision": "append-only: a decision on a finding is never changed",
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


def test_a_change_reason_is_never_cut():
    """A rationale (a severity decision, a refusal) can run to paragraphs: the reason is a text
    field on every history table (SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD)."""
    reasons = [
        field
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.name == "history_change_reason"
    ]
    assert len(reasons) >= 10
    for field in reasons:
        assert isinstance(field, models.TextField), field.model._meta.label


@pytest.mark.django_db
def test_a_long_change_reason_is_kept_whole():
    person = PersonFactory()
    reason = "Moved to the Professional Standards Department after the review. " * 10
    person.first_name = "Renamed"
    person._change_reason = reason
    person.save()
    assert person.history.first().history_change_reason == reason
