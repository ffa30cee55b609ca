"""Attacks on the case file's ids, walked over every complaints page of the corridor registry
(tests/security/pages_complaints_*.py), so a page added later is attacked too.

1. A member of the case team who is also a subject (the caseworker) or a complainant (the head
   of PSD) of the case meets the 404 of a missing page on every page of it, child records and
   the intake that became part of it included, GET and POST, and nothing is stored; no list
   names the case to them.
2. A page reached with the pk of one case and the pk of a child record (complainant,
   allegation, action, subject, restriction, pause, reflection, proceedings, appeal, listing)
   of another case is the same 404, even for the head of PSD, who may see and change both.
3. A caseworker in one case's team opens no document, letter or review of another's.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from guardian.shortcuts import assign_perm

from complaints.services.cases import document_add
from complaints.services.intake import intake_add_to_case
from standards.access.roles import Role
from tests.accounts.factories import UserFactory
from tests.complaints.factories import ComplainantFactory, IntakeFactory, SubjectFactory
from tests.helpers import sign_in
from tests.security.registry import REGISTRY, Page
from tests.security.test_corridor import _normalise, _rows_written
from tests.security.world import build_world

pytestmark = pytest.mark.django_db

# The world's complaint cases; the psd_caseworker persona is in the team of each.
CASES = ("case_in_review", "conduct_case", "letters_case")
# List pages the attacked personas may open: none may name a case about them.
LISTS = (
    ("complaints:queue", "?view=all"),
    ("complaints:queue", "?view=mine"),
    ("complaints:queue", "?view=all&status=review"),
    ("complaints:reviews", ""),
    ("complaints:intake_queue", "?view=done"),
    ("complaints:lessons", ""),
)


def _complaint_pages() -> dict[str, Page]:
    return {
        name: page
        for name, page in REGISTRY.items()
        if name.startswith("complaints:") and page.shows_record
    }


def _client(user) -> Client:
    return sign_in(Client(), user)


@pytest.fixture
def world():
    world = build_world()
    head = world.users["psd_head"]
    # A complaint sent again, added to the case as an update: part of the case from then on.
    world.records["intake_added"] = intake_add_to_case(
        intake=IntakeFactory(name="Update Sender", email="update.sender@example.org"),
        case=world.records["case_in_review"],
        note="The same complaint, sent twice.",
        acting_user=head,
    ).intake
    return world


def _kwargs(world, name: str, page: Page) -> dict:
    if name == "complaints:intake_detail":
        return {"pk": world.records["intake_added"].pk}
    return page.kwargs(world)


def _refused_everywhere(world, client: Client) -> list[str]:
    failures = []
    for name, page in _complaint_pages().items():
        url = reverse(name, kwargs=_kwargs(world, name, page))
        missing = client.get(url.rstrip("/") + "/no-such-page/")
        response = client.get(url)
        # A POST-only page refuses a GET before it looks anything up: that tells nothing.
        if response.status_code != 405:
            if response.status_code != 404:
                failures.append(f"GET {name}: {response.status_code}")
            elif _normalise(response.content.decode()) != _normalise(missing.content.decode()):
                failures.append(f"GET {name}: the 404 differs from a missing page's")
        written = _rows_written()
        response = client.post(url, {"reason": "mine", "rationale": "mine", "note": "mine"})
        # A GET-only page refuses a POST before it looks anything up (405): that tells nothing.
        if response.status_code not in (404, 405):
            failures.append(f"POST {name}: {response.status_code}")
        if _rows_written() != written:
            failures.append(f"POST {name}: stored something")
    return failures


def _lists_name_none_of(world, client: Client) -> list[str]:
    references = [world.records[case].reference for case in CASES]
    references.append(world.records["intake_added"].reference)
    failures = []
    for name, query in LISTS:
        response = client.get(reverse(name) + query)
        body = response.content.decode()
        failures += [f"{name}{query} names {ref}" for ref in references if ref in body]
    return failures


def test_a_team_member_who_is_a_subject_or_complainant_meets_404_on_every_page(world):
    caseworker = world.users["psd_caseworker"]
    head = world.users["psd_head"]
    for case in CASES:
        SubjectFactory(case=world.records[case], person=caseworker.person)
        ComplainantFactory(case=world.records[case], person=head.person)
    failures = []
    for persona in ("psd_caseworker", "psd_head"):
        client = _client(world.users[persona])
        failures += [f"{persona}: {f}" for f in _refused_everywhere(world, client)]
        failures += [f"{persona}: {f}" for f in _lists_name_none_of(world, client)]
    assert not failures, "\n".join(failures)


# The case each child record of the world belongs to, so it can be paired with another.
_CHILD_CASE = {
    "complainant_pk": "case_in_review",
    "allegation_pk": "case_in_review",
    "action_pk": "case_in_review",
}
_OTHER_CASE = {"case_in_review": "conduct_case", "conduct_case": "letters_case"}


def test_a_child_record_of_another_case_is_404_even_for_the_head(world):
    """Mixed ids (2), then documents, letters and reviews of another case (3)."""
    failures = []
    pages = {n: p for n, p in _complaint_pages().items() if len(p.kwargs(world)) > 1}
    assert len(pages) >= 15, sorted(pages)  # every child-record page of the case file
    for persona in ("psd_head", "psd_caseworker"):
        client = _client(world.users[persona])
        for name, page in pages.items():
            kwargs = page.kwargs(world)
            own = next((_CHILD_CASE[key] for key in kwargs if key in _CHILD_CASE), "conduct_case")
            kwargs["pk"] = world.records[_OTHER_CASE[own]].pk
            url = reverse(name, kwargs=kwargs)
            if (status := client.get(url).status_code) not in (404, 405):
                failures.append(f"{persona} GET {name}: {status}")
            written = _rows_written()
            status = client.post(url, {"note": "x", "rationale": "x"}).status_code
            if status not in (404, 405):
                failures.append(f"{persona} POST {name}: {status}")
            if _rows_written() != written:
                failures.append(f"{persona} POST {name}: stored something")
    assert not failures, "\n".join(failures)
    # 3. (In the same world, built once.) A caseworker in one case's team only.
    _a_caseworker_opens_no_document_letter_or_review_of_a_case_not_theirs(world)


def _a_caseworker_opens_no_document_letter_or_review_of_a_case_not_theirs(world):
    """Their own case's document opens; another case's letter, review and document do not,
    whichever id they try."""
    outsider = UserFactory(roles=[Role.STAFF, Role.PSD_CASEWORKER])
    theirs = world.records["conduct_case"]
    for permission in ("complaints.view_case", "complaints.work_case"):
        assign_perm(permission, outsider, theirs)
    own_document = document_add(
        case=theirs,
        upload=SimpleUploadedFile("own.txt", b"Their own case's note.\n"),
        acting_user=world.users["psd_head"],
    )
    client = _client(outsider)
    assert (
        client.get(
            reverse("complaints:document_download", kwargs={"pk": own_document.pk})
        ).status_code
        == 200
    )
    for name, record in (
        ("complaints:document_download", "case_document"),
        ("complaints:letter", "letters_outcome_letter"),
        ("complaints:letter_pdf", "letters_outcome_letter"),
        ("complaints:letter_docx", "letters_outcome_letter"),
        ("complaints:review_decide", "letters_review"),
    ):
        response = client.get(reverse(name, kwargs={"pk": world.records[record].pk}))
        assert response.status_code == 404, name
