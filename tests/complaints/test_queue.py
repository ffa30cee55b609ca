"""The caseworker's queue (/complaints/): who sees which cases in which view, what a row shows,
the search logged, and the query count pinned with more than 100 cases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import CaseStatus, Review, ReviewBody
from complaints.selectors.queue import due_soon_before
from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.complaints.factories import CaseFactory, SubjectFactory

pytestmark = pytest.mark.django_db

QUEUE = reverse("complaints:queue")


def _refs(response) -> set[str]:
    return {case.reference for case in response.context["page"]}


def test_a_caseworker_sees_their_cases_by_default(client_for, caseworker):
    mine = CaseFactory(team=[caseworker])
    other = CaseFactory()
    response = client_for(caseworker).get(QUEUE)
    assert response.status_code == 200
    assert response.context["view"] == "mine"
    assert _refs(response) == {mine.reference}
    everything = client_for(caseworker).get(QUEUE, {"view": "all"})
    assert _refs(everything) == {mine.reference, other.reference}


def test_the_head_sees_unallocated_and_overdue_with_counts(client_for, psd_head, caseworker):
    today = timezone.localdate()
    unallocated = CaseFactory()
    allocated = CaseFactory(team=[caseworker])
    late = CaseFactory(team=[caseworker], next_due_on=today - dt.timedelta(days=1))
    closed = CaseFactory(status=CaseStatus.CLOSED, next_due_on=today - dt.timedelta(days=3))
    client = client_for(psd_head)
    response = client.get(QUEUE, {"view": "unallocated"})
    assert _refs(response) == {unallocated.reference}
    counts = {tab.key: tab.count for tab in response.context["tabs"]}
    assert counts["unallocated"] == 1
    assert counts["overdue"] == 1
    assert "Unallocated (1)" in response.content.decode()
    overdue = client.get(QUEUE, {"view": "overdue"})
    assert _refs(overdue) == {late.reference}
    assert allocated.reference not in _refs(overdue) and closed.reference not in _refs(overdue)


def test_counts_are_for_the_head_only(client_for, caseworker):
    CaseFactory()
    response = client_for(caseworker).get(QUEUE, {"view": "unallocated"})
    assert all(tab.count is None for tab in response.context["tabs"])


def test_the_next_clock_is_highlighted(client_for, psd_head):
    today = timezone.localdate()
    overdue = CaseFactory(next_due_on=today - dt.timedelta(days=1), next_due_label="Log it")
    soon = CaseFactory(next_due_on=today, next_due_label="Contact them")
    later = CaseFactory(
        next_due_on=due_soon_before(today) + dt.timedelta(days=1), next_due_label="Report"
    )
    response = client_for(psd_head).get(QUEUE, {"view": "all", "sort": "due"})
    rows = response.content.decode().split('<tr class="govuk-table__row">')[2:]
    by_ref = {
        ref: next(r for r in rows if ref in r)
        for ref in (overdue.reference, soon.reference, later.reference)
    }
    assert "Overdue" in by_ref[overdue.reference]
    assert "Due soon" in by_ref[soon.reference] and "Overdue" not in by_ref[soon.reference]
    assert "Due soon" not in by_ref[later.reference]
    assert [c.reference for c in response.context["page"]][:3] == [
        overdue.reference,
        soon.reference,
        later.reference,
    ]


def test_closed_cases_only_when_asked_for(client_for, psd_head):
    open_case = CaseFactory()
    closed = CaseFactory(status=CaseStatus.CLOSED)
    client = client_for(psd_head)
    assert _refs(client.get(QUEUE, {"view": "all"})) == {open_case.reference}
    assert _refs(client.get(QUEUE, {"view": "all", "status": "closed"})) == {closed.reference}


def test_filter_by_reference_and_kind(client_for, psd_head):
    wanted = CaseFactory()
    CaseFactory()
    client = client_for(psd_head)
    assert _refs(client.get(QUEUE, {"view": "all", "reference": wanted.reference})) == {
        wanted.reference
    }
    assert _refs(client.get(QUEUE, {"view": "all", "reference": "nonsense"})) == set()
    assert _refs(client.get(QUEUE, {"view": "all", "kind": "dsi"})) == set()


def test_the_review_body_sees_only_cases_whose_review_is_with_it(client_for, reviewer):
    with_them = CaseFactory(status=CaseStatus.REVIEW)
    Review(
        case=with_them,
        body=ReviewBody.LOCAL_POLICING_BODY,
        applied_on=timezone.localdate(),
        recorded_by=UserFactory(),
    ).save()
    with_iopc = CaseFactory(status=CaseStatus.REVIEW)
    Review(
        case=with_iopc,
        body=ReviewBody.IOPC,
        applied_on=timezone.localdate(),
        recorded_by=UserFactory(),
    ).save()
    CaseFactory()
    response = client_for(reviewer).get(QUEUE, {"view": "all"})
    assert response.context["view"] == "mine"  # the only view it has
    assert _refs(response) == {with_them.reference}


def test_a_caseworker_never_sees_a_case_about_themselves(client_for, caseworker):
    about_them = CaseFactory()
    SubjectFactory(case=about_them, person=caseworker.person)
    response = client_for(caseworker).get(QUEUE, {"view": "all"})
    assert about_them.reference not in _refs(response)


def test_the_queue_is_not_for_everyone(client_for, staff_member, board_member):
    for user in (staff_member, board_member):
        assert client_for(user).get(QUEUE).status_code == 404


def test_the_search_is_logged(client_for, caseworker):
    CaseFactory(team=[caseworker])
    client_for(caseworker).get(QUEUE, {"view": "mine", "kind": "complaint", "page": "1"})
    row = AccessLogEntry.objects.filter(user=caseworker).latest("pk")
    assert row.action == AccessAction.SEARCH
    assert row.result_count == 1
    assert "kind=complaint" in row.search_terms and "page" not in row.search_terms


ROWS = 110


@pytest.fixture
def many(caseworker):
    lead = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    today = timezone.localdate()
    cases = []
    for index in range(ROWS):
        cases.append(
            CaseFactory(
                team=[caseworker if index % 2 else lead],
                next_due_on=today + dt.timedelta(days=index - 20),
                next_due_label="Contact the complainant",
            )
        )
    CaseFactory.create_batch(ROWS // 2)  # unallocated
    return cases


@pytest.mark.parametrize("view", ["mine", "all", "unallocated", "overdue"])
def test_queue_query_count(
    client_for, psd_head, caseworker, many, view, django_assert_max_num_queries
):
    for user in (psd_head, caseworker):
        client = client_for(user)
        client.get(QUEUE, {"view": view})  # the session and the user are warm
        # Constant: session, user, roles, grants, the two tab counts (head), the lead filter's
        # choices, the page and its count, the search row. A row that queried would add 50.
        with django_assert_max_num_queries(15):
            response = client.get(QUEUE, {"view": view, "sort": "-received"})
        assert response.status_code == 200
        if view in ("all", "unallocated"):
            assert len(response.context["page"]) == 50


def test_the_review_queues_page_lists_the_case_queues(client_for, psd_head, caseworker):
    from standards.core.extensions import review_queues_for

    CaseFactory(team=[caseworker])
    CaseFactory()
    mine = {q.key: q for q in review_queues_for(caseworker)}
    assert mine["complaints-mine"].count == 1
    assert "complaints-unallocated" not in mine
    head = {q.key: q for q in review_queues_for(psd_head)}
    assert head["complaints-unallocated"].count == 1
    assert client_for(psd_head).get(reverse("registers:queues")).status_code == 200


def test_a_persons_page_links_to_the_cases_about_them(client_for, psd_head, staff_member):
    from standards.core.extensions import person_links

    person = staff_member.person
    case = CaseFactory()
    SubjectFactory(case=case, person=person)
    links = [
        link for link in person_links(viewer=psd_head, person=person) if "conduct" in link.label
    ]
    assert links[0].count == 1 and case.reference in links[0].records[0].text
    # Nobody outside PSD and the CCU learns a case exists.
    assert not [
        link for link in person_links(viewer=staff_member, person=person) if "conduct" in link.label
    ]


def test_filter_by_lead(client_for, psd_head, caseworker):
    theirs = CaseFactory(team=[caseworker])
    CaseFactory(team=[UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])])
    response = client_for(psd_head).get(QUEUE, {"view": "all", "lead": caseworker.pk})
    assert _refs(response) == {theirs.reference}
    assert caseworker.display_name in response.content.decode()  # an option of the filter
