"""Investigation and conduct pages: open a conduct matter, start the investigation, and the
investigation's decisions on each subject (severity, reg 17 notice, suspension or restricted
duties, reflective practice) and on the case (sub judice pause).

Each page that acts on a case reaches it with ``case_get_for_work`` (the case team only) through
``record_page``; the row it acts on is looked up within that case. A successful POST goes back to
the case's decisions tab with a banner saying what happens next.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from complaints import clocks
from complaints.forms import conduct as forms
from complaints.models import Case, Channel
from complaints.selectors import conduct as selectors
from complaints.selectors.cases import case_get_for_user, case_get_for_work
from complaints.services import conduct as services
from standards.access.pages import record_page
from standards.core.dates import written
from standards.core.forms import apply_errors


def decisions_path(case: Case) -> str:
    # The case page's decisions tab, where the conduct panel is.
    return reverse("complaints:case_decisions", kwargs={"pk": case.pk})


def form_page(
    request: HttpRequest,
    case: Case,
    *,
    form,
    action: Callable[[dict], object],
    template: str,
    done: Callable[[object], str],
    **context,
) -> HttpResponse:
    """The shape of every conduct form page: a valid POST calls one service (``action`` with
    the cleaned data); its refusal is shown on the form, its success on the decisions tab."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done(result))
            return redirect(decisions_path(case))
    return render(
        request,
        template,
        {"case": case, "form": form, "back": decisions_path(case), **context},
    )


