"""Transfer disclosures: the pack the head of the CCU produces for someone leaving (previewed, made
as a PDF, recorded as a disclosure with its recipient), an incoming pack checked by its content,
and the areas' sections of the pack (no complainant, no associate's address)."""

from __future__ import annotations

import hashlib

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from ccu.models import TransferDirection, TransferDisclosure
from ccu.selectors import transfers as selectors
from ccu.services import transfers as services
from complaints.models import CaseKind
from standards.access.models import AccessAction, AccessLogEntry, Area
from standards.access.roles import Role
from standards.accounts.models import User
from standards.core import extensions
from tests.accounts.factories import UserFactory
from tests.ccu.factories import TransferDisclosureFactory
from tests.complaints.factories import (
    AllegationFactory,
    CaseFactory,
    ComplainantFactory,
    SubjectFactory,
)
from tests.people.factories import PersonFactory
from tests.registers.associations.factories import AssociationFactory
from tests.registers.interests.factories import BusinessInterestFactory

pytestmark = pytest.mark.django_db

SUMMARY = "Intelligence suggests contact with a licensee under investigation; advice was given."
# The smallest file that is a PDF by its content.
TINY_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
RECIPIENT = "Head of Professional Standards, Durham Constabulary"


@pytest.fixture(autouse=True)
def pack_folder(tmp_path, monkeypatch):
    field = TransferDisclosure._meta.get_field("pack")
    monkeypatch.setattr(field, "storage", FileSystemStorage(location=tmp_path, base_url=None))
    return tmp_path


@pytest.fixture
def leaver():
    """Someone leaving, with a complaint and a conduct matter, an interest and an association."""
    person = PersonFactory(first_name="Lesley", last_name="Leaver")
    complaint = CaseFactory()
    subject = SubjectFactory(case=complaint, person=person)
    ComplainantFactory(case=complaint, name="Alex Complainantname", postcode="TS9 9ZZ")
    AllegationFactory(case=complaint, subjects=[subject])
    conduct = CaseFactory(kind=CaseKind.CONDUCT)
    SubjectFactory(case=conduct, person=person)
    # Someone else's case says nothing in their pack.
    SubjectFactory(case=CaseFactory())
    BusinessInterestFactory(declarant=person, organisation="Brackenford Boxing Club")
    AssociationFactory(
        declarant=person, associate_name="Terry Associate", associate_address="7 Secret Row"
    )
    person.complaint, person.conduct = complaint, conduct
    return person


def _answers(person, **overrides) -> dict:
    return {
        "staff_number": person.staff_number,
        "other_force": "Durham Constabulary",
        "recipient": RECIPIENT,
        "intelligence_summary": SUMMARY,
        **overrides,
    }


def test_each_area_gives_its_section_and_no_more(leaver):
    sections = {s.title: s for s in extensions.disclosure_sections(person=leaver)}
    assert set(sections) == set(selectors.SECTION_ORDER)
    cases = sections["Complaints and conduct history"].rows
    assert [row[0] for row in cases] == [leaver.complaint.reference, leaver.conduct.reference]
    assert cases[0][3] == AllegationFactory._meta.model.objects.first().category.name
    assert cases[1][1] == "Conduct matter"
    assert sections["Business interests"].rows[0][2] == "Brackenford Boxing Club"
    assert sections["Notifiable associations"].rows[0][:2] == (
        "Family member",
        "Involved in criminality",
    )
    text = repr(sections)
    for secret in ("Alex Complainantname", "TS9 9ZZ", "Terry Associate", "7 Secret Row"):
        assert secret not in text


def test_the_head_previews_the_pack_before_anything_is_produced(client_for, ccu_head, leaver):
    response = client_for(ccu_head).post(reverse("ccu:transfer_new"), _answers(leaver))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Check the pack before you produce it" in body
    assert leaver.complaint.reference in body and "Brackenford Boxing Club" in body
    assert SUMMARY in body and "OFFICIAL-SENSITIVE" in body
    # In the order HMICFRS lists them, whatever order the areas registered in.
    places = [
        body.index(f'<h2 class="govuk-heading-m">{title}</h2>') for title in selectors.SECTION_ORDER
    ]
    assert places == sorted(places)
    assert not TransferDisclosure.objects.exists()


