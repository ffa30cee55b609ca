"""Pages under /public/complaints/: no sign-in. The complaint form, and hearing notices.

The complaint form: GOV.UK question pages.

Start, "about you", "what happened", check your answers, then the confirmation with the
reference. The answers are kept in the session until they are sent (nothing is stored before
then, and no cookie is set but the session's and the CSRF token); sending is limited per address
(``SUBMIT_RATE``) with django-ratelimit on the shared Redis cache, so a script cannot fill the
intake queue, and so are the answers to the question pages (``ANSWER_RATE``), so it cannot fill
the session table either.

Hearing notices and outcomes: misconduct hearings are held in public (Police (Conduct)
Regulations 2020); a notice appears once PSD publishes it, and the outcome once recorded. Only
what PSD wrote for the public is shown (``selectors.conduct.hearings_published``): never the
complainant, never the case reference; a meeting (held in private) never appears.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.decorators import ratelimit

from complaints.forms.intake import AboutYouForm, WhatHappenedForm, details_from
from complaints.models import ContactPreference
from complaints.selectors import conduct as conduct_selectors
from complaints.services.intake import intake_submit
from standards.core.forms import apply_errors

ANSWERS = "public_complaint"
SENT = "public_complaint_sent"
# Five complaints an hour from one address: more than any one person sends, few enough that a
# script cannot bury the real complaints in the intake queue.
SUBMIT_RATE = "5/h"
# Answers to the question pages, an hour from one address: a person filling in the form a few
# times sends a dozen; a script creating a session row with every POST is stopped well before
# it can fill the session table.
ANSWER_RATE = "60/h"

# The question pages in order: (url name, form, template).
FORM = "public/complaints/form"
STEPS = (
    ("public_complaints:about_you", AboutYouForm, f"{FORM}/about_you.html"),
    ("public_complaints:what_happened", WhatHappenedForm, f"{FORM}/what_happened.html"),
)


def _to_session(cleaned: dict) -> dict:
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in cleaned.items()}


def _from_session(answers: dict) -> dict:
    values = dict(answers)
    if values.get("incident_date"):
        values["incident_date"] = dt.date.fromisoformat(values["incident_date"])
    return values


def _answered(answers: dict, form_class) -> bool:
    return all(name in answers for name in form_class.base_fields)


def _next_page(answers: dict) -> str:
    for url_name, form_class, _ in STEPS:
        if not _answered(answers, form_class):
            return reverse(url_name)
    return reverse("public_complaints:check")


@login_not_required
@require_GET
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "public/complaints/form/start.html")


def _question(request: HttpRequest, step: int) -> HttpResponse:
    _, form_class, template = STEPS[step]
    if request.method == "POST" and getattr(request, "limited", False):
        # Refused before the session is touched, so no session row is written.
        return render(request, "public/complaints/form/too_busy.html", status=429)
    answers = request.session.get(ANSWERS, {})
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            answers.update(_to_session(form.cleaned_data))
            request.session[ANSWERS] = answers
            return redirect(_next_page(answers))
    else:
        form = form_class(initial=_from_session(answers))
    back = reverse(STEPS[step - 1][0]) if step else reverse("public_complaints:start")
    return render(request, template, {"form": form, "back": back})


@login_not_required
@require_http_methods(["GET", "POST"])
@ratelimit(group=ANSWERS, key="ip", rate=ANSWER_RATE, method="POST", block=False)
def about_you(request: HttpRequest) -> HttpResponse:
    return _question(request, 0)


@login_not_required
@require_http_methods(["GET", "POST"])
@ratelimit(group=ANSWERS, key="ip", rate=ANSWER_RATE, method="POST", block=False)
def what_happened(request: HttpRequest) -> HttpResponse:
    return _question(request, 1)


def _lost(request: HttpRequest) -> HttpResponse:
    """The answers are gone (the session ended, or the page was opened directly): say so
    plainly and offer a fresh start, rather than a sign-in page or an error."""
    return render(request, "public/complaints/form/lost.html")


@login_not_required
@require_http_methods(["GET", "POST"])
@ratelimit(key="ip", rate=SUBMIT_RATE, method="POST", block=False)
def check(request: HttpRequest) -> HttpResponse:
    answers = request.session.get(ANSWERS, {})
    if not all(_answered(answers, form_class) for _, form_class, _ in STEPS):
        return _lost(request)
    values = _from_session(answers)
    error = None
    if request.method == "POST":
        if getattr(request, "limited", False):
            return render(request, "public/complaints/form/too_many.html", status=429)
        try:
            intake = intake_submit(details=details_from(values))
        except ValidationError as problem:
            error = AboutYouForm()
            apply_errors(error, ValidationError(problem.messages))
        else:
            del request.session[ANSWERS]
            request.session[SENT] = {"reference": intake.reference, "emailed": bool(intake.email)}
            return redirect("public_complaints:sent")
    return render(
        request,
        "public/complaints/form/check.html",
        {
            "answers": values,
            "contact": ContactPreference(values["contact_preference"]).label,
            "form": error,
        },
    )


@login_not_required
@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    sent_now = request.session.get(SENT)
    if not sent_now:
        return _lost(request)
    return render(request, "public/complaints/form/sent.html", sent_now)


# --- hearing notices and outcomes -------------------------------------------------------------

HEARINGS_PAGE_SIZE = 25


@login_not_required
@require_GET
def hearings(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    upcoming = list(conduct_selectors.hearings_upcoming(today=today))
    page = Paginator(conduct_selectors.hearings_held(today=today), HEARINGS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "public/complaints/hearings/list.html",
        {"upcoming": upcoming, "page": page},
    )


@login_not_required
@require_GET
def hearing(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request,
        "public/complaints/hearings/detail.html",
        {"hearing": conduct_selectors.hearing_get_published(pk=pk)},
    )
