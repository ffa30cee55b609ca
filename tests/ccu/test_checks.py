"""Intelligence checks, the CCU's side of the corridor crossing: the queue and the answer are the
CCU's alone, the subject never sees their own check, and PSD gets the answer and nothing else."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from ccu.selectors import checks
from registers.interests import services as interest_services
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role
from standards.exchange import selectors as exchange_selectors
from standards.exchange import services as exchange
from standards.exchange.models import CheckAnswer, IntelligenceCheck
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.exchange.factories import IntelligenceCheckFactory
from tests.registers.interests.factories import BusinessInterestFactory
from tests.security.test_corridor import _normalise

pytestmark = pytest.mark.django_db

QUEUE = reverse("ccu_checks:queue")


def _detail(check) -> str:
    return reverse("ccu_checks:detail", kwargs={"pk": check.pk})


def test_the_ccu_sees_the_queue_and_the_interest_behind_a_check(client_for, ccu_analyst):
    check = IntelligenceCheckFactory(
        asked_for=BusinessInterestFactory(organisation="Harbour Security Ltd")
    )
    client = client_for(ccu_analyst)
    page = client.get(QUEUE).context["page"]
    assert [c.pk for c in page] == [check.pk]
    body = client.get(_detail(check)).content.decode()
    assert check.subject.display_name in body
    assert "Harbour Security Ltd" in body
    assert "Send answer to PSD" in body


def test_the_ccu_answers_and_psd_is_told_only_that(client_for, ccu_analyst, psd_head):
    check = IntelligenceCheckFactory()
    client = client_for(ccu_analyst)
    body = client.post(_detail(check), {"answer": "trace", "ccu_note": ""}).content.decode()
    assert "Enter a note for the CCU" in body
    body = client.post(
        _detail(check), {"answer": "trace", "ccu_note": "<script>x</script>"}
    ).content.decode()
    assert "Remove the HTML or script" in body
    check.refresh_from_db()
    assert not check.is_answered

    response = client.post(
        _detail(check), {"answer": "trace", "ccu_note": "Subject of intelligence log 2231."}
    )
    assert response["Location"] == _detail(check)
    check.refresh_from_db()
    assert check.answer == CheckAnswer.TRACE
    assert check.answered_by == ccu_analyst
    assert check.history.first().history_change_reason == "Intelligence check answered"
    [notice] = Notification.objects.filter(recipient=psd_head)
    assert "2231" not in f"{notice.subject} {notice.body}"
    assert "trace" not in f"{notice.subject} {notice.body}".lower()
    # An answer stands: a second one is refused and the page shows the first.
    page = client.post(_detail(check), {"answer": "no_trace"})
    check.refresh_from_db()
    assert check.answer == CheckAnswer.TRACE
    assert "Subject of intelligence log 2231." in page.content.decode()
    with pytest.raises(ValidationError):
        exchange.intelligence_check_answer(
            check=check, answer=CheckAnswer.NO_TRACE, acting_user=ccu_analyst
        )


def test_the_answered_tab(client_for, ccu_head, ccu_analyst):
    waiting = IntelligenceCheckFactory()
    answered = IntelligenceCheckFactory()
    exchange.intelligence_check_answer(
        check=answered, answer=CheckAnswer.NO_TRACE, acting_user=ccu_analyst
    )
    client = client_for(ccu_head)
    assert [c.pk for c in client.get(QUEUE).context["page"]] == [waiting.pk]
    done = client.get(QUEUE, {"state": "answered"})
    assert [c.pk for c in done.context["page"]] == [answered.pk]
    assert ccu_analyst.person.display_name in done.content.decode()


def test_the_subject_never_sees_their_own_check_even_in_the_ccu(client_for, ccu_head):
    analyst = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    own = IntelligenceCheckFactory(asked_for=BusinessInterestFactory(declarant=analyst.person))
    other = IntelligenceCheckFactory()
    client = client_for(analyst)
    assert [c.pk for c in client.get(QUEUE).context["page"]] == [other.pk]
    assert client.get(_detail(own)).status_code == 404
    with pytest.raises(Http404):
        exchange.intelligence_check_answer(
            check=own, answer=CheckAnswer.NO_TRACE, acting_user=analyst
        )
    queues = checks.check_queues(user=analyst)
    assert queues[0].count == 1
    # The head sees it.
    assert client_for(ccu_head).get(_detail(own)).status_code == 200


@pytest.mark.parametrize(
    "who",
    ["psd_head", "caseworker", "line_manager", "board_member", "administrator", "auditor"],
)
def test_a_check_is_invisible_outside_the_ccu(client_for, request, who):
    check = IntelligenceCheckFactory()
    user = request.getfixturevalue(who)
    client = client_for(user)
    real = client.get(_detail(check))
    fake = client.get(reverse("ccu_checks:detail", kwargs={"pk": check.pk + 10_000}))
    assert real.status_code == fake.status_code == 404
    assert _normalise(real.content.decode()) == _normalise(fake.content.decode())
    assert client.get(QUEUE).status_code == 404
    assert client.post(_detail(check), {"answer": "no_trace"}).status_code == 404
    check.refresh_from_db()
    assert not check.is_answered
    assert checks.check_queues(user=user) == []
    with pytest.raises(Http404):
        exchange.intelligence_check_answer(check=check, answer="no_trace", acting_user=user)


def test_only_psd_asks_for_a_check(ccu_head, line_manager):
    interest = BusinessInterestFactory()
    for user in (ccu_head, line_manager):
        with pytest.raises(Http404):
            exchange.intelligence_check_request(
                subject=interest.declarant,
                purpose="A check",
                asked_for=interest,
                acting_user=user,
            )
    assert not IntelligenceCheck.objects.exists()


def test_the_access_log_keeps_only_an_opaque_reference(client_for, ccu_analyst):
    check = IntelligenceCheckFactory()
    client_for(ccu_analyst).get(_detail(check))
    entry = AccessLogEntry.objects.get(action=AccessAction.CONSULTATION)
    assert entry.area == Area.CCU
    assert entry.record_ref.startswith("CCU-")
    assert entry.object_id == "" and entry.record_label == "" and entry.content_type is None


def test_the_psd_view_of_a_check_reads_only_the_outcome(ccu_analyst, django_assert_num_queries):
    check = IntelligenceCheckFactory()
    exchange.intelligence_check_answer(
        check=check, answer=CheckAnswer.TRACE, ccu_note="Secret.", acting_user=ccu_analyst
    )
    with django_assert_num_queries(1) as captured:
        [outcome] = exchange_selectors.check_outcomes_for(check.asked_for)
    sql = captured.captured_queries[0]["sql"]
    assert "ccu_note" not in sql and "answered_by" not in sql
    assert outcome.answer_label == "Trace: speak to the CCU before deciding"


def test_the_ccu_is_told_of_a_new_check_the_subject_is_not(caseworker, ccu_head):
    subject_analyst = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    interest = BusinessInterestFactory(declarant=subject_analyst.person)
    interest_services.interest_request_check(interest=interest, acting_user=caseworker)
    assert Notification.objects.filter(recipient=ccu_head).count() == 1
    assert not Notification.objects.filter(recipient=subject_analyst).exists()
    assert not Notification.objects.filter(recipient=caseworker).exists()


@pytest.mark.parametrize("state", ["awaiting", "answered"])
def test_queue_query_count(client_for, ccu_head, ccu_analyst, state, django_assert_max_num_queries):
    for _ in range(60):
        IntelligenceCheckFactory(
            answer=CheckAnswer.NO_TRACE if state == "answered" else "",
            answered_by=ccu_analyst if state == "answered" else None,
        )
    client = client_for(ccu_head)
    client.get(QUEUE, {"state": state})
    # One more than the page needs: the access-log row's CCU details go into a table of their own;
    # and one for the lists of people grouped above the single checks (their counts, in one).
    with django_assert_max_num_queries(14):
        response = client.get(QUEUE, {"state": state})
    assert len(response.context["page"]) == 50


def test_the_queue_marks_the_checks_its_count_calls_overdue(client_for, ccu_analyst):
    """The review queue counts a check overdue after ANSWER_WITHIN_DAYS; the list marks the
    same checks, and only those."""
    now = timezone.now()
    late = IntelligenceCheckFactory.create_batch(2)
    for check in late:
        check.requested_at = now - dt.timedelta(days=checks.ANSWER_WITHIN_DAYS + 1)
        check.save()
    IntelligenceCheckFactory(requested_at=now - dt.timedelta(days=1))
    (queue,) = checks.check_queues(user=ccu_analyst)
    assert queue.overdue == 2
    body = client_for(ccu_analyst).get(QUEUE).content.decode()
    assert body.count(">Overdue</strong>") == 2
