"""Letters to complainants: the placeholders a template may use, filling them in, and producing
the issued letter as PDF and as Word.

A template's wording is data (``LetterTemplate``, changed by administrators). Its ``{{ name }}``
tokens come from the fixed list ``PLACEHOLDERS`` and nothing else. The template text is never
given to Django's template engine (which would let whoever edits a template reach any attribute
of any object in its context): ``fill`` replaces each whitelisted token with plain text in one
pass, so a value that itself looks like a token (a complainant called "{{ right_of_review }}")
stays as typed. The PDF escapes the frozen text before it becomes HTML; the Word file is built
from plain text.

The right-of-review paragraph (``right_of_review``) names the review body and the last day to
apply; an outcome template must contain it (``check_template``), and the service issuing a letter
checks the filled-in text still holds it (``complaints.services.letters``).
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.html import escape

from complaints.models import (
    Case,
    Complainant,
    ComplaintResult,
    Handling,
    Letter,
    LetterKind,
    Review,
    ReviewBody,
    ReviewResult,
)
from standards.core.dates import written

# Anything between double braces is a placeholder: a name from the list, or refused. (So
# "{{ case.complainants }}" is refused, not left in the letter as typed.)
TOKEN = re.compile(r"\{\{\s*(.*?)\s*\}\}", re.DOTALL)
RIGHT_OF_REVIEW = "right_of_review"

# The fixed list: name -> what it is filled with (shown to administrators in the admin).
PLACEHOLDERS: dict[str, str] = {
    "force_name": "The force's name",
    "letter_date": "The date the letter is issued",
    "complainant_name": "The complainant's name",
    "complainant_address": "The complainant's postal address and postcode",
    "case_reference": "The case reference, like CO-000123",
    "received_on": "The date the complaint was received",
    "incident_date": "The date of the incident",
    "incident_place": "Where the incident happened",
    "allegations": "The allegations, one a line, with the result of each once decided",
    "handling_decision": "How the complaint is being handled, in plain English",
    "outcome_on": "The date of the outcome",
    "outcome_rationale": "Why the outcome was reached",
    "review_body_name": "The review body (the local policing body or the IOPC)",
    "review_body_address": "Where to send a review application",
    "review_last_day": "The last day to apply for a review",
    RIGHT_OF_REVIEW: "The right-of-review paragraph (required in an outcome letter)",
    "review_result": "The review body's result",
    "review_recommendation": "The review body's recommendation, if any",
    "review_rationale": "The review body's reasons",
    "sender_name": "The name of the person issuing the letter",
}

# Who reviews, and where to write. The local policing body's details are settings where the force
# has them (``LOCAL_POLICING_BODY_NAME`` / ``_ADDRESS``), so a force changes them without a release.
IOPC_NAME = "the Independent Office for Police Conduct (IOPC)"
IOPC_ADDRESS = "IOPC, PO Box 473, Sale M33 0BW, or online at www.policeconduct.gov.uk"
DEFAULT_LPB_NAME = "the Office of the Police and Crime Commissioner"
DEFAULT_LPB_ADDRESS = "Complaint Reviews, Office of the Police and Crime Commissioner"

RESULT_WORDS = {
    ComplaintResult.ACCEPTABLE: "the service provided was acceptable",
    ComplaintResult.NOT_ACCEPTABLE: "the service provided was not acceptable",
    ComplaintResult.UNABLE: "we were unable to determine whether the service was acceptable",
}

REVIEW_RESULT_WORDS = {
    ReviewResult.UPHELD: "your review is upheld, because the outcome of your complaint was not "
    "reasonable and proportionate",
    ReviewResult.NOT_UPHELD: "your review is not upheld, because the outcome of your complaint "
    "was reasonable and proportionate",
}

HANDLING_WORDS = {
    Handling.OUTSIDE_SCHEDULE_3: (
        "We have dealt with your complaint outside Schedule 3 of the Police Reform Act 2002, "
        "which means we have tried to resolve it quickly and informally."
    ),
    Handling.OTHERWISE: (
        "We have recorded your complaint under Schedule 3 of the Police Reform Act 2002. We will "
        "deal with it by looking into what happened, without a formal investigation."
    ),
    Handling.INVESTIGATION: (
        "We have recorded your complaint under Schedule 3 of the Police Reform Act 2002. It will "
        "be investigated."
    ),
}


def review_body_details(body: str) -> tuple[str, str]:
    """The review body's name and address, for the letter."""
    if body == ReviewBody.IOPC:
        return IOPC_NAME, IOPC_ADDRESS
    return (
        getattr(settings, "LOCAL_POLICING_BODY_NAME", DEFAULT_LPB_NAME),
        getattr(settings, "LOCAL_POLICING_BODY_ADDRESS", DEFAULT_LPB_ADDRESS),
    )


