"""The case team's pages that change a case: allocation (the head of PSD), the IOPC's dates,
complainants, subjects, allegations, actions, notes and documents. Each reaches the case through
``record_page`` with a ``..._for_work`` selector (the case team only; anyone else, the CCU and
the review body included, gets the 404 of a missing case), calls one service, and redirects to
the tab that shows the change with a banner saying what happens next."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from complaints.forms.case import (
    ActionForm,
    AllegationChangeForm,
    AllegationForm,
    AllocateForm,
    ComplainantForm,
    DatesForm,
    DocumentForm,
    NoteForm,
    SubjectForm,
)
from complaints.models import Case
from complaints.selectors import case_page
from complaints.selectors.cases import case_get_for_work
from complaints.services import cases as services
from standards.access.pages import record_page
from standards.core.forms import apply_errors


def form_page(
    request: HttpRequest,
    case: Case,
    form,
    *,
    template: str,
    heading: str,
    service: Callable[[], object] | None,
    done: str,
    tab: str,
    **extra,
) -> HttpResponse:
    """GET shows the form; a valid POST calls ``service`` (a closure over the cleaned data),
    then redirects to ``tab`` with ``done``; a service's refusal is shown on the form."""
    if request.method == "POST" and form.is_valid() and service is not None:
        try:
            service()
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(f"complaints:{tab}", pk=case.pk)
    context = case_page.case_header(user=request.user, case=case)
    context.update({"form": form, "heading": heading, "back_tab": tab, **extra})
    return render(request, f"complaints/case/{template}.html", context)


@require_http_methods(["GET", "POST"])
@record_page(case_page.case_get_for_allocation)
def allocate(request: HttpRequest, case: Case) -> HttpResponse:
    staff = case_page.psd_staff_for_allocation(case=case)
    initial = {"lead": case.lead_id, "team": [u.pk for u in case_page.case_team(case=case)]}
    form = AllocateForm(request.POST or None, staff=staff, initial=initial)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        case,
        form,
        template="allocate",
        heading="Allocate the case",
        service=lambda: services.case_allocate(
            case=case,
            lead=data["lead"],
            team=data["team"],
            reason=data["reason"],
            acting_user=request.user,
        ),
        done="The case is allocated. The lead has been told and the team can now open it.",
        tab="case_people",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def dates(request: HttpRequest, case: Case) -> HttpResponse:
    initial = {"logged_on": case.logged_on, "first_contact_on": case.first_contact_on}
    form = DatesForm(request.POST or None, initial=initial)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        case,
        form,
        template="dates",
        heading="Dates logged and first contact",
        service=lambda: services.case_record_dates(
            case=case,
            logged_on=data["logged_on"],
            first_contact_on=data["first_contact_on"],
            acting_user=request.user,
        ),
        done="The dates are recorded and the case's clocks are updated.",
        tab="case",
    )


