"""Query counts for the queue and the case page, pinned with enough rows for an N+1 to show.

The queue reads ``case_list_for_user`` narrowed the way the queue's views narrow it (the case
team for "mine", no lead for "unallocated"), with the ``select_related`` the rows need; the case
page reads the case through the policy and prefetches its people, allegations, decisions and
clocks. Each is counted with 10 rows and with 120: the count must not grow with the rows.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.test.utils import CaptureQueriesContext
from guardian.shortcuts import assign_perm

from complaints import rules
from complaints.clocks import case_clocks
from complaints.models import (
    Allegation,
    AllegationCategory,
    Case,
    HandlingDecision,
    ProfessionalStandard,
    SeverityAssessment,
    Subject,
)
from complaints.selectors.cases import (
    case_get_for_user,
    case_list_for_user,
    complainants_for_user,
    in_case_team,
)
from standards.access import policy
from tests.complaints.factories import (
    AllegationFactory,
    CaseFactory,
    ComplainantFactory,
    SubjectFactory,
)

pytestmark = pytest.mark.django_db

MANY = 120
FEW = 10


def _grant(user, cases) -> None:
    for case in cases:
        assign_perm("complaints.view_case", user, case)
        assign_perm("complaints.work_case", user, case)


def _cases(n: int, *, lead=None) -> list[Case]:
    cases = CaseFactory.create_batch(n, lead=lead)
    for case in cases:
        SubjectFactory(case=case)
        ComplainantFactory(case=case)
    return cases


def _queue(user, view: str):
    cases = case_list_for_user(user=user).open()
    if view == "mine":
        cases = cases.filter(rules.case_team_filter(user))
    else:
        cases = cases.filter(lead__isnull=True)
    # The lead's name is their person's: joined, or each row fetches its lead's person.
    return cases.select_related("lead__person").order_by("received_on", "id")


def _show_queue(user, view: str) -> int:
    """What a queue page does with each row: the lead's name, the clock, the status."""
    cases = _queue(user, view)
    rows = list(cases[:MANY])
    for case in rows:
        _ = (case.reference, case.get_status_display(), case.next_due_label, str(case.lead or ""))
    cases.count()
    return len(rows)


def _count(run) -> int:
    with CaptureQueriesContext(connection) as captured:
        run()
    return len(captured.captured_queries)


def test_the_caseworkers_queue_reads_a_fixed_number_of_queries_however_many_cases(
    caseworker, django_assert_num_queries
):
    _grant(caseworker, _cases(FEW, lead=caseworker))
    few = _count(lambda: _show_queue(caseworker, "mine"))
    _grant(caseworker, _cases(MANY - FEW, lead=caseworker))
    _cases(15)  # not theirs: never on their queue

    caseworker.__dict__.pop("_role_names", None)
    # Roles, the page (lead joined), the count: the view_case permission's id is a subquery of
    # each, not a query of its own.
    with django_assert_num_queries(3):
        assert _show_queue(caseworker, "mine") == MANY
    caseworker.__dict__.pop("_role_names", None)
    assert _count(lambda: _show_queue(caseworker, "mine")) == few


def test_the_heads_unallocated_view_reads_a_fixed_number_of_queries(
    psd_head, caseworker, django_assert_num_queries
):
    _cases(FEW)
    few = _count(lambda: _show_queue(psd_head, "unallocated"))
    _cases(MANY - FEW)
    _grant(caseworker, _cases(5, lead=caseworker))  # allocated: not in the view

    psd_head.__dict__.pop("_role_names", None)
    with django_assert_num_queries(3):  # roles, the page, the count
        assert _show_queue(psd_head, "unallocated") == MANY
    psd_head.__dict__.pop("_role_names", None)
    assert _count(lambda: _show_queue(psd_head, "unallocated")) == few


def _case_with(rows: int) -> Case:
    """A case with ``rows`` subjects, allegations (each on every subject, with two standards),
    handling decisions and severity assessments."""
    case = CaseFactory()
    ComplainantFactory(case=case)
    subjects = [SubjectFactory(case=case) for _ in range(rows)]
    Subject.objects.create(case=case, description="An officer not yet identified")
    standards = list(ProfessionalStandard.objects.all()[:2])
    categories = list(AllegationCategory.objects.all()[:rows])
    for index in range(rows):
        allegation = AllegationFactory(case=case, category=categories[index], subjects=subjects)
        allegation.standards.set(standards)
    return case


def _read_case_page(user, pk) -> int:
    """The case page's reads: the case and the policy's answers, then one query a relation."""
    case = case_get_for_user(user=user, pk=pk)
    may_work = policy.can_change(user, case)
    complainants = (
        list(complainants_for_user(user=user, case=case))
        if in_case_team(user=user, case=case)
        else []
    )
    prefetch_related_objects(
        [case],
        Prefetch("subjects", queryset=Subject.objects.select_related("person__org_unit")),
        "letters",
        "subjects__restrictions__reviews",
        "subjects__reflections",
        "subjects__listings",
        Prefetch(
            "handling_decisions", queryset=HandlingDecision.objects.select_related("decided_by")
        ),
        "referrals__criteria_met",
        Prefetch(
            "severity_assessments",
            queryset=SeverityAssessment.objects.select_related("assessed_by", "subject__person"),
        ),
    )
    allegations = list(
        Allegation.objects.filter(case=case)
        .select_related("category")
        .prefetch_related(
            "standards", Prefetch("subjects", queryset=Subject.objects.select_related("person"))
        )
    )
    seen = len(complainants) + int(may_work)
    for allegation in allegations:
        seen += len(allegation.standards.all()) + (allegation.category.name != "")
        seen += sum(1 for s in allegation.subjects.all() if s.person or s.description)
    for subject in case.subjects.all():
        seen += 1 if subject.person is None else len(subject.person.org_unit.name) > 0
    seen += len(case.handling_decisions.all()) + len(case.referrals.all())
    seen += sum(1 for s in case.severity_assessments.all() if s.assessed_by)
    seen += len(case_clocks(case))
    return seen


def test_the_case_page_reads_a_fixed_number_of_queries_however_many_rows(
    caseworker, django_assert_num_queries
):
    small, large = _case_with(1), _case_with(3)
    _grant(caseworker, [small, large])
    for subject in Subject.objects.filter(case=large, person__isnull=False):
        SeverityAssessment.objects.create(
            case=large,
            subject=subject,
            severity="misconduct",
            rationale="If proven, a breach serious enough to justify disciplinary action.",
            assessed_by=caseworker,
            assessed_at="2026-01-05T10:00:00Z",
        )
        HandlingDecision.objects.create(
            case=large,
            handling="investigation",
            rationale="Could amount to misconduct.",
            decided_by=caseworker,
            decided_at="2026-01-04T10:00:00Z",
        )

    caseworker.__dict__.pop("_role_names", None)
    few = _count(lambda: _read_case_page(caseworker, small.pk))
    caseworker.__dict__.pop("_role_names", None)
    # Roles; the case; can_change; in_case_team; complainants (each with the permission's id as
    # a subquery, not a query of its own); subjects; letters; restrictions and their reviews;
    # reflections; listings; handling decisions; referrals (their criteria are not read when
    # there are none); severity assessments; allegations, their standards and their subjects.
    with django_assert_num_queries(few):
        _read_case_page(caseworker, large.pk)
    assert few <= 17
