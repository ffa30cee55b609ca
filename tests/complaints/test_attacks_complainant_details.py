"""Complainant details (name, contact, address, adjustments), the documents and the letters are
the case team's (the caseworkers granted the case, the head of PSD, the review body for its
reviews). These tests look for them where a reader outside the team may still look: the
timeline, the intake queue and the complaint as it arrived, the review's page, the queue and
its filters."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from complaints.models import CaseUpdate, IntakeStatus, LetterTemplate
from complaints.services.cases import document_add
from complaints.services.intake import case_open_from_intake, intake_add_to_case
from standards.access.models import AccessLogEntry
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.complaints.factories import CaseFactory, ComplainantFactory, IntakeFactory
from tests.complaints.test_letters_cases import ready_case, with_outcome_letter

pytestmark = pytest.mark.django_db

NAME = "Jordan Whitley"
EMAIL = "jordan.whitley@example.org"
PHONE = "07700 900777"
POSTCODE = "TS9 9ZZ"
ADJUSTMENTS = "Large print letters"
DETAILS = (NAME, EMAIL, PHONE, POSTCODE, ADJUSTMENTS, "Whitley")


def _reveals(body: str) -> list[str]:
    return [detail for detail in DETAILS if detail in body]


def _give_reason(client, url: str) -> None:
    response = client.post(url, {"justification": "Checking the case for the board."})
    assert response.status_code == 302


@pytest.fixture
def outsider():
    """A PSD caseworker who may read every case (after a reason) but is in no case team."""
    return UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])


# --- the timeline ------------------------------------------------------------------------------


@pytest.fixture
def case_with_papers(caseworker):
    """A case whose complainant's name is in a document's name and in a letter's subject line
    (an administrator may put ``{{ complainant_name }}`` in a template's subject)."""
    case = ready_case([caseworker], complainant_name=NAME)
    document_add(
        case=case,
        upload=SimpleUploadedFile(f"Statement of {NAME}.txt", b"What I saw.\n"),
        description="Statement",
        acting_user=caseworker,
    )
    template = LetterTemplate.objects.get(kind="outcome", active=True)
    template.subject = "The outcome of your complaint, {{ complainant_name }}"
    template.save()
    with_outcome_letter(case, caseworker)
    return case


def test_the_timeline_names_documents_and_letters_to_the_team_only(
    client_for, caseworker, outsider, ccu_analyst, case_with_papers
):
    url = reverse("complaints:case_timeline", kwargs={"pk": case_with_papers.pk})
    team_page = client_for(caseworker).get(url).content.decode()
    assert f"Statement of {NAME}.txt" in team_page
    assert f"The outcome of your complaint, {NAME}" in team_page
    for reader in (outsider, ccu_analyst):
        client = client_for(reader)
        _give_reason(client, url)
        response = client.get(url)
        assert response.status_code == 200
        titles = [entry.title for entry in response.context["entries"]]
        # The reader still learns that a document was added and a letter issued, and when.
        assert "Document added" in titles
        assert "Outcome letter issued" in titles
        assert _reveals(response.content.decode()) == [], reader


# --- the intake --------------------------------------------------------------------------------


def _intake():
    return IntakeFactory(
        name=NAME,
        email=EMAIL,
        phone=PHONE,
        postcode=POSTCODE,
        adjustments=ADJUSTMENTS,
    )


def test_an_intake_opened_as_a_case_is_the_case_teams(client_for, caseworker, psd_head, outsider):
    intake = _intake()
    case = case_open_from_intake(intake=intake, note="A new complaint.", acting_user=psd_head)
    detail = reverse("complaints:intake_detail", kwargs={"pk": intake.pk})
    done = reverse("complaints:intake_queue") + "?view=done"
    # Before allocation: the head only.
    assert client_for(psd_head).get(detail).status_code == 200
    assert client_for(caseworker).get(detail).status_code == 404
    from complaints.services.cases import case_allocate

    case_allocate(
        case=case, lead=caseworker, team=[caseworker], reason="Yours.", acting_user=psd_head
    )
    # The case team reads the complaint as it arrived; a caseworker outside it does not, not
    # even its complainant's name in the list of complaints dealt with.
    assert client_for(caseworker).get(detail).status_code == 200
    assert NAME in client_for(caseworker).get(done).content.decode()
    client = client_for(outsider)
    before = AccessLogEntry.objects.count()
    assert client.get(detail).status_code == 404
    assert AccessLogEntry.objects.count() == before
    listing = client.get(done)
    assert _reveals(listing.content.decode()) == []
    assert list(listing.context["page"]) == []


def test_an_intake_added_to_a_case_is_the_case_teams(client_for, caseworker, psd_head, outsider):
    case = CaseFactory(team=[caseworker])
    ComplainantFactory(case=case, name=NAME, email=EMAIL)
    intake = _intake()
    intake_add_to_case(intake=intake, case=case, note="More from them.", acting_user=psd_head)
    detail = reverse("complaints:intake_detail", kwargs={"pk": intake.pk})
    assert client_for(caseworker).get(detail).status_code == 200
    assert client_for(outsider).get(detail).status_code == 404


def test_a_waiting_intake_is_every_caseworkers_to_triage(client_for, outsider):
    intake = _intake()
    response = client_for(outsider).get(
        reverse("complaints:intake_detail", kwargs={"pk": intake.pk})
    )
    assert response.status_code == 200
    assert NAME in response.content.decode()


def test_a_colleague_dealt_with_it_while_the_page_was_open(client_for, outsider, psd_head):
    """The caseworker who loses the race is told, and nothing changes; they are not shown a
    missing page, nor what became of it."""
    intake = _intake()
    detail = reverse("complaints:intake_detail", kwargs={"pk": intake.pk})
    client = client_for(outsider)
    assert client.get(detail).status_code == 200
    case_open_from_intake(intake=intake, note="Mine.", acting_user=psd_head)
    response = client.post(detail, {"action": "open", "open-note": "New"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("complaints:intake_queue")
    body = response.content.decode()
    assert f"{intake.reference} has already been dealt with by someone else" in body
    assert _reveals(body) == []
    intake.refresh_from_db()
    assert intake.status == IntakeStatus.OPENED
    assert not CaseUpdate.objects.exists()


def test_the_intake_of_a_case_about_the_caseworker_is_404(client_for, caseworker, psd_head):
    from tests.complaints.factories import SubjectFactory

    case = CaseFactory(team=[caseworker])
    SubjectFactory(case=case, person=caseworker.person)
    intake = _intake()
    intake_add_to_case(intake=intake, case=case, note="More.", acting_user=psd_head)
    detail = reverse("complaints:intake_detail", kwargs={"pk": intake.pk})
    client = client_for(caseworker)
    assert client.get(detail).status_code == 404
    # Not even the "dealt with" message: the same 404 as a missing one.
    assert client.post(detail, {"action": "open", "open-note": "x"}).status_code == 404


# --- the review, the queue ---------------------------------------------------------------------


def test_the_review_page_and_the_queue_do_not_name_the_complainant(
    client_for, caseworker, outsider, ccu_analyst
):
    from complaints.services.reviews import review_record_application

    case = ready_case([caseworker], complainant_name=NAME)
    with_outcome_letter(case, caseworker)
    review = review_record_application(
        case=case,
        applied_on=timezone.localdate(),
        grounds="The search was never explained.",
        acting_user=caseworker,
    )
    for reader in (outsider, ccu_analyst):
        client = client_for(reader)
        for url in (
            reverse("complaints:review", kwargs={"pk": review.pk}),
            reverse("complaints:reviews"),
            reverse("complaints:queue") + "?view=all",
            reverse("complaints:queue") + f"?view=all&reference={case.reference}",
        ):
            response = client.get(url)
            assert response.status_code == 200, url
            assert _reveals(response.content.decode()) == [], (reader, url)
