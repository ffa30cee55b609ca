"""PSD asks the CCU for an intelligence check on a subject of a case (POST only, from the people
tab; the case team only)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from complaints.models import Case
from complaints.selectors.cases import case_get_for_work
from complaints.services import checks as services
from standards.access.pages import record_page


@require_POST
@record_page(case_get_for_work)
def case_check(request: HttpRequest, case: Case) -> HttpResponse:
    try:
        check = services.case_request_check(
            case=case, subject_id=request.POST.get("subject"), acting_user=request.user
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"The CCU has been asked for an intelligence check on {check.subject.display_name}. "
            "The answer will appear here; you will be told when it is given.",
        )
    return redirect("complaints:case_people", pk=case.pk)
