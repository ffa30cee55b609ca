"""The national and most-similar-forces figures: a list by period for the board's readers; new
figures, corrections and imports by the head of PSD and the board. To anyone else, 404."""

from __future__ import annotations

import base64
import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.board.figures import board_sections
from standards.board.forms.reference import (
    ReferenceCorrectionForm,
    ReferenceFigureForm,
    ReferenceImportForm,
)
from standards.board.rules import is_board_reader
from standards.board.selectors import reference as selectors
from standards.board.services import reference as services
from standards.core.forms import apply_errors
from standards.core.periods import Period, Quarter

IMPORT_SESSION_KEY = "board_reference_import"


def _require_reader(user) -> None:
    if not is_board_reader(user):
        raise Http404


def _require_writer(user) -> None:
    """The forms exist only for those who may change the figures."""
    if not services.may_change(user):
        raise Http404


def period_label(start: dt.date, end: dt.date) -> str:
    """ "Financial year 2024/25", "Q2 2025/26 (July to September 2025)" or the dates."""
    year = Period.financial_year(start.year if start.month >= 4 else start.year - 1)
    if (start, end) == (year.start, year.end):
        return year.label
    quarter = Quarter.holding(start)
    if (start, end) == (quarter.start, quarter.end):
        return quarter.long_label
    return Period.custom(start, end).label


def _section_titles() -> dict[str, str]:
    return {section.key: section.title for section in board_sections()}


@require_GET
def reference_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request.user)
    figures = list(
        selectors.reference_figure_list_for_user(user=request.user).order_by(
            "-period_start", "period_end", "measure_key", "scope"
        )
    )
    titles = _section_titles()
    periods = [
        {"label": period_label(start, end), "figures": list(rows)}
        for (start, end), rows in groupby(figures, key=lambda f: (f.period_start, f.period_end))
    ]
    for period in periods:
        for figure in period["figures"]:
            figure.section_title = titles.get(figure.measure_key.partition(".")[0], "")
    record_search(request, area=Area.BOARD, result_count=len(figures))
    return render(
        request,
        "board/reference/list.html",
        {
            "periods": periods,
            "count": len(figures),
            "may_change": services.may_change(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def reference_new(request: HttpRequest) -> HttpResponse:
    _require_writer(request.user)
    form = ReferenceFigureForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            figure = services.reference_figure_record(
                measure_key=data["measure_key"],
                scope=data["scope"],
                period_start=data["period_start"],
                period_end=data["period_end"],
                value=data["value"],
                source=data["source"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{figure.measure_key} ({figure.get_scope_display()}) is recorded for "
                f"{period_label(figure.period_start, figure.period_end)}. The board's summary "
                "shows it beside the force's figure for that period.",
            )
            return redirect("board:reference_list")
    return render(request, "board/reference/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def reference_import(request: HttpRequest) -> HttpResponse:
    _require_writer(request.user)
    form = ReferenceImportForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    preview = None
    if request.method == "POST":
        try:
            if "confirm" in request.POST:
                stored = request.session.get(IMPORT_SESSION_KEY) or {}
                if not stored or stored.get("digest") != request.POST.get("digest"):
                    raise ValidationError({"file": "Select the file to import again"})
                data = base64.b64decode(stored["data"])
                try:
                    preview = services.reference_figures_import(
                        upload=data, acting_user=request.user, commit=True
                    )
                except ValidationError:
                    # All or nothing: show the row-by-row report of what must be put right.
                    preview = services.reference_figures_import(
                        upload=data, acting_user=request.user, commit=False
                    )
                    raise
                request.session.pop(IMPORT_SESSION_KEY, None)
                messages.success(
                    request,
                    f"{len(preview.new_rows)} new figure{'s' if len(preview.new_rows) != 1 else ''}"
                    f" and {len(preview.corrections)} correction"
                    f"{'s' if len(preview.corrections) != 1 else ''} imported; "
                    f"{len(preview.unchanged)} already recorded were left as they were. The "
                    "board's summary shows them beside the force's figures for their periods.",
                )
                return redirect("board:reference_list")
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError({"file": "Select a file to upload"})
            data = upload.read()
            preview = services.reference_figures_import(
                upload=data, acting_user=request.user, commit=False
            )
            request.session[IMPORT_SESSION_KEY] = {
                "digest": preview.digest,
                "data": base64.b64encode(data).decode(),
            }
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "board/reference/import.html", {"form": form, "preview": preview})


@require_http_methods(["GET", "POST"])
@record_page(selectors.reference_figure_get_for_user)
def reference_edit(request: HttpRequest, figure) -> HttpResponse:
    """The figure and its history; the head of PSD and the board may correct it."""
    may_change = services.may_change(request.user)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    form = None
    if may_change:
        form = ReferenceCorrectionForm(
            request.POST if request.method == "POST" else None,
            initial={"value": figure.value, "source": figure.source},
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.reference_figure_record(
                    measure_key=figure.measure_key,
                    scope=figure.scope,
                    period_start=figure.period_start,
                    period_end=figure.period_end,
                    value=form.cleaned_data["value"],
                    source=form.cleaned_data["source"],
                    acting_user=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"{figure.measure_key} ({figure.get_scope_display()}) for "
                    f"{period_label(figure.period_start, figure.period_end)} is saved; the "
                    "earlier value stays in its history.",
                )
                return redirect("board:reference_list")
    return render(
        request,
        "board/reference/edit.html",
        {
            "figure": figure,
            "form": form,
            "period": period_label(figure.period_start, figure.period_end),
            "section_title": _section_titles().get(figure.measure_key.partition(".")[0], ""),
            "history": figure.history.select_related("history_user__person").order_by(
                "-history_date"
            )[:20],
        },
    )
