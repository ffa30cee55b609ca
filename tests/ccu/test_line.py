"""The confidential reporting line: the reporter's pages, the receipt code, the dialogue with the
CCU, the sealed identity of a confidential reporter, and the limits on flooding."""

from __future__ import annotations

import re
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from ccu import views_portal
from ccu.models import (
    IdentityOpening,
    IntelligenceReport,
    LineMessage,
    LineReport,
    MessageDirection,
    ReportSource,
    Route,
    SealedIdentity,
)
from ccu.services import line as services
from standards.access.models import AccessAction, AccessLogDetail, AccessLogEntry

START = reverse("my_ccu:line_start")
REPORT = reverse("my_ccu:line_report")
RETURN = reverse("my_ccu:line_return")
LIST = reverse("ccu:line_list")
ACCOUNT = "A custody officer sells details of arrests to a journalist."


@pytest.fixture(autouse=True)
def _own_rate_limit_counts(settings):
    settings.CACHES = {
        "default": {**settings.CACHES["default"], "KEY_PREFIX": f"test-line-{uuid.uuid4().hex}"}
    }


def _make(anonymity="anonymous", person=None, text=ACCOUNT):
    return services.line_report_make(
        what_happened=text,
        when_where="",
        anonymity=anonymity,
        person=person,
        today=timezone.localdate(),
    )


def _detail(line_report) -> str:
    return reverse("ccu:line_detail", kwargs={"pk": line_report.pk})


def _identity(line_report) -> str:
    return reverse("ccu:line_identity", kwargs={"pk": line_report.pk})


# --- the reporter's side ---------------------------------------------------------------------


def test_my_page_links_to_the_reporting_line(client_for, staff_member):
    page = client_for(staff_member).get(reverse("my:declarations")).content.decode()
    assert "Report a concern in confidence" in page
    assert START in page


def test_the_start_page_says_what_is_and_is_not_stored(client_for, staff_member):
    page = client_for(staff_member).get(START).content.decode()
    assert "What is stored, and what is not" in page
    assert "Confidential, not anonymous" in page


def test_an_anonymous_report_lands_in_triage_and_shows_its_code_once(client_for, staff_member):
    client = client_for(staff_member)
    response = client.post(
        REPORT,
        {"what_happened": ACCOUNT, "when_where": "Central custody", "anonymity": "anonymous"},
    )

    assert response.status_code == 200  # the receipt answers the POST: no redirect, no session
    code = re.search(r'data-testid="receipt-code">([^<]+)<', response.content.decode()).group(1)
    assert len(services.normalise_code(code)) >= 16 + 8
    assert set(services.normalise_code(code)) <= set(services.ALPHABET)
    line_report = LineReport.objects.get()
    assert code not in line_report.code_hash and line_report.lookup in code
    report = line_report.report
    assert report.route == Route.CONFIDENTIAL_LINE
    assert (report.operation, report.owner, report.sanitised_text) == (None, None, "")
    assert report.status == "new"
    assert report.received_on == timezone.localdate()
    source = ReportSource.objects.get(report=report)
    assert source.original_text == f"{ACCOUNT}\n\nWhen and where: Central custody"
    assert source.source_details == services.SOURCE_ANONYMOUS
    assert not SealedIdentity.objects.exists()
    # Shown once: no page can show it again.
    assert code not in client.get(RETURN).content.decode()
    assert code not in client.get(START).content.decode()


def test_an_empty_report_is_refused_with_a_clear_error(client_for, staff_member):
    response = client_for(staff_member).post(REPORT, {"what_happened": "", "anonymity": ""})
    page = response.content.decode()
    assert "Enter what happened, in your own words" in page
    assert "Select whether you want to stay anonymous" in page
    assert not LineReport.objects.exists()


