"""The complaints demo data: a year shaped like Cleveland's DSE report (410 complaints, 10%
reviews, 56 DSI referrals, 50 conduct matters, one hearing ending in a final written warning),
clocks as ``refresh`` computes them, and work for the demo logins."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest
from django.db import transaction
from django.utils import timezone

from complaints import clocks, rules
from complaints.demo import seed_complaints
from complaints.models import (
    Allegation,
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Complainant,
    Finding,
    Handling,
    Intake,
    IntakeStatus,
    Pause,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    Referral,
    Restriction,
    Review,
    ReviewBody,
    Severity,
    SeverityAssessment,
    Subject,
)
from complaints.selectors.cases import case_list_for_user, in_case_team
from standards.access import policy
from standards.accounts.models import User
from standards.site.demo import seed_force, seed_logins

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded(django_db_setup, django_db_blocker):
    """Seeded once for the module, inside a transaction rolled back at its end; each test runs
    in a savepoint of it (pytest-django's own), so what a test changes is undone after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        seed_force(people=150)
        seed_logins()
        today = timezone.localdate()
        created = seed_complaints(today=today, rng=random.Random(2017))
        yield created, today
        transaction.set_rollback(True)


@pytest.fixture
def demo(_seeded, db):
    created, today = _seeded
    return {u.username: u for u in User.objects.all()}, created, today


def _this_year(today):
    return Case.objects.filter(received_on__gt=today - dt.timedelta(days=365))


def test_a_year_of_complaints_dsi_referrals_and_conduct_matters_in_clevelands_shape(demo):
    _, created, today = demo
    year = _this_year(today)
    complaints = year.filter(kind=CaseKind.COMPLAINT)
    assert 380 <= complaints.count() <= 430
    assert 45 <= year.filter(kind=CaseKind.CONDUCT).count() <= 55
    assert created > Case.objects.count()

    # 56 DSI matters, every one referred to the IOPC; the mode recorded once the IOPC decides.
    dsi = Case.objects.filter(kind=CaseKind.DSI)
    assert dsi.count() == 56
    referrals = Referral.objects.filter(case__kind=CaseKind.DSI, referred=True)
    assert referrals.count() == 56
    assert all(r.criteria_met.filter(code="dsi").exists() for r in referrals[:5])
    decided = referrals.exclude(mode="")
    assert decided.count() >= 50
    assert {r.mode for r in decided} == {"return", "local", "directed", "independent"}
    assert all(r.case.iopc_mode == r.mode for r in decided)

    # Most recorded under Schedule 3, some outside it; every channel the public uses.
    handled = complaints.exclude(handling=Handling.UNDECIDED)
    outside = handled.filter(handling=Handling.OUTSIDE_SCHEDULE_3).count()
    assert 0.1 < outside / handled.count() < 0.35
    assert handled.filter(handling=Handling.INVESTIGATION).exists()
    assert set(complaints.values_list("channel", flat=True)) >= {
        Channel.ONLINE,
        Channel.PHONE,
        Channel.EMAIL,
        Channel.LETTER,
        Channel.POLICING_BODY,
    }
    # 1-3 allegations each, with a category and the standards at stake.
    for case in complaints.prefetch_related("allegations__standards")[:50]:
        allegations = list(case.allegations.all())
        assert 1 <= len(allegations) <= 3
        assert all(a.standards.all() for a in allegations)
    assert (
        Complainant.objects.filter(case__kind=CaseKind.COMPLAINT).count()
        == Case.objects.filter(kind=CaseKind.COMPLAINT).count()
    )
    assert Subject.objects.filter(person__isnull=True).exclude(description="").exists()
    assert Subject.objects.filter(person__isnull=False).exists()


def test_about_one_complaint_in_ten_comes_back_for_a_review(demo):
    users, _, today = demo
    complaints = _this_year(today).filter(kind=CaseKind.COMPLAINT).count()
    reviews = Review.objects.all()
    assert 0.08 <= reviews.count() / complaints <= 0.12
    assert reviews.filter(late=True).exists()
    assert reviews.filter(body=ReviewBody.IOPC).exists()
    lpb = reviews.filter(body=ReviewBody.LOCAL_POLICING_BODY)
    assert lpb.filter(decided_on__isnull=False, decided_by=users["review.body"]).exists()
    # Reviews still with the policing body: the review body login's work, and the case says so.
    waiting = lpb.filter(decided_on__isnull=True)
    assert waiting.count() >= 3
    assert {r.case.status for r in waiting} == {CaseStatus.REVIEW}
    # A late application is the one made after the 28-day window.
    for review in reviews.select_related("case"):
        told_on = review.case.outcome_on
        assert review.late == clocks.review_is_late(told_on=told_on, applied_on=review.applied_on)


def test_one_hearing_gross_misconduct_ending_in_a_final_written_warning(demo):
    (hearing,) = Proceedings.objects.all()
    assert hearing.form == ProceedingsForm.HEARING
    assert hearing.finding == Finding.GROSS
    assert hearing.outcome == ProceedingsOutcome.FINAL_WRITTEN_WARNING
    assert hearing.notice_published_at and hearing.public_notice
    assert hearing.outcome_published_at and hearing.public_outcome
    assert hearing.notice_published_at.date() < hearing.held_on
    latest = SeverityAssessment.objects.filter(subject=hearing.subject).last()
    assert latest.severity == Severity.GROSS
    assert latest.supersedes is not None and latest.change_reason


def test_severity_assessments_keep_their_rationale_and_the_reason_for_a_change(demo):
    assessments = SeverityAssessment.objects.all()
    assert assessments.count() >= 40
    assert not assessments.filter(rationale="").exists()
    reassessed = assessments.filter(supersedes__isnull=False)
    assert reassessed.count() >= 5
    assert not reassessed.filter(change_reason="").exists()
    assert all(r.severity != r.supersedes.severity for r in reassessed)


def test_suspensions_with_4_weekly_reviews_pauses_and_investigations_past_12_months(demo):
    _, _, today = demo
    year_ago = today - dt.timedelta(days=365)
    past = Case.objects.open().filter(investigation_started_on__lt=year_ago)
    assert past.count() >= 5
    assert {c.next_due_label for c in past} >= {
        "Report to the local policing body and the IOPC (12 months)"
    }

    restrictions = Restriction.objects.prefetch_related("reviews")
    assert restrictions.filter(kind="suspended").exists()
    assert restrictions.filter(kind="restricted").exists()
    overdue = 0
    for restriction in restrictions:
        days = [restriction.started_on, *(r.reviewed_on for r in restriction.reviews.all())]
        assert all((b - a).days <= 28 for a, b in itertools.pairwise(days))
        overdue += (today - days[-1]).days > 28
    assert overdue == 1  # one review missed, so the queue shows an overdue clock

    pauses = Pause.objects.all()
    assert pauses.count() == 2
    assert pauses.filter(ended_on__isnull=True).count() == 1


def test_each_case_carries_its_next_clock_as_refresh_computes_it(demo):
    _, _, today = demo
    cases = list(Case.objects.order_by("pk")[::7])
    for case in cases:
        stored = (case.next_due_on, case.next_due_label)
        clocks.refresh(case, today=today)
        assert (case.next_due_on, case.next_due_label) == stored, case.reference
    assert Case.objects.open().filter(next_due_on__lt=today).exists()


def test_the_demo_caseworker_has_allocated_cases_and_the_head_has_unallocated_ones(demo):
    users, _, _ = demo
    caseworker, head = users["psd.caseworker"], users["psd.head"]
    led = Case.objects.open().filter(lead=caseworker)
    assert led.count() >= 10
    team = case_list_for_user(user=caseworker).filter(rules.case_team_filter(caseworker))
    assert set(led) <= set(team)
    assert policy.can_change(caseworker, led.first())
    assert in_case_team(user=caseworker, case=led.first())
    unallocated = case_list_for_user(user=head).filter(lead__isnull=True).open()
    assert unallocated.exists()
    assert not Case.objects.filter(lead__isnull=True).exclude(pk__in=unallocated).open().exists()

    # The review body sees exactly the cases whose review is with it or that it decided.
    reviewer = users["review.body"]
    seen = set(case_list_for_user(user=reviewer).values_list("pk", flat=True))
    assert seen == set(
        Review.objects.filter(body=ReviewBody.LOCAL_POLICING_BODY)
        .filter(decided_by=reviewer)
        .values_list("case_id", flat=True)
    ) | set(
        Review.objects.filter(
            body=ReviewBody.LOCAL_POLICING_BODY, decided_on__isnull=True
        ).values_list("case_id", flat=True)
    )
    # Nobody in the demo is a subject of a case they could be shown.
    login_people = [u.person_id for u in users.values() if u.person_id]
    assert not Subject.objects.filter(person_id__in=login_people).exists()


def test_the_intake_queue_holds_new_complaints_one_from_a_complainant_with_an_open_case(demo):
    waiting = Intake.objects.filter(status=IntakeStatus.NEW)
    assert waiting.count() >= 5
    open_emails = set(
        Complainant.objects.filter(case__in=Case.objects.open()).values_list("email", flat=True)
    )
    assert len([i for i in waiting if i.email in open_emails]) == 1


def test_history_is_dated_when_it_happened_and_a_rerun_adds_nothing(demo):
    _, _, today = demo
    case = Case.objects.filter(kind=CaseKind.COMPLAINT).order_by("received_on").first()
    first = case.history.order_by("history_date", "history_id").first()
    assert first.history_date.date() == case.received_on
    assert first.history_change_reason == "Complaint recorded"
    # An allegation's first history row carries its subjects and standards.
    allegation = Allegation.objects.filter(subjects__isnull=False).first()
    row = allegation.history.order_by("history_date", "history_id").first()
    assert {s.subject_id for s in row.subjects.all()} == set(
        allegation.subjects.values_list("pk", flat=True)
    )
    assert row.standards.exists()

    before = Case.objects.count(), Case.history.count()
    assert seed_complaints(today=today, rng=random.Random(2017)) == 0
    assert (Case.objects.count(), Case.history.count()) == before
