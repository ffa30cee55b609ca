"""The case page's eight tabs: who opens them (break glass for anyone not in the case team),
what each shows and hides (complainant details for the case team only), the self-conflict rule,
and that readers outside the team cannot change anything."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import (
    CaseNote,
    Handling,
    HandlingDecision,
    Pause,
    Referral,
    Review,
    ReviewBody,
)
from standards.access.models import AccessAction, AccessLogEntry
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.complaints.factories import (
    AllegationFactory,
    CaseFactory,
    ComplainantFactory,
    SubjectFactory,
)
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TABS = (
    "case",
    "case_people",
    "case_allegations",
    "case_decisions",
    "case_actions",
    "case_documents",
    "case_letters",
    "case_timeline",
)


def _url(name: str, case, **kwargs) -> str:
    return reverse(f"complaints:{name}", kwargs={"pk": case.pk, **kwargs})


def _give_reason(client, url: str) -> None:
    response = client.get(url)
    assert "access/justify.html" in [t.name for t in response.templates]
    response = client.post(url, {"justification": "Checking the case for a board report."})
    assert response.status_code == 302


@pytest.fixture
def case(caseworker):
    case = CaseFactory(team=[caseworker])
    ComplainantFactory(
        case=case,
        name="Jordan Whitley",
        email="jordan@example.org",
        adjustments="Large print letters, please.",
    )
    SubjectFactory(case=case, person=PersonFactory(first_name="Dana", last_name="Holt"))
    SubjectFactory(case=case, person=None, description="Driver of the van, 3 May")
    return case


@pytest.mark.parametrize("tab", TABS)
def test_every_tab_opens_for_the_case_team_and_logs_one_row(client_for, caseworker, case, tab):
    client = client_for(caseworker)
    before = AccessLogEntry.objects.count()
    response = client.get(_url(tab, case))
    assert response.status_code == 200
    assert case.reference in response.content.decode()
    assert AccessLogEntry.objects.count() == before + 1
    assert response.context["may_work"] is True
    # The sub-navigation marks the current tab.
    assert 'aria-current="page"' in response.content.decode()


def test_the_team_sees_complainant_details(client_for, caseworker, case):
    body = client_for(caseworker).get(_url("case_people", case)).content.decode()
    assert "Jordan Whitley" in body and "jordan@example.org" in body
    assert "Large print letters" in body
    assert "Dana Holt" in body
    assert "Unidentified officer or staff" in body and "Driver of the van" in body


def test_an_unallocated_caseworker_gives_a_reason_and_never_sees_the_complainant(client_for, case):
    other = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    client = client_for(other)
    url = _url("case_people", case)
    _give_reason(client, url)
    response = client.get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Complainant details are for the case team only" in body
    assert "Jordan Whitley" not in body and "jordan@example.org" not in body
    assert "Dana Holt" in body  # the subjects are not the complainant's details
    assert response.context["may_work"] is False
    reason = AccessLogEntry.objects.filter(user=other, action=AccessAction.JUSTIFICATION)
    assert reason.count() == 1


def test_a_ccu_analyst_reads_after_a_reason_without_complainant_details(
    client_for, ccu_analyst, case
):
    client = client_for(ccu_analyst)
    _give_reason(client, _url("case", case))
    body = client.get(_url("case_people", case)).content.decode()
    assert "Complainant details are for the case team only" in body
    assert "Jordan Whitley" not in body
    documents = client.get(_url("case_documents", case)).content.decode()
    assert "for the case team only" in documents


def test_the_ccu_cannot_change_the_case(client_for, ccu_analyst, case):
    client = client_for(ccu_analyst)
    _give_reason(client, _url("case", case))
    before = CaseNote.objects.count()
    response = client.post(_url("note_add", case), {"text": "A note from the CCU"})
    assert response.status_code == 404
    assert CaseNote.objects.count() == before
    # A tab's POST is the break-glass reason only: it changes nothing.
    assert client.post(_url("case_people", case), {"text": "x"}).status_code == 302
    body = client.get(_url("case_actions", case)).content.decode()
    assert "Add a note" not in body


def test_an_unallocated_caseworker_cannot_change_the_case(client_for, case):
    other = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    client = client_for(other)
    _give_reason(client, _url("case", case))
    assert client.get(_url("case_dates", case)).status_code == 404
    assert client.post(_url("note_add", case), {"text": "Mine now"}).status_code == 404
    assert not CaseNote.objects.filter(case=case).exists()


def test_a_caseworker_who_is_a_subject_gets_404(client_for, caseworker, case):
    SubjectFactory(case=case, person=caseworker.person)
    client = client_for(caseworker)
    for tab in TABS:
        assert client.get(_url(tab, case)).status_code == 404
    assert client.get(_url("case_dates", case)).status_code == 404


def test_a_caseworker_who_is_a_complainant_gets_404(client_for, case):
    other = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    ComplainantFactory(case=case, person=other.person, name=other.person.display_name)
    client = client_for(other)
    assert client.get(_url("case", case)).status_code == 404
    head_as_complainant = UserFactory(roles=[Role.STAFF, Role.PSD_DECISION_MAKER])
    ComplainantFactory(case=case, person=head_as_complainant.person)
    assert client_for(head_as_complainant).get(_url("case", case)).status_code == 404


def test_the_review_body_reads_its_case_and_sees_the_complainant(client_for, reviewer, case):
    assert client_for(reviewer).get(_url("case", case)).status_code == 404
    Review(
        case=case,
        body=ReviewBody.LOCAL_POLICING_BODY,
        applied_on=timezone.localdate(),
        recorded_by=UserFactory(),
    ).save()
    client = client_for(reviewer)
    response = client.get(_url("case_people", case))
    assert response.status_code == 200
    assert "Jordan Whitley" in response.content.decode()
    assert response.context["may_work"] is False
    assert client.get(_url("case_dates", case)).status_code == 404


def test_the_summary_shows_the_iopc_measures_and_clocks(client_for, caseworker):
    received = dt.date(2026, 4, 30)  # a Thursday; 4 May 2026 is a bank holiday
    case = CaseFactory(
        team=[caseworker],
        received_on=received,
        logged_on=dt.date(2026, 5, 5),
        first_contact_on=dt.date(2026, 5, 6),
    )
    pause = Pause(
        case=case,
        reason="Criminal trial",
        started_on=dt.date(2026, 6, 1),
        ended_on=dt.date(2026, 6, 30),
        recorded_by=caseworker,
    )
    pause.save()
    response = client_for(caseworker).get(_url("case", case))
    context = response.context
    # Friday 1 May, (bank holiday Monday), Tuesday 5 May: 2 working days to log.
    assert context["days_to_log"] == 2
    assert context["days_to_contact"] == 3
    duration = context["duration"]
    assert duration.calendar_days - duration.calendar_days_excluding_pauses == 29
    body = response.content.decode()
    assert "Excluding sub judice pauses" in body
    assert "2 working days to log" in body
    names = [clock.name for clock in context["clocks"]]
    assert "Log the complaint" in names and "Contact the complainant" in names
    assert all(clock.label == "Done" for clock in context["clocks"])


def test_the_allegations_tab(client_for, caseworker, case):
    subject = case.subjects.first()
    AllegationFactory(case=case, subjects=[subject], description="Swore at the complainant.")
    body = client_for(caseworker).get(_url("case_allegations", case)).content.decode()
    assert "Swore at the complainant." in body
    assert "Dana Holt" in body


def test_the_timeline_shows_decisions_and_history(client_for, caseworker, psd_head, case):
    HandlingDecision(
        case=case,
        handling=Handling.INVESTIGATION,
        recording_reason="wishes",
        rationale="An allegation of excessive force needs investigating.",
        decided_by=psd_head,
        decided_at=timezone.now(),
    ).save()
    referral = Referral(
        case=case,
        referred=True,
        referred_on=timezone.localdate(),
        rationale="Serious injury.",
        assessed_by=psd_head,
        assessed_at=timezone.now(),
    )
    referral.save()
    note = CaseNote(case=case, text="Spoke to the complainant's sister.", author=caseworker)
    note.save()
    response = client_for(caseworker).get(_url("case_timeline", case))
    titles = [entry.title for entry in response.context["entries"]]
    assert "Handling decision: Schedule 3: investigation" in titles
    assert any(title.startswith("Referred to the IOPC") for title in titles)
    assert "Note" in titles
    assert "Case opened" in titles
    body = response.content.decode()
    assert "An allegation of excessive force needs investigating." in body
    assert psd_head.display_name in body


def test_a_missing_case_is_404(client_for, psd_head):
    assert (
        client_for(psd_head).get(reverse("complaints:case", kwargs={"pk": 99999})).status_code
        == 404
    )


def test_case_page_query_count(client_for, caseworker, case, django_assert_max_num_queries):
    for _ in range(12):
        AllegationFactory(case=case, subjects=list(case.subjects.all()))
    client = client_for(caseworker)
    client.get(_url("case_allegations", case))
    # 22 for the tab, plus the outcome panel's own (letters, reviews, the review body): a fixed
    # number whatever the number of allegations.
    with django_assert_max_num_queries(28):
        client.get(_url("case_allegations", case))
    with django_assert_max_num_queries(28):
        client.get(_url("case", case))


def test_the_timeline_reads_every_decision_model(client_for, caseworker, psd_head, case):
    from complaints.models import (
        BarredListNotification,
        CaseAction,
        Letter,
        LetterTemplate,
        Proceedings,
        ReflectivePractice,
        Restriction,
        RestrictionReview,
        SeverityAssessment,
        TribunalAppeal,
    )

    today = timezone.localdate()
    now = timezone.now()
    subject = case.subjects.exclude(person=None).first()
    SeverityAssessment(
        case=case,
        subject=subject,
        severity="gross",
        rationale="Force causing injury.",
        assessed_by=psd_head,
        assessed_at=now,
    ).save()
    restriction = Restriction(
        subject=subject,
        kind="suspended",
        started_on=today,
        rationale="Risk to the public.",
        decided_by=psd_head,
        ended_on=today,
        end_reason="Hearing over.",
    )
    restriction.save()
    RestrictionReview(
        restriction=restriction,
        reviewed_on=today,
        rationale="Still needed.",
        reviewed_by=psd_head,
    ).save()
    Pause(
        case=case, reason="Trial", started_on=today, ended_on=today, recorded_by=caseworker
    ).save()
    ReflectivePractice(subject=subject, referred_on=today, recorded_by=caseworker).save()
    proceedings = Proceedings(
        case=case,
        subject=subject,
        form="hearing",
        panel="Chair: Ms Patel",
        held_on=today,
        outcome="final_written_warning",
        outcome_on=today,
        rationale="Proven.",
        recorded_by=caseworker,
    )
    proceedings.save()
    TribunalAppeal(
        proceedings=proceedings, lodged_on=today, grounds="Too harsh.", recorded_by=caseworker
    ).save()
    BarredListNotification(
        subject=subject,
        barred_list="advisory",
        reason="resigned",
        trigger_on=today,
        full_name="Dana Holt",
        force="Northmoor Police",
        status="former_officer",
        warrant_or_staff_number="S1",
        conduct="Force.",
        recorded_by=caseworker,
    ).save()
    template = LetterTemplate(kind="outcome", name="Outcome", subject="Outcome", body="x")
    template.save()
    Letter(
        case=case,
        template=template,
        kind="outcome",
        subject_line="Your complaint's outcome",
        body="x",
        sent_by_method="email",
        issued_on=today,
        issued_by=caseworker,
    ).save()
    Review(
        case=case,
        body=ReviewBody.IOPC,
        applied_on=today,
        late=True,
        recorded_by=caseworker,
        decided_on=today,
        result="upheld",
        rationale="Not proportionate.",
    ).save()
    CaseAction(
        case=case,
        description="CCTV",
        owner=caseworker,
        due_on=today,
        completed_on=today,
        created_by=caseworker,
    ).save()
    response = client_for(caseworker).get(_url("case_timeline", case))
    titles = " | ".join(entry.title for entry in response.context["entries"])
    for words in (
        "Severity of",
        "Suspended",
        "Suspended reviewed: continued",
        "Investigation paused (sub judice)",
        "Referred to reflective practice",
        "Misconduct hearing outcome: Final written warning",
        "Police Appeals Tribunal appeal lodged",
        "Police advisory list notification",
        "Outcome letter issued",
        "Review applied for (The IOPC): late",
        "Review decided",
        "Action done",
    ):
        assert words in titles, words
