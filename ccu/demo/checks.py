"""Demo data for intelligence checks on lists of people: an inspectors' promotion board the CCU
has mostly answered (two traces), and this month's transferees from other forces, awaiting."""

from __future__ import annotations

import datetime as dt
import random

from standards.accounts.models import User
from standards.exchange import services as exchange
from standards.exchange.models import CheckAnswer, CheckList, CheckListPurpose, IntelligenceCheck
from standards.exchange.selectors import asked_for_model
from standards.people.models import Person

PROMOTION = "Inspector promotion board"
TRANSFEREES = "Transferees joining this month"
TRACE_NOTES = (
    "Subject of two graded reports in the general intake about undeclared contact with a "
    "licensee. Speak to the CCU head before the board decides.",
    "Linked to a nominal in an open operation. The CCU will brief the chair of the board.",
)


def seed_checks(*, today: dt.date, rng: random.Random) -> int:
    """Put up the two lists once (PSD's caseworker asks), and answer most of the board."""
    caseworker = User.objects.filter(username="psd.caseworker").first()
    analyst = User.objects.filter(username="ccu.analyst").first()
    if caseworker is None or analyst is None:
        return 0
    with_logins = set(User.objects.exclude(person=None).values_list("person_id", flat=True))
    pool = list(
        Person.objects.serving(today)
        .exclude(pk__in=with_logins)
        .order_by("staff_number")
        .values_list("staff_number", flat=True)
    )
    if len(pool) < 16:
        return 0
    chosen = rng.sample(pool, k=16)
    created = 0
    if not CheckList.objects.filter(title=PROMOTION).exists():
        board = exchange.check_list_create(
            title=PROMOTION,
            purpose=CheckListPurpose.PROMOTION,
            staff_numbers=chosen[:12],
            acting_user=caseworker,
        )
        checks = list(
            IntelligenceCheck.objects.filter(
                asked_for_model(CheckList), asked_for_id=board.pk
            ).order_by("subject__staff_number")
        )
        for index, check in enumerate(checks[:10]):
            trace = index < len(TRACE_NOTES)
            exchange.intelligence_check_answer(
                check=check,
                answer=CheckAnswer.TRACE if trace else CheckAnswer.NO_TRACE,
                ccu_note=TRACE_NOTES[index]
                if trace
                else "Searched reports and nominals: nothing held.",
                acting_user=analyst,
            )
        created += 1
    if not CheckList.objects.filter(title=TRANSFEREES).exists():
        exchange.check_list_create(
            title=TRANSFEREES,
            purpose=CheckListPurpose.TRANSFEREES,
            staff_numbers=chosen[12:],
            acting_user=caseworker,
        )
        created += 1
    return created
