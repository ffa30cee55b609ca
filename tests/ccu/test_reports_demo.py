"""The demo's year of intelligence: the categories in the proportions of the strategic
priorities, every route, two operations with different members, and a second run adds nothing."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter

import pytest
from guardian.shortcuts import get_perms

from ccu.demo.operations import seed_operations
from ccu.demo.reports import REPORTS, seed_reports
from ccu.models import Grading, IntelligenceReport, Operation, Route
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_demo_records_a_year_of_graded_intelligence_once():
    head = UserFactory(username="ccu.head", roles=[Role.STAFF, Role.CCU_HEAD])
    analyst = UserFactory(username="ccu.analyst", roles=[Role.STAFF, Role.CCU_ANALYST])
    analyst2 = UserFactory(username="ccu.analyst2", roles=[Role.STAFF, Role.CCU_ANALYST])
    PersonFactory.create_batch(20)
    today = dt.date.today()
    seed_operations(today=today, rng=random.Random(1))
    assert seed_reports(today=today, rng=random.Random(1)) == REPORTS
    assert seed_reports(today=today, rng=random.Random(2)) == 0
    assert IntelligenceReport.objects.count() == REPORTS

    reports = IntelligenceReport.objects.all()
    assert {r.route for r in reports} == set(Route.values)
    assert all(today - dt.timedelta(days=366) < r.received_on <= today for r in reports)
    in_intake = reports.filter(operation__isnull=True).count()
    assert 0.3 * REPORTS < in_intake < 0.8 * REPORTS
    assert reports.exclude(grade="").count() > 0.7 * REPORTS
    assert Grading.objects.filter(superseded_at__isnull=False).exists()  # re-grades kept

    by_priority = Counter()
    for report in reports.prefetch_related("categories"):
        for category in report.categories.all():
            by_priority[category.priority] += 1
    # Priority 1 (two categories) most, then 2; 3 and 4 each above the average of the seven
    # categories that are no priority.
    per_other = by_priority[None] / 7
    assert by_priority[1] > by_priority[2] > by_priority[3] > per_other
    assert by_priority[4] > per_other

    # Two operations with different members.
    kestrel = Operation.objects.get(code_name="Operation KESTREL")
    merlin = Operation.objects.get(code_name="Operation MERLIN")
    assert "view_operation" in get_perms(analyst, kestrel)
    assert "view_operation" not in get_perms(analyst2, kestrel)
    assert "view_operation" in get_perms(analyst2, merlin)
    assert "view_operation" not in get_perms(analyst, merlin)
    assert head.pk
