"""Attacks on /public/complaints/ (no sign-in): a forged cross-site POST, third-party assets or
trackers, what sending a complaint tells the sender about people and cases already known, and
hearing pages that are not (or not yet) published."""

from __future__ import annotations

import datetime as dt
import re
import uuid

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.models import Intake, ProceedingsForm, Severity
from complaints.services import conduct as conduct_services
from complaints.services import proceedings as proceedings_services
from tests.complaints.factories import CaseFactory, ComplainantFactory, SubjectFactory
from tests.complaints.test_public_form import ABOUT_YOU, _what_happened
from tests.security.test_corridor import _normalise

pytestmark = pytest.mark.django_db

ABOUT = reverse("public_complaints:about_you")
WHAT = reverse("public_complaints:what_happened")
CHECK = reverse("public_complaints:check")
SENT = reverse("public_complaints:sent")


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"attack-{uuid.uuid4().hex}"}
    }


def _answered(client: Client, **about) -> Client:
    assert client.post(ABOUT, {**ABOUT_YOU, **about}).status_code == 302
    assert client.post(WHAT, _what_happened()).status_code == 302
    return client


def test_a_forged_cross_site_post_is_refused_and_stores_nothing():
    # A page elsewhere posting into the form from the visitor's browser has no CSRF token.
    browser = Client(enforce_csrf_checks=True)
    for url in (ABOUT, WHAT, CHECK):
        response = browser.post(url, ABOUT_YOU)
        assert response.status_code == 403, url
    assert not Intake.objects.exists()
    assert "public_complaint" not in browser.session


# Anything fetched from another site: a stylesheet, script, image, frame, font or form target.
_FETCHES = re.compile(
    r"<(?:script|link|img|iframe|source|object|embed|form)\b[^>]*"
    r"\b(?:src|href|action|data)=[\"']?(?:https?:)?//",
    re.IGNORECASE,
)
_TRACKERS = re.compile(r"google|analytics|gtag|facebook|hotjar|clarity|matomo", re.IGNORECASE)


def test_no_page_fetches_anything_from_another_site_or_tracks(django_capture_on_commit_callbacks):
    hearing = _hearing(published=True)
    client = Client()
    pages = [
        reverse("public_complaints:start"),
        ABOUT,
        WHAT,
        reverse("public_complaints:hearings"),
        reverse("public_complaints:hearing", kwargs={"pk": hearing.pk}),
    ]
    bodies = [client.get(url).content.decode() for url in pages]
    _answered(client)
    bodies.append(client.get(CHECK).content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHECK)
    bodies.append(client.get(SENT).content.decode())
    for url, body in zip([*pages, CHECK, SENT], bodies, strict=True):
        assert not _FETCHES.search(body), (url, _FETCHES.search(body).group(0))
        assert not _TRACKERS.search(body), (url, _TRACKERS.search(body).group(0))


def _sent(client: Client, django_capture_on_commit_callbacks, **about) -> tuple[str, str, str]:
    _answered(client, **about)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(CHECK)["Location"] == SENT
    reference = Intake.objects.latest("pk").reference
    (message,) = mail.outbox
    page = client.get(SENT).content.decode()
    return (
        page.replace(reference, "REF"),
        message.subject.replace(reference, "REF"),
        message.body.replace(reference, "REF"),
    )


def test_sending_tells_nothing_of_cases_or_people_already_known(
    django_capture_on_commit_callbacks,
):
    """Someone who sends a complaint in another's name, or about an officer, learns nothing
    from the answer: the page and the e-mail are the same, whether or not the name, e-mail
    address and officer are already in a case (only the new reference differs)."""
    known = CaseFactory()
    ComplainantFactory(case=known, name="Known Person", email="known.person@example.org")
    SubjectFactory(case=known, person__collar_number="4471")
    as_known = _sent(
        Client(REMOTE_ADDR="198.51.100.1"),
        django_capture_on_commit_callbacks,
        name="Known Person",
        email="known.person@example.org",
    )
    as_new = _sent(
        Client(REMOTE_ADDR="198.51.100.2"),
        django_capture_on_commit_callbacks,
        name="Nobody Known",
        email="nobody.known@example.org",
    )
    assert as_known == as_new
    page, subject, body = as_known
    assert known.reference not in page + subject + body
    # Nothing from the answers is echoed into the e-mail (the address may not be theirs).
    for answer in ("Known Person", "PC 4471", "pushed me", "Middlesbrough"):
        assert answer not in subject + body


def _hearing(*, published: bool, form: str = ProceedingsForm.HEARING):
    from standards.access.roles import Role
    from tests.accounts.factories import UserFactory

    head = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    case = CaseFactory(team=[head])
    ComplainantFactory(case=case, name="Private Complainant")
    subject = SubjectFactory(case=case)
    conduct_services.severity_assess(
        subject=subject,
        severity=Severity.GROSS if form != ProceedingsForm.MEETING else Severity.MISCONDUCT,
        rationale="Private rationale of the severity.",
        acting_user=head,
    )
    proceedings = proceedings_services.proceedings_arrange(
        subject=subject,
        form=form,
        panel="Private panel members",
        held_on=timezone.localdate() + dt.timedelta(days=14),
        venue="Force headquarters",
        public_notice="PC Example: alleged use of excessive force.",
        acting_user=head,
    )
    if published:
        proceedings_services.hearing_notice_publish(proceedings=proceedings, acting_user=head)
    return proceedings


def test_a_hearing_not_yet_published_and_a_meeting_are_missing_pages():
    unpublished = _hearing(published=False)
    meeting = _hearing(published=False, form=ProceedingsForm.MEETING)
    published = _hearing(published=True)
    client = Client()

    def page(pk) -> tuple[int, str]:
        response = client.get(reverse("public_complaints:hearing", kwargs={"pk": pk}))
        return response.status_code, _normalise(response.content.decode())

    missing = page(published.pk + 1000)
    assert missing[0] == 404
    assert page(unpublished.pk) == missing
    assert page(meeting.pk) == missing
    listing = client.get(reverse("public_complaints:hearings")).content.decode()
    shown = page(published.pk)
    assert shown[0] == 200
    assert listing.count('data-testid="hearing"') == 1
    # Only what PSD wrote for the public: never the case, its complainant, panel or reasons.
    for private in (
        published.case.reference,
        "Private Complainant",
        "Private panel members",
        "Private rationale",
    ):
        assert private not in shown[1] and private not in listing
