"""The nominal index, search and the link chart. Every page is a 404 outside the CCU (the
selectors see to it) and shows only what the viewer may see."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.nominals import (
    LinkForm,
    LinkNewForm,
    MergeForm,
    NominalFilterForm,
    NominalForm,
    SearchForm,
)
from ccu.models import NominalKind
from ccu.selectors import nominals as selectors
from ccu.selectors.operations import operation_get_for_user
from ccu.selectors.reports import report_get_for_user, report_get_for_work, report_tab_context
from ccu.services import nominals as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 50


@require_GET
@login_required
def nominal_list(request: HttpRequest) -> HttpResponse:
    nominals = selectors.nominal_list_for_user(user=request.user)
    form = NominalFilterForm(request.GET or None)
    kind = query = ""
    if form.is_valid():
        kind, query = form.cleaned_data["kind"], form.cleaned_data["q"]
    nominals = selectors.filter_nominals(nominals, kind=kind, query=query)
    page = Paginator(nominals, PAGE_SIZE).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(
        request,
        "ccu/nominals/list.html",
        {"page": page, "form": form, "kind": kind, "query": query, "kinds": NominalKind},
    )


@require_http_methods(["GET", "POST"])
@login_required
def nominal_add(request: HttpRequest) -> HttpResponse:
    selectors.require_index(user=request.user)
    form = NominalForm(
        request.POST or None, operations=selectors.operations_for_nominal(user=request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            nominal = services.nominal_add(**form.cleaned_data, acting_user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{nominal.name} is in the index. Link it to the reports it appears in from each "
                "report's Nominals tab.",
            )
            return redirect("ccu:nominal_detail", pk=nominal.pk)
    return render(request, "ccu/nominals/add.html", {"form": form})


@require_GET
@login_required
@record_page(selectors.nominal_get_for_user)
def nominal_detail(request: HttpRequest, nominal) -> HttpResponse:
    return render(
        request,
        "ccu/nominals/detail.html",
        {
            "nominal": nominal,
            "links": selectors.nominal_reports(user=request.user, nominal=nominal),
            "may_merge": selectors.may_merge(user=request.user, nominal=nominal),
        },
    )


@require_GET
@login_required
def nominal_duplicates(request: HttpRequest) -> HttpResponse:
    pairs = selectors.duplicate_suggestions(user=request.user)
    record_search(request, area=Area.CCU, result_count=len(pairs))
    return render(request, "ccu/nominals/duplicates.html", {"pairs": pairs})


@require_http_methods(["GET", "POST"])
@login_required
@record_page(selectors.nominal_get_for_work)
def nominal_merge(request: HttpRequest, nominal) -> HttpResponse:
    if nominal.merged_into_id:
        messages.info(request, f"{nominal.name} is already merged into {nominal.merged_into}.")
        return redirect("ccu:nominal_detail", pk=nominal.merged_into_id)
    query = request.GET.get("q", "").strip()
    include = request.POST.get("into") or request.GET.get("into")
    candidates = selectors.merge_candidates(
        user=request.user,
        duplicate=nominal,
        query=query,
        include=int(include) if str(include or "").isdigit() else None,
    )
    form = MergeForm(
        request.POST if "into" in request.POST or "reason" in request.POST else None,
        candidates=candidates,
        initial={"into": include},
    )
    if form.is_bound and form.is_valid():
        try:
            into = services.nominal_merge(
                duplicate=nominal,
                into=form.cleaned_data["into"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{nominal.name} is merged into {into.name}: its links are now on {into.name}, "
                "and it no longer appears in the index or search.",
            )
            return redirect("ccu:nominal_detail", pk=into.pk)
    return render(
        request, "ccu/nominals/merge.html", {"nominal": nominal, "form": form, "query": query}
    )


@require_http_methods(["GET", "POST"])
@login_required
@record_page(report_get_for_user)
def report_nominals(request: HttpRequest, report) -> HttpResponse:
    may_link = selectors.may_link(user=request.user, report=report)
    query = request.GET.get("q", "").strip()
    found = (
        selectors.linkable_nominals(user=request.user, report=report, query=query)
        if may_link and query
        else []
    )
    link_form = LinkForm(
        request.POST if request.POST.get("action") == "link" else None, nominals=found
    )
    new_form = LinkNewForm(
        request.POST if request.POST.get("action") == "new" else None,
        operations=[report.operation] if report.operation else [],
        initial={"operation": report.operation_id or ""},
    )
    if request.method == "POST" and request.POST.get("action") in ("link", "new"):
        report = report_get_for_work(user=request.user, pk=report.pk)
        form = link_form if request.POST["action"] == "link" else new_form
        if request.POST["action"] == "link":
            # The chosen nominal was offered by the search the form was posted from.
            form = LinkForm(
                request.POST,
                nominals=selectors.linkable_nominals(
                    user=request.user, report=report, query="", include=request.POST.get("nominal")
                ),
            )
            link_form = form
        if form.is_valid():
            try:
                if request.POST["action"] == "link":
                    link = services.nominal_link(
                        report=report,
                        nominal=form.cleaned_data["nominal"],
                        reason=form.cleaned_data["reason"],
                        acting_user=request.user,
                    )
                else:
                    link = services.nominal_add_and_link(
                        report=report, **form.cleaned_data, acting_user=request.user
                    )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{link.nominal.name} is linked to {report.reference}. It now appears in "
                    "search and on the link charts of those who may see both.",
                )
                return redirect("ccu:report_nominals", pk=report.pk)
    elif request.method == "POST":  # the justification was just given: open the record
        return redirect(request.path)
    context = report_tab_context(user=request.user, report=report, tab="report_nominals")
    context.update(
        links=selectors.report_nominal_links(user=request.user, report=report),
        may_link=may_link,
        query=query,
        found=found,
        link_form=link_form,
        new_form=new_form,
        open_form=request.POST.get("action", ""),
    )
    return render(request, "ccu/nominals/report_nominals.html", context)


@require_GET
@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    results = selectors.search(user=request.user, query=query)
    reports = selectors.search_page(results.reports, number=request.GET.get("page"), size=20)
    nominals = selectors.search_page(results.nominals, number=request.GET.get("npage"), size=20)
    record_search(
        request,
        area=Area.CCU,
        result_count=reports.paginator.count + nominals.paginator.count,
        terms=query,
    )
    return render(
        request,
        "ccu/nominals/search.html",
        {"form": form, "query": query, "reports": reports, "nominals": nominals},
    )


def _chart(request: HttpRequest, *, network, title: str, caption: str, back) -> HttpResponse:
    return render(
        request,
        "ccu/nominals/chart.html",
        {
            "title": title,
            "caption": caption,
            "back": back,
            "elements": network.elements,
            "rows": network.rows,
            "counts": network.counts,
            "truncated": network.truncated,
        },
    )


@require_GET
@login_required
@record_page(selectors.person_get_for_chart)
def person_chart(request: HttpRequest, person) -> HttpResponse:
    network = selectors.person_network(user=request.user, person=person)
    return _chart(
        request,
        network=network,
        title=f"Link chart: {person.display_name}",
        caption=f"{person.display_name} ({person.staff_number})",
        back=None,
    )


@require_http_methods(["GET", "POST"])
@login_required
@record_page(operation_get_for_user)
def operation_chart(request: HttpRequest, operation) -> HttpResponse:
    if request.method == "POST":  # the justification was just given: open the record
        return redirect(request.path)
    network = selectors.operation_network(user=request.user, operation=operation)
    return _chart(
        request,
        network=network,
        title=f"Link chart: {operation.code_name}",
        caption=operation.code_name,
        back=("ccu:operation_detail", operation.pk, f"Back to {operation.code_name}"),
    )