# --- opening a conduct matter --------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def conduct_open(request: HttpRequest) -> HttpResponse:
    if not selectors.may_open_conduct_matter(request.user):
        raise Http404("No such page")
    form = forms.ConductMatterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        people, unknown = selectors.people_by_staff_number(
            user=request.user, numbers=form.staff_number_list()
        )
        if unknown:
            form.add_error("staff_numbers", f"No one has the staff number {', '.join(unknown)}")
        else:
            try:
                case = services.conduct_matter_open(
                    summary=form.cleaned_data["summary"],
                    received_on=form.cleaned_data["received_on"],
                    subjects=people,
                    channel=Channel.INTERNAL,
                    acting_user=request.user,
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                messages.success(
                    request,
                    f"Conduct matter {case.reference} is open. Next: allocate it, then assess "
                    "the severity for each subject.",
                )
                return redirect(decisions_path(case))
    return render(request, "complaints/conduct/open.html", {"form": form})


# --- the case's conduct overview -----------------------------------------------------------------


@require_GET
@record_page(case_get_for_user)
def overview(request: HttpRequest, case: Case) -> HttpResponse:
    """The conduct panels on their own, for a reader of the case (the case page's decisions
    tab includes the same panels)."""
    context = selectors.conduct_panels(user=request.user, case=case)
    context |= {"case": case, "may_work": selectors.may_work(user=request.user, case=case)}
    return render(request, "complaints/conduct/overview.html", context)


# --- the investigation ---------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def investigation_start(request: HttpRequest, case: Case) -> HttpResponse:
    if case.investigation_started_on:
        messages.info(request, "The investigation has already started.")
        return redirect(decisions_path(case))
    return form_page(
        request,
        case,
        form=forms.InvestigationStartForm(request.POST or None),
        action=lambda data: services.investigation_start(
            case=case, acting_user=request.user, **data
        ),
        template="complaints/conduct/investigation_start.html",
        done=lambda case: (
            "The investigation has started. The 12-month report is due on "
            f"{written(_report_due(case))}; serve the regulation 17 notice on each subject."
        ),
    )


def _report_due(case: Case):
    return clocks.report_due(case)


@require_http_methods(["GET", "POST"])
@record_page(selectors.case_get_for_decision)
def severity(request: HttpRequest, case: Case, subject: int) -> HttpResponse:
    subject = selectors.subject_of_case(case=case, pk=subject)
    assessments = selectors.assessments_of_subject(subject=subject)
    reassess = bool(assessments)

    def action(data: dict):
        if reassess:
            return services.severity_reassess(subject=subject, acting_user=request.user, **data)
        return services.severity_assess(subject=subject, acting_user=request.user, **data)

    return form_page(
        request,
        case,
        form=forms.SeverityForm(request.POST or None, reassess=reassess),
        action=action,
        template="complaints/conduct/severity.html",
        done=lambda assessment: (
            f"{subject} is assessed as {assessment}. " + _after_severity(assessment.severity)
        ),
        subject=subject,
        assessments=assessments,
        reassess=reassess,
    )


def _after_severity(severity: str) -> str:
    return {
        "no_case": "No proceedings follow.",
        "pri": "Next: refer them to reflective practice.",
        "misconduct": "Next: serve the regulation 17 notice; a misconduct meeting may follow.",
        "gross": "Next: serve the regulation 17 notice; a misconduct hearing may follow.",
    }[severity]


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def notice(request: HttpRequest, case: Case, subject: int) -> HttpResponse:
    subject = selectors.subject_of_case(case=case, pk=subject)
    return form_page(
        request,
        case,
        form=forms.NoticeForm(request.POST or None),
        action=lambda data: services.notice_served(
            subject=subject, acting_user=request.user, **data
        ),
        template="complaints/conduct/notice.html",
        done=lambda subject: f"The regulation 17 notice served on {subject} is recorded.",
        subject=subject,
    )


# --- suspension and restricted duties ------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@record_page(selectors.case_get_for_decision)
def restriction_start(request: HttpRequest, case: Case, subject: int) -> HttpResponse:
    subject = selectors.subject_of_case(case=case, pk=subject)
    return form_page(
        request,
        case,
        form=forms.RestrictionStartForm(request.POST or None),
        action=lambda data: services.restriction_start(
            subject=subject, acting_user=request.user, **data
        ),
        template="complaints/conduct/restriction_start.html",
        done=lambda r: (
            f"{r.get_kind_display()} of {subject} is recorded. Review it by "
            f"{written(clocks.restriction_review_due(r))}."
        ),
        subject=subject,
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.case_get_for_decision)
def restriction_review(request: HttpRequest, case: Case, restriction: int) -> HttpResponse:
    restriction = selectors.restriction_of_case(case=case, pk=restriction)

    def action(data: dict):
        return services.restriction_review(
            restriction=restriction,
            reviewed_on=data["reviewed_on"],
            continued=data["continued"] == "yes",
            rationale=data["rationale"],
            acting_user=request.user,
        )

    def done(review) -> str:
        if review.continued:
            due = clocks.restriction_review_due(review.restriction)
            return f"The review is recorded. The next review is due by {written(due)}."
        return "The review is recorded and the restriction has ended."

    return form_page(
        request,
        case,
        form=forms.RestrictionReviewForm(request.POST or None),
        action=action,
        template="complaints/conduct/restriction_review.html",
        done=done,
        restriction=restriction,
        review_due=clocks.restriction_review_due(restriction),
    )


@require_http_methods(["GET", "POST"])
@record_page(selectors.case_get_for_decision)
def restriction_end(request: HttpRequest, case: Case, restriction: int) -> HttpResponse:
    restriction = selectors.restriction_of_case(case=case, pk=restriction)
    return form_page(
        request,
        case,
        form=forms.RestrictionEndForm(request.POST or None),
        action=lambda data: services.restriction_end(
            restriction=restriction, acting_user=request.user, **data
        ),
        template="complaints/conduct/restriction_end.html",
        done=lambda r: f"The {r.get_kind_display().lower()} of {r.subject} has ended.",
        restriction=restriction,
    )


# --- the sub judice pause ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def pause_start(request: HttpRequest, case: Case) -> HttpResponse:
    return form_page(
        request,
        case,
        form=forms.PauseStartForm(request.POST or None),
        action=lambda data: services.pause_start(case=case, acting_user=request.user, **data),
        template="complaints/conduct/pause_start.html",
        done=lambda pause: (
            "The investigation is paused. Durations are now shown with and "
            "without the pause; record when it ends."
        ),
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def pause_end(request: HttpRequest, case: Case, pause: int) -> HttpResponse:
    pause = selectors.pause_of_case(case=case, pk=pause)
    return form_page(
        request,
        case,
        form=forms.PauseEndForm(request.POST or None),
        action=lambda data: services.pause_end(pause=pause, acting_user=request.user, **data),
        template="complaints/conduct/pause_end.html",
        done=lambda pause: "The pause has ended and the investigation continues.",
        pause=pause,
    )


# --- reflective practice -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def reflection_refer(request: HttpRequest, case: Case, subject: int) -> HttpResponse:
    subject = selectors.subject_of_case(case=case, pk=subject)
    return form_page(
        request,
        case,
        form=forms.ReflectionReferForm(request.POST or None),
        action=lambda data: services.reflective_practice_refer(
            subject=subject, acting_user=request.user, **data
        ),
        template="complaints/conduct/reflection_refer.html",
        done=lambda r: (
            f"{subject} is referred to reflective practice. Their account is due by "
            f"{written(selectors.rprp_account_due(r))}."
        ),
        subject=subject,
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def reflection_account(request: HttpRequest, case: Case, reflection: int) -> HttpResponse:
    reflection = selectors.reflection_of_case(case=case, pk=reflection)
    return form_page(
        request,
        case,
        form=forms.ReflectionAccountForm(request.POST or None),
        action=lambda data: services.reflective_practice_record_account(
            reflection=reflection, acting_user=request.user, **data
        ),
        template="complaints/conduct/reflection_account.html",
        done=lambda r: "The account is recorded. Next: the development report.",
        reflection=reflection,
        due_on=selectors.rprp_account_due(reflection),
    )


@require_http_methods(["GET", "POST"])
@record_page(case_get_for_work)
def reflection_report(request: HttpRequest, case: Case, reflection: int) -> HttpResponse:
    reflection = selectors.reflection_of_case(case=case, pk=reflection)
    return form_page(
        request,
        case,
        form=forms.ReflectionReportForm(request.POST or None),
        action=lambda data: services.reflective_practice_complete(
            reflection=reflection, acting_user=request.user, **data
        ),
        template="complaints/conduct/reflection_report.html",
        done=lambda r: (
            "The development report is recorded and reflective practice is "
            "complete. The line manager checks the actions at the review period."
        ),
        reflection=reflection,
    )