def test_the_pack_is_produced_stored_and_its_disclosure_logged(
    client_for, ccu_head, leaver, pack_folder
):
    client = client_for(ccu_head)
    response = client.post(reverse("ccu:transfer_new"), {**_answers(leaver), "confirmed": "yes"})
    disclosure = TransferDisclosure.objects.get()
    assert response["Location"] == reverse("ccu:transfer_detail", kwargs={"pk": disclosure.pk})
    assert disclosure.direction == TransferDirection.OUTGOING
    assert disclosure.recipient == RECIPIENT and disclosure.person == leaver
    content = disclosure.pack.open("rb").read()
    assert content.startswith(b"%PDF")
    assert hashlib.sha256(content).hexdigest() == disclosure.pack_sha256
    # Stored under the service's own name, in the folder outside the web root.
    assert (pack_folder / disclosure.pack.name).exists()
    assert leaver.last_name not in disclosure.pack.name
    assert disclosure.history.first().history_change_reason == "Transfer pack produced"
    entry = AccessLogEntry.objects.order_by("-pk").first()
    assert entry.action == AccessAction.DISCLOSURE and entry.area == Area.CCU
    assert entry.detail.recipient == RECIPIENT
    assert entry.detail.object_id == str(disclosure.pk)
    # The auditor's row names neither the person nor the recipient.
    assert RECIPIENT not in entry.recipient and leaver.last_name not in entry.record_label


def test_the_pack_holds_every_section_and_the_marking(ccu_head, leaver):
    contents = selectors.pack_contents(
        person=leaver,
        other_force="Durham Constabulary",
        recipient=RECIPIENT,
        intelligence_summary="Seen with <b>a</b> licensee.",
        produced_on=timezone.localdate(),
        produced_by=ccu_head.display_name,
    )
    html = services.pack_html(contents)
    for text in (
        "Transfer information pack",
        "OFFICIAL-SENSITIVE",
        leaver.display_name,
        leaver.staff_number,
        "Complaints and conduct history",
        leaver.complaint.reference,
        "Business interests",
        "Brackenford Boxing Club",
        "Notifiable associations",
        "Sanitised intelligence summary",
        "Seen with &lt;b&gt;a&lt;/b&gt; licensee.",
        RECIPIENT,
    ):
        assert text in html, text
    for secret in ("Alex Complainantname", "Terry Associate", "7 Secret Row"):
        assert secret not in html
    assert services.pack_pdf(contents).startswith(b"%PDF")