def test_the_return_shows_the_dialogue_and_takes_an_answer(client_for, staff_member, ccu_analyst):
    line_report, code = _make()
    services.line_message_send(
        line_report=line_report, text="Which journalist is it?", acting_user=ccu_analyst
    )
    client = client_for(staff_member)

    page = client.post(RETURN, {"code": code.lower().replace("-", " ")}).content.decode()
    assert "Which journalist is it?" in page
    assert ccu_analyst.person.last_name not in page  # the reporter never learns who asked
    assert f'name="code" value="{code.lower().replace("-", " ")}"' in page  # hidden, not in a URL

    page = client.post(RETURN, {"code": code, "reply": "The one at the Gazette."}).content.decode()
    assert "Your answer has been sent" in page
    assert "The one at the Gazette." in page
    reply = LineMessage.objects.get(direction=MessageDirection.FROM_REPORTER)
    assert reply.line_report == line_report and reply.written_by is None


def test_the_code_is_never_taken_from_a_url(client_for, staff_member):
    _, code = _make()
    page = client_for(staff_member).get(f"{RETURN}?code={code}").content.decode()
    assert ACCOUNT not in page


def test_a_wrong_code_gets_a_clear_error_and_nothing_else(client_for, staff_member):
    _, code = _make()
    client = client_for(staff_member)
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    for attempt in (wrong, "NOSUCHXX-AAAA-BBBB-CCCC-DDDD", "short"):
        page = client.post(RETURN, {"code": attempt, "reply": "Hello"}).content.decode()
        assert "Enter the receipt code exactly as it was shown to you" in page
        assert ACCOUNT not in page
    assert not LineMessage.objects.exists()


def test_a_confidential_report_seals_the_reporters_identity(client_for, staff_member):
    client_for(staff_member).post(REPORT, {"what_happened": ACCOUNT, "anonymity": "confidential"})
    sealed = SealedIdentity.objects.get()
    assert sealed.person == staff_member.person
    assert sealed.line_report.report.source.source_details == services.SOURCE_CONFIDENTIAL
    # The history knows no more than the anonymous report's: no user, midnight.
    history = sealed.history.get()
    assert history.history_user is None


def test_over_the_browsers_limit_nothing_is_stored(client_for, staff_member, monkeypatch):
    monkeypatch.setattr(views_portal, "PER_BROWSER", 2)
    client = client_for(staff_member)
    data = {"what_happened": ACCOUNT, "anonymity": "anonymous"}
    assert client.post(REPORT, data).status_code == 200
    assert client.post(REPORT, data).status_code == 200
    busy = client.post(REPORT, data)
    assert busy.status_code == 429
    assert "the reporting line is busy" in busy.content.decode()
    assert LineReport.objects.count() == 2


def test_over_the_force_wide_limit_nothing_is_stored(client_for, staff_member, monkeypatch):
    """The force-wide count is one bucket for everyone: a second browser is refused too."""
    monkeypatch.setattr(views_portal, "REPORTS_FORCE_WIDE", "1/10m")
    data = {"what_happened": ACCOUNT, "anonymity": "anonymous"}
    assert client_for(staff_member).post(REPORT, data).status_code == 200
    from tests.accounts.factories import UserFactory

    other = client_for(UserFactory())
    assert other.post(REPORT, data).status_code == 429
    assert LineReport.objects.count() == 1


def test_wrong_codes_are_limited_per_browser(client_for, staff_member, monkeypatch):
    monkeypatch.setattr(views_portal, "WRONG_CODES_PER_BROWSER", 2)
    _, code = _make()
    client = client_for(staff_member)
    for _ in range(2):
        client.post(RETURN, {"code": "NOSUCHXX-AAAA-BBBB-CCCC-DDDD"})
    assert client.post(RETURN, {"code": code}).status_code == 429


# --- the CCU's side --------------------------------------------------------------------------


def test_the_line_is_invisible_outside_the_ccu(client_for, staff_member, psd_head, auditor):
    line_report, _ = _make()
    for user in (staff_member, psd_head, auditor):
        client = client_for(user)
        assert client.get(LIST).status_code == 404
        assert client.get(_detail(line_report)).status_code == 404
        assert client.get(_identity(line_report)).status_code == 404


