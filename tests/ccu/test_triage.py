"""Triage: outcomes and the report's status, rationale required, development actions, management
interventions (never with an open case, authorised by the head only) and the referral's guard
against repeating the original report; the queue and lists, who sees them, and their query counts.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from guardian.shortcuts import assign_perm

from ccu.models import (
    Action,
    IntelligenceReport,
    InterventionStatus,
    ManagementIntervention,
    ReportReferral,
    ReportStatus,
    TriageDecision,
    TriageOutcome,
)
from ccu.services import triage as services
from complaints.models import Channel
from complaints.selectors.open_cases import open_cases_about
from complaints.services.conduct import conduct_matter_open
from standards.access.roles import Role
from standards.core import extensions
from standards.notifications.models import Notification
from tests.accounts.factories import UserFactory
from tests.ccu.factories import (
    ActionFactory,
    InterventionFactory,
    OperationFactory,
    ReportFactory,
)
from tests.complaints.factories import CaseFactory, SubjectFactory
from tests.form_data import date_parts
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _tab(report) -> str:
    return reverse("ccu:report_triage", kwargs={"pk": report.pk})


@pytest.fixture
def subject():
    return PersonFactory(first_name="Morwenna", last_name="Trevithick")


@pytest.fixture
def report(ccu_analyst, subject):
    return ReportFactory(owner=ccu_analyst, subjects=[subject])


def _open_case_about(person, psd_head):
    return conduct_matter_open(
        summary="An officer is said to have failed to declare a business interest.",
        received_on=timezone.localdate(),
        subjects=[person],
        channel=Channel.INTERNAL,
        acting_user=psd_head,
    )


# --- the decision ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("outcome", "status"),
    [
        (TriageOutcome.NO_FURTHER_ACTION, ReportStatus.CLOSED),
        (TriageOutcome.DEVELOP, ReportStatus.DEVELOP),
        (TriageOutcome.COVERT, ReportStatus.COVERT),
    ],
)
def test_an_outcome_sets_the_status_and_keeps_the_rationale(
    client_for, ccu_analyst, report, outcome, status
):
    response = client_for(ccu_analyst).post(
        _tab(report), {"outcome": outcome, "rationale": "Graded 2B; corroborated by audit."}
    )
    assert response.status_code == 302 and response["Location"] == _tab(report)
    report.refresh_from_db()
    assert report.status == status
    decision = TriageDecision.objects.get(report=report)
    assert decision.outcome == outcome and decision.decided_by == ccu_analyst
    assert decision.rationale == "Graded 2B; corroborated by audit."
    assert report.history.first().history_change_reason.startswith("Status:")
    page = client_for(ccu_analyst).get(_tab(report)).content.decode()
    assert "Graded 2B; corroborated by audit." in page


def test_a_later_decision_supersedes_and_the_earlier_stays(ccu_analyst, report):
    services.report_triage(
        report=report, outcome="develop", rationale="Needs audit.", acting_user=ccu_analyst
    )
    services.report_triage(
        report=report, outcome="nfa", rationale="Audit found nothing.", acting_user=ccu_analyst
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.CLOSED
    assert [d.outcome for d in report.triage_decisions.all()] == ["nfa", "develop"]


def test_the_rationale_is_required(client_for, ccu_analyst, report):
    response = client_for(ccu_analyst).post(_tab(report), {"outcome": "nfa", "rationale": " "})
    assert response.status_code == 200
    assert "Enter the rationale for the decision" in response.content.decode()
    assert not TriageDecision.objects.exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


@pytest.mark.parametrize("outcome", ["intervention", "referral"])
def test_intervention_and_referral_are_not_decided_by_report_triage(ccu_head, report, outcome):
    with pytest.raises(ValidationError) as error:
        services.report_triage(
            report=report, outcome=outcome, rationale="Because.", acting_user=ccu_head
        )
    assert "page" in str(error.value)
    assert not TriageDecision.objects.exists()


def test_choosing_an_intervention_goes_to_its_page(client_for, ccu_analyst, report):
    response = client_for(ccu_analyst).post(_tab(report), {"outcome": "intervention"})
    assert response["Location"] == reverse("ccu:intervention_propose", kwargs={"pk": report.pk})
    # An analyst is not offered the referral, and cannot reach it by posting it.
    page = client_for(ccu_analyst).get(_tab(report)).content.decode()
    assert 'value="referral"' not in page
    response = client_for(ccu_analyst).post(_tab(report), {"outcome": "referral"})
    assert response.status_code == 200 and not TriageDecision.objects.exists()


def test_the_triage_tab_is_hidden_from_the_subject_psd_and_an_analyst_outside_the_operation(
    client_for, ccu_analyst, psd_head
):
    subject_user = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    outsider = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    operation = OperationFactory()
    for user in (ccu_analyst, subject_user):
        assign_perm("view_operation", user, operation)
        assign_perm("work_operation", user, operation)
    report = ReportFactory(operation=operation, owner=ccu_analyst, subjects=[subject_user.person])
    assert client_for(ccu_analyst).get(_tab(report)).status_code == 200
    for user in (subject_user, outsider, psd_head):
        assert client_for(user).get(_tab(report)).status_code == 404
        assert (
            client_for(user).post(_tab(report), {"outcome": "nfa", "rationale": "x"}).status_code
            == 404
        )
    assert not TriageDecision.objects.exists()


# --- the queue ------------------------------------------------------------------------------------


def test_the_queue_lists_reports_awaiting_triage_oldest_first(
    client_for, ccu_analyst, django_assert_max_num_queries
):
    today = timezone.localdate()
    operation = OperationFactory(code_name="Operation WREN")
    hidden = ReportFactory(operation=operation, received_on=today - dt.timedelta(days=90))
    oldest = ReportFactory(received_on=today - dt.timedelta(days=60))
    for days in range(60):
        ReportFactory(received_on=today - dt.timedelta(days=days), categories=["theft-fraud"])
    ReportFactory(received_on=today - dt.timedelta(days=70), status=ReportStatus.CLOSED)
    client = client_for(ccu_analyst)
    client.get(reverse("ccu:triage_queue"))  # warm the session and permission caches
    with django_assert_max_num_queries(15):
        response = client.get(reverse("ccu:triage_queue"))
    rows = list(response.context["page"])
    assert len(rows) == 50 and response.context["page"].paginator.count == 61
    assert rows[0] == oldest and rows[0].age_days == 60
    assert hidden not in rows
    assert all(row.status == ReportStatus.NEW for row in rows)
    page = response.content.decode()
    assert "General intake" in page and "Operation WREN" not in page


def test_lists_are_404_outside_the_ccu(client_for, psd_head):
    for name in ("ccu:triage_queue", "ccu:action_list", "ccu:intervention_list"):
        assert client_for(psd_head).get(reverse(name)).status_code == 404


# --- actions --------------------------------------------------------------------------------------


def test_an_action_is_added_for_a_colleague_who_is_told(client_for, ccu_analyst, ccu_head, report):
    colleague = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    due = timezone.localdate() + dt.timedelta(days=14)
    response = client_for(ccu_analyst).post(
        reverse("ccu:action_add", kwargs={"pk": report.pk}),
        {
            "description": "Audit the subject's searches",
            "owner": colleague.pk,
            **date_parts("due_on", due),
        },
    )
    assert response["Location"] == _tab(report)
    action = Action.objects.get()
    assert (action.owner, action.due_on, action.created_by) == (colleague, due, ccu_analyst)
    notice = Notification.objects.get(recipient=colleague)
    assert notice.subject.startswith(f"Action {action.pk}:")
    assert "Trevithick" not in notice.subject
    # The owner completes it; the notice is done.
    response = client_for(colleague).post(
        reverse("ccu:action_complete", kwargs={"pk": action.pk}), {"result": "Nothing found."}
    )
    assert response["Location"] == _tab(report)
    action.refresh_from_db()
    assert action.done_on == timezone.localdate() and action.result == "Nothing found."
    notice.refresh_from_db()
    assert notice.done_at is not None


def test_an_action_owner_must_be_able_to_see_the_report(ccu_analyst, psd_head):
    outsider = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    operation = OperationFactory()
    assign_perm("work_operation", ccu_analyst, operation)
    assign_perm("view_operation", ccu_analyst, operation)
    report = ReportFactory(operation=operation, owner=ccu_analyst)
    for owner in (outsider, psd_head):
        with pytest.raises(ValidationError) as error:
            services.action_add(
                report=report,
                description="Check",
                owner=owner,
                due_on=timezone.localdate(),
                acting_user=ccu_analyst,
            )
        assert "who may see the report" in str(error.value)


def test_only_the_owner_or_the_head_completes_an_action(client_for, ccu_analyst, ccu_head, report):
    other = UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST])
    action = ActionFactory(report=report, owner=ccu_analyst, created_by=ccu_analyst)
    url = reverse("ccu:action_complete", kwargs={"pk": action.pk})
    assert client_for(other).get(url).status_code == 404
    assert client_for(other).post(url, {"result": "Done"}).status_code == 404
    with pytest.raises(Http404):
        services.action_complete(action=action, result="Done", acting_user=other)
    services.action_complete(action=action, result="Done by the head.", acting_user=ccu_head)
    with pytest.raises(ValidationError):
        services.action_complete(action=action, result="Again", acting_user=ccu_analyst)


def test_my_actions_marks_the_overdue_and_lists_only_mine(
    client_for, ccu_analyst, report, django_assert_max_num_queries
):
    today = timezone.localdate()
    for days in range(-5, 55):
        ActionFactory(report=report, owner=ccu_analyst, due_on=today + dt.timedelta(days=days))
    ActionFactory(report=report, owner=ccu_analyst, done_on=today)
    ActionFactory(report=report, owner=UserFactory(roles=[Role.STAFF, Role.CCU_ANALYST]))
    client = client_for(ccu_analyst)
    client.get(reverse("ccu:action_list"))
    with django_assert_max_num_queries(14):
        response = client.get(reverse("ccu:action_list"))
    rows = list(response.context["page"])
    assert response.context["page"].paginator.count == 60 and len(rows) == 50
    assert [row.overdue for row in rows[:6]] == [True] * 5 + [False]
    assert response.content.decode().count("Overdue") == 5


# --- management interventions -----------------------------------------------------------------


def _propose(report, subject, user, confirmed=True):
    return services.intervention_propose(
        report=report,
        subject=subject,
        proposal="Words of advice from the line manager on using force systems.",
        no_case_confirmed=confirmed,
        acting_user=user,
    )


def test_the_complaints_provider_gives_open_cases_about_the_person(psd_head, subject):
    assert open_cases_about(person=subject) == []
    case = _open_case_about(subject, psd_head)
    closed = CaseFactory(status="closed")
    SubjectFactory(case=closed, person=subject)
    assert open_cases_about(person=subject) == [case.reference]
    assert extensions.open_cases_for(person=subject) == [case.reference]


def test_an_intervention_is_refused_while_a_case_about_the_subject_is_open(
    client_for, ccu_analyst, psd_head, report, subject
):
    case = _open_case_about(subject, psd_head)
    response = client_for(ccu_analyst).post(
        reverse("ccu:intervention_propose", kwargs={"pk": report.pk}),
        {"subject": subject.pk, "proposal": "An ethical meeting.", "no_case_confirmed": "on"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        f"There is an open criminal or misconduct case about {subject.display_name}: a "
        "management intervention is not possible"
    ) in page.replace("&#x27;", "'")
    assert case.reference not in page
    assert not ManagementIntervention.objects.exists()
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW


def test_an_intervention_is_refused_without_the_confirmation(ccu_analyst, report, subject):
    with pytest.raises(ValidationError) as error:
        _propose(report, subject, ccu_analyst, confirmed=False)
    assert "no_case_confirmed" in error.value.message_dict
    assert not ManagementIntervention.objects.exists()


def test_an_intervention_is_only_with_a_subject_of_the_report(ccu_analyst, report):
    with pytest.raises(ValidationError) as error:
        _propose(report, PersonFactory(), ccu_analyst)
    assert "subject" in error.value.message_dict


def test_a_proposal_waits_for_the_head_who_is_told_without_the_subjects_name(
    client_for, ccu_analyst, ccu_head, report, subject
):
    response = client_for(ccu_analyst).post(
        reverse("ccu:intervention_propose", kwargs={"pk": report.pk}),
        {"subject": subject.pk, "proposal": "An ethical meeting.", "no_case_confirmed": "on"},
    )
    intervention = ManagementIntervention.objects.get()
    assert response["Location"] == reverse(
        "ccu:intervention_detail", kwargs={"pk": intervention.pk}
    )
    assert intervention.status == InterventionStatus.PROPOSED
    report.refresh_from_db()
    assert report.status == ReportStatus.INTERVENTION
    assert report.triage_decisions.get().outcome == TriageOutcome.INTERVENTION
    notices = list(Notification.objects.all())
    assert [n.recipient for n in notices] == [ccu_head]
    assert "Trevithick" not in notices[0].subject and "Morwenna" not in notices[0].subject
    assert notices[0].step == "authorise"


def test_only_the_head_authorises_an_intervention(
    client_for, ccu_analyst, ccu_head, report, subject
):
    intervention = _propose(report, subject, ccu_analyst)
    url = reverse("ccu:intervention_detail", kwargs={"pk": intervention.pk})
    # The analyst who proposed it sees it but cannot decide it, by page or by service.
    page = client_for(ccu_analyst).get(url).content.decode()
    assert "Your decision" not in page
    client_for(ccu_analyst).post(url, {"decision": "authorise", "rationale": "Self-approved."})
    with pytest.raises(Http404):
        services.intervention_decide(
            intervention=intervention, authorise=True, rationale="Mine", acting_user=ccu_analyst
        )
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.PROPOSED
    # The head decides.
    response = client_for(ccu_head).post(
        url, {"decision": "authorise", "rationale": "Proportionate."}
    )
    assert response["Location"] == url
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.AUTHORISED
    assert (intervention.decided_by, intervention.decision_rationale) == (
        ccu_head,
        "Proportionate.",
    )
    assert Notification.objects.get(recipient=ccu_head).done_at is not None
    assert Notification.objects.filter(recipient=ccu_analyst).count() == 1
    with pytest.raises(ValidationError):
        services.intervention_decide(
            intervention=intervention, authorise=False, rationale="Again", acting_user=ccu_head
        )


def test_the_head_cannot_authorise_once_a_case_has_opened(
    ccu_analyst, ccu_head, psd_head, report, subject
):
    intervention = _propose(report, subject, ccu_analyst)
    _open_case_about(subject, psd_head)
    with pytest.raises(ValidationError) as error:
        services.intervention_decide(
            intervention=intervention, authorise=True, rationale="Yes", acting_user=ccu_head
        )
    assert "not possible" in str(error.value)


def test_a_declined_intervention_sends_the_report_back_to_triage(
    ccu_analyst, ccu_head, report, subject
):
    intervention = _propose(report, subject, ccu_analyst)
    services.intervention_decide(
        intervention=intervention,
        authorise=False,
        rationale="Not proportionate.",
        acting_user=ccu_head,
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.NEW
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.DECLINED


def test_the_meeting_is_recorded_only_once_authorised(
    client_for, ccu_analyst, ccu_head, report, subject
):
    intervention = _propose(report, subject, ccu_analyst)
    url = reverse("ccu:intervention_meeting", kwargs={"pk": intervention.pk})
    today = timezone.localdate()
    answers = {
        **date_parts("meeting_on", today),
        "held_by": "Inspector Hall, line manager",
        "advice": "Reminded of the standards on use of systems.",
        **date_parts("follow_up_on", today + dt.timedelta(days=90)),
    }
    assert client_for(ccu_analyst).get(url).status_code == 404
    with pytest.raises(ValidationError):
        services.intervention_record_meeting(
            intervention=intervention,
            meeting_on=today,
            held_by="x",
            advice="y",
            follow_up_on=today + dt.timedelta(days=1),
            acting_user=ccu_analyst,
        )
    services.intervention_decide(
        intervention=intervention, authorise=True, rationale="Yes", acting_user=ccu_head
    )
    response = client_for(ccu_analyst).post(url, answers)
    assert response["Location"] == reverse(
        "ccu:intervention_detail", kwargs={"pk": intervention.pk}
    )
    intervention.refresh_from_db()
    assert intervention.status == InterventionStatus.HELD
    assert intervention.follow_up_on == today + dt.timedelta(days=90)
    assert intervention.advice == "Reminded of the standards on use of systems."
    assert client_for(ccu_analyst).get(url).status_code == 404  # once only


def test_the_intervention_lists(client_for, ccu_analyst, ccu_head, report, subject):
    mine = _propose(report, subject, ccu_analyst)
    other_report = ReportFactory(subjects=[PersonFactory()])
    theirs = InterventionFactory(report=other_report, subject=other_report.subjects.get())
    analyst_page = client_for(ccu_analyst).get(reverse("ccu:intervention_list"))
    assert list(analyst_page.context["mine"]) == [mine]
    head_page = client_for(ccu_head).get(reverse("ccu:intervention_list"))
    assert set(head_page.context["awaiting"]) == {mine, theirs}


# --- the referral's guard -------------------------------------------------------------------------


ORIGINAL = "I saw PC Jones take the cash from the found property bag on Tuesday night."


@pytest.fixture
def referable(ccu_analyst, subject):
    return ReportFactory(
        owner=ccu_analyst,
        subjects=[subject],
        source=ORIGINAL,
        source__details="Sergeant Amberley, on her personal mobile",
    )


@pytest.mark.parametrize(
    "summary",
    [
        "A report says the officer may take the cash from the found property.",
        "The source is Sergeant Amberley, who saw a theft.",
        "A CCU report, {reference}, alleges theft.",
    ],
)
def test_a_referral_that_repeats_the_original_source_or_reference_is_refused(
    ccu_head, referable, subject, summary
):
    summary = summary.format(reference=referable.reference)
    with pytest.raises(ValidationError) as error:
        services.report_refer(
            report=referable, summary=summary, subjects=[subject], acting_user=ccu_head
        )
    assert "summary" in error.value.message_dict
    assert not ReportReferral.objects.exists()
    referable.refresh_from_db()
    assert referable.status == ReportStatus.NEW


def test_five_shared_words_are_allowed_six_are_not():
    original = "one two three four five six seven"
    assert not services.shares_words("x one two three four five y", original)
    assert services.shares_words("x One, two; three four five six y", original)


def test_only_the_head_refers(client_for, ccu_analyst, referable, subject):
    url = reverse("ccu:report_refer", kwargs={"pk": referable.pk})
    assert client_for(ccu_analyst).get(url).status_code == 404
    with pytest.raises(Http404):
        services.report_refer(
            report=referable,
            summary="An officer may have stolen money.",
            subjects=[subject],
            acting_user=ccu_analyst,
        )


def test_the_referral_page_shows_what_psd_will_receive_before_sending(
    client_for, ccu_head, referable, subject
):
    url = reverse("ccu:report_refer", kwargs={"pk": referable.pk})
    answers = {
        "summary": "An officer may have kept money handed in as lost property.",
        "subjects": [subject.pk],
        "rationale": "Criminal and misconduct matter for PSD.",
    }
    response = client_for(ccu_head).post(url, answers)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Check what PSD will receive" in page and "What PSD will not see" in page
    assert "kept money handed in as lost property" in page
    assert not ReportReferral.objects.exists()
    response = client_for(ccu_head).post(url, {**answers, "confirmed": "yes"})
    assert response["Location"] == _tab(referable)
    referable.refresh_from_db()
    assert referable.status == ReportStatus.REFERRED
    decision = referable.triage_decisions.get()
    assert decision.outcome == TriageOutcome.REFERRAL
    assert decision.rationale == "Criminal and misconduct matter for PSD."
    link = ReportReferral.objects.get(report=referable)
    assert link.referral.summary == answers["summary"]
    assert link.referral.opened.summary == answers["summary"]
    with pytest.raises(ValidationError):
        services.report_refer(
            report=referable, summary="Again.", subjects=[subject], acting_user=ccu_head
        )


def test_a_report_with_a_referral_is_not_triaged_again(ccu_head, referable, subject):
    services.report_refer(
        report=referable,
        summary="An officer may have kept money handed in as lost property.",
        subjects=[subject],
        acting_user=ccu_head,
    )
    with pytest.raises(ValidationError):
        services.report_triage(report=referable, outcome="nfa", rationale="x", acting_user=ccu_head)
    assert IntelligenceReport.objects.get(pk=referable.pk).status == ReportStatus.REFERRED


def test_the_referral_form_offers_the_subjects_as_checkboxes_all_ticked(
    client_for, ccu_head, referable, subject
):
    page = client_for(ccu_head).get(reverse("ccu:report_refer", kwargs={"pk": referable.pk}))
    body = page.content.decode()
    assert page.status_code == 200
    assert f'id="id_subjects" name="subjects" type="checkbox" value="{subject.pk}" checked' in body
    assert referable.sanitised_text in body  # the summary starts from the sanitised text
    response = client_for(ccu_head).post(
        reverse("ccu:report_refer", kwargs={"pk": referable.pk}),
        {"summary": "An officer may have stolen money.", "rationale": "PSD matter."},
    )
    assert 'href="#id_subjects"' in response.content.decode()