def test_downloading_the_pack_is_a_disclosure(client_for, ccu_head, leaver):
    disclosure = services.transfer_pack_produce(**_answers(leaver), acting_user=ccu_head)
    before = AccessLogEntry.objects.count()
    response = client_for(ccu_head).get(reverse("ccu:transfer_pack", kwargs={"pk": disclosure.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert AccessLogEntry.objects.count() == before + 1
    assert AccessLogEntry.objects.order_by("-pk").first().action == AccessAction.DISCLOSURE


def test_the_answers_are_checked(client_for, ccu_head, leaver):
    client = client_for(ccu_head)
    body = client.post(
        reverse("ccu:transfer_new"), _answers(leaver, staff_number="NOPE99", recipient="")
    ).content.decode()
    assert "There is a problem" in body
    assert "Enter who the pack is for" in body
    body = client.post(reverse("ccu:transfer_new"), _answers(leaver, staff_number="NOPE99"))
    assert "There is nobody with that staff number" in body.content.decode()
    # Never a pack about oneself: it would be hidden from its own author.
    body = client.post(reverse("ccu:transfer_new"), _answers(ccu_head.person)).content.decode()
    assert "not your own" in body
    assert not TransferDisclosure.objects.exists()


def test_an_incoming_pack_must_be_a_pdf_by_its_content(client_for, ccu_head):
    joiner = PersonFactory()
    client = client_for(ccu_head)
    url = reverse("ccu:transfer_incoming")
    answers = {
        "staff_number": joiner.staff_number,
        "other_force": "Cleveland Police",
        "sender": "Head of the CCU, Cleveland Police",
    }
    # A program renamed to look like a PDF is refused, whatever its name and claimed type.
    fake = SimpleUploadedFile("pack.pdf", b"MZ\x90\x00" + b"\x00" * 200, "application/pdf")
    body = client.post(url, {**answers, "pack": fake}).content.decode()
    assert "The selected file must be a PDF" in body
    text = SimpleUploadedFile("pack.pdf", b"Just some words.\n", "application/pdf")
    assert (
        "The selected file must be a PDF"
        in client.post(url, {**answers, "pack": text}).content.decode()
    )
    assert not TransferDisclosure.objects.exists()

    pdf = SimpleUploadedFile("Their pack.pdf", TINY_PDF, "application/pdf")
    response = client.post(url, {**answers, "pack": pdf})
    disclosure = TransferDisclosure.objects.get()
    assert response["Location"] == reverse("ccu:transfer_detail", kwargs={"pk": disclosure.pk})
    assert disclosure.direction == TransferDirection.INCOMING
    assert disclosure.recipient == "Head of the CCU, Cleveland Police"
    assert disclosure.pack_sha256 == hashlib.sha256(TINY_PDF).hexdigest()
    assert disclosure.pack.name.endswith(".pdf") and "Their pack" not in disclosure.pack.name


def test_an_incoming_pack_has_a_size_limit(ccu_head, monkeypatch):
    monkeypatch.setattr(services, "MAX_PACK_BYTES", len(TINY_PDF) - 1)
    with pytest.raises(services.ValidationError) as raised:
        services.transfer_incoming_record(
            staff_number=PersonFactory().staff_number,
            other_force="Cleveland Police",
            sender="Their CCU",
            upload=SimpleUploadedFile("pack.pdf", TINY_PDF),
            acting_user=ccu_head,
        )
    assert raised.value.message_dict == {"pack": ["The selected file must be smaller than 20 MB"]}


def test_the_person_it_is_about_never_sees_it_even_as_head_of_the_ccu(client_for, ccu_head):
    other_head = UserFactory(roles=[Role.STAFF, Role.CCU_HEAD])
    disclosure = TransferDisclosureFactory(person=other_head.person, recorded_by=ccu_head)
    disclosure.pack.save("pack.pdf", SimpleUploadedFile("p.pdf", TINY_PDF))
    client = client_for(other_head)
    for name in ("ccu:transfer_detail", "ccu:transfer_pack"):
        assert client.get(reverse(name, kwargs={"pk": disclosure.pk})).status_code == 404
        assert (
            client_for(ccu_head).get(reverse(name, kwargs={"pk": disclosure.pk})).status_code == 200
        )
    listed = client.get(reverse("ccu:transfer_list")).context["page"]
    assert disclosure not in listed


def test_only_the_head_of_the_ccu(client_for, ccu_analyst, psd_head, leaver):
    disclosure = TransferDisclosureFactory(person=leaver)
    themselves = User.objects.get(person=leaver)  # their login, made when they declared
    for user in (ccu_analyst, psd_head, themselves):
        client = client_for(user)
        for name in ("ccu:transfer_list", "ccu:transfer_new", "ccu:transfer_incoming"):
            assert client.get(reverse(name)).status_code == 404
        assert (
            client.get(reverse("ccu:transfer_detail", kwargs={"pk": disclosure.pk})).status_code
            == 404
        )
        response = client.post(reverse("ccu:transfer_new"), {**_answers(leaver), "confirmed": "y"})
        assert response.status_code == 404
    assert TransferDisclosure.objects.count() == 1
    with pytest.raises(services.Http404):
        services.transfer_pack_produce(**_answers(leaver), acting_user=ccu_analyst)


def test_the_list_takes_the_same_queries_however_many_disclosures(client_for, ccu_head):
    client = client_for(ccu_head)
    TransferDisclosureFactory(recorded_by=ccu_head)
    client.get(reverse("ccu:transfer_list"))

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("ccu:transfer_list"))
        assert response.status_code == 200
        return len(captured)

    few = queries()
    for _ in range(12):
        TransferDisclosureFactory(recorded_by=UserFactory(roles=[Role.CCU_HEAD]))
    assert queries() == few <= 13
