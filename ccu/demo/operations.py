"""Demo data for the CCU: a handful of operations, some allocated to the demo analyst."""

from __future__ import annotations

import datetime as dt
import random

from ccu.models import Operation
from ccu.services import operations as services
from standards.accounts.models import User
from standards.people.models import Person

# Code names say nothing about their subjects: that is the point of them.
OPERATIONS = (
    ("Operation KESTREL", "Unauthorised searches of the custody and intelligence systems.", True),
    (
        "Operation LAPWING",
        "Possible disclosure of tactical plans to an organised crime group.",
        True,
    ),
    ("Operation MERLIN", "Inappropriate association with a licensee under investigation.", False),
    ("Operation HERON", "Abuse of position for a sexual purpose: contact with victims.", True),
    ("Operation CURLEW", "Theft of found property from a station property store.", False),
    ("Operation DUNLIN", "Misuse of force systems to check on an ex-partner.", True),
)


def seed_operations(*, today: dt.date, rng: random.Random) -> int:
    """Open the demo operations once; the demo analyst works on some of them."""
    head = User.objects.filter(username="ccu.head").first()
    analyst = User.objects.filter(username="ccu.analyst").first()
    if head is None or analyst is None:
        return 0
    excluded = {head.person_id, analyst.person_id}
    pool = list(
        Person.objects.serving(today)
        .exclude(pk__in=excluded)
        .order_by("staff_number")
        .values_list("staff_number", flat=True)
    )
    created = 0
    for index, (code_name, purpose, allocated) in enumerate(OPERATIONS):
        if Operation.objects.filter(code_name=code_name).exists():
            continue
        operation = services.operation_open(
            code_name=code_name,
            purpose=purpose,
            opened_on=today - dt.timedelta(days=30 + 45 * index),
            subject_staff_numbers=rng.sample(pool, k=min(len(pool), 1 + index % 2)),
            acting_user=head,
        )
        if allocated:
            services.operation_grant_access(
                operation=operation,
                grantee=analyst,
                reason="Allocated as the operation's analyst",
                acting_user=head,
            )
        created += 1
    return created
