"""The demo's triage: most reports older than two weeks decided through the services, a queue
left behind, and nothing added by a second run."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.utils import timezone

from ccu.demo.triage import seed_triage
from ccu.models import (
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    ReportStatus,
    TriageDecision,
)
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.ccu.factories import ReportFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_the_demo_triages_old_reports_and_leaves_a_queue():
    head = UserFactory(username="ccu.head", roles=[Role.STAFF, Role.CCU_HEAD])
    analyst = UserFactory(username="ccu.analyst", roles=[Role.STAFF, Role.CCU_ANALYST])
    today = timezone.localdate()
    old = [
        ReportFactory(
            owner=analyst,
            received_on=today - dt.timedelta(days=20 + n),
            subjects=[PersonFactory()],
        )
        for n in range(40)
    ]
    recent = [ReportFactory(owner=analyst, received_on=today - dt.timedelta(days=3))]
    decided = seed_triage(today=today, rng=random.Random(7))
    assert decided >= len(old) * 3 // 4
    statuses = {report.pk: report.status for report in type(old[0]).objects.all()}
    assert statuses[recent[0].pk] == ReportStatus.NEW
    assert any(statuses[r.pk] == ReportStatus.NEW for r in old)  # a small backlog
    assert ManagementIntervention.objects.filter(status=InterventionStatus.HELD).count() == 2
    assert ManagementIntervention.objects.filter(status=InterventionStatus.PROPOSED).count() == 1
    assert ReportReferral.objects.count() == 2
    assert all(i.decided_by in (None, head) for i in ManagementIntervention.objects.all())
    rows = TriageDecision.objects.count()
    assert seed_triage(today=today, rng=random.Random(7)) == 0
    assert TriageDecision.objects.count() == rows
