"""Notices: once per event, e-mailed on commit without their content, read by their recipient."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from standards.notifications.models import Notification
from standards.notifications.services import notify
from standards.notifications.tasks import email_notification

pytestmark = pytest.mark.django_db


def test_notify_is_idempotent_per_key(staff_member, line_manager):
    first = notify(recipients=[staff_member, line_manager], key="gift:1:decided", subject="S")
    again = notify(recipients=[staff_member], key="gift:1:decided", subject="S")
    assert len(first) == 2
    assert again == []
    assert Notification.objects.count() == 2


def test_email_goes_on_commit_and_says_nothing_of_the_content(
    staff_member, django_capture_on_commit_callbacks, monkeypatch
):
    enqueued: list[tuple] = []
    # Every way of queueing the task (delay, delay_on_commit, apply_async) ends here.
    monkeypatch.setattr(
        email_notification, "apply_async", lambda args=(), kwargs=None, **_: enqueued.append(args)
    )
    staff_member.email = "pc.example@force.example"
    staff_member.save()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notify(
            recipients=[staff_member],
            key="k",
            subject="Your gift declaration was refused",
            body="Rationale: conflict with procurement",
        )
        # Inside the transaction nothing is queued: a worker could otherwise run the task before
        # the notice it loads exists (or send it for a change that is then rolled back).
        assert enqueued == []
    assert len(callbacks) == 1
    for callback in callbacks:
        callback()
    notice = Notification.objects.get()
    assert enqueued == [(notice.pk,)]
    assert mail.outbox == []

    assert email_notification(*enqueued[0]) is True
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pc.example@force.example"]
    assert "refused" not in message.subject + message.body
    assert "procurement" not in message.body
    notice.refresh_from_db()
    assert notice.emailed_at is not None


def test_email_task_sends_once(staff_member):
    staff_member.email = "pc.example@force.example"
    staff_member.save()
    notice = Notification.objects.create(recipient=staff_member, key="x", subject="S")
    assert email_notification(notice.pk) is True
    assert email_notification(notice.pk) is False
    assert len(mail.outbox) == 1


def test_recipient_reads_and_opens_a_notice(client_for, staff_member):
    notice = notify(recipients=[staff_member], key="k", subject="Declared", url="/my/")[0]
    client = client_for(staff_member)
    home = client.get("/").content.decode()
    assert 'class="moj-notification-badge">1' in home
    listing = client.get(reverse("notifications:list")).content.decode()
    # The subject is a link (no form, no button) to the notice's own redirect.
    link = reverse("notifications:open", kwargs={"pk": notice.pk})
    assert f'href="{link}">Declared</a>' in listing
    assert "<button" not in listing.split('data-testid="notifications"')[1]
    response = client.get(link)
    assert response.status_code == 302
    assert response["Location"] == "/my/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "moj-notification-badge" not in client.get("/").content.decode()


def test_opening_takes_no_post(client_for, staff_member):
    notice = notify(recipients=[staff_member], key="k", subject="S", url="/my/")[0]
    response = client_for(staff_member).post(
        reverse("notifications:open", kwargs={"pk": notice.pk})
    )
    assert response.status_code == 405
    notice.refresh_from_db()
    assert notice.read_at is None


def test_nobody_opens_someone_elses_notice(client_for, staff_member, line_manager):
    notice = notify(recipients=[staff_member], key="k", subject="Private")[0]
    client = client_for(line_manager)
    assert client.get(reverse("notifications:open", kwargs={"pk": notice.pk})).status_code == 404
    assert "Private" not in client.get(reverse("notifications:list")).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is None


@pytest.mark.parametrize(
    "url",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http:/evil.example",
        "javascript:alert(1)",
        "registers/gifts/",
    ],
)
def test_only_a_local_path_is_followed(client_for, staff_member, url):
    notice = notify(recipients=[staff_member], key="k", subject="S", url=url)[0]
    response = client_for(staff_member).get(reverse("notifications:open", kwargs={"pk": notice.pk}))
    assert response["Location"] == reverse("notifications:list")


def test_list_query_count_is_fixed(client_for, staff_member, django_assert_max_num_queries):
    for n in range(60):
        Notification.objects.create(recipient=staff_member, key=f"k{n}", subject=f"Notice {n}")
    client = client_for(staff_member)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("notifications:list"))
    body = response.content.decode()
    # The newest 50 of the 60 are on the page, each with its own subject.
    assert body.count('class="app-notification app-notification--unread"') == 50
    assert "Notice 59<" in body and "Notice 10<" in body and "Notice 9<" not in body
