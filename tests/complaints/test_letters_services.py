"""Letters: filled from the case with a fixed list of placeholders, frozen when issued, and an
outcome letter refused without the right-of-review paragraph naming the right body and day."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from complaints import letters as wording
from complaints.models import CaseStatus, Letter, LetterKind, LetterTemplate, ReviewBody
from complaints.services.letters import letter_issue
from standards.core.dates import written
from tests.complaints.factories import ComplainantFactory
from tests.complaints.test_letters_cases import (
    TODAY,
    ready_case,
    template,
    with_outcome,
    with_outcome_letter,
)

pytestmark = pytest.mark.django_db


# --- the placeholders ---------------------------------------------------------------------------


def test_the_four_default_templates_are_installed_and_pass_the_check():
    kinds = set(LetterTemplate.objects.values_list("kind", flat=True))
    assert kinds == {"acknowledgement", "handling", "outcome", "review_outcome"}
    for letter_template in LetterTemplate.objects.all():
        wording.check_template(kind=letter_template.kind, body=letter_template.body)
    assert "{{ right_of_review }}" in template(LetterKind.OUTCOME).body


def test_a_template_may_use_only_the_listed_placeholders():
    with pytest.raises(ValidationError, match=r"\{\{ case.complainants \}\}|not on the list"):
        wording.check_template(kind="acknowledgement", body="Hello {{ case.complainants }}")
    with pytest.raises(ValidationError, match="settings_secret"):
        wording.check_template(kind="acknowledgement", body="{{ settings_secret }}")


def test_an_outcome_template_must_keep_the_right_of_review():
    body = template(LetterKind.OUTCOME).body.replace("{{ right_of_review }}", "")
    with pytest.raises(ValidationError, match="right_of_review"):
        wording.check_template(kind=LetterKind.OUTCOME, body=body)
    wording.check_template(kind=LetterKind.ACKNOWLEDGEMENT, body="No review needed here.")


def test_fill_replaces_whitelisted_tokens_once_and_never_runs_a_template_engine():
    # A value that looks like a token stays as typed: no second pass, no template engine.
    filled = wording.fill(
        "Dear {{complainant_name}}, {% load static %}{{ case_reference }}",
        {"complainant_name": "{{ right_of_review }}", "case_reference": "CO-000001"},
    )
    assert filled == "Dear {{ right_of_review }}, {% load static %}CO-000001"
    with pytest.raises(ValidationError, match="template tags"):
        wording.check_template(kind="handling", body="{% load static %}")
    with pytest.raises(ValidationError):
        wording.fill("{{ request.user.password }}", {})


def test_the_pdf_html_escapes_what_the_case_holds(caseworker):
    case = ready_case([caseworker], complainant_name="<script>alert(1)</script> Morgan")
    letter = letter_issue(
        case=case,
        template=template(LetterKind.ACKNOWLEDGEMENT),
        complainant=case.complainants.get(),
        method="email",
        acting_user=caseworker,
    )
    html = wording.letter_html(letter)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Morgan" in html


# --- the review body and the last day -----------------------------------------------------------


def test_an_outcome_letter_names_the_local_policing_body_and_the_last_day(caseworker):
    case = ready_case([caseworker])
    issued_on = TODAY() - dt.timedelta(days=3)
    letter = with_outcome_letter(case, caseworker, issued_on=issued_on)
    last_day = issued_on + dt.timedelta(days=28)
    assert letter.review_body == ReviewBody.LOCAL_POLICING_BODY
    assert letter.review_last_day == last_day
    assert wording.DEFAULT_LPB_NAME in letter.body
    assert wording.IOPC_NAME not in letter.body
    assert f"The last day to apply is {written(last_day)}." in letter.body
    assert "Service not acceptable" not in letter.body  # plain English, not the codes
    assert "the service provided was not acceptable" in letter.body
    assert "Body-worn video" in letter.body


def test_an_outcome_letter_names_the_iopc_when_the_complaint_was_referred(caseworker):
    case = ready_case([caseworker], referred=True)
    letter = with_outcome_letter(case, caseworker)
    assert letter.review_body == ReviewBody.IOPC
    assert wording.IOPC_NAME in letter.body
    assert wording.DEFAULT_LPB_NAME not in letter.body


@pytest.mark.parametrize(
    "rank",
    ["Chief Constable", "Deputy Chief Constable", "assistant chief constable ", "Commander"],
)
def test_an_outcome_letter_names_the_iopc_for_a_chief_officer(caseworker, rank):
    case = ready_case([caseworker], rank=rank)
    assert with_outcome_letter(case, caseworker).review_body == ReviewBody.IOPC


def test_a_chief_superintendent_is_not_a_chief_officer(caseworker):
    case = ready_case([caseworker], rank="Chief Superintendent")
    letter = with_outcome_letter(case, caseworker)
    assert letter.review_body == ReviewBody.LOCAL_POLICING_BODY


# --- refusals -----------------------------------------------------------------------------------


def test_an_outcome_letter_without_the_review_paragraph_is_refused_and_nothing_stored(caseworker):
    """An administrator edits the outcome template and drops the paragraph (the admin refuses
    that, so here the row is changed directly, as a careless script would)."""
    case = ready_case([caseworker])
    with_outcome(case, caseworker)
    outcome = template(LetterKind.OUTCOME)
    outcome.body = outcome.body.replace("{{ right_of_review }}", "Contact us with any questions.")
    outcome.save()
    with pytest.raises(ValidationError, match="right-of-review paragraph") as error:
        with_outcome_letter(case, caseworker)
    assert wording.DEFAULT_LPB_NAME in str(error.value)
    assert not Letter.objects.filter(case=case).exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.OUTCOME


def test_a_hand_written_review_paragraph_with_the_wrong_body_is_refused(caseworker):
    case = ready_case([caseworker], referred=True)  # the IOPC reviews this one
    with_outcome(case, caseworker)
    outcome = template(LetterKind.OUTCOME)
    outcome.body = outcome.body.replace(
        "{{ right_of_review }}", "You may ask the Police and Crime Commissioner for a review."
    )
    outcome.save()
    with pytest.raises(ValidationError):
        with_outcome_letter(case, caseworker)
    assert not Letter.objects.exists()


def test_an_outcome_letter_waits_for_the_outcome(caseworker):
    case = ready_case([caseworker])
    with pytest.raises(ValidationError, match="Record the outcome"):
        letter_issue(
            case=case,
            template=template(LetterKind.OUTCOME),
            complainant=case.complainants.get(),
            method="letter",
            acting_user=caseworker,
        )
    assert not Letter.objects.exists()


def test_a_letter_goes_only_to_a_complainant_on_the_case(caseworker):
    case = ready_case([caseworker])
    stranger = ComplainantFactory()
    with pytest.raises(ValidationError):
        letter_issue(
            case=case,
            template=template(LetterKind.ACKNOWLEDGEMENT),
            complainant=stranger,
            method="letter",
            acting_user=caseworker,
        )
    assert not Letter.objects.exists()


def test_the_same_letter_is_not_issued_twice(caseworker):
    case = ready_case([caseworker])
    kwargs = {
        "case": case,
        "template": template(LetterKind.HANDLING),
        "complainant": case.complainants.get(),
        "method": "letter",
        "acting_user": caseworker,
    }
    letter_issue(**kwargs)
    with pytest.raises(ValidationError, match="already been issued"):
        letter_issue(**kwargs)
    assert Letter.objects.count() == 1


# --- freezing and the log -----------------------------------------------------------------------


def test_an_issued_letter_keeps_its_words_when_the_template_changes(caseworker):
    case = ready_case([caseworker])
    letter = letter_issue(
        case=case,
        template=template(LetterKind.HANDLING),
        complainant=case.complainants.get(),
        method="email",
        acting_user=caseworker,
    )
    assert "It will be investigated." in letter.body
    assert "Dear Alex Morgan," in letter.body
    assert "1 Quay Street\nSaltcote\nTS1 2AB" in letter.body
    handling = template(LetterKind.HANDLING)
    handling.body = "Completely new words."
    handling.save()
    letter.refresh_from_db()
    assert "It will be investigated." in letter.body
    assert letter.issued_by == caseworker and letter.sent_by_method == "email"
    assert letter.history.first().history_user == caseworker


def test_the_review_outcome_letter_closes_the_case(caseworker, psd_head):
    from complaints.services.reviews import review_decide, review_record_application

    case = ready_case([caseworker])
    with_outcome_letter(case, caseworker, issued_on=TODAY() - dt.timedelta(days=10))
    review = review_record_application(
        case=case, applied_on=TODAY(), grounds="Not satisfied.", acting_user=caseworker
    )
    review_decide(
        review=review,
        result="not_upheld",
        recommendation="",
        rationale="The outcome was reasonable and proportionate.",
        acting_user=psd_head,
    )
    letter = letter_issue(
        case=case,
        template=template(LetterKind.REVIEW_OUTCOME),
        complainant=case.complainants.get(),
        method="letter",
        acting_user=caseworker,
    )
    assert "decided that your review is not upheld, because the outcome" in letter.body
    assert "The outcome was reasonable and proportionate." in letter.body
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closed_on == TODAY()
