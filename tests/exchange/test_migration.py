"""The move of intelligence checks from the CCU's tables to the exchange's (ccu 0004-0005) keeps
every check and every row of its history, with their ids, and the next check gets a new id."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from standards.exchange.models import CheckAnswer, IntelligenceCheck
from tests.accounts.factories import UserFactory
from tests.registers.interests.factories import BusinessInterestFactory

BEFORE = [("ccu", "0003_operation_listing_index")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def _latest():
    executor = MigrationExecutor(connection)
    return executor.loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True)
def test_checks_move_to_the_exchange_with_their_history():
    interest = BusinessInterestFactory()
    caseworker, analyst = UserFactory(person=None), UserFactory(person=None)
    old_apps = _migrate(BEFORE)
    try:
        old = old_apps.get_model("ccu", "IntelligenceCheck")
        old_history = old_apps.get_model("ccu", "HistoricalIntelligenceCheck")
        asked = timezone.now()
        check = old.objects.create(
            id=41,
            subject_id=interest.declarant_id,
            purpose="Business interest application: secondary employment",
            requested_by_id=caseworker.pk,
            requested_at=asked,
            business_interest_id=interest.pk,
            answer=CheckAnswer.TRACE,
            answered_by_id=analyst.pk,
            answered_at=asked,
            ccu_note="Log 2231.",
        )
        fields = {
            name: getattr(check, name)
            for name in ("id", "subject_id", "purpose", "requested_by_id", "requested_at")
        }
        old_history.objects.create(
            history_id=7,
            history_date=asked,
            history_type="+",
            history_user_id=caseworker.pk,
            history_change_reason="Intelligence check requested by PSD",
            business_interest_id=interest.pk,
            **fields,
        )
    finally:
        _migrate(_latest())

    moved = IntelligenceCheck.objects.get()
    assert moved.pk == 41
    assert moved.asked_for == interest and moved.asked_for_ref == interest.reference
    assert (moved.answer, moved.answered_by, moved.ccu_note) == ("trace", analyst, "Log 2231.")
    [row] = moved.history.all()
    assert row.history_id == 7
    assert row.history_change_reason == "Intelligence check requested by PSD"
    assert row.asked_for_id == interest.pk
    # The id sequences moved on past the copied rows.
    another = IntelligenceCheck.objects.create(
        subject_id=interest.declarant_id,
        purpose="Another",
        requested_by=caseworker,
        asked_for=interest,
        asked_for_ref=interest.reference,
    )
    assert another.pk > 41
    assert another.history.get().history_id > 7
