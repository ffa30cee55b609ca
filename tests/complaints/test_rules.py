"""The access rules themselves (complaints/rules.py), read through the policy as every selector
reads them: the complainant's details are for the case team only, even for readers who may
open the case; the review body sees only its own reviews' cases; nobody sees a case about them."""

from __future__ import annotations

import pytest

from complaints.models import Case, Review, ReviewBody
from complaints.selectors.cases import complainants_for_user, in_case_team
from standards.access import policy
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.complaints.factories import CaseFactory, ComplainantFactory, SubjectFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(caseworker):
    case = CaseFactory(team=[caseworker])
    ComplainantFactory(case=case)
    return case


def test_the_case_team_sees_the_complainant(caseworker, psd_head, case):
    for user in (caseworker, psd_head):
        assert complainants_for_user(user=user, case=case).count() == 1
        assert in_case_team(user=user, case=case)


def test_readers_outside_the_team_see_the_case_but_not_the_complainant(ccu_analyst, case):
    other_caseworker = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    for user in (ccu_analyst, other_caseworker):
        assert policy.visible(user, Case.objects.filter(pk=case.pk)).exists()
        assert not complainants_for_user(user=user, case=case).exists()
        assert not in_case_team(user=user, case=case)


def test_the_review_body_sees_only_cases_whose_review_is_with_it(reviewer, caseworker, case):
    other = CaseFactory(team=[caseworker])
    ComplainantFactory(case=other)
    assert not policy.visible(reviewer, Case.objects.all()).exists()
    Review(
        case=case, body=ReviewBody.LOCAL_POLICING_BODY, applied_on=case.received_on,
        recorded_by=caseworker,
    ).save()  # fmt: skip
    assert list(policy.visible(reviewer, Case.objects.all())) == [case]
    assert complainants_for_user(user=reviewer, case=case).count() == 1
    assert not policy.can_change(reviewer, case)
    Review(
        case=other, body=ReviewBody.IOPC, applied_on=other.received_on, recorded_by=caseworker
    ).save()
    assert list(policy.visible(reviewer, Case.objects.all())) == [case]  # the IOPC's is not theirs


def test_nobody_sees_a_case_they_are_the_subject_or_complainant_of(caseworker, psd_head, case):
    SubjectFactory(case=case, person=psd_head.person)
    assert not policy.visible(psd_head, Case.objects.filter(pk=case.pk)).exists()
    ComplainantFactory(case=case, person=caseworker.person)
    assert not policy.visible(caseworker, Case.objects.filter(pk=case.pk)).exists()
    assert not complainants_for_user(user=caseworker, case=case).exists()