def right_of_review_paragraph(body: str, last_day: dt.date) -> str:
    """The paragraph every outcome letter must hold, naming the review body and the last day."""
    name, address = review_body_details(body)
    return (
        f"If you are not satisfied with the outcome of your complaint, you have the right to "
        f"apply for a review. The review body for your complaint is {name}. Write to "
        f"{address}, saying why you are not satisfied. The last day to apply is "
        f"{written(last_day)}. If you apply after that day, tell the review body why you could "
        f"not apply in time."
    )


@dataclass(frozen=True)
class ReviewTerms:
    """The review body and the last day to apply, worked out when an outcome letter is issued."""

    body: str
    last_day: dt.date


def check_template(*, kind: str, body: str) -> None:
    """Refuse a template that uses a name outside the fixed list, or an outcome template without
    the right-of-review paragraph. Raises ValidationError (on ``body``) saying which."""
    unknown = sorted({name for name in TOKEN.findall(body) if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            {
                "body": "The template uses "
                + ", ".join(f"{{{{ {name} }}}}" for name in unknown)
                + ", which is not on the list of placeholders. Use only the listed ones."
            }
        )
    if "{%" in body:
        raise ValidationError(
            {"body": "Letter templates have no template tags ({% ... %}): use only placeholders."}
        )
    if kind == LetterKind.OUTCOME and RIGHT_OF_REVIEW not in TOKEN.findall(body):
        raise ValidationError(
            {
                "body": "An outcome letter must tell the complainant how to apply for a review: "
                "keep {{ right_of_review }} in the template."
            }
        )


def fill(text: str, values: dict[str, str]) -> str:
    """Replace each whitelisted ``{{ name }}`` with its value, as plain text, in one pass."""

    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name not in PLACEHOLDERS:
            raise ValidationError(
                f"The letter template uses {{{{ {name} }}}}, which is not a placeholder. "
                "An administrator must correct the template."
            )
        return values.get(name, "")

    return TOKEN.sub(replace, text)


def _allegation_lines(case: Case) -> str:
    lines = []
    for number, allegation in enumerate(case.allegations.select_related("category"), start=1):
        line = f"{number}. {allegation.category.name}: {allegation.description.strip()}"
        if allegation.result:
            line += f"\n   Outcome: {RESULT_WORDS[ComplaintResult(allegation.result)]}."
            if allegation.actions_taken.strip():
                line += f"\n   What we have done: {allegation.actions_taken.strip()}"
        lines.append(line)
    # A blank line between allegations: each is its own paragraph in the letter.
    return "\n\n".join(lines)


def _address(complainant: Complainant | None) -> str:
    if complainant is None:
        return ""
    parts = [line.strip() for line in complainant.address.splitlines() if line.strip()]
    if complainant.postcode and complainant.postcode not in complainant.address:
        parts.append(complainant.postcode)
    return "\n".join(parts)


def values_for(
    *,
    case: Case,
    complainant: Complainant | None,
    issued_on: dt.date,
    sender,
    terms: ReviewTerms | None,
    review: Review | None,
) -> dict[str, str]:
    """What each placeholder is filled with for this letter (plain text, never markup)."""
    decision = case.handling_decisions.order_by("-decided_at", "-pk").first()
    values = {
        "force_name": settings.FORCE_NAME,
        "letter_date": written(issued_on),
        "complainant_name": complainant.name if complainant else "",
        "complainant_address": _address(complainant),
        "case_reference": case.reference,
        "received_on": written(case.received_on),
        "incident_date": written(case.incident_date) if case.incident_date else "not known",
        "incident_place": case.incident_place or "not known",
        "allegations": _allegation_lines(case),
        "handling_decision": HANDLING_WORDS.get(decision.handling, "") if decision else "",
        "outcome_on": written(case.outcome_on) if case.outcome_on else "",
        "outcome_rationale": case.outcome_rationale,
        "sender_name": getattr(sender, "display_name", "") or str(sender),
    }
    if terms is not None:
        name, address = review_body_details(terms.body)
        values |= {
            "review_body_name": name,
            "review_body_address": address,
            "review_last_day": written(terms.last_day),
            RIGHT_OF_REVIEW: right_of_review_paragraph(terms.body, terms.last_day),
        }
    if review is not None and review.result:
        values |= {
            "review_body_name": review_body_details(review.body)[0],
            "review_result": REVIEW_RESULT_WORDS[ReviewResult(review.result)],
            "review_recommendation": review.recommendation or "None",
            "review_rationale": review.rationale,
        }
    return values


# --- the issued letter as a file --------------------------------------------------------------


def file_name(letter: Letter, extension: str) -> str:
    return f"{letter.case.reference}-{letter.kind}-{letter.pk}.{extension}"


def _paragraphs(text: str) -> list[str]:
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


def letter_html(letter: Letter) -> str:
    """The frozen letter as a small HTML page for the PDF: every piece of text escaped."""
    body = "\n".join(
        "<p>" + escape(block).replace("\n", "<br>") + "</p>" for block in _paragraphs(letter.body)
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{escape(letter.subject_line)}</title>
<style>
@page {{ size: A4; margin: 25mm 20mm; }}
body {{ font-family: Arial, Helvetica, sans-serif; font-size: 11pt; line-height: 1.45; }}
.force {{ font-size: 16pt; font-weight: bold; margin-bottom: 2mm; }}
.meta {{ color: #333; margin-bottom: 8mm; }}
h1 {{ font-size: 12pt; margin: 0 0 6mm; }}
</style></head>
<body>
<div class="force">{escape(settings.FORCE_NAME)}</div>
<div class="meta">Professional Standards Department<br>
Our reference: {escape(letter.case.reference)}</div>
<h1>{escape(letter.subject_line)}</h1>
{body}
</body></html>"""


def _no_fetching(url: str, *args, **kwargs):
    # The letter needs nothing from outside: refuse every URL (no file:// reads, no network).
    raise ValueError(f"Letters load no external resources ({url[:40]})")


def letter_pdf(letter: Letter) -> bytes:
    from weasyprint import HTML

    return HTML(string=letter_html(letter), url_fetcher=_no_fetching).write_pdf()


# Characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage return; the
# two non-characters): Word's file format is XML, so one of them typed into the public form
# would make every Word copy of a letter that quotes it fail.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_IN_XML.sub("", text)


def letter_docx(letter: Letter) -> bytes:
    """The frozen letter as a Word document, for a caseworker who needs to edit a copy."""
    from docx import Document

    document = Document()
    document.add_heading(_xml_safe(settings.FORCE_NAME), level=1)
    document.add_paragraph(
        f"Professional Standards Department\nOur reference: {letter.case.reference}"
    )
    document.add_heading(_xml_safe(letter.subject_line), level=2)
    for block in _paragraphs(letter.body):
        document.add_paragraph(_xml_safe(block))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
