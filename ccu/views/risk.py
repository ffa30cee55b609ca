"""The CCU's risk pages: the questionnaires and recent scores, scoring someone, a person's score
history, and the People Intelligence Board (the head of the CCU's). All are a 404 outside the
CCU; a person's scores are a 404 to the person themselves."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.risk import RiskAssessForm
from ccu.selectors import risk as selectors
from ccu.services import risk as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors


@require_GET
def risk_index(request: HttpRequest) -> HttpResponse:
    questionnaires = list(selectors.questionnaire_list_for_user(user=request.user))
    recent = list(selectors.recent_assessments_for_user(user=request.user))
    record_search(request, area=Area.CCU, result_count=len(recent))
    return render(
        request,
        "ccu/risk/index.html",
        {
            "questionnaires": questionnaires,
            "recent": recent,
            "may_see_board": selectors.may_see_board(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.questionnaire_get_for_assessment, url_kwarg="slug")
def risk_assess(request: HttpRequest, questionnaire) -> HttpResponse:
    questions = list(questionnaire.questions.all())
    form = RiskAssessForm(
        request.POST or None,
        questions=questions,
        initial={"staff_number": request.GET.get("person", "")},
    )
    if request.method == "POST" and form.is_valid():
        person = selectors.person_for_staff_number(
            user=request.user, staff_number=form.cleaned_data["staff_number"]
        )
        try:
            assessment = services.risk_assess(
                person=person,
                questionnaire=questionnaire,
                answers=form.answers(),
                rationale=form.cleaned_data["rationale"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if assessment.above_threshold:
                outcome = (
                    f"at or above the threshold of {assessment.threshold}, so they appear on "
                    "the People Intelligence Board for the head of the CCU"
                )
            else:
                outcome = f"below the threshold of {assessment.threshold}"
            messages.success(
                request,
                f"{person.display_name} scored {assessment.score} on {questionnaire.title}: "
                f"{outcome}.",
            )
            return redirect("ccu:person_risk", pk=person.pk)
    return render(
        request,
        "ccu/risk/assess.html",
        {
            "questionnaire": questionnaire,
            "form": form,
            "most": sum(q.weight for q in questions),
        },
    )


@require_GET
@record_page(selectors.person_get_for_risk)
def person_risk(request: HttpRequest, person) -> HttpResponse:
    return render(
        request,
        "ccu/risk/person.html",
        {
            "person": person,
            "groups": selectors.person_history_for_user(user=request.user, person=person),
            "questionnaires": selectors.questionnaire_list_for_user(user=request.user),
        },
    )


@require_GET
def pib(request: HttpRequest) -> HttpResponse:
    board = selectors.board_for_user(user=request.user)
    page = Paginator(board, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(request, "ccu/risk/pib.html", {"page": page})
