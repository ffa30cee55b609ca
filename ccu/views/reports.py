"""The CCU's intelligence report pages: the list, recording a report, the historic import, and
the report's tabs. Every one is a 404 outside the CCU (the selectors see to it); a report about
the viewer is a 404 to them, whatever their role."""

from __future__ import annotations

import base64

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ccu.filters import SORT_LABELS
from ccu.forms.reports import (
    GradingForm,
    ImportForm,
    MoveForm,
    NoteForm,
    ReportEditForm,
    ReportRecordForm,
    SubjectAddForm,
    SubjectRemoveForm,
)
from ccu.selectors import reports as selectors
from ccu.services import imports
from ccu.services import reports as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors

PAGE_SIZE = 50
SORTABLE = {"reference": "reference", "received": "received", "grade": "grade"}
IMPORT_SESSION_KEY = "ccu_report_import"


def _tab(request, report, tab: str, template: str, **context) -> HttpResponse:
    context.update(selectors.report_tab_context(user=request.user, report=report, tab=tab))
    context.setdefault("may_change", selectors.may_change(user=request.user, report=report))
    return render(request, template, context)


@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    reports = selectors.report_list_filtered(user=request.user, params=request.GET)
    page = Paginator(reports.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    record_search(request, area=Area.CCU, result_count=page)
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("sort", None)
    sort = reports.sort_key
    headers = {}
    for column, key in SORTABLE.items():
        ascending, descending = sort == key, sort == f"-{key}"
        headers[column] = {
            "sort": f"-{key}" if ascending else key,
            "aria": "ascending" if ascending else "descending" if descending else "none",
        }
    return render(
        request,
        "ccu/reports/list.html",
        {
            "filter": reports,
            "page": page,
            "query": query.urlencode(),
            "headers": headers,
            "sort_label": SORT_LABELS[sort],
            "may_import": imports.may_import(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def report_record(request: HttpRequest) -> HttpResponse:
    selectors.report_list_for_user(user=request.user)  # 404 outside the CCU
    operations = list(selectors.operations_for_work(user=request.user))
    form = ReportRecordForm(
        request.POST if request.method == "POST" else None, operations=operations
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = services.report_record(
                received_on=data["received_on"],
                route=data["route"],
                original_text=data["original_text"],
                source_details=data["source_details"],
                sanitised_text=data["sanitised_text"],
                category_codes=[c.code for c in data["categories"]],
                operation=data["operation"],
                subjects=[(n, data["subject_reason"]) for n in data["subject_staff_numbers"]],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{report.reference} is recorded and awaiting triage. Grade it next, so that "
                "triage can weigh it.",
            )
            return redirect("ccu:report_grading", pk=report.pk)
    return render(request, "ccu/reports/record.html", {"form": form})


@require_http_methods(["GET", "POST"])
def report_import(request: HttpRequest) -> HttpResponse:
    imports.require_may_import(request.user)
    form = ImportForm(request.POST if request.method == "POST" else None, request.FILES or None)
    preview = None
    today = timezone.localdate()
    if request.method == "POST":
        try:
            if "confirm" in request.POST:
                stored = request.session.get(IMPORT_SESSION_KEY) or {}
                if stored.get("digest") != request.POST.get("digest"):
                    raise ValidationError({"file": "Select the file to import again"})
                data = base64.b64decode(stored["data"])
                try:
                    preview = imports.reports_import(
                        data=data, acting_user=request.user, today=today
                    )
                except ValidationError:
                    # All or nothing: show the row-by-row report of what must be put right.
                    preview = imports.import_preview(
                        data=data, acting_user=request.user, today=today
                    )
                    raise
                request.session.pop(IMPORT_SESSION_KEY, None)
                count = len(preview.new_rows)
                messages.success(
                    request,
                    f"{count} historic report{'s' if count != 1 else ''} imported into the "
                    f"general intake with their 5x5x5 grades; {len(preview.skipped)} already "
                    "imported were skipped. They now wait for triage.",
                )
                return redirect("ccu:report_list")
            upload = request.FILES.get("file")
            if upload is None:
                raise ValidationError({"file": "Select a file to upload"})
            data = upload.read()
            preview = imports.import_preview(data=data, acting_user=request.user, today=today)
            request.session[IMPORT_SESSION_KEY] = {
                "digest": preview.digest,
                "data": base64.b64encode(data).decode(),
            }
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "ccu/reports/import.html", {"form": form, "preview": preview})


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_user)
def report(request: HttpRequest, report) -> HttpResponse:
    """The summary; its one action is taking the report on (becoming its owner)."""
    if request.method == "POST":
        if "take_on" not in request.POST:  # the justification was just given: open it
            return redirect(request.path)
        try:
            services.report_take_on(report=report, acting_user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"You now own {report.reference}: you can read its original text and source, "
                "and it is yours to develop.",
            )
        return redirect("ccu:report", pk=report.pk)
    return _tab(
        request,
        report,
        "report",
        "ccu/reports/summary.html",
        categories=selectors.report_categories(report=report),
        subjects=selectors.report_subjects(report=report),
        is_owner=report.owner_id == request.user.pk,
    )


@require_GET
@record_page(selectors.report_get_for_source)
def report_source(request: HttpRequest, report) -> HttpResponse:
    return _tab(
        request,
        report,
        "report_source",
        "ccu/reports/source.html",
        source=selectors.source_for_user(user=request.user, report=report),
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_user)
def report_grading(request: HttpRequest, report) -> HttpResponse:
    form = GradingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "justification" in request.POST:
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        try:
            grading = services.report_grade(
                report=report, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{report.reference} is graded {grading.code}. Any earlier grading is kept in "
                "its history. Next, the report is triaged.",
            )
            return redirect("ccu:report", pk=report.pk)
    return _tab(
        request,
        report,
        "report_grading",
        "ccu/reports/grading.html",
        form=form,
        gradings=selectors.report_gradings(report=report),
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_work)
def report_edit(request: HttpRequest, report) -> HttpResponse:
    initial = {
        "sanitised_text": report.sanitised_text,
        "categories": selectors.report_categories(report=report),
    }
    form = ReportEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and "justification" in request.POST:
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_edit(
                report=report,
                sanitised_text=form.cleaned_data["sanitised_text"],
                category_codes=[c.code for c in form.cleaned_data["categories"]],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{report.reference} is updated. The change and its reason are in the timeline.",
            )
            return redirect("ccu:report", pk=report.pk)
    return _tab(request, report, "report", "ccu/reports/edit.html", form=form)


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_user)
def report_subjects(request: HttpRequest, report) -> HttpResponse:
    add = SubjectAddForm(request.POST if "add" in request.POST else None)
    remove = SubjectRemoveForm(request.POST if "remove" in request.POST else None)
    if request.method == "POST" and "justification" in request.POST:
        return redirect(request.path)
    if request.method == "POST":
        try:
            if "add" in request.POST and add.is_valid():
                subject = services.report_subject_add(
                    report=report, acting_user=request.user, **add.cleaned_data
                )
                messages.success(
                    request,
                    f"{subject.person.display_name} is linked to {report.reference}. They will "
                    "never see it; anyone watching them in the CCU is alerted.",
                )
                return redirect("ccu:report_subjects", pk=report.pk)
            if "remove" in request.POST and remove.is_valid():
                subject = selectors.report_subject_get(
                    report=report, pk=remove.cleaned_data["subject"]
                )
                services.report_subject_remove(
                    subject=subject, reason=remove.cleaned_data["reason"], acting_user=request.user
                )
                messages.success(
                    request,
                    f"{subject.person.display_name} is no longer a subject of {report.reference}. "
                    "The link and its removal stay in the timeline.",
                )
                return redirect("ccu:report_subjects", pk=report.pk)
        except ValidationError as error:
            apply_errors(add if "add" in request.POST else remove, error)
    return _tab(
        request,
        report,
        "report_subjects",
        "ccu/reports/subjects.html",
        subjects=selectors.report_subjects(report=report),
        add_form=add,
        remove_form=remove,
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_work)
def report_move(request: HttpRequest, report) -> HttpResponse:
    operations = list(selectors.operations_for_work(user=request.user))
    current = str(report.operation_id) if report.operation_id else "intake"
    form = MoveForm(
        request.POST if request.method == "POST" else None,
        operations=operations,
        initial={"operation": current},
    )
    if request.method == "POST" and "justification" in request.POST:
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        try:
            moved = services.report_move(
                report=report,
                operation=form.cleaned_data["operation"],
                reason=form.cleaned_data["reason"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            if moved.operation:
                where = f"in {moved.operation.code_name}: only those given access to it can see it"
            else:
                where = "in the general intake: every CCU analyst can see it"
            messages.success(request, f"{report.reference} is now {where}.")
            return redirect("ccu:report", pk=report.pk)
    return _tab(request, report, "report", "ccu/reports/move.html", form=form)


@require_http_methods(["GET", "POST"])
@record_page(selectors.report_get_for_user)
def report_notes(request: HttpRequest, report) -> HttpResponse:
    form = NoteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and "justification" in request.POST:
        return redirect(request.path)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_note_add(
                report=report, text=form.cleaned_data["text"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, "Your note is added. Only the CCU can read it, never a reporter."
            )
            return redirect("ccu:report_notes", pk=report.pk)
    return _tab(
        request,
        report,
        "report_notes",
        "ccu/reports/notes.html",
        form=form,
        notes=selectors.report_notes(report=report),
    )


@require_GET
@record_page(selectors.report_get_for_user)
def report_timeline(request: HttpRequest, report) -> HttpResponse:
    return _tab(
        request,
        report,
        "report_timeline",
        "ccu/reports/timeline.html",
        timeline=selectors.report_timeline(report=report),
    )
