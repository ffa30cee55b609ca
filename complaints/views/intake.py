"""PSD's intake pages (/complaints/intake/): the queue of new complaints, a caseworker recording
one received by phone, letter, e-mail, in person or through the local policing body, and an
intake's page with the open cases it may repeat and the two decisions: open it as a new case,
or add it to an open case as an update."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from complaints.forms.intake import AddToCaseForm, OpenCaseForm, StaffRecordForm
from complaints.models import Intake, IntakeStatus
from complaints.selectors import intake as selectors
from complaints.selectors.cases import case_get_for_user, case_opens_directly
from complaints.services import intake as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 50


def _case_url(case) -> str:
    return reverse("complaints:case", kwargs={"pk": case.pk})


@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    view = request.GET.get("view", "new")
    view = view if view in selectors.QUEUE_VIEWS else "new"
    intakes = selectors.intake_queue_for_user(user=request.user, view=view)
    page = Paginator(intakes, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_search(request, area=Area.PSD, result_count=page, terms=f"intake queue: {view}")
    return render(
        request,
        "complaints/intake/queue.html",
        {
            "page": page,
            "view": view,
            "views": {key: label for key, (label, _) in selectors.QUEUE_VIEWS.items()},
            "overdue_before": selectors.overdue_before_datetime(),
            "query": f"view={view}",
        },
    )


@require_http_methods(["GET", "POST"])
def record(request: HttpRequest) -> HttpResponse:
    """A caseworker records a complaint that came another way than the online form."""
    selectors.intake_may_record(user=request.user)  # 404 outside PSD
    form = StaffRecordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            intake = services.intake_record(
                details=form.details(),
                channel=form.cleaned_data["channel"],
                received_at=form.cleaned_data["received_at"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{intake.reference} is in the intake queue. Check the matches below, then open "
                "it as a new case or add it to an open case.",
            )
            return redirect("complaints:intake_detail", pk=intake.pk)
    return render(request, "complaints/intake/record.html", {"form": form})


@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method == "POST" and (
        reference := selectors.intake_dealt_with_out_of_sight(user=request.user, pk=pk)
    ):
        # A colleague opened it as a case (or added it to one) while this page was open: it is
        # now that case's team's. Say so, rather than answer with a missing page.
        messages.info(
            request,
            f"{reference} has already been dealt with by someone else. Nothing was changed.",
        )
        return redirect("complaints:intake_queue")
    return _intake_page(request, pk=pk)


@record_page(selectors.intake_get_for_user)
def _intake_page(request: HttpRequest, intake: Intake) -> HttpResponse:
    if request.method == "POST" and intake.status != IntakeStatus.NEW:
        # Someone else dealt with it while this page was open: say so, show what they did.
        messages.info(
            request,
            f"{intake.reference} has already been dealt with "
            f"({intake.get_status_display().lower()}). Nothing was changed.",
        )
        return redirect("complaints:intake_detail", pk=intake.pk)
    matches = selectors.intake_match_candidates(user=request.user, intake=intake)
    action = request.POST.get("action") if request.method == "POST" else None
    open_form = OpenCaseForm(request.POST if action == "open" else None, prefix="open")
    add_form = AddToCaseForm(
        request.POST if action == "add" else None, matches=matches, prefix="add"
    )
    if action == "open" and open_form.is_valid():
        try:
            case = services.case_open_from_intake(
                intake=intake, note=open_form.cleaned_data["note"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(open_form, error)
        else:
            messages.success(
                request,
                f"{case.reference} is open from {intake.reference}. It waits in the "
                "unallocated view until the head of PSD allocates it.",
            )
            # The head goes on to the case; a caseworker back to the queue, rather than to a
            # page asking why they need a case that is nobody's yet.
            if case_opens_directly(user=request.user, case=case):
                return redirect(_case_url(case))
            return redirect("complaints:intake_queue")
    if action == "add" and add_form.is_valid():
        try:
            case = case_get_for_user(user=request.user, pk=add_form.cleaned_data["case"])
            services.intake_add_to_case(
                intake=intake,
                case=case,
                note=add_form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(add_form, error)
        else:
            told = (
                " The case's lead is told." if case.lead_id not in (None, request.user.pk) else ""
            )
            messages.success(
                request,
                f"{intake.reference} is added to {case.reference} as an update. No new case was "
                f"opened.{told}",
            )
            return redirect("complaints:intake_queue")
    return render(
        request,
        "complaints/intake/detail.html",
        {
            "intake": intake,
            "matches": matches,
            "open_form": open_form,
            "add_form": add_form,
            "log_due_by": selectors.log_due_by(intake.received_at),
        },
    )