def _complainant_data(request: HttpRequest, form: ComplainantForm) -> dict:
    """The form's answers for the service, the staff number found in the directory."""
    data = dict(form.cleaned_data)
    staff_number = data.pop("staff_number", "")
    data["person"] = None
    if staff_number:
        data["person"] = case_page.person_by_staff_number(
            user=request.user, staff_number=staff_number
        )
        if data["person"] is None:
            raise ValidationError(
                {"staff_number": "Nobody in the staff directory has that staff number"}
            )
    return data


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def complainant_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = ComplainantForm(request.POST or None)
    return form_page(
        request,
        case,
        form,
        template="complainant",
        heading="Add a complainant",
        service=lambda: services.complainant_add(
            case=case, acting_user=request.user, **_complainant_data(request, form)
        ),
        done="The complainant is added. Letters go to them the way they asked to be contacted.",
        tab="case_people",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def complainant_change(request: HttpRequest, case: Case, complainant_pk: int) -> HttpResponse:
    complainant = case_page.complainant_get_for_work(
        user=request.user, case=case, pk=complainant_pk
    )
    initial = {
        name: getattr(complainant, name)
        for name in (
            "name",
            "email",
            "phone",
            "address",
            "postcode",
            "contact_preference",
            "adjustments",
        )
    }
    initial["staff_number"] = complainant.person.staff_number if complainant.person else ""
    form = ComplainantForm(request.POST or None, initial=initial)
    return form_page(
        request,
        case,
        form,
        template="complainant",
        heading=f"Change {complainant.name}'s details",
        service=lambda: services.complainant_change(
            complainant=complainant, acting_user=request.user, **_complainant_data(request, form)
        ),
        done="The complainant's details are changed.",
        tab="case_people",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def subject_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = SubjectForm(request.POST or None)

    def add():
        data = form.cleaned_data
        person = None
        if data["identified"] == "yes":
            person = case_page.person_by_staff_number(
                user=request.user, staff_number=data["staff_number"]
            )
            if person is None:
                raise ValidationError(
                    {"staff_number": "Nobody in the staff directory has that staff number"}
                )
        return services.subject_add(
            case=case,
            person=person,
            description="" if person else data["description"],
            acting_user=request.user,
        )

    return form_page(
        request,
        case,
        form,
        template="subject",
        heading="Add a subject",
        service=add,
        done="The subject is added. Add the allegations about them on the allegations tab.",
        tab="case_people",
    )


def _allegation_form(form_class, request: HttpRequest, case: Case, initial=None):
    """The allegation form (adding or changing), its choices drawn from the reference data."""
    return form_class(
        request.POST or None,
        initial=initial,
        categories=case_page.category_choices(),
        standards=case_page.professional_standards(),
        subjects=case_page.subject_choices(case=case),
    )


def _allegation_fields(form) -> dict:
    """What the allegation services take from either form."""
    data = form.cleaned_data
    return {
        "category": case_page.category_get(pk=data["category"]),
        "description": data["description"],
        "standards": data["standards"],
        "subjects": data["subjects"],
    }


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def allegation_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = _allegation_form(AllegationForm, request, case)
    return form_page(
        request,
        case,
        form,
        template="allegation",
        heading="Add an allegation",
        service=lambda: services.allegation_add(
            case=case, acting_user=request.user, **_allegation_fields(form)
        ),
        done="The allegation is added.",
        tab="case_allegations",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def allegation_change(request: HttpRequest, case: Case, allegation_pk: int) -> HttpResponse:
    allegation = case_page.allegation_get_for_work(case=case, pk=allegation_pk)
    initial = {
        "category": allegation.category_id,
        "description": allegation.description,
        "standards": list(allegation.standards.all()),
        "subjects": list(allegation.subjects.all()),
    }
    form = _allegation_form(AllegationChangeForm, request, case, initial)
    return form_page(
        request,
        case,
        form,
        template="allegation",
        heading="Change the allegation",
        service=lambda: services.allegation_change(
            allegation=allegation,
            reason=form.cleaned_data["reason"],
            acting_user=request.user,
            **_allegation_fields(form),
        ),
        done="The allegation is changed. The timeline keeps what it said before.",
        tab="case_allegations",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def action_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = ActionForm(request.POST or None, team=case_page.case_team_users(case=case))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        case,
        form,
        template="action",
        heading="Set an action",
        service=lambda: services.action_add(case=case, acting_user=request.user, **data),
        done="The action is set. Its owner has been told.",
        tab="case_actions",
    )


@require_POST
@record_page(case_get_for_work)
def action_complete(request: HttpRequest, case: Case, action_pk: int) -> HttpResponse:
    action = case_page.action_get_for_work(case=case, pk=action_pk)
    try:
        services.action_complete(action=action, acting_user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "The action is marked as done.")
    return redirect("complaints:case_actions", pk=case.pk)


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def note_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = NoteForm(request.POST or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        case,
        form,
        template="note",
        heading="Add a note",
        service=lambda: services.note_add(case=case, text=data["text"], acting_user=request.user),
        done="The note is added to the case.",
        tab="case_actions",
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def document_add(request: HttpRequest, case: Case) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    return form_page(
        request,
        case,
        form,
        template="document",
        heading="Add a document",
        service=lambda: services.document_add(
            case=case,
            upload=data["file"],
            description=data["description"],
            acting_user=request.user,
        ),
        done="The document is added. Only the case team can download it.",
        tab="case_documents",
    )
