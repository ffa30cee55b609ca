"""The outcome of a complaint (complaints:outcome): the case team records a result and the
actions taken for each allegation, then writes the outcome letter."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from complaints.forms.outcomes import OutcomeForm
from complaints.models import Case
from complaints.selectors import letters as selectors
from complaints.selectors.cases import case_get_for_work
from complaints.services.outcomes import complaint_outcome_record
from standards.access.pages import record_page
from standards.core.forms import apply_errors


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def record(request: HttpRequest, case: Case) -> HttpResponse:
    allegations = selectors.case_allegations(case=case)
    initial = {"outcome_on": case.outcome_on, "rationale": case.outcome_rationale}
    form = OutcomeForm(request.POST or None, allegations=allegations, initial=initial)
    blocker = selectors.outcome_blocker(case=case)
    if request.method == "POST" and blocker is None and form.is_valid():
        try:
            complaint_outcome_record(case=case, acting_user=request.user, **form.service_kwargs())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                "The outcome is recorded. Next, send the outcome letter: it tells the "
                "complainant the outcome and how to apply for a review.",
            )
            return redirect("complaints:letter_new", pk=case.pk)
    return render(
        request,
        "complaints/outcomes/record.html",
        {"case": case, "form": form, "blocker": blocker},
    )
