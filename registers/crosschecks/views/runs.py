"""The runs pages: each check of the viewer's side with its last run and a "Run now" button, and
one run with its chunks. PSD sees PSD checks' runs and the CCU the CCU's; the other side's are a
404 (``selectors.runs``)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from registers.crosschecks.selectors import runs as selectors
from registers.crosschecks.services.findings import crosscheck_run_request


@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "registers/crosschecks/runs/list.html",
        {
            "checks": selectors.check_runs_for_user(user=request.user),
            # The viewer's side, for the sub-navigation (nobody holds roles on both sides).
            "audience": min(selectors.audiences_for(request.user), default=""),
            "runs": selectors.run_list_for_user(user=request.user),
        },
    )


@require_GET
def run_detail(request: HttpRequest, pk: int) -> HttpResponse:
    run = selectors.run_get_for_user(user=request.user, pk=pk)
    return render(
        request,
        "registers/crosschecks/runs/detail.html",
        {"run": run, "chunks": selectors.run_chunks(run=run), "title": _title(run.check_name)},
    )


def run_start(request: HttpRequest, name: str) -> HttpResponse:
    # The check first: the other side's check is a 404 whatever the method, like a missing one.
    check = selectors.check_for_user(user=request.user, name=name)
    return _start(request, check=check)


@require_POST
def _start(request: HttpRequest, *, check) -> HttpResponse:
    run = crosscheck_run_request(check_name=check.name, acting_user=request.user)
    messages.success(
        request,
        f"{check.title}: run {run.reference} has started. Its work is shared among the "
        "workers; this page shows its counts when it has finished.",
    )
    return redirect("crosschecks:run_detail", pk=run.pk)


def _title(name: str) -> str:
    from registers.crosschecks.checks import check_named

    try:
        return check_named(name).title
    except LookupError:
        return name
