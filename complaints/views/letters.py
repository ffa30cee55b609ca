"""Letters from a case: write one (choose the template, preview it, issue it), read an issued
letter, and download it as PDF or Word. Each download is a page of the letter, so
``record_page`` writes one access-log row for it."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from complaints import letters as wording
from complaints.forms.letters import LetterForm
from complaints.models import Case, Letter, LetterKind
from complaints.selectors import letters as selectors
from complaints.selectors.cases import case_get_for_work, complainants_for_user
from complaints.services.letters import letter_draft, letter_issue
from standards.access.models import AccessAction
from standards.access.pages import record_page
from standards.core.forms import apply_errors

AFTER_ISSUE = {
    LetterKind.ACKNOWLEDGEMENT: "Send it to the complainant the way they asked.",
    LetterKind.HANDLING: "Send it to the complainant the way they asked.",
    LetterKind.OUTCOME: "Send it to the complainant today: their 28 days to apply for a review "
    "start tomorrow.",
    LetterKind.REVIEW_OUTCOME: "Send it to the complainant. The case is now closed.",
}


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def new(request: HttpRequest, case: Case) -> HttpResponse:
    """Choose the letter, then see it filled in; "Issue the letter" freezes and logs it."""
    form = LetterForm(
        request.POST or None,
        templates=selectors.letter_templates(case=case),
        complainants=list(complainants_for_user(user=request.user, case=case)),
    )
    context = {"case": case, "form": form}
    if request.method == "POST" and form.is_valid():
        try:
            if "issue" in request.POST:
                letter = letter_issue(case=case, acting_user=request.user, **form.service_kwargs())
                messages.success(
                    request,
                    f"The {letter.get_kind_display().lower()} letter is issued and kept in the "
                    f"correspondence log. {AFTER_ISSUE[LetterKind(letter.kind)]}",
                )
                return redirect("complaints:letter", pk=letter.pk)
            kwargs = form.service_kwargs()
            kwargs.pop("method")
            context["draft"] = letter_draft(case=case, sender=request.user, **kwargs)
            context["method_label"] = dict(form.fields["method"].choices)[
                form.cleaned_data["method"]
            ]
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if "change" not in request.POST:
                return render(request, "complaints/letters/preview.html", context)
    return render(request, "complaints/letters/new.html", context)


@require_GET
@record_page(selectors.letter_get_for_user)
def detail(request: HttpRequest, letter: Letter) -> HttpResponse:
    context = {"letter": letter, "case": letter.case}
    return render(request, "complaints/letters/detail.html", context)


def _download(letter: Letter, content: bytes, content_type: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    name = wording.file_name(letter, extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# A download is a copy of the letter leaving the service: logged as a disclosure.
@require_GET
@record_page(selectors.letter_get_for_user, action=AccessAction.DISCLOSURE)
def pdf(request: HttpRequest, letter: Letter) -> HttpResponse:
    return _download(letter, wording.letter_pdf(letter), "application/pdf", "pdf")


@require_GET
@record_page(selectors.letter_get_for_user, action=AccessAction.DISCLOSURE)
def docx(request: HttpRequest, letter: Letter) -> HttpResponse:
    return _download(
        letter,
        wording.letter_docx(letter),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
    )
