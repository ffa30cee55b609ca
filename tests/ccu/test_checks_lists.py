"""The CCU's side of lists put up for checks: every person beside what the CCU holds on them
(only what the viewer may see), an answer for each, the queue grouping a list's checks, and
nobody on a list ever seeing it, its checks, or their own holdings."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.urls import reverse
from guardian.shortcuts import assign_perm

from ccu.selectors import checks
from ccu.selectors.people import person_holdings
from standards.access.roles import Role
from standards.exchange import services as exchange
from standards.exchange.models import CheckAnswer, CheckListPurpose, IntelligenceCheck
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.ccu.factories import NominalFactory, NominalLinkFactory, OperationFactory, ReportFactory
from tests.complaints.factories import SubjectFactory
from tests.exchange.factories import CheckListFactory, IntelligenceCheckFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("ccu_checks:queue")


def _list_page(check_list) -> str:
    return reverse("ccu_checks:list_detail", kwargs={"pk": check_list.pk})


def _check_on(person) -> IntelligenceCheck:
    return IntelligenceCheck.objects.get(subject=person)


@pytest.fixture
def holdings_world(ccu_analyst):
    """A person the CCU holds on: a report in the intake with a nominal, a report in an
    operation the analyst is granted, and one in an operation they are not (with a nominal of
    its own); and a complaint case about them."""
    person = PersonFactory(last_name="Ashdown")
    intake = ReportFactory(subjects=[person])
    NominalLinkFactory(report=intake, nominal=NominalFactory(name="Harbour Security Ltd"))
    granted = OperationFactory()
    assign_perm("view_operation", ccu_analyst, granted)
    in_granted = ReportFactory(operation=granted, subjects=[person])
    hidden_operation = OperationFactory()
    hidden = ReportFactory(operation=hidden_operation, subjects=[person])
    hidden_nominal = NominalFactory(name="Kirkwell Haulage", operation=hidden_operation)
    NominalLinkFactory(report=hidden, nominal=hidden_nominal)
    # A nominal link on a visible report to a nominal in a compartment the analyst is not in.
    NominalLinkFactory(
        report=intake, nominal=NominalFactory(name="Saltcote Motors", operation=hidden_operation)
    )
    case_subject = SubjectFactory(person=person)
    return {
        "person": person,
        "visible": [intake, in_granted],
        "hidden": hidden,
        "case": case_subject.case,
    }


def test_holdings_are_only_what_the_viewer_may_see(ccu_analyst, ccu_head, holdings_world):
    person = holdings_world["person"]
    holdings = person_holdings(user=ccu_analyst, person=person)
    assert {r.pk for r in holdings.reports} == {r.pk for r in holdings_world["visible"]}
    assert holdings.report_count == 2
    assert [link.nominal.name for link in holdings.nominals] == ["Harbour Security Ltd"]
    labels = {link.label: link.count for link in holdings.other_records}
    assert labels["Complaint and conduct cases"] == 1
    # The head sees every compartment.
    head = person_holdings(user=ccu_head, person=person)
    assert head.report_count == 3
    assert {link.nominal.name for link in head.nominals} == {
        "Harbour Security Ltd",
        "Kirkwell Haulage",
        "Saltcote Motors",
    }


def test_the_list_page_shows_each_person_beside_their_holdings(
    client_for, ccu_analyst, holdings_world
):
    person = holdings_world["person"]
    clear = PersonFactory(last_name="Brierley")
    check_list = CheckListFactory(people=[person, clear])
    body = client_for(ccu_analyst).get(_list_page(check_list)).content.decode()
    card = body.split(f'data-testid="person-{person.staff_number}"')[1].split(
        'govuk-summary-card"'
    )[0]
    for report in holdings_world["visible"]:
        assert report.reference in card
    assert holdings_world["hidden"].reference not in body
    assert "Kirkwell Haulage" not in body and "Saltcote Motors" not in body
    assert "Harbour Security Ltd" in card
    assert holdings_world["case"].reference in card
    clear_card = body.split(f'data-testid="person-{clear.staff_number}"')[1]
    assert "None you can see" in clear_card
    assert body.count('data-testid="answer-form"') == 2


def test_the_single_check_page_shows_the_subjects_holdings(client_for, ccu_analyst, holdings_world):
    check = IntelligenceCheckFactory(subject=holdings_world["person"])
    body = (
        client_for(ccu_analyst)
        .get(reverse("ccu_checks:detail", kwargs={"pk": check.pk}))
        .content.decode()
    )
    assert holdings_world["visible"][0].reference in body
    assert holdings_world["hidden"].reference not in body


def test_the_ccu_answers_each_person_and_psd_sees_only_the_answer(
    client_for, ccu_analyst, caseworker
):
    first, second = PersonFactory(last_name="Ashdown"), PersonFactory(last_name="Brierley")
    check_list = CheckListFactory(requested_by=caseworker, people=[first, second])
    client = client_for(ccu_analyst)
    check = _check_on(first)
    prefix = f"check-{check.pk}"
    # A trace needs the CCU's note.
    response = client.post(_list_page(check_list), {"check": check.pk, f"{prefix}-answer": "trace"})
    assert response.status_code == 200
    assert "Enter a note for the CCU" in response.content.decode()
    check.refresh_from_db()
    assert not check.is_answered
    response = client.post(
        _list_page(check_list),
        {
            "check": check.pk,
            f"{prefix}-answer": "trace",
            f"{prefix}-ccu_note": "Named in IR-000412: speak to the head first.",
        },
    )
    assert response["Location"] == _list_page(check_list)
    check.refresh_from_db()
    assert check.answer == CheckAnswer.TRACE and check.answered_by == ccu_analyst
    # Answering it again is refused; the other person still waits.
    client.post(_list_page(check_list), {"check": check.pk, f"{prefix}-answer": "no_trace"})
    check.refresh_from_db()
    assert check.answer == CheckAnswer.TRACE
    assert not _check_on(second).is_answered

    psd = client_for(caseworker).get(reverse("checks:list_detail", kwargs={"pk": check_list.pk}))
    body = psd.content.decode()
    assert "Trace: speak to the CCU" in body
    assert "IR-000412" not in body and ccu_analyst.person.display_name not in body


def test_a_ccu_member_on_a_list_never_sees_it_their_check_or_their_holdings(
    client_for, ccu_head, psd_head
):
    rival = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    ReportFactory(subjects=[rival.person])
    other = PersonFactory()
    check_list = exchange.check_list_create(
        title="Sergeant promotion board",
        purpose=CheckListPurpose.PROMOTION,
        staff_numbers=[rival.person.staff_number, other.staff_number],
        acting_user=psd_head,
    )
    single = IntelligenceCheckFactory()
    client = client_for(rival)
    assert client.get(_list_page(check_list)).status_code == 404
    for check in IntelligenceCheck.objects.filter(subject__in=[rival.person, other]):
        assert client.get(reverse("ccu_checks:detail", kwargs={"pk": check.pk})).status_code == 404
        with pytest.raises(Http404):
            exchange.intelligence_check_answer(
                check=check, answer=CheckAnswer.NO_TRACE, acting_user=rival
            )
    queue = client.get(QUEUE)
    assert [c.pk for c in queue.context["page"]] == [single.pk]
    assert queue.context["lists"] == []
    assert checks.check_queues(user=rival)[0].count == 1
    assert person_holdings(user=rival, person=rival.person) is None
    assert not Notification.objects.filter(recipient=rival).exists()
    # The head works the list, and is told of it once.
    assert client_for(ccu_head).get(_list_page(check_list)).status_code == 200
    assert Notification.objects.filter(recipient=ccu_head).count() == 1


@pytest.mark.parametrize("who", ["psd_head", "caseworker", "line_manager", "auditor"])
def test_the_ccu_list_page_is_invisible_outside_the_ccu(client_for, request, who):
    check_list = CheckListFactory(people=[PersonFactory()])
    assert client_for(request.getfixturevalue(who)).get(_list_page(check_list)).status_code == 404


def test_the_queue_groups_a_lists_checks_under_it(client_for, ccu_analyst):
    check_list = CheckListFactory(people=PersonFactory.create_batch(3))
    single = IntelligenceCheckFactory()
    exchange.intelligence_check_answer(
        check=IntelligenceCheck.objects.filter(subject__in=check_list.people.all()).first(),
        answer=CheckAnswer.NO_TRACE,
        acting_user=ccu_analyst,
    )
    response = client_for(ccu_analyst).get(QUEUE)
    assert [c.pk for c in response.context["page"]] == [single.pk]
    [queued] = response.context["lists"]
    assert queued.check_list == check_list and (queued.awaiting, queued.answered) == (2, 1)
    assert "1 of 3 answered" in response.content.decode()
    assert client_for(ccu_analyst).get(QUEUE, {"state": "answered"}).context["lists"] == []


@pytest.mark.parametrize("size", [5, 20])
def test_the_list_page_query_count_is_pinned(
    client_for, ccu_analyst, size, django_assert_max_num_queries
):
    """Reports and nominal links for the whole list are two queries; the other areas' lines
    (``extensions.person_links``) are a fixed number a person."""
    people = PersonFactory.create_batch(size)
    for person in people:
        report = ReportFactory(subjects=[person])
        NominalLinkFactory(report=report)
        SubjectFactory(person=person)
    check_list = CheckListFactory(people=people)
    client = client_for(ccu_analyst)
    client.get(_list_page(check_list))
    with django_assert_max_num_queries(FIXED + PER_PERSON * size):
        response = client.get(_list_page(check_list))
    assert len(response.context["rows"]) == size


# Measured: 44 queries for 5 people, 119 for 20. The fixed part is the page, the session, the
# list, its checks, the reports and the nominal links, and the access-log row; a person costs one
# query for each area's line (business interests, gifts, associations) and two for their cases
# (the count and the few listed).
FIXED, PER_PERSON = 19, 5
