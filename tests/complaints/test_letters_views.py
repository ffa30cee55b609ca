"""The letter pages: write (choose, preview, issue), read, download as PDF and Word (each
download one access-log row), the letters panel, and the admin's check on the templates."""

from __future__ import annotations

import io

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from complaints.models import Letter, LetterKind
from complaints.selectors.letters import letters_panels
from standards.access.models import AccessAction, AccessLogEntry
from tests.accounts.factories import UserFactory
from tests.complaints.test_letters_cases import (
    ready_case,
    template,
    with_outcome,
    with_outcome_letter,
)

pytestmark = pytest.mark.django_db


def _choice(case, kind):
    return {
        "template": template(kind).pk,
        "complainant": case.complainants.get().pk,
        "method": "letter",
    }


def test_write_preview_and_issue_an_outcome_letter(caseworker, client_for):
    case = ready_case([caseworker])
    with_outcome(case, caseworker)
    client = client_for(caseworker)
    url = reverse("complaints:letter_new", args=[case.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Outcome" in page.content.decode()

    preview = client.post(url, _choice(case, LetterKind.OUTCOME) | {"preview": "1"})
    body = preview.content.decode()
    assert preview.status_code == 200
    assert "Check the letter before you issue it" in body
    assert "you have the right to apply for a review" in body
    assert not Letter.objects.exists()  # a preview stores nothing

    issued = client.post(url, _choice(case, LetterKind.OUTCOME) | {"issue": "1"})
    letter = Letter.objects.get()
    assert issued.status_code == 302
    assert issued["Location"] == reverse("complaints:letter", args=[letter.pk])
    assert letter.kind == LetterKind.OUTCOME and letter.sent_by_method == "letter"
    shown = client.get(issued["Location"]).content.decode()
    assert "28 days to apply for a review start tomorrow" in shown
    assert "Download as PDF" in shown


def test_the_preview_of_a_broken_outcome_template_says_why_and_stores_nothing(
    caseworker, client_for
):
    case = ready_case([caseworker])
    with_outcome(case, caseworker)
    outcome = template(LetterKind.OUTCOME)
    outcome.body = outcome.body.replace("{{ right_of_review }}", "")
    outcome.save()
    url = reverse("complaints:letter_new", args=[case.pk])
    for step in ("preview", "issue"):
        response = client_for(caseworker).post(url, _choice(case, LetterKind.OUTCOME) | {step: "1"})
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
        assert "right-of-review paragraph" in response.content.decode()
    assert not Letter.objects.exists()


def test_a_letter_form_without_choices_says_what_is_missing(caseworker, client_for):
    case = ready_case([caseworker])
    response = client_for(caseworker).post(
        reverse("complaints:letter_new", args=[case.pk]), {"preview": "1"}
    )
    body = response.content.decode()
    assert "Select which letter to write" in body
    assert "Select how the letter will be sent" in body


def _downloads(client, letter, name):
    before = AccessLogEntry.objects.count()
    response = client.get(reverse(name, args=[letter.pk]))
    rows = list(AccessLogEntry.objects.order_by("pk")[before:])
    return response, rows


def test_the_pdf_starts_with_pdf_and_each_download_writes_one_log_row(caseworker, client_for):
    case = ready_case([caseworker])
    letter = with_outcome_letter(case, caseworker)
    client = client_for(caseworker)
    for _ in range(2):
        response, rows = _downloads(client, letter, "complaints:letter_pdf")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert "attachment" in response["Content-Disposition"]
        assert len(rows) == 1
        assert rows[0].action == AccessAction.DISCLOSURE
        assert rows[0].record_ref


def test_the_word_copy_opens_with_the_letter_text_and_is_logged(caseworker, client_for):
    from docx import Document

    case = ready_case([caseworker])
    letter = with_outcome_letter(case, caseworker)
    response, rows = _downloads(client_for(caseworker), letter, "complaints:letter_docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "you have the right to apply for a review" in text
    assert "Dear Alex Morgan," in text
    assert len(rows) == 1


def test_the_word_copy_survives_control_characters_typed_into_the_form(caseworker, client_for):
    """Word's format is XML, which forbids most control characters: one pasted into a
    complainant's name must not break every Word copy of the letters that quote it."""
    from docx import Document

    case = ready_case([caseworker])
    letter = with_outcome_letter(case, caseworker)
    Letter.objects.filter(pk=letter.pk).update(
        body=letter.body.replace("Dear Alex Morgan,", "Dear Alex\x0b Morgan\x1b,")
    )
    response, rows = _downloads(client_for(caseworker), letter, "complaints:letter_docx")
    assert response.status_code == 200
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Dear Alex Morgan," in text
    assert len(rows) == 1


def test_letters_are_the_case_teams(caseworker, client_for, ccu_analyst):
    case = ready_case([caseworker])
    letter = with_outcome_letter(case, caseworker)
    outsider = UserFactory(username="another.caseworker", roles=["PSD caseworker"])
    for user in (outsider, ccu_analyst):
        client = client_for(user)
        for name in ("complaints:letter", "complaints:letter_pdf", "complaints:letter_docx"):
            assert client.get(reverse(name, args=[letter.pk])).status_code == 404
        assert client.get(reverse("complaints:letter_new", args=[case.pk])).status_code == 404


def _panel(name, user, case):
    from standards.access import policy

    context = {"case": case, "user": user, "may_work": policy.can_change(user, case)}
    context |= letters_panels(user=user, case=case)
    return render_to_string(f"complaints/case/panels/{name}.html", context)


def test_the_letters_panel_lists_the_log_for_the_team_only(caseworker, ccu_analyst):
    case = ready_case([caseworker])
    with_outcome_letter(case, caseworker)
    case.refresh_from_db()
    shown = _panel("letters", caseworker, case)
    assert "Write a letter" in shown
    assert "Outcome</a>" in shown
    assert "Record a review application" in shown
    withheld = _panel("letters", ccu_analyst, case)
    assert "only the case team sees them" in withheld
    assert "Write a letter" not in withheld


def test_the_outcome_and_review_panels(caseworker):
    case = ready_case([caseworker])
    assert "Record the outcome" in _panel("outcome_allegations", caseworker, case)
    case = with_outcome(case, caseworker)
    allegations = _panel("outcome_allegations", caseworker, case)
    assert "Service not acceptable" in allegations and "Change the outcome" in allegations
    decisions = _panel("review_decisions", caseworker, case)
    assert "Body-worn video" in decisions
    assert "No review has been applied for." in decisions


def test_the_admin_refuses_an_outcome_template_without_the_review_paragraph(
    administrator, client_for
):
    outcome = template(LetterKind.OUTCOME)
    url = reverse("admin:complaints_lettertemplate_change", args=[outcome.pk])
    client = client_for(administrator)
    assert client.get(url).status_code == 200
    data = {
        "kind": "outcome",
        "name": outcome.name,
        "subject": outcome.subject,
        "body": outcome.body.replace("{{ right_of_review }}", ""),
        "active": "on",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "keep {{ right_of_review }} in the template" in response.content.decode()
    outcome.refresh_from_db()
    assert "{{ right_of_review }}" in outcome.body
    data["body"] = outcome.body + "\n\nA new closing line."
    assert client.post(url, data).status_code == 302


def test_the_letters_panel_costs_the_same_for_2_letters_as_for_12(caseworker):
    import datetime as dt

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from complaints.services.letters import letter_issue
    from tests.complaints.test_letters_cases import TODAY

    case = ready_case([caseworker])

    def issue(days_ago):
        letter_issue(
            case=case,
            template=template(LetterKind.HANDLING),
            complainant=case.complainants.get(),
            method="letter",
            acting_user=caseworker,
            issued_on=TODAY() - dt.timedelta(days=days_ago),
        )

    def cost():
        with CaptureQueriesContext(connection) as queries:
            shown = _panel("letters", caseworker, case)
        return len(queries), shown.count("Handling decision</a>")

    for days in (1, 2):
        issue(days)
    cost()  # the user's roles are read once, then cached on the user
    few = cost()
    for days in range(3, 13):
        issue(days)
    many = cost()
    assert few[1] == 2 and many[1] == 12
    assert many[0] == few[0]


def test_change_from_the_preview_returns_to_the_choices_kept(caseworker, client_for):
    case = ready_case([caseworker], referred=True)
    with_outcome(case, caseworker)
    url = reverse("complaints:letter_new", args=[case.pk])
    client = client_for(caseworker)
    preview = client.post(url, _choice(case, LetterKind.OUTCOME) | {"preview": "1"})
    assert 'data-testid="review-body">The IOPC<' in preview.content.decode()
    back = client.post(url, _choice(case, LetterKind.OUTCOME) | {"change": "1"})
    body = back.content.decode()
    assert "Write a letter" in body and "Preview the letter" in body
    assert f'value="{template(LetterKind.OUTCOME).pk}" checked' in body
    assert not Letter.objects.exists()
