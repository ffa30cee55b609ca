"""The demo's cross-check data: three files imported through the import service against the
demo's gifts and interests, with matches planted; a rerun writes nothing."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from registers.crosschecks.demo import seed_crosschecks
from registers.crosschecks.models import (
    Contract,
    DiaryEntry,
    ExpenseClaim,
    ImportBatch,
    ImportStatus,
    Supplier,
)
from registers.gifts.demo import seed_gifts
from registers.gifts.models import Direction, Gift
from registers.interests.demo import seed_interests
from standards.site.demo import seed_force, seed_logins

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.CROSSCHECK_IMPORT_ROOT = tmp_path / "imports"
    seed_force(people=150)
    seed_logins()
    today = dt.date.today()
    seed_gifts(today=today, rng=random.Random(1))
    seed_interests(today=today, rng=random.Random(2))
    return today, seed_crosschecks(today=today, rng=random.Random(3))


def _counts():
    return tuple(
        model.objects.count()
        for model in (ImportBatch, Supplier, Contract, DiaryEntry, ExpenseClaim)
    )


def test_three_files_are_imported_with_matches_planted(demo):
    _, added = demo

    batches = ImportBatch.objects.all()
    assert {batch.kind for batch in batches} == {"procurement", "diary", "expenses"}
    assert {batch.status for batch in batches} == {ImportStatus.IMPORTED}
    assert added == sum(batch.rows_new for batch in batches) > 0
    donors = set(
        Gift.objects.filter(direction=Direction.RECEIVED).values_list("donor_name", flat=True)
    )
    assert Supplier.objects.filter(name__in=donors).exists()
    claim = ExpenseClaim.objects.filter(category="Hospitality").first()
    assert Gift.objects.filter(
        declarant=claim.person, offered_on=claim.date, donor_name=claim.payee
    ).exists()
    assert DiaryEntry.objects.filter(organisation="Moorside Golf Club").exists()


def test_a_second_run_writes_nothing(demo):
    today, _ = demo
    before = _counts()

    assert seed_crosschecks(today=today, rng=random.Random(3)) == 0
    assert _counts() == before
