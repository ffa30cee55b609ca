"""Issuing a letter from the case: the template filled in from the case (``complaints.letters``),
its wording frozen in the correspondence log (``Letter``: who sent what, when and how).

An outcome letter names the review body and the last day to apply for a review, both worked out
here when it is issued (``complaints.services.reviews.relevant_review_body`` and
``clocks.review_last_day``). A letter whose filled-in text lacks the right-of-review paragraph
(an administrator removed it from the template, say) is refused and nothing is stored: omitting
it is the failure auditors find most often. The review outcome letter closes the case.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from complaints import clocks
from complaints import letters as wording
from complaints.models import (
    Case,
    CaseKind,
    CaseStatus,
    Complainant,
    ContactPreference,
    Letter,
    LetterKind,
    LetterTemplate,
    Review,
)
from complaints.services.common import locked_case
from complaints.services.reviews import relevant_review_body


@dataclass(frozen=True)
class Draft:
    """A letter as it would be issued: for the preview, and what ``letter_issue`` freezes."""

    template: LetterTemplate
    complainant: Complainant
    subject_line: str
    body: str
    issued_on: dt.date
    terms: wording.ReviewTerms | None
    review: Review | None


def _decided_review(case: Case) -> Review | None:
    return case.reviews.filter(decided_on__isnull=False).order_by("-decided_on", "-pk").first()


def _check_stage(case: Case, kind: str) -> Review | None:
    """Refuse a letter the case is not ready for; return the review a review outcome reports."""
    if case.kind != CaseKind.COMPLAINT:
        raise ValidationError("Letters to a complainant are sent only on a complaint")
    if kind == LetterKind.HANDLING and not case.handling_decisions.exists():
        raise ValidationError(
            "Record the handling decision before sending the handling decision letter"
        )
    if kind == LetterKind.OUTCOME and case.status != CaseStatus.OUTCOME:
        raise ValidationError("Record the outcome before sending the outcome letter")
    if kind == LetterKind.REVIEW_OUTCOME:
        review = _decided_review(case)
        if review is None or case.status != CaseStatus.REVIEW:
            raise ValidationError(
                "Record the review body's result before sending the review outcome letter"
            )
        return review
    return None


def letter_draft(
    *,
    case: Case,
    template: LetterTemplate,
    complainant: Complainant,
    sender,
    issued_on: dt.date | None = None,
) -> Draft:
    """The letter filled in, checked as ``letter_issue`` checks it, but not stored."""
    issued_on = issued_on or timezone.localdate()
    if not template.active:
        raise ValidationError({"template": "This letter template is no longer in use"})
    if complainant is None or complainant.case_id != case.pk:
        raise ValidationError({"complainant": "Select a complainant on this case"})
    if issued_on > timezone.localdate():
        raise ValidationError("A letter cannot be issued with a date in the future")
    review = _check_stage(case, template.kind)
    terms = None
    if template.kind == LetterKind.OUTCOME:
        terms = wording.ReviewTerms(
            body=relevant_review_body(case), last_day=clocks.review_last_day(issued_on)
        )
    values = wording.values_for(
        case=case,
        complainant=complainant,
        issued_on=issued_on,
        sender=sender,
        terms=terms,
        review=review,
    )
    body = wording.fill(template.body, values).strip()
    subject_line = wording.fill(template.subject, values).strip()[:200]
    if terms is not None:
        paragraph = wording.right_of_review_paragraph(terms.body, terms.last_day)
        if paragraph not in body:
            raise ValidationError(
                "This outcome letter cannot be issued: its template has lost the "
                "right-of-review paragraph, which must tell the complainant they may apply to "
                f"{wording.review_body_details(terms.body)[0]} by "
                f"{terms.last_day.day} {terms.last_day:%B %Y}. Ask an administrator to put "
                "{{ right_of_review }} back in the outcome template."
            )
    return Draft(
        template=template,
        complainant=complainant,
        subject_line=subject_line,
        body=body,
        issued_on=issued_on,
        terms=terms,
        review=review,
    )


@transaction.atomic
def letter_issue(
    *,
    case: Case,
    template: LetterTemplate,
    complainant: Complainant,
    method: str,
    acting_user,
    issued_on: dt.date | None = None,
) -> Letter:
    """Issue a letter: fill it in, refuse it if it is not fit to send, and freeze it in the
    correspondence log. An outcome letter starts the review window; a review outcome letter
    closes the case."""
    case = locked_case(case, acting_user)
    if method not in ContactPreference.values:
        raise ValidationError({"method": "Select how the letter is sent"})
    draft = letter_draft(
        case=case,
        template=template,
        complainant=complainant,
        sender=acting_user,
        issued_on=issued_on,
    )
    # A second press of the button (or a second tab) must not send the same letter twice.
    if case.letters.filter(
        kind=template.kind, complainant=complainant, issued_on=draft.issued_on, body=draft.body
    ).exists():
        raise ValidationError("This letter has already been issued to this complainant today")
    letter = Letter(
        case=case,
        complainant=complainant,
        template=template,
        kind=template.kind,
        subject_line=draft.subject_line,
        body=draft.body,
        sent_by_method=method,
        review_body=draft.terms.body if draft.terms else "",
        review_last_day=draft.terms.last_day if draft.terms else None,
        issued_on=draft.issued_on,
        issued_by=acting_user,
    )
    letter._change_reason = f"{letter.get_kind_display()} letter issued"
    letter._history_user = acting_user
    letter.save()
    if template.kind == LetterKind.REVIEW_OUTCOME:
        case.status = CaseStatus.CLOSED
        case.closed_on = draft.issued_on
        case._change_reason = "Closed after the review outcome letter"
        case._history_user = acting_user
        case.save(update_fields=["status", "closed_on"])
    clocks.refresh(case)
    return letter
