"""The case team's changes: allocation and its grants, the IOPC's dates and the clocks they
move, complainants, subjects, allegations, actions, notes, and documents checked by content."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from complaints.models import (
    AllegationCategory,
    CaseDocument,
    CaseNote,
    Complainant,
    ProfessionalStandard,
)
from complaints.services import cases as services
from standards.access import policy
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


@pytest.fixture(autouse=True)
def document_folder(tmp_path, monkeypatch):
    """Documents go to a folder of the test's own, never the project's var/."""
    field = CaseDocument._meta.get_field("file")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    return tmp_path


def _caseworker():
    return UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])


# --- allocation --------------------------------------------------------------------------------


def test_the_head_allocates_and_the_team_is_granted(psd_head):
    case = CaseFactory()
    lead, second = _caseworker(), _caseworker()
    services.case_allocate(
        case=case, lead=lead, team=[second], reason="Workload", acting_user=psd_head
    )
    case.refresh_from_db()
    assert case.lead == lead
    for user in (lead, second):
        assert policy.can_change(user, case)
    assert case.history.first().history_change_reason.startswith(f"Allocated to {lead}")


def test_reallocation_takes_the_grants_away(psd_head):
    first = _caseworker()
    case = CaseFactory(team=[first])
    second = _caseworker()
    services.case_allocate(case=case, lead=second, team=[], reason="Leave", acting_user=psd_head)
    assert not policy.can_change(first, case)
    assert policy.can_change(second, case)


def test_only_the_head_allocates(caseworker):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(Http404):
        services.case_allocate(
            case=case, lead=caseworker, team=[], reason="Mine", acting_user=caseworker
        )


def test_nobody_is_allocated_a_case_about_themselves(psd_head):
    case = CaseFactory()
    lead = _caseworker()
    SubjectFactory(case=case, person=lead.person)
    with pytest.raises(ValidationError) as error:
        services.case_allocate(case=case, lead=lead, team=[], reason="x", acting_user=psd_head)
    assert "subject or complainant" in str(error.value)
    assert not policy.can_change(lead, case)


def test_only_psd_staff_can_be_allocated(psd_head, ccu_analyst):
    case = CaseFactory()
    with pytest.raises(ValidationError):
        services.case_allocate(
            case=case, lead=ccu_analyst, team=[], reason="x", acting_user=psd_head
        )


def test_allocation_needs_a_reason(psd_head):
    with pytest.raises(ValidationError):
        services.case_allocate(
            case=CaseFactory(), lead=_caseworker(), team=[], reason=" ", acting_user=psd_head
        )


def test_the_allocate_page(client_for, psd_head, caseworker):
    case = CaseFactory()
    url = reverse("complaints:case_allocate", kwargs={"pk": case.pk})
    client = client_for(psd_head)
    assert client.get(url).status_code == 200
    response = client.post(url, {"lead": caseworker.pk, "reason": "Next in the rota"})
    assert response.status_code == 302
    assert policy.can_change(caseworker, case)
    assert client_for(caseworker).get(url).status_code == 404


# --- dates -------------------------------------------------------------------------------------


def test_recording_dates_moves_the_clocks(caseworker):
    received = timezone.localdate() - dt.timedelta(days=3)
    case = CaseFactory(team=[caseworker], received_on=received, logged_on=None)
    from complaints import clocks

    clocks.refresh(case)
    case.refresh_from_db()
    assert case.next_due_label == "Log the complaint"
    services.case_record_dates(
        case=case, logged_on=received, first_contact_on=None, acting_user=caseworker
    )
    case.refresh_from_db()
    assert case.next_due_label == "Contact the complainant"


def test_dates_before_receipt_are_refused(caseworker):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError) as error:
        services.case_record_dates(
            case=case,
            logged_on=case.received_on - dt.timedelta(days=1),
            first_contact_on=None,
            acting_user=caseworker,
        )
    assert "logged_on" in error.value.error_dict


def test_the_dates_page_refuses_bad_input_and_stores_nothing(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    before = case.logged_on
    url = reverse("complaints:case_dates", kwargs={"pk": case.pk})
    earlier = case.received_on - dt.timedelta(days=2)
    response = client_for(caseworker).post(
        url,
        {
            "logged_on_day": earlier.day,
            "logged_on_month": earlier.month,
            "logged_on_year": earlier.year,
        },
    )
    assert response.status_code == 200
    assert "must be on or after the date it was received" in response.content.decode()
    case.refresh_from_db()
    assert case.logged_on == before


# --- people and allegations --------------------------------------------------------------------


def test_a_complainant_who_wants_letters_needs_an_address(caseworker):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError) as error:
        services.complainant_add(
            case=case, name="Sam Ward", contact_preference="letter", acting_user=caseworker
        )
    assert "address" in error.value.error_dict
    assert not Complainant.objects.filter(case=case).exists()


def test_the_complainant_pages(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    client = client_for(caseworker)
    response = client.post(
        reverse("complaints:complainant_add", kwargs={"pk": case.pk}),
        {
            "name": "Sam Ward",
            "contact_preference": "phone",
            "phone": "01642 555 0101",
            "adjustments": "Calls after 2pm only.",
        },
    )
    assert response.status_code == 302
    complainant = case.complainants.get()
    assert complainant.adjustments == "Calls after 2pm only."
    response = client.post(
        reverse(
            "complaints:complainant_change",
            kwargs={"pk": case.pk, "complainant_pk": complainant.pk},
        ),
        {"name": "Sam Ward", "contact_preference": "email", "email": "sam@example.org"},
    )
    assert response.status_code == 302
    complainant.refresh_from_db()
    assert complainant.email == "sam@example.org"
    other = ComplainantFactory()
    url = reverse(
        "complaints:complainant_change", kwargs={"pk": case.pk, "complainant_pk": other.pk}
    )
    assert client.get(url).status_code == 404


def test_a_member_of_staff_who_complains_is_linked_and_loses_sight_of_the_case(
    client_for, caseworker
):
    """The self-conflict rule hides a case from its complainant: the case team records a
    complainant who works for the force by staff number, and from then on that colleague meets
    a 404, as a subject does. Nobody records themselves or the case's lead, and an unknown staff
    number is refused; a refusal stores nothing."""
    from standards.access.roles import Role
    from tests.accounts.factories import UserFactory

    colleague = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    case = CaseFactory(team=[caseworker, colleague])  # the first is the lead
    case_url = reverse("complaints:case", kwargs={"pk": case.pk})
    assert client_for(colleague).get(case_url).status_code == 200
    add = reverse("complaints:complainant_add", kwargs={"pk": case.pk})
    answers = {"name": "Kim Lowe", "contact_preference": "email", "email": "kim@example.org"}
    client = client_for(caseworker)

    for staff_number, message in (
        ("NOPE", "Nobody in the staff directory has that staff number"),
        (caseworker.person.staff_number, "You cannot record yourself as a complainant"),
    ):
        response = client.post(add, answers | {"staff_number": staff_number})
        assert response.status_code == 200
        assert message in response.content.decode()
    assert not case.complainants.exists()

    response = client.post(add, answers | {"staff_number": colleague.person.staff_number})
    assert response.status_code == 302
    assert case.complainants.get().person == colleague.person
    assert client_for(colleague).get(case_url).status_code == 404


def test_the_lead_is_never_recorded_as_a_complainant(client_for, caseworker, psd_head):
    case = CaseFactory(team=[caseworker])  # the lead
    add = reverse("complaints:complainant_add", kwargs={"pk": case.pk})
    response = client_for(psd_head).post(
        add,
        {
            "name": "Lead",
            "contact_preference": "email",
            "email": "lead@example.org",
            "staff_number": caseworker.person.staff_number,
        },
    )
    assert "leads this case: ask the head of PSD to reallocate it first" in (
        response.content.decode()
    )
    assert not case.complainants.exists()


def test_a_subject_from_the_directory_or_unidentified(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    person = PersonFactory(staff_number="S4471")
    client = client_for(caseworker)
    url = reverse("complaints:subject_add", kwargs={"pk": case.pk})
    assert client.post(url, {"identified": "yes", "staff_number": "s4471"}).status_code == 302
    assert client.post(url, {"identified": "no", "description": "Van driver"}).status_code == 302
    response = client.post(url, {"identified": "yes", "staff_number": "NOPE"})
    assert "Nobody in the staff directory" in response.content.decode()
    subjects = list(case.subjects.all())
    assert [s.person for s in subjects] == [person, None]
    assert subjects[1].description == "Van driver"


def test_a_caseworker_cannot_add_themselves_as_a_subject(caseworker):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError):
        services.subject_add(case=case, person=caseworker.person, acting_user=caseworker)


def test_an_allegation_with_category_standards_and_subjects(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    subject = SubjectFactory(case=case)
    category = AllegationCategory.objects.get(code="H1")
    courtesy = ProfessionalStandard.objects.get(name="Authority, respect and courtesy")
    client = client_for(caseworker)
    url = reverse("complaints:allegation_add", kwargs={"pk": case.pk})
    page = client.get(url).content.decode()
    assert "<optgroup" in page  # the IOPC categories grouped
    response = client.post(
        url,
        {
            "category": category.pk,
            "description": "Swore at the complainant.",
            "standards": [courtesy.pk],
            "subjects": [subject.pk],
        },
    )
    assert response.status_code == 302
    allegation = case.allegations.get()
    assert list(allegation.standards.all()) == [courtesy]
    assert list(allegation.subjects.all()) == [subject]


def test_an_allegation_against_another_case_s_subject_is_refused(caseworker):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError):
        services.allegation_add(
            case=case,
            category=AllegationCategory.objects.get(code="H1"),
            description="x",
            subjects=[SubjectFactory()],
            acting_user=caseworker,
        )
    assert not case.allegations.exists()


def test_an_allegation_is_corrected_with_a_reason_and_its_history_kept(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    subject = SubjectFactory(case=case)
    allegation = AllegationFactory(case=case, subjects=[subject])
    force = AllegationCategory.objects.get(code="B5")
    url = reverse(
        "complaints:allegation_change", kwargs={"pk": case.pk, "allegation_pk": allegation.pk}
    )
    client = client_for(caseworker)
    form = {
        "category": force.pk,
        "description": "Pushed the complainant.",
        "subjects": [subject.pk],
    }
    refused = client.post(url, form)
    assert "Say why the allegation is changed" in refused.content.decode()
    allegation.refresh_from_db()
    assert allegation.category.code == "H1"  # nothing stored without a reason

    response = client.post(url, {**form, "reason": "It was force, not rudeness."})
    assert response.status_code == 302
    allegation.refresh_from_db()
    assert allegation.category == force
    assert allegation.description == "Pushed the complainant."
    before, after = allegation.history.all()[1], allegation.history.all()[0]
    assert before.category.code == "H1"
    assert after.history_change_reason == "Allegation changed: It was force, not rudeness."
    assert after.history_user == caseworker


def test_only_the_case_team_changes_an_allegation(client_for, caseworker, ccu_analyst):
    case = CaseFactory(team=[caseworker])
    allegation = AllegationFactory(case=case)
    other = AllegationFactory()  # another case's allegation, through this case's address
    url = reverse("complaints:allegation_change", kwargs={"pk": case.pk, "allegation_pk": other.pk})
    assert client_for(caseworker).get(url).status_code == 404
    with pytest.raises(Http404):
        services.allegation_change(
            allegation=allegation,
            category=allegation.category,
            description="x",
            reason="y",
            acting_user=ccu_analyst,
        )


# --- actions and notes -------------------------------------------------------------------------


def test_actions_are_owned_by_the_case_team(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    outsider = _caseworker()
    due = timezone.localdate() + dt.timedelta(days=10)
    with pytest.raises(ValidationError):
        services.action_add(
            case=case, description="x", owner=outsider, due_on=due, acting_user=caseworker
        )
    action = services.action_add(
        case=case,
        description="Get the CCTV",
        owner=caseworker,
        due_on=due,
        acting_user=caseworker,
    )
    response = client_for(caseworker).post(
        reverse("complaints:action_complete", kwargs={"pk": case.pk, "action_pk": action.pk})
    )
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.completed_on == timezone.localdate()


def test_a_note(client_for, caseworker):
    case = CaseFactory(team=[caseworker])
    url = reverse("complaints:note_add", kwargs={"pk": case.pk})
    client = client_for(caseworker)
    assert "Enter the note" in client.post(url, {"text": ""}).content.decode()
    assert client.post(url, {"text": "Called the complainant."}).status_code == 302
    assert CaseNote.objects.get(case=case).author == caseworker


# --- documents ---------------------------------------------------------------------------------

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def test_an_exe_renamed_pdf_is_refused_and_nothing_stored(client_for, caseworker, document_folder):
    case = CaseFactory(team=[caseworker])
    upload = SimpleUploadedFile("statement.pdf", EXE, content_type="application/pdf")
    response = client_for(caseworker).post(
        reverse("complaints:document_add", kwargs={"pk": case.pk}), {"file": upload}
    )
    assert response.status_code == 200
    assert "must be a PDF, JPEG, PNG, Word (.docx) or plain text file" in response.content.decode()
    assert not CaseDocument.objects.exists()
    assert not any(path.is_file() for path in document_folder.rglob("*"))


@pytest.mark.parametrize(
    ("name", "content", "media_type"),
    [
        ("a.pdf", PDF, "application/pdf"),
        ("notes.txt", "Café at 10pm\n".encode(), "text/plain"),
        ("photo.bin", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "image/png"),
        (
            "letter.docx",
            _docx(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_allowed_documents_are_stored_with_their_real_type(caseworker, name, content, media_type):
    case = CaseFactory(team=[caseworker])
    document = services.document_add(
        case=case, upload=SimpleUploadedFile(name, content), acting_user=caseworker
    )
    assert document.media_type == media_type
    assert document.name == name
    assert document.size == len(content)
    # Stored under a random name of the service's choosing, never the uploaded one.
    stored = document.file.name.rsplit("/", 1)[-1]
    assert re.fullmatch(r"[0-9a-f]{32}\.[a-z]+", stored), stored


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (b"text with a \x00 in it", "NUL"),
        (b"\xff\xfe not utf-8 \xc3", "not UTF-8"),
        (b"", "empty"),
    ],
)
def test_other_content_is_refused(caseworker, content, why):
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError):
        services.document_add(
            case=case, upload=SimpleUploadedFile("x.txt", content), acting_user=caseworker
        )
    assert not CaseDocument.objects.exists(), why


def test_a_file_over_20_mb_is_refused(caseworker, monkeypatch):
    from complaints import documents

    monkeypatch.setattr(documents, "MAX_BYTES", 10)
    case = CaseFactory(team=[caseworker])
    with pytest.raises(ValidationError) as error:
        services.document_add(
            case=case, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=caseworker
        )
    assert "smaller than 20 MB" in str(error.value)


def test_a_download_is_an_attachment_and_is_logged(client_for, caseworker, ccu_analyst):
    case = CaseFactory(team=[caseworker])
    document = services.document_add(
        case=case, upload=SimpleUploadedFile("a.pdf", PDF), acting_user=caseworker
    )
    url = reverse("complaints:document_download", kwargs={"pk": document.pk})
    response = client_for(caseworker).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF
    row = AccessLogEntry.objects.filter(user=caseworker).latest("pk")
    assert row.action == AccessAction.DISCLOSURE
    # Documents are the case team's: the CCU reads the case, never its documents.
    assert client_for(ccu_analyst).get(url).status_code == 404
