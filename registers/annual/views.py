"""PSD's and line managers' pages for the annual declaration (/registers/annual-declarations/).

- the completion page (PSD): every unit's members, how many have made this year's declaration,
  and the policy versions in force;
- the overdue list: a line manager's direct reports who have not made it; for PSD every unit
  with members outstanding, and each unit's names;
- publishing a new version of a policy (the head of PSD).

Each view does three things: access (a selector or a rule), the service, the response. The lists
log their search (``record_search``): they name members and say whether they have declared.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from registers.annual import rules, selectors, services
from registers.annual.forms import PolicyVersionForm
from registers.annual.models import due_on, is_running, year_label, year_of
from standards.access.models import Area
from standards.access.pages import record_search
from standards.core.forms import apply_errors


def _year() -> dict:
    today = timezone.localdate()
    year = year_of(today)
    due = due_on(year)
    return {"today": today, "year": year, "year_label": year_label(year), "due": due}


def _totals(units) -> dict:
    members = sum(unit.members for unit in units)
    made = sum(unit.made for unit in units)
    return {
        "members": members,
        "made": made,
        "outstanding": members - made,
        "percent": round(100 * made / members) if members else 100,
    }


@require_GET
def completion(request: HttpRequest) -> HttpResponse:
    context = _year()
    units = selectors.completion_by_unit(
        user=request.user, year=context["year"], today=context["today"]
    )
    record_search(request, area=Area.REGISTERS, result_count=len(units))
    return render(
        request,
        "registers/annual/completion.html",
        {
            **context,
            "units": units,
            "totals": _totals(units),
            "policies": selectors.policies_all(),
            "may_publish": rules.may_publish_policy(request.user),
        },
    )


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    if not rules.may_see_overdue(request.user):
        raise Http404
    context = _year()
    units = []
    if rules.may_see_completion(request.user):
        units = [
            unit
            for unit in selectors.completion_by_unit(
                user=request.user, year=context["year"], today=context["today"]
            )
            if unit.outstanding
        ]
    reports = selectors.outstanding_members(
        user=request.user, year=context["year"], today=context["today"]
    )
    team, team_made = selectors.team_counts(
        user=request.user, year=context["year"], today=context["today"]
    )
    record_search(request, area=Area.REGISTERS, result_count=len(units) + len(reports))
    return render(
        request,
        "registers/annual/overdue.html",
        {
            **context,
            "units": units,
            "reports": reports,
            "team": team,
            "team_made": team_made,
            "is_overdue": context["due"] < context["today"] and is_running(context["year"]),
        },
    )


@require_GET
def unit_overdue(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get_for_completion(user=request.user, pk=pk)
    context = _year()
    people = selectors.outstanding_members(
        user=request.user, year=context["year"], today=context["today"], unit=unit
    )
    record_search(request, area=Area.REGISTERS, result_count=len(people), terms=f"unit={unit.pk}")
    return render(
        request,
        "registers/annual/unit.html",
        {
            **context,
            "unit": unit,
            "people": people,
            "is_overdue": context["due"] < context["today"] and is_running(context["year"]),
        },
    )


@require_http_methods(["GET", "POST"])
def policy_new(request: HttpRequest) -> HttpResponse:
    if not rules.may_publish_policy(request.user):
        raise Http404
    form = PolicyVersionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            published = services.policy_version_publish(
                acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{published.title} version {published.version} is now the current policy",
            )
            return redirect("annual:completion")
    return render(request, "registers/annual/policy_new.html", {"form": form})
