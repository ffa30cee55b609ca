"""The corridor holds for reminders: a full reminder run over the demo's seeded force, on days
that reach every stage of every source, tells nobody outside the CCU of a notifiable
association (other than the member who declared it, about their own declaration), in a notice
or in an e-mail."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from registers.associations.models import NotifiableAssociation
from standards.access.roles import CCU_ROLES, Role
from standards.accounts.models import User
from standards.notifications.models import Notification
from standards.notifications.reminders import send_due_reminders
from standards.notifications.services import record_key
from standards.notifications.tasks import email_notification
from standards.people.models import Person
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

# What would give an association away: its kind, its pages, the unit that assesses it.
GIVEAWAYS = ("notifiable association", "/associations/", "counter corruption", "ccu")


def test_no_reminder_or_email_reveals_an_association_outside_the_ccu(
    settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    settings.VAR_DIR = tmp_path
    call_command("seed_demo", people=150, stdout=io.StringIO())
    # Every member a login with an address, so every reminder has someone to reach.
    for person in Person.objects.filter(user__isnull=True):
        UserFactory(person=person, username=f"member{person.pk}", roles=[Role.STAFF])
    for user in User.objects.filter(email=""):
        user.email = f"{user.username}@force.example"
        user.save(update_fields=["email"])
    queued: list[int] = []
    monkeypatch.setattr(
        email_notification,
        "apply_async",
        lambda args=(), kwargs=None, **_: queued.append(args[0]),
    )
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        for days in range(0, 400, 6):  # a run in every 7-day window
            send_due_reminders(today=today + dt.timedelta(days=days))
    for notification_id in queued:
        email_notification.run(notification_id)

    associations = list(NotifiableAssociation.objects.exclude(review_due=None))
    assert associations, "the demo has associations due for review"
    own = {record_key(a): a.declarant_id for a in associations}
    names = {a.associate_name.lower() for a in associations}
    ccu = set(
        User.objects.filter(groups__name__in=[str(r) for r in CCU_ROLES]).values_list(
            "pk", flat=True
        )
    )
    outside = Notification.objects.exclude(recipient__in=ccu).select_related("recipient")
    checked = 0
    for notice in outside:
        if own.get(notice.record_key) == notice.recipient.person_id:
            continue  # the member's own declaration, on their own page
        text = f"{notice.subject} {notice.body} {notice.url} {notice.key}".lower()
        assert not notice.record_key.startswith("associations."), notice.subject
        for giveaway in (*GIVEAWAYS, *names):
            assert giveaway not in text, (notice.recipient.username, notice.subject)
        checked += 1
    # The run reached every side: escalations inside the CCU, reminders to the declarants, and
    # plenty of notices outside the CCU to scan.
    assert Notification.objects.filter(recipient__in=ccu, key__startswith="association-")
    assert Notification.objects.filter(key__startswith="association-").exclude(recipient__in=ccu)
    assert checked > 20
    assert len(mail.outbox) == len(queued) > 0
    for message in mail.outbox:
        text = f"{message.subject} {message.body}".lower()
        for giveaway in (*GIVEAWAYS, *names):
            assert giveaway not in text
