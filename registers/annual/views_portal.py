"""The member's own annual declaration (/my/annual-declaration/): read each policy's summary,
confirm it, confirm the declarations are complete, and see what happens next.

Like the other portal pages, these write no access-log row: a member reading their own
declaration discloses nothing to anyone.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from registers.annual import selectors, services
from registers.annual.forms import AnnualDeclarationForm
from registers.annual.models import due_on, is_running, year_label, year_of
from standards.core.extensions import require_person
from standards.core.forms import apply_errors


def _year_context() -> dict:
    today = timezone.localdate()
    year = year_of(today)
    due = due_on(year)
    return {
        "year": year,
        "year_label": year_label(year),
        "due": due,
        "overdue": due < today and is_running(year),
    }


@require_http_methods(["GET", "POST"])
def declare(request: HttpRequest) -> HttpResponse:
    require_person(request)
    context = _year_context()
    existing = selectors.annual_declaration_for_declarant(user=request.user, year=context["year"])
    if existing is not None:
        return redirect("my_annual:done")
    form = AnnualDeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.annual_declaration_make(
                policy_ids=[version.pk for version in form.cleaned_data["policies"]],
                declarations_complete=form.cleaned_data["declarations_complete"],
                nil_gifts=form.cleaned_data["nil_gifts"],
                nil_interests=form.cleaned_data["nil_interests"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("my_annual:done")
    return render(request, "my/annual/declare.html", {"form": form, **context})


@require_GET
def done(request: HttpRequest) -> HttpResponse:
    """The confirmation page, and what the member sees for the rest of the year."""
    require_person(request)
    context = _year_context()
    declaration = selectors.annual_declaration_for_declarant(
        user=request.user, year=context["year"]
    )
    if declaration is None:
        return redirect("my_annual:declare")
    return render(
        request,
        "my/annual/done.html",
        {"declaration": declaration, "next_due": due_on(context["year"] + 1), **context},
    )
