"""The HMICFRS recommendations tracker's pages: the list of inspections with their progress, an
inspection and its recommendations, a recommendation with its log and actions, and the forms for
each. The board readers only (the selectors see to it); each POST calls one service and
redirects saying what happens next."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.board.forms.tracker import (
    ActionCompleteForm,
    ActionForm,
    InspectionForm,
    RecommendationForm,
    UpdateForm,
)
from standards.board.models import RecommendationKind, RecommendationStatus
from standards.board.rules import is_board_reader
from standards.board.selectors import tracker as selectors
from standards.board.services import tracker as services
from standards.core.dates import written
from standards.core.forms import apply_errors


def _require_reader(request: HttpRequest) -> None:
    if not is_board_reader(request.user):
        raise Http404


def _inspection_data(form: InspectionForm) -> dict:
    data = form.cleaned_data
    return {
        name: data[name]
        for name in (
            "title",
            "inspectorate",
            "kind",
            "published_on",
            "url",
            "summary",
            "pcc_response_published_on",
        )
    }


@require_GET
def tracker(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    board = selectors.tracker_for_user(user=request.user)
    record_search(request, area=Area.BOARD, result_count=len(board.rows))
    return render(request, "board/tracker/tracker.html", {"tracker": board})


@require_http_methods(["GET", "POST"])
def inspection_new(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    form = InspectionForm(
        request.POST or None, initial={"inspectorate": "HMICFRS", "kind": "thematic"}
    )
    if request.method == "POST" and form.is_valid():
        try:
            inspection = services.inspection_record(
                **_inspection_data(form), acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{inspection.reference} recorded. Add its recommendations and areas for "
                "improvement next. The PCC's response is due by "
                f"{written(inspection.pcc_response_due)}.",
            )
            return redirect("board:inspection", pk=inspection.pk)
    return render(request, "board/tracker/inspection_form.html", {"form": form})


@require_GET
@record_page(selectors.inspection_get_for_user)
def inspection(request: HttpRequest, inspection) -> HttpResponse:
    today = timezone.localdate()
    recommendations = selectors.recommendations_of(
        user=request.user, inspection=inspection, today=today
    )
    actions_total = sum(r.actions_total for r in recommendations)
    actions_complete = sum(r.actions_complete for r in recommendations)
    return render(
        request,
        "board/tracker/inspection.html",
        {
            "inspection": inspection,
            "recommendations": recommendations,
            "actions": selectors.ActionCounts(
                total=actions_total,
                complete=actions_complete,
                overdue=sum(r.actions_overdue for r in recommendations),
            ),
            "pcc_overdue": inspection.pcc_response_published_on is None
            and today > inspection.pcc_response_due,
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.inspection_get_for_user)
def inspection_edit(request: HttpRequest, inspection) -> HttpResponse:
    initial = {
        "title": inspection.title,
        "inspectorate": inspection.inspectorate,
        "kind": inspection.kind,
        "published_on": inspection.published_on,
        "url": inspection.url,
        "summary": inspection.summary,
        "pcc_response_published_on": inspection.pcc_response_published_on,
    }
    form = InspectionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.inspection_change(
                inspection=inspection, **_inspection_data(form), acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{inspection.reference} saved.")
            return redirect("board:inspection", pk=inspection.pk)
    return render(
        request, "board/tracker/inspection_form.html", {"form": form, "inspection": inspection}
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.inspection_get_for_user)
def recommendation_new(request: HttpRequest, inspection) -> HttpResponse:
    form = RecommendationForm(
        request.POST or None,
        owners=selectors.owner_choices(),
        initial={"kind": RecommendationKind.RECOMMENDATION},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.recommendation_add(
                inspection=inspection,
                kind=data["kind"],
                number=data["number"],
                text=data["text"],
                owner=data["owner"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{recommendation} added, awaiting review. Record an update when the force "
                "decides how to meet it, and add its actions.",
            )
            if "another" in request.POST:
                return redirect("board:recommendation_new", pk=inspection.pk)
            return redirect("board:recommendation", pk=recommendation.pk)
    return render(
        request,
        "board/tracker/recommendation_new.html",
        {"form": form, "inspection": inspection},
    )


@require_GET
@record_page(selectors.recommendation_get_for_user)
def recommendation(request: HttpRequest, recommendation) -> HttpResponse:
    today = timezone.localdate()
    actions = list(selectors.actions_of(user=request.user, recommendation=recommendation))
    for action in actions:
        action.overdue = action.completed_on is None and action.due_on < today
    complete = sum(1 for action in actions if action.completed_on)
    return render(
        request,
        "board/tracker/recommendation.html",
        {
            "recommendation": recommendation,
            "inspection": recommendation.inspection,
            "updates": selectors.updates_of(user=request.user, recommendation=recommendation),
            "actions": actions,
            "counts": selectors.ActionCounts(
                total=len(actions),
                complete=complete,
                overdue=sum(1 for action in actions if action.overdue),
            ),
            "is_complete": recommendation.status == RecommendationStatus.COMPLETE,
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.recommendation_get_for_user)
def recommendation_update(request: HttpRequest, recommendation) -> HttpResponse:
    form = UpdateForm(
        request.POST or None,
        initial={"status": recommendation.status, "on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            update = services.recommendation_update_record(
                recommendation=recommendation,
                on=data["on"],
                status=data["status"],
                comment=data["comment"],
                evidence=data["evidence"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            next_step = {
                RecommendationStatus.AWAITING_REVIEW: "It waits for the force to decide how to "
                "meet it.",
                RecommendationStatus.BEING_PROGRESSED: "Add or complete its actions as the work "
                "goes on.",
                RecommendationStatus.COMPLETE: "It counts as complete on the tracker and in "
                "the board's reports.",
            }[RecommendationStatus(update.status)]
            messages.success(
                request,
                f"Update recorded: {recommendation} is "
                f"{RecommendationStatus(update.status).label.lower()}. {next_step}",
            )
            return redirect("board:recommendation", pk=recommendation.pk)
    return render(
        request,
        "board/tracker/recommendation_update.html",
        {"form": form, "recommendation": recommendation},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.recommendation_get_for_user)
def action_new(request: HttpRequest, recommendation) -> HttpResponse:
    form = ActionForm(request.POST or None, owners=selectors.owner_choices())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_add(
                recommendation=recommendation,
                description=data["description"],
                owner=data["owner"],
                due_on=data["due_on"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Action added for {action.owner.display_name}, due "
                f"{written(action.due_on)}. It shows as overdue on the tracker if it is not "
                "complete by then.",
            )
            return redirect("board:recommendation", pk=recommendation.pk)
    return render(
        request,
        "board/tracker/action_new.html",
        {"form": form, "recommendation": recommendation},
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.action_get_for_user)
def action_edit(request: HttpRequest, action) -> HttpResponse:
    owners = selectors.owner_choices()
    step = request.POST.get("step") if request.method == "POST" else None
    form = ActionForm(
        request.POST if step == "change" else None,
        owners=owners,
        initial={
            "description": action.description,
            "owner": action.owner_id,
            "due_on": action.due_on,
        },
    )
    complete_form = ActionCompleteForm(
        request.POST if step == "complete" else None,
        initial={"completed_on": timezone.localdate()},
    )
    recommendation = action.recommendation
    if step == "change" and form.is_valid():
        data = form.cleaned_data
        try:
            services.action_change(
                action=action,
                description=data["description"],
                owner=data["owner"],
                due_on=data["due_on"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Action saved.")
            return redirect("board:recommendation", pk=recommendation.pk)
    elif step == "complete" and complete_form.is_valid():
        try:
            services.action_complete(
                action=action,
                completed_on=complete_form.cleaned_data["completed_on"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(complete_form, error)
        else:
            messages.success(
                request,
                "Action completed. When every action is done, record an update with the "
                "evidence to mark the recommendation complete.",
            )
            return redirect("board:recommendation", pk=recommendation.pk)
    return render(
        request,
        "board/tracker/action_edit.html",
        {
            "action": action,
            "recommendation": recommendation,
            "form": form,
            "complete_form": complete_form,
            "overdue": action.completed_on is None and action.due_on < timezone.localdate(),
        },
    )
