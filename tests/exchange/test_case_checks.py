"""PSD asks the CCU for an intelligence check on a subject of a complaint or conduct case: the
case team asks from the people tab, the CCU sees the case's kind and stage (never the
complainant), and PSD sees the answer and its date, nothing more."""

from __future__ import annotations

import pytest
from django.urls import reverse

from complaints.models import CaseKind
from standards.exchange import services
from standards.exchange.models import CheckAnswer, IntelligenceCheck
from standards.notifications.models import Notification
from tests.complaints.factories import CaseFactory, ComplainantFactory, SubjectFactory

pytestmark = pytest.mark.django_db


def test_the_case_team_asks_and_sees_only_the_answer(client_for, caseworker, ccu_analyst):
    case = CaseFactory(kind=CaseKind.CONDUCT, team=[caseworker])
    subject = SubjectFactory(case=case)
    ComplainantFactory(case=case, name="Alex Complainant")
    client = client_for(caseworker)
    ask = reverse("complaints:case_check", kwargs={"pk": case.pk})
    people = reverse("complaints:case_people", kwargs={"pk": case.pk})

    assert client.post(ask, {"subject": subject.pk})["Location"] == people
    check = IntelligenceCheck.objects.get()
    assert check.subject == subject.person and check.asked_for == case
    assert check.purpose == "Conduct matter: a subject of the case"
    details = " ".join(" ".join(d.lines) for d in check.asked_for_details)
    assert "Conduct matter" in details and "Alex Complainant" not in details
    assert "Awaiting" in client.get(people).content.decode()

    # Asked again while the first waits: refused, said on the page.
    client.post(ask, {"subject": subject.pk})
    assert IntelligenceCheck.objects.count() == 1

    services.intelligence_check_answer(
        check=check, answer=CheckAnswer.TRACE, ccu_note="See IR-000077.", acting_user=ccu_analyst
    )
    body = client.get(people).content.decode()
    assert "Trace: speak to the CCU" in body
    assert "IR-000077" not in body and ccu_analyst.person.display_name not in body
    [notice] = Notification.objects.filter(recipient=caseworker)
    assert notice.url == people


def test_only_an_identified_subject_of_this_case_is_checked(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    unidentified = SubjectFactory(case=case, person=None, description="A tall officer")
    elsewhere = SubjectFactory()
    ask = reverse("complaints:case_check", kwargs={"pk": case.pk})
    client = client_for(caseworker)
    for subject in (unidentified, elsewhere):
        client.post(ask, {"subject": subject.pk})
    # A hand-made request with no subject, or one that is not a number, is told so too.
    for bad in ({}, {"subject": "x"}, {"subject": "1 OR 1=1"}, {"subject": "-1"}):
        response = client.post(ask, bad)
        assert response.status_code == 302
        assert "Select a subject" in client.get(response["Location"]).content.decode()
    assert not IntelligenceCheck.objects.exists()


def test_outside_the_case_team_nobody_asks(client_for, ccu_head, caseworker):
    case = CaseFactory()
    subject = SubjectFactory(case=case)
    ask = reverse("complaints:case_check", kwargs={"pk": case.pk})
    for user in (ccu_head, caseworker):  # the caseworker is not allocated the case
        assert client_for(user).post(ask, {"subject": subject.pk}).status_code == 404
    assert not IntelligenceCheck.objects.exists()
