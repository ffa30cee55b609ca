"""The case page: eight tabs under MOJ sub-navigation (summary, people, allegations, decisions,
actions, documents, letters, timeline), each a GET of the case through ``record_page`` (404 out
of sight; break glass when not allocated, the reason POSTed to the tab; one access-log row), and
the document download."""

from __future__ import annotations

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from complaints.models import Case, CaseDocument
from complaints.selectors import case_page
from complaints.selectors.cases import case_access, case_get_for_user
from complaints.selectors.checks import check_panels
from complaints.selectors.conduct import conduct_panels
from complaints.selectors.letters import letters_panels
from standards.access.models import AccessAction
from standards.access.pages import record_page

# The panels other stages fill, and the tabs that show them: each tab reads only its own.
CONDUCT, LETTERS = conduct_panels, letters_panels
TAB_PANELS = {
    "people": (CONDUCT, check_panels),
    "allegations": (LETTERS,),
    "decisions": (CONDUCT, LETTERS),
    "letters": (LETTERS,),
}


def _tab(request: HttpRequest, case: Case, tab: str, template: str, extra: dict) -> HttpResponse:
    if request.method == "POST":
        # A tab takes one POST: the reason given on the break-glass page, which ``record_page``
        # has logged by now. The tab itself changes nothing.
        return redirect(request.path)
    context = case_page.case_header(user=request.user, case=case)
    for panels in TAB_PANELS.get(template, ()):
        context.update(panels(user=request.user, case=case))
    context.update(extra)
    context["current_tab"] = tab
    return render(request, f"complaints/case/{template}.html", context)


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def summary(request: HttpRequest, case: Case) -> HttpResponse:
    return _tab(request, case, "case", "summary", case_page.summary_context(case=case))


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def people(request: HttpRequest, case: Case) -> HttpResponse:
    extra = case_page.people_context(user=request.user, case=case)
    extra["team"] = case_page.case_team(case=case)
    return _tab(request, case, "case_people", "people", extra)


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def allegations(request: HttpRequest, case: Case) -> HttpResponse:
    return _tab(
        request, case, "case_allegations", "allegations", case_page.allegations_context(case=case)
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def decisions(request: HttpRequest, case: Case) -> HttpResponse:
    return _tab(
        request, case, "case_decisions", "decisions", case_page.decisions_context(case=case)
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def actions(request: HttpRequest, case: Case) -> HttpResponse:
    return _tab(request, case, "case_actions", "actions", case_page.actions_context(case=case))


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def documents(request: HttpRequest, case: Case) -> HttpResponse:
    extra = {
        "in_team": case_access(user=request.user, case=case).in_team,
        "documents": case_page.documents_for_user(user=request.user, case=case),
    }
    return _tab(request, case, "case_documents", "documents", extra)


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def letters(request: HttpRequest, case: Case) -> HttpResponse:
    return _tab(request, case, "case_letters", "letters", {})


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_user)
def timeline(request: HttpRequest, case: Case) -> HttpResponse:
    entries = case_page.case_timeline(user=request.user, case=case)
    return _tab(request, case, "case_timeline", "timeline", {"entries": entries})


@require_GET
@record_page(case_page.case_document_get_for_user, action=AccessAction.DISCLOSURE)
def document_download(request: HttpRequest, document: CaseDocument) -> HttpResponse:
    """The document, as an attachment (never shown inline, never sniffed as another type)."""
    response = FileResponse(
        document.file.open("rb"),
        as_attachment=True,
        filename=document.name,
        content_type=document.media_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
