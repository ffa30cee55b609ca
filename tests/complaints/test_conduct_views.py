"""The conduct pages: what they show, what a bad POST stores (nothing), where a good one goes,
and the public hearing pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints.models import (
    Case,
    CaseKind,
    Channel,
    Finding,
    Proceedings,
    ProceedingsForm,
    ProceedingsOutcome,
    Severity,
    SeverityAssessment,
)
from complaints.services import conduct as conduct_services
from complaints.services import proceedings as proceedings_services
from tests.complaints.factories import CaseFactory, ComplainantFactory, SubjectFactory
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _date(prefix: str, day: dt.date) -> dict:
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


@pytest.fixture
def case(caseworker):
    return CaseFactory(kind=CaseKind.CONDUCT, channel=Channel.INTERNAL, team=[caseworker])


@pytest.fixture
def subject(case):
    return SubjectFactory(case=case)


def _assess(subject, user, severity=Severity.MISCONDUCT):
    return conduct_services.severity_assess(
        subject=subject,
        severity=severity,
        rationale="Swore at a member of the public.",
        acting_user=user,
    )


# --- opening a conduct matter --------------------------------------------------------------------


def test_a_caseworker_opens_a_conduct_matter_by_staff_number(client_for, caseworker):
    person = PersonFactory(staff_number="NM1042")
    client = client_for(caseworker)
    url = reverse("complaints:conduct_open")
    data = {"summary": "Reported by a sergeant.", **_date("received_on", TODAY)}

    response = client.post(url, data | {"staff_numbers": "NM1042\nNM9999"})
    assert response.status_code == 200
    assert "No one has the staff number NM9999" in response.content.decode()
    assert not Case.objects.exists()

    response = client.post(url, data | {"staff_numbers": "nm1042"})
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/complaints/{case.pk}/decisions/"
    assert [s.person for s in case.subjects.all()] == [person]


def test_only_psd_opens_a_conduct_matter(client_for, staff_member, ccu_analyst):
    for user in (staff_member, ccu_analyst):
        assert client_for(user).get(reverse("complaints:conduct_open")).status_code == 404


# --- severity ------------------------------------------------------------------------------------


def test_severity_without_rationale_stores_nothing_and_says_why(client_for, psd_head, subject):
    url = reverse("complaints:severity", args=[subject.case.pk, subject.pk])
    response = client_for(psd_head).post(url, {"severity": Severity.GROSS, "rationale": ""})
    assert response.status_code == 200
    assert "Enter the reasons for the severity assessment" in response.content.decode()
    assert not SeverityAssessment.objects.exists()


def test_the_re_assessment_page_shows_earlier_assessments_and_needs_why(
    client_for, psd_head, subject
):
    _assess(subject, psd_head)
    client = client_for(psd_head)
    url = reverse("complaints:severity", args=[subject.case.pk, subject.pk])
    page = client.get(url).content.decode()
    assert "Re-assess the severity" in page
    assert "Swore at a member of the public." in page
    assert psd_head.person.display_name in page

    response = client.post(url, {"severity": Severity.GROSS, "rationale": "Footage."})
    assert "Enter why the assessment has changed" in response.content.decode()
    assert SeverityAssessment.objects.count() == 1

    response = client.post(
        url,
        {"severity": Severity.GROSS, "rationale": "Footage.", "change_reason": "New video."},
    )
    assert response["Location"] == f"/complaints/{subject.case.pk}/decisions/"
    assert SeverityAssessment.objects.count() == 2


def test_a_caseworker_not_on_the_team_gets_404(client_for, subject):
    from standards.access.roles import Role
    from tests.accounts.factories import UserFactory

    other = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    url = reverse("complaints:notice", args=[subject.case.pk, subject.pk])
    assert client_for(other).get(url).status_code == 404


def test_severity_and_suspension_are_the_appropriate_authoritys(
    client_for, caseworker, psd_head, subject
):
    """The case's own caseworker records the investigation but does not decide severity or
    suspension: the page is the 404 of a missing one, and the service refuses the same way."""
    from django.http import Http404

    for name in ("complaints:severity", "complaints:restriction_start"):
        url = reverse(name, args=[subject.case.pk, subject.pk])
        assert client_for(caseworker).get(url).status_code == 404
        assert client_for(psd_head).get(url).status_code == 200
    with pytest.raises(Http404):
        conduct_services.severity_assess(
            subject=subject, severity=Severity.GROSS, rationale="x", acting_user=caseworker
        )
    overview = client_for(caseworker).get(reverse("complaints:conduct", args=[subject.case.pk]))
    assert "Assess<span" not in overview.content.decode()


def test_a_subject_of_another_case_is_404(client_for, caseworker, case):
    elsewhere = SubjectFactory()
    url = reverse("complaints:notice", args=[case.pk, elsewhere.pk])
    assert client_for(caseworker).get(url).status_code == 404


# --- outcomes ------------------------------------------------------------------------------------


def _meeting(subject, user):
    _assess(subject, user)
    return proceedings_services.proceedings_arrange(
        subject=subject,
        form=ProceedingsForm.MEETING,
        panel="Chair.",
        held_on=TODAY,
        acting_user=user,
    )


def test_the_meeting_outcome_form_offers_neither_dismissal_nor_management_advice(
    client_for, caseworker, psd_head, subject
):
    meeting = _meeting(subject, psd_head)
    client = client_for(caseworker)
    url = reverse("complaints:proceedings_outcome", args=[subject.case.pk, meeting.pk])
    page = client.get(url).content.decode()
    assert 'value="written_warning"' in page
    assert 'value="dismissal"' not in page
    assert 'value="reduction_in_rank"' not in page
    assert "management_advice" not in page
    for outcome in ("dismissal", "management_advice"):
        response = client.post(
            url,
            {
                "finding": Finding.MISCONDUCT,
                "outcome": outcome,
                "rationale": "Proven.",
                **_date("outcome_on", TODAY),
            },
        )
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.outcome == ""


def test_a_hearing_outcome_is_recorded_and_says_when_the_barred_list_is_due(
    client_for, caseworker, psd_head, subject
):
    _assess(subject, psd_head, Severity.GROSS)
    hearing = proceedings_services.proceedings_arrange(
        subject=subject,
        form=ProceedingsForm.HEARING,
        panel="Chair.",
        held_on=TODAY,
        venue="HQ",
        public_notice="PC Bloggs.",
        acting_user=psd_head,
    )
    client = client_for(caseworker)
    url = reverse("complaints:proceedings_outcome", args=[subject.case.pk, hearing.pk])
    response = client.post(
        url,
        {
            "finding": Finding.GROSS,
            "outcome": ProceedingsOutcome.DISMISSAL,
            "rationale": "Proven.",
            "public_outcome": "Dismissed without notice.",
            **_date("outcome_on", TODAY),
        },
        follow=False,
    )
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert hearing.outcome == ProceedingsOutcome.DISMISSAL
    from django.contrib.messages import get_messages

    banner = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Notify the police barred list by" in m for m in banner)


# --- the panels ----------------------------------------------------------------------------------


def test_the_conduct_overview_shows_every_subject_in_fixed_queries(
    client_for, caseworker, psd_head, case, django_assert_max_num_queries
):
    for _ in range(8):
        subject = SubjectFactory(case=case)
        _assess(subject, psd_head)
        conduct_services.severity_reassess(
            subject=subject,
            severity=Severity.GROSS,
            rationale="Worse.",
            change_reason="Video.",
            acting_user=psd_head,
        )
        conduct_services.restriction_start(
            subject=subject,
            kind="suspended",
            started_on=TODAY,
            rationale="Risk.",
            acting_user=psd_head,
        )
    client = client_for(caseworker)
    url = reverse("complaints:conduct", args=[case.pk])
    with django_assert_max_num_queries(32):
        response = client.get(url)
    page = response.content.decode()
    assert page.count('data-testid="conduct-subject"') == 8
    assert page.count('data-testid="earlier-assessment"') == 8
    assert "Why it changed: Video." in page


# --- public hearings -----------------------------------------------------------------------------


def _hearing(psd_head, **fields):
    case = CaseFactory(kind=CaseKind.COMPLAINT)
    ComplainantFactory(case=case, name="Dana Whitlock")
    subject = SubjectFactory(case=case)
    _assess(subject, psd_head, Severity.GROSS)
    return proceedings_services.proceedings_arrange(
        subject=subject,
        form=ProceedingsForm.HEARING,
        panel="Chair.",
        held_on=TODAY + dt.timedelta(days=14),
        venue="Force headquarters, Middlesbrough",
        public_notice="PC Jo Bloggs: alleged excessive force during an arrest.",
        acting_user=psd_head,
        **fields,
    )


def test_a_hearing_notice_is_not_public_before_it_is_published(client, psd_head):
    hearing = _hearing(psd_head)
    page = client.get(reverse("public_complaints:hearings")).content.decode()
    assert "PC Jo Bloggs" not in page
    assert "No hearings are due." in page
    assert client.get(reverse("public_complaints:hearing", args=[hearing.pk])).status_code == 404

    proceedings_services.hearing_notice_publish(proceedings=hearing, acting_user=psd_head)
    page = client.get(reverse("public_complaints:hearings")).content.decode()
    assert "PC Jo Bloggs: alleged excessive force during an arrest." in page
    assert "Force headquarters, Middlesbrough" in page
    assert "Dana Whitlock" not in page
    assert hearing.case.reference not in page
    detail = client.get(reverse("public_complaints:hearing", args=[hearing.pk])).content.decode()
    assert "The outcome will be published here after the hearing." in detail


def test_a_meeting_never_appears_publicly(client, psd_head):
    subject = SubjectFactory()
    meeting = _meeting(subject, psd_head)
    assert client.get(reverse("public_complaints:hearing", args=[meeting.pk])).status_code == 404


def test_the_public_hearings_list_query_count(client, psd_head, django_assert_max_num_queries):
    for _ in range(12):
        proceedings_services.hearing_notice_publish(
            proceedings=_hearing(psd_head), acting_user=psd_head
        )
    assert Proceedings.objects.filter(notice_published_at__isnull=False).count() == 12
    with django_assert_max_num_queries(2):
        response = client.get(reverse("public_complaints:hearings"))
    assert response.content.decode().count('data-testid="hearing"') == 12


def test_conduct_panels_keep_to_their_prefix(psd_head, subject):
    """The case page merges every helper's panel context: each key of ours says it is ours."""
    from complaints.selectors.conduct import conduct_panels

    panels = conduct_panels(user=psd_head, case=subject.case)
    assert panels and all(key.startswith("conduct_") for key in panels)
    assert [s.pk for s in panels["conduct_subjects"]] == [subject.pk]


def test_the_people_panel_shows_the_severity_in_force(client_for, caseworker, psd_head, subject):
    _assess(subject, psd_head, Severity.PRI)
    page = client_for(caseworker).get(reverse("complaints:conduct", args=[subject.case.pk]))
    table = page.content.decode().split('data-testid="conduct-people"')[1]
    assert "Practice requiring improvement" in table.split("</table>")[0]