def test_the_analyst_asks_and_sees_the_answer_flagged(client_for, ccu_analyst):
    line_report, code = _make()
    client = client_for(ccu_analyst)

    response = client.post(_detail(line_report), {"text": "When did this start?"})
    assert response.status_code == 302
    question = LineMessage.objects.get()
    assert question.direction == MessageDirection.TO_REPORTER
    assert question.written_by == ccu_analyst
    assert "Waiting for the reporter" in client.get(LIST).content.decode()

    services.line_reply(code=code, text="Last March.", today=timezone.localdate())
    listing = client.get(LIST).content.decode()
    assert 'data-testid="reply-waiting"' in listing
    page = client.get(_detail(line_report)).content.decode()
    assert "Last March." in page
    assert ACCOUNT in page
    assert reverse("ccu:report", kwargs={"pk": line_report.report.pk}) in page


def test_messages_to_the_reporter_are_not_internal_notes(client_for, ccu_analyst):
    from ccu.models import ReportNote

    line_report, code = _make()
    ReportNote.objects.create(
        report=line_report.report, text="Internal: check the duty rota", written_by=ccu_analyst
    )
    page = client_for(ccu_analyst).get(_detail(line_report)).content.decode()
    assert "check the duty rota" not in page
    assert "check the duty rota" not in services.line_report_for_code(code=code).account


def test_the_list_is_newest_first_with_a_fixed_number_of_queries(
    client_for, ccu_analyst, django_assert_max_num_queries
):
    for index in range(30):
        line_report, _ = _make(text=f"Report number {index}")
        services.line_message_send(line_report=line_report, text="?", acting_user=ccu_analyst)
    client = client_for(ccu_analyst)
    client.get(LIST)
    with django_assert_max_num_queries(14):
        page = client.get(LIST).content.decode()
    assert page.count("Waiting for the reporter") == 30


def test_only_the_head_opens_a_sealed_identity_after_a_reason(
    client_for, staff_member, ccu_analyst, ccu_head
):
    line_report, _ = _make("confidential", person=staff_member.person)
    assert client_for(ccu_analyst).get(_identity(line_report)).status_code == 404
    analyst_page = client_for(ccu_analyst).get(_detail(line_report)).content.decode()
    assert _identity(line_report) not in analyst_page
    assert staff_member.person.last_name not in analyst_page

    head = client_for(ccu_head)
    assert _identity(line_report) in head.get(_detail(line_report)).content.decode()
    gate = head.get(_identity(line_report))
    assert "Give a reason to open this record" in gate.content.decode()
    assert staff_member.person.last_name not in gate.content.decode()
    assert not IdentityOpening.objects.exists()

    reason = "The reporter may need protection from the subject"
    assert head.post(_identity(line_report), {"justification": reason}).status_code == 302
    opening = IdentityOpening.objects.get()
    assert (opening.reason, opening.opened_by) == (reason, ccu_head)
    logged = AccessLogEntry.objects.filter(user=ccu_head, action=AccessAction.JUSTIFICATION)
    assert AccessLogDetail.objects.get(entry__in=logged).justification == reason

    page = head.get(_identity(line_report)).content.decode()
    assert staff_member.person.last_name in page
    assert staff_member.person.staff_number in page
    assert reason in page
    assert IdentityOpening.objects.count() == 1  # opening it again needs no second reason


def test_an_anonymous_report_has_no_identity_to_open(client_for, ccu_head):
    line_report, _ = _make()
    assert client_for(ccu_head).get(_identity(line_report)).status_code == 404


def test_nothing_notifies_anyone_of_a_line_report(client_for, staff_member, ccu_head):
    from standards.notifications.models import Notification

    client_for(staff_member).post(REPORT, {"what_happened": ACCOUNT, "anonymity": "anonymous"})
    assert not Notification.objects.exists()
    assert IntelligenceReport.objects.get().route == Route.CONFIDENTIAL_LINE
