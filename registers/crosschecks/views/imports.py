"""PSD's imports for the cross-checks: the history, the upload, the column mapping, the preview
("Import N rows"), the result with its row-by-row error report, and the progress of a large
file's background import (JSON for the progress bar)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from registers.crosschecks.forms.imports import MappingForm, UploadForm
from registers.crosschecks.imports.fields import fields_for
from registers.crosschecks.models import ImportStatus
from registers.crosschecks.selectors import imports as selectors
from registers.crosschecks.services import imports as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 25


@require_GET
def import_list(request: HttpRequest) -> HttpResponse:
    batches = selectors.import_list_for_user(user=request.user)
    page = Paginator(batches, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_search(request, area=Area.PSD, result_count=page)
    return render(request, "registers/crosschecks/imports/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def import_new(request: HttpRequest) -> HttpResponse:
    selectors.require_may_import(request.user)
    form = UploadForm(request.POST if request.method == "POST" else None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("file")
        try:
            batch = services.import_upload(
                kind=form.cleaned_data["kind"],
                data=upload.read() if upload else None,
                file_name=upload.name if upload else "",
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("crosschecks:import_mapping", pk=batch.pk)
    return render(request, "registers/crosschecks/imports/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
@record_page(selectors.import_get_for_user)
def import_mapping(request: HttpRequest, batch) -> HttpResponse:
    if batch.status not in services.MAPPABLE:
        return redirect("crosschecks:import_detail", pk=batch.pk)
    form = MappingForm(request.POST if request.method == "POST" else None, batch=batch)
    if request.method == "POST" and form.is_valid():
        try:
            services.import_map(batch=batch, mapping=form.mapping(), acting_user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return redirect("crosschecks:import_preview", pk=batch.pk)
    return render(
        request, "registers/crosschecks/imports/mapping.html", {"form": form, "batch": batch}
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.import_get_for_user)
def import_preview(request: HttpRequest, batch) -> HttpResponse:
    if batch.status not in (ImportStatus.PREVIEWED, ImportStatus.FAILED):
        return redirect(
            "crosschecks:import_mapping"
            if batch.status == ImportStatus.MAPPING
            else "crosschecks:import_detail",
            pk=batch.pk,
        )
    problem = None
    if request.method == "POST":
        try:
            services.import_start(batch=batch, acting_user=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            if batch.status == ImportStatus.IMPORTED:
                messages.success(
                    request,
                    f"{batch.rows_new} row{'s' if batch.rows_new != 1 else ''} imported. The "
                    "cross-checks compare them on their next run.",
                )
            return redirect("crosschecks:import_detail", pk=batch.pk)
    try:
        rows = services.import_preview_rows(batch=batch)
    except ValidationError as error:
        rows, problem = [], error.messages[0]
    specs = fields_for(batch.kind)
    return render(
        request,
        "registers/crosschecks/imports/preview.html",
        {
            "batch": batch,
            "columns": [(spec.name, spec.label) for spec in specs],
            "rows": [
                {
                    "line": row.line,
                    "errors": row.errors,
                    "held": row.held,
                    "shown": [row.values.get(spec.name) for spec in specs],
                }
                for row in rows
            ],
            "inline_limit": services.inline_limit(),
            "problem": problem,
            "errors": [services.error_line(error) for error in batch.errors[:200]],
        },
    )


@require_GET
@record_page(selectors.import_get_for_user)
def import_detail(request: HttpRequest, batch) -> HttpResponse:
    if request.GET.get("download") == "errors":
        response = HttpResponse(services.errors_csv(batch), content_type="text/csv")
        response["Content-Disposition"] = f'attachment; filename="{batch.reference}-errors.csv"'
        return response
    return render(
        request,
        "registers/crosschecks/imports/detail.html",
        {
            "batch": batch,
            "progress": selectors.import_progress(batch),
            "errors": [services.error_line(error) for error in batch.errors[:200]],
        },
    )


@require_GET
def import_progress(request: HttpRequest, pk: int) -> JsonResponse:
    # Polled every two seconds while a file imports: it shows counts, not the record, so it
    # writes no access-log row (the detail page that polls it has written one).
    batch = selectors.import_get_for_user(user=request.user, pk=pk)
    return JsonResponse(selectors.import_progress(batch))
