"""The staff portal ("My declarations") and the reviewers' queues."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from registers import selectors, services
from registers.forms import AnnualDeclarationForm
from standards.core import extensions as portal
from standards.core.extensions import require_person


@require_GET
def my_declarations(request: HttpRequest) -> HttpResponse:
    require_person(request)
    sections = [
        {"section": section, "rows": list(section.rows(user=request.user))}
        for section in portal.portal_sections()
    ]
    return render(
        request,
        "registers/my_declarations.html",
        {
            "sections": sections,
            "annual": selectors.annual_declaration_this_year(user=request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def annual_declaration(request: HttpRequest) -> HttpResponse:
    require_person(request)
    existing = selectors.annual_declaration_this_year(user=request.user)
    form = AnnualDeclarationForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.annual_declaration_make(
                acting_user=request.user, comments=form.cleaned_data["comments"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Your annual declaration is recorded. Thank you.")
            return redirect("my:declarations")
    return render(
        request, "registers/annual_declaration.html", {"form": form, "existing": existing}
    )


@require_GET
def review_queues(request: HttpRequest) -> HttpResponse:
    queues = portal.review_queues_for(request.user)
    if not queues:
        raise Http404
    return render(request, "registers/review_queues.html", {"queues": queues})
