"""Demo data: this year's annual declarations in the demo force (Northmoor Police).

Most of the force has made this year's declaration; about one in eight has not, spread over
every unit, so the overdue list, the completion page and the reminders all show something. The
demo login ``staff`` has not made theirs (so they see the reminder and the page); ``manager``,
``psd.caseworker``, ``psd.head``, ``ccu.analyst``, ``ccu.head`` and ``dcc`` have.

Most of the force has no login, so their declarations are recorded as made on the paper form and
transcribed by a PSD caseworker; the demo logins' own are made by them. Idempotent: who declares
is chosen by a hash of the staff number, not the random generator, and a member who already has
this year's declaration is skipped, so a rerun writes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from registers.annual.models import AnnualDeclaration, PolicyVersion, year_of
from registers.annual.services import REASON_MADE
from standards.accounts.models import User
from standards.people.models import Person

# About one in eight has not made it yet.
OUTSTANDING_SHARE = 0.12
DECLARED_LOGINS = ("manager", "psd.caseworker", "psd.head", "ccu.analyst", "ccu.head", "dcc")
OUTSTANDING_LOGINS = ("staff",)


def _share(person: Person) -> float:
    digest = hashlib.sha256(f"annual-declaration:{person.staff_number}".encode()).hexdigest()
    return int(digest[:8], 16) / 0xFFFFFFFF


@transaction.atomic
def seed_annual_declarations(*, today: dt.date, rng: random.Random) -> int:
    year = year_of(today)
    start = dt.date(year, 4, 1)
    logins = {
        user.username: user
        for user in User.objects.filter(
            username__in=DECLARED_LOGINS + OUTSTANDING_LOGINS + ("psd.caseworker",)
        )
    }
    clerk = logins.get("psd.caseworker")
    if clerk is None:
        return 0  # no demo logins: nothing can have been transcribed
    login_of = {user.person_id: user for user in logins.values() if user.person_id}
    outstanding_people = {logins[name].person_id for name in OUTSTANDING_LOGINS if name in logins}
    declared_logins = {logins[name].person_id for name in DECLARED_LOGINS if name in logins}
    already = set(AnnualDeclaration.objects.filter(year=year).values_list("person_id", flat=True))
    policies = list(PolicyVersion.objects.current())
    days_so_far = max((today - start).days, 0)
    planned: list[AnnualDeclaration] = []
    for person in Person.objects.serving(today).order_by("pk"):
        if person.pk in already or person.pk in outstanding_people:
            continue
        if person.pk not in declared_logins and _share(person) < OUTSTANDING_SHARE:
            continue
        made_on = start + dt.timedelta(days=rng.randint(0, days_so_far))
        made_at = timezone.make_aware(
            dt.datetime.combine(made_on, dt.time(rng.randint(8, 17), rng.randint(0, 59)))
        )
        declaration = AnnualDeclaration(
            person=person,
            year=year,
            declarations_complete=True,
            nil_gifts=rng.random() < 0.7,
            nil_interests=rng.random() < 0.85,
            made_at=made_at,
            made_by=login_of.get(person.pk, clerk),
        )
        declaration._change_reason = REASON_MADE
        planned.append(declaration)
    if not planned:
        return 0
    created = bulk_create_with_history(planned, AnnualDeclaration, batch_size=500)
    # Each declaration's policies through the manager, so their history is written as well.
    for declaration in created:
        declaration.policies.set(policies)
    return len(created)
