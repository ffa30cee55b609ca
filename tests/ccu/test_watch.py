"""Watchlists: anything new about a watched member of the workforce, in any area, raises an alert
in the CCU only. The person, and everyone outside the CCU, never learn of it; an alert shows only
to those who may see what it is about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from guardian.shortcuts import assign_perm

from ccu.models import AlertKind, WatchAlert, WatchlistEntry
from ccu.services import watch as services
from complaints.models import CaseKind, Channel
from complaints.services import cases as case_services
from complaints.services import conduct as conduct_services
from registers.associations import services as association_services
from registers.gifts import services as gift_services
from registers.interests.services import application as interest_services
from standards.access.models import AccessLogEntry
from standards.access.roles import Role
from standards.core import extensions
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.ccu.factories import OperationFactory, ReportFactory, WatchlistEntryFactory
from tests.complaints.factories import CaseFactory
from tests.form_data import date_parts
from tests.people.factories import PersonFactory
from tests.registers.gifts.factories import details as gift_details

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def _watch(person, head) -> WatchlistEntry:
    return services.watch_add(
        person=person,
        reason="Intelligence suggests contact with an organised crime group.",
        review_on=TODAY + dt.timedelta(days=90),
        acting_user=head,
    )


# --- the things that raise an alert, one per kind ---------------------------------------------


def _gift(user, **_):
    return gift_services.gift_declare(details=gift_details(), acting_user=user)


def _interest(user, **_):
    return interest_services.interest_apply(
        interest_type="secondary_employment",
        organisation="The Crown and Anchor, Saltcote",
        role="Bar work",
        hours_per_week=8,
        paid=False,
        start_date=TODAY + dt.timedelta(days=14),
        possible_conflicts="The pub is outside my neighbourhood area.",
        acting_user=user,
    )


def _association(user, **_):
    return association_services.association_declare(
        associate_name="Dean Harker",
        relationship="friend",
        category_of_concern="under_investigation",
        contact_frequency="weekly",
        known_since=dt.date(2005, 9, 1),
        circumstances="School friend. Released under investigation for supplying drugs.",
        acting_user=user,
    )


def _complaint(user, *, caseworker, **_):
    case = CaseFactory(team=[caseworker])
    case_services.subject_add(case=case, person=user.person, acting_user=caseworker)
    return case


def _conduct(user, *, psd_head, **_):
    return conduct_services.conduct_matter_open(
        summary="The officer is said to have used force systems for a private purpose.",
        received_on=TODAY,
        subjects=[user.person],
        channel=Channel.INTERNAL,
        acting_user=psd_head,
    )


def _intelligence(user, **_):
    # The reports stage makes this call when a report about someone is recorded.
    report = ReportFactory(subjects=[user.person])
    extensions.record_about_people(
        kind="intelligence",
        record=report,
        person_ids=[user.person_id],
        summary=f"{report.reference}: intelligence recorded",
    )
    return report


RAISERS = {
    AlertKind.GIFT: _gift,
    AlertKind.INTEREST: _interest,
    AlertKind.ASSOCIATION: _association,
    AlertKind.COMPLAINT: _complaint,
    AlertKind.CONDUCT: _conduct,
    AlertKind.INTELLIGENCE: _intelligence,
}


@pytest.fixture
def psd(caseworker, psd_head):
    return {"caseworker": caseworker, "psd_head": psd_head}


@pytest.mark.parametrize("kind", list(RAISERS))
def test_anything_new_about_a_watched_person_raises_an_alert(
    kind, client_for, ccu_head, ccu_analyst, psd, django_capture_on_commit_callbacks
):
    watched = UserFactory(roles=[Role.STAFF])
    entry = _watch(watched.person, ccu_head)
    with django_capture_on_commit_callbacks(execute=True):
        record = RAISERS[kind](watched, **psd)
    alert = WatchAlert.objects.get(entry=entry)
    assert alert.kind == kind
    reference = getattr(record, "reference", None) or f"Notifiable association {record.pk}"
    assert alert.summary.startswith(f"{reference}: ")
    assert alert.record_id == record.pk
    assert alert.report == (record if kind == AlertKind.INTELLIGENCE else None)
    # The CCU is told, in words that name nothing.
    for user in (ccu_head, ccu_analyst):
        notice = Notification.objects.get(recipient=user, key=f"ccu-watch-alert-{alert.pk}")
        assert notice.subject == "new watchlist alert"
        assert notice.url == reverse("ccu:alert_list")
    # The alert links to the record in its own area.
    page = client_for(ccu_head).get(reverse("ccu:alert_list")).content.decode()
    assert alert.summary in page
    assert f'href="{reverse(_record_url(kind), kwargs={"pk": record.pk})}"' in page


def _record_url(kind) -> str:
    return {
        AlertKind.GIFT: "gifts:detail",
        AlertKind.INTEREST: "interests:detail",
        AlertKind.ASSOCIATION: "associations:detail",
        AlertKind.COMPLAINT: "complaints:case",
        AlertKind.CONDUCT: "complaints:case",
        AlertKind.INTELLIGENCE: "ccu:report",
    }[kind]


def test_a_subject_added_to_a_conduct_matter_is_a_conduct_alert(ccu_head, caseworker):
    watched = PersonFactory()
    entry = _watch(watched, ccu_head)
    case = CaseFactory(team=[caseworker], kind=CaseKind.CONDUCT, channel=Channel.INTERNAL)
    case_services.subject_add(case=case, person=watched, acting_user=caseworker)
    assert entry.alerts.get().kind == AlertKind.CONDUCT


def test_nobody_unwatched_and_nobody_taken_off_raises_an_alert(ccu_head, staff_member):
    _gift(staff_member)
    entry = _watch(staff_member.person, ccu_head)
    services.watch_remove(entry=entry, reason="No longer a concern.", acting_user=ccu_head)
    _gift(staff_member)
    assert not WatchAlert.objects.exists()
    assert not Notification.objects.filter(key__startswith="ccu-watch").exists()


def test_an_alert_is_raised_once_however_often_it_is_told(ccu_head, ccu_analyst, staff_member):
    _watch(staff_member.person, ccu_head)
    gift = _gift(staff_member)
    for _ in range(2):
        services.alert_raise_for(
            kind="gift", record=gift, person_ids=[staff_member.person_id], summary="again"
        )
    alert = WatchAlert.objects.get()
    assert alert.summary.endswith("gift declared")  # the first telling stands
    assert Notification.objects.filter(key__startswith="ccu-watch").count() == 2  # head, analyst


# --- nobody outside the CCU learns of it ------------------------------------------------------


def _outside_view(client_for, user, gift) -> list[str]:
    """What the member sees of their own declarations and notices."""
    client = client_for(user)
    return [
        client.get(reverse("my:declarations")).content.decode(),
        client.get(reverse("my_gifts:detail", kwargs={"pk": gift.pk})).content.decode(),
        client.get(reverse("notifications:list")).content.decode(),
    ]


def test_nobody_outside_the_ccu_learns_of_a_watchlist_alert(
    client_for,
    settings,
    ccu_head,
    ccu_analyst,
    caseworker,
    psd_head,
    line_manager,
    django_capture_on_commit_callbacks,
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    watched, control = (
        UserFactory(roles=[Role.STAFF], person__line_manager=line_manager.person) for _ in range(2)
    )
    _watch(watched.person, ccu_head)
    outside = [watched, control, caseworker, psd_head, line_manager]

    def run(user):
        before = {u.pk: Notification.objects.filter(recipient=u).count() for u in outside}
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            gift = _gift(user)
            _association(user)
            _conduct(user, psd_head=psd_head)
        after = {
            u.pk: Notification.objects.filter(recipient=u).count() - before[u.pk] for u in outside
        }
        return gift, after, list(mail.outbox)

    _, control_notices, control_mail = run(control)
    gift, notices, sent = run(watched)

    assert WatchAlert.objects.count() == 3
    # Outside the CCU, the watched member's actions tell exactly whom an unwatched member's do.
    assert list(notices.values()) == list(control_notices.values())
    ccu_addresses = {ccu_head.email, ccu_analyst.email} - {""}
    outside_mail = [m for m in sent if not set(m.to) & ccu_addresses]
    assert len(outside_mail) == len([m for m in control_mail if not set(m.to) & ccu_addresses])
    for message in sent:
        assert "watch" not in f"{message.subject} {message.body}".lower()
    # Every watchlist notice went to the CCU, none to the person watched.
    told = Notification.objects.filter(key__startswith="ccu-watch")
    assert told.count() == 6  # 3 alerts, the head and the analyst
    assert {n.recipient_id for n in told} == {ccu_head.pk, ccu_analyst.pk}
    for user in outside:
        assert not Notification.objects.filter(recipient=user, subject__icontains="watch").exists()
    # The member's own pages say nothing new.
    for page in _outside_view(client_for, watched, gift):
        assert "watch" not in page.lower()
        assert "alert" not in page.lower().replace("govuk-error-summary", "")


def test_a_watched_ccu_analyst_never_sees_their_entry_nor_is_told(
    client_for, ccu_head, ccu_analyst, django_capture_on_commit_callbacks
):
    colleague = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    entry = _watch(colleague.person, ccu_head)
    with django_capture_on_commit_callbacks(execute=True):
        _gift(colleague)
    alert = entry.alerts.get()
    client = client_for(colleague)
    assert client.get(reverse("ccu:watch_detail", kwargs={"pk": entry.pk})).status_code == 404
    for name in ("ccu:watchlist", "ccu:alert_list"):
        page = client.get(reverse(name))
        assert page.status_code == 200
        assert alert.summary not in page.content.decode()
        assert f"({colleague.person.staff_number})" not in page.content.decode()
    with pytest.raises(Http404):
        services.alert_mark_seen(alert=alert, acting_user=colleague)
    assert not Notification.objects.filter(recipient=colleague).exists()
    assert Notification.objects.filter(recipient=ccu_analyst, key__startswith="ccu-watch").exists()
    # Nor can they take themselves off.
    with pytest.raises(Http404):
        services.watch_remove(entry=entry, reason="Not me", acting_user=colleague)


def test_an_intelligence_alert_shows_only_to_those_who_may_see_its_report(
    client_for, ccu_head, ccu_analyst
):
    granted = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    operation = OperationFactory(opened_by=ccu_head)
    assign_perm("view_operation", granted, operation)
    watched = PersonFactory()
    entry = _watch(watched, ccu_head)
    report = ReportFactory(operation=operation, owner=granted, subjects=[watched])
    extensions.record_about_people(
        kind="intelligence",
        record=report,
        person_ids=[watched.pk],
        summary=f"{report.reference}: intelligence recorded",
    )
    alert = entry.alerts.get()
    for user, sees in ((ccu_head, True), (granted, True), (ccu_analyst, False)):
        client = client_for(user)
        alerts = client.get(reverse("ccu:alert_list")).content.decode()
        detail = client.get(reverse("ccu:watch_detail", kwargs={"pk": entry.pk})).content.decode()
        watchlist = client.get(reverse("ccu:watchlist")).content.decode()
        assert (alert.summary in alerts) is sees
        assert (alert.summary in detail) is sees
        # The unseen count on the watchlist counts only what the viewer may see.
        assert ('numeric">1</td>' in watchlist) is sees
        told = Notification.objects.filter(recipient=user, key=f"ccu-watch-alert-{alert.pk}")
        assert told.exists() is sees
    with pytest.raises(Http404):
        services.alert_mark_seen(alert=alert, acting_user=ccu_analyst)


def test_the_watchlist_is_a_404_outside_the_ccu(client_for, caseworker, psd_head, staff_member):
    entry = WatchlistEntryFactory()
    for user in (caseworker, psd_head, staff_member):
        client = client_for(user)
        for url in (
            reverse("ccu:watchlist"),
            reverse("ccu:watch_add"),
            reverse("ccu:alert_list"),
            reverse("ccu:watch_detail", kwargs={"pk": entry.pk}),
        ):
            assert client.get(url).status_code == 404
        with pytest.raises(Http404):
            _watch(PersonFactory(), user)


# --- adding, reviewing, taking off ------------------------------------------------------------


def test_an_analyst_adds_someone_reviews_and_takes_them_off(client_for, ccu_analyst):
    person = PersonFactory()
    client = client_for(ccu_analyst)
    response = client.post(
        reverse("ccu:watch_add"),
        {
            "staff_number": person.staff_number,
            "reason": "Named in two reports about disclosure.",
            **date_parts("review_on", TODAY + dt.timedelta(days=60)),
        },
    )
    entry = WatchlistEntry.objects.get(person=person)
    detail = reverse("ccu:watch_detail", kwargs={"pk": entry.pk})
    assert response["Location"] == detail
    assert entry.added_by == ccu_analyst
    page = client.get(detail, follow=True).content.decode()
    assert "is on the watchlist" in page and "never told" in page
    assert AccessLogEntry.objects.filter(record_ref__startswith="CCU-").exists()

    later = TODAY + dt.timedelta(days=120)
    response = client.post(
        detail,
        {"action": "review", **date_parts("review-review_on", later), "review-note": "Still live"},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.review_on == later
    assert entry.history.first().history_change_reason == "Reviewed: Still live"

    response = client.post(detail, {"action": "remove", "remove-reason": "Left the force."})
    assert response["Location"] == reverse("ccu:watchlist")
    entry.refresh_from_db()
    assert entry.removed_on == TODAY and entry.removed_by == ccu_analyst
    assert entry.removal_reason == "Left the force."
    page = client.get(detail).content.decode()
    assert "Taken off" in page and "Keep watching" not in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"staff_number": "NOPE"}, "staff_number", "Enter the staff number of a member"),
        ({"review_on": TODAY}, "review_on", "must be in the future"),
        ({"reason": ""}, "reason", "Enter the reason for watching them"),
    ],
)
def test_the_add_form_explains_bad_input_and_saves_nothing(
    client_for, ccu_head, fields, field, message
):
    person = PersonFactory()
    data = {
        "staff_number": person.staff_number,
        "reason": "Concern",
        **date_parts("review_on", fields.pop("review_on", TODAY + dt.timedelta(days=30))),
        **fields,
    }
    response = client_for(ccu_head).post(reverse("ccu:watch_add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert not WatchlistEntry.objects.exists()


def test_one_live_entry_per_person_and_never_oneself(ccu_head, ccu_analyst):
    person = PersonFactory()
    _watch(person, ccu_head)
    with pytest.raises(ValidationError, match="already on the watchlist"):
        _watch(person, ccu_analyst)
    with pytest.raises(ValidationError, match="yourself"):
        _watch(ccu_head.person, ccu_head)
    with pytest.raises(ValidationError, match="in the future"):
        services.watch_add(
            person=PersonFactory(), reason="x", review_on=TODAY, acting_user=ccu_head
        )
    # Taken off, they may be watched again.
    services.watch_remove(
        entry=WatchlistEntry.objects.get(person=person), reason="Cleared", acting_user=ccu_head
    )
    assert _watch(person, ccu_analyst).is_live


def test_a_review_date_that_has_come_is_flagged(client_for, ccu_head):
    due = WatchlistEntryFactory(review_on=TODAY)
    WatchlistEntryFactory(review_on=TODAY + dt.timedelta(days=5))
    page = client_for(ccu_head).get(reverse("ccu:watchlist")).content.decode()
    assert page.count("Review due") == 1
    assert page.index(due.person.display_name) < page.index("Review due")


def test_an_alert_is_marked_seen_and_moves_below_the_unseen(client_for, ccu_head, staff_member):
    _watch(staff_member.person, ccu_head)
    first, second = _gift(staff_member), _gift(staff_member)
    older, newer = WatchAlert.objects.order_by("pk")
    client = client_for(ccu_head)
    response = client.post(reverse("ccu:alert_list"), {"alert": newer.pk})
    assert response["Location"] == reverse("ccu:alert_list")
    newer.refresh_from_db()
    assert newer.seen_by == ccu_head and newer.seen_at is not None
    page = client.get(reverse("ccu:alert_list")).content.decode()
    assert page.index(older.summary) < page.index(newer.summary)
    assert first.reference in older.summary and second.reference in newer.summary


def test_the_lists_are_a_fixed_number_of_queries(
    client_for, ccu_head, django_assert_max_num_queries
):
    for _ in range(30):
        entry = WatchlistEntryFactory(added_by=ccu_head)
        report = ReportFactory(subjects=[entry.person])
        services.alert_raise_for(
            kind="intelligence", record=report, person_ids=[entry.person_id], summary="x"
        )
    client = client_for(ccu_head)
    for name in ("ccu:watchlist", "ccu:alert_list"):
        with django_assert_max_num_queries(16):
            assert client.get(reverse(name)).status_code == 200
