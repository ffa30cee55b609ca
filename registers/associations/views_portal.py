"""The member's own notifiable associations (/my/associations/): declare, read the advice,
change and end.

Only the declarant reaches these pages: anyone else's declaration is a 404, as if it did not
exist. What they show is the member's own answers and the advice and conditions the Counter
Corruption Unit gave them; never the risk, the rationale or who assessed it (the selectors do not
load them).

These pages write no access-log row. The log is readable by auditors, and a row saying that this
person opened "my_associations:detail" would tell an auditor that they have a notifiable
association, which nothing outside the CCU may reveal. A member reading their own declaration
discloses nothing to anyone.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from registers.associations import selectors, services
from registers.associations.forms import AssociationForm, EndForm
from registers.associations.services import ANSWER_FIELDS
from standards.access.pages import record_page
from standards.core.extensions import require_person
from standards.core.forms import apply_errors


@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    require_person(request)
    form = AssociationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            association = services.association_declare(
                acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, "Your declaration has been sent to the Counter Corruption Unit"
            )
            return redirect("my_associations:detail", pk=association.pk)
    return render(request, "my/associations/form.html", {"form": form, "association": None})


@require_GET
@record_page(selectors.association_get_for_declarant)
def detail(request: HttpRequest, association) -> HttpResponse:
    advice = selectors.association_advice_for_declarant(association=association)
    return render(
        request,
        "my/associations/detail.html",
        {
            "association": association,
            "advice": advice[0] if advice else None,
            "timeline": selectors.association_timeline_for_declarant(
                association=association, advice=advice
            ),
        },
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.association_get_for_declarant)
def update(request: HttpRequest, association) -> HttpResponse:
    if association.is_ended:
        messages.info(request, "This association has ended, so it cannot be changed.")
        return redirect("my_associations:detail", pk=association.pk)
    initial = {field: getattr(association, field) for field in ANSWER_FIELDS}
    form = AssociationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.association_update(
                association=association, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your changes have been sent to the Counter Corruption Unit")
            return redirect("my_associations:detail", pk=association.pk)
    return render(request, "my/associations/form.html", {"form": form, "association": association})


@require_http_methods(["GET", "POST"])
@record_page(selectors.association_get_for_declarant)
def end(request: HttpRequest, association) -> HttpResponse:
    if association.is_ended:
        messages.info(request, "You have already told us this association has ended.")
        return redirect("my_associations:detail", pk=association.pk)
    form = EndForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.association_end(
                association=association,
                ended_on=form.cleaned_data["ended_on"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "You have told the Counter Corruption Unit it has ended")
            return redirect("my_associations:detail", pk=association.pk)
    return render(request, "my/associations/end.html", {"form": form, "association": association})
