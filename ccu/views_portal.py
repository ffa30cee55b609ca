"""The confidential reporting line, as a member of staff reaches it: /my/reporting-line/.

These pages must not know who is asking, beyond "a signed-in member of staff". Each is
``unidentified`` (``standards.core.middleware``): the address, user agent and referrer are
scrubbed before anything can log them, the session is kept exactly as it was, and error reports
carry no user, header or field. The views pass no user to the services, write no access-log row
and send no notice; a receipt is rendered in answer to the POST (no redirect, no message in the
session), so the code is shown once and kept nowhere.

Flooding is limited without storing who: a force-wide count in the shared cache (a constant key,
so nothing in it says whose) and a signed counter held only in the reporter's own browser.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import is_ratelimited

from ccu.forms.line import LineReportForm, ReplyForm, ReturnForm
from ccu.models import Anonymity
from ccu.selectors.line import reporter_dialogue
from ccu.services import line as services
from standards.core.extensions import require_person
from standards.core.forms import apply_errors
from standards.core.middleware import unidentified

# Force-wide: far above the five or six reports a day a force receives, low enough that a script
# cannot bury them. Per browser: more than anyone reporting in earnest sends in ten minutes.
REPORTS_FORCE_WIDE = "60/10m"
RETURNS_FORCE_WIDE = "300/10m"
PER_BROWSER = 5
WRONG_CODES_PER_BROWSER = 10
WINDOW_SECONDS = 10 * 60

COOKIE = "reporting_line"
COOKIE_SALT = "ccu.reporting-line"
COOKIE_PATH = "/my/reporting-line/"


def _everyone(group: str, request: HttpRequest) -> str:
    return "force"  # one bucket for the whole force: the count says nothing about who


def _counts(request: HttpRequest) -> dict[str, int]:
    raw = request.get_signed_cookie(COOKIE, default="", salt=COOKIE_SALT, max_age=WINDOW_SECONDS)
    try:
        sent, wrong = (int(part) for part in raw.split(":"))
    except ValueError:
        sent, wrong = 0, 0
    return {"sent": sent, "wrong": wrong}


def _remember(response: HttpResponse, counts: dict[str, int]) -> HttpResponse:
    response.set_signed_cookie(
        COOKIE,
        f"{counts['sent']}:{counts['wrong']}",
        salt=COOKIE_SALT,
        max_age=WINDOW_SECONDS,
        path=COOKIE_PATH,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def _busy(request: HttpRequest) -> HttpResponse:
    return render(request, "my/ccu/busy.html", status=429)


def _limited(request: HttpRequest, *, group: str, rate: str, browser_over: bool) -> bool:
    """Over the force-wide or this browser's limit (counting this attempt force-wide)."""
    force_over = is_ratelimited(
        request, group=group, key=_everyone, rate=rate, method="POST", increment=True
    )
    return force_over or browser_over


@unidentified
@require_GET
def line_start(request: HttpRequest) -> HttpResponse:
    require_person(request)
    return render(request, "my/ccu/start.html")


@unidentified
@require_http_methods(["GET", "POST"])
def line_report(request: HttpRequest) -> HttpResponse:
    require_person(request)
    form = LineReportForm(request.POST or None)
    if request.method == "POST":
        counts = _counts(request)
        over = counts["sent"] >= PER_BROWSER
        if _limited(request, group="ccu-line-report", rate=REPORTS_FORCE_WIDE, browser_over=over):
            return _busy(request)
        if form.is_valid():
            confidential = form.cleaned_data["anonymity"] == Anonymity.CONFIDENTIAL
            try:
                line_report, code = services.line_report_make(
                    what_happened=form.cleaned_data["what_happened"],
                    when_where=form.cleaned_data["when_where"],
                    anonymity=form.cleaned_data["anonymity"],
                    # Only a reporter who chose to be confidential is named, and only to the seal.
                    person=request.user.person if confidential else None,
                    today=timezone.localdate(),
                )
            except ValidationError as error:
                apply_errors(form, error)
            else:
                counts["sent"] += 1
                response = render(
                    request,
                    "my/ccu/receipt.html",
                    {"code": code, "confidential": confidential, "line_report": line_report},
                )
                return _remember(response, counts)
    return render(request, "my/ccu/report.html", {"form": form})


def _dialogue(request: HttpRequest, line_report, code: str, reply_form, sent: bool = False):
    messages = [
        {"from_ccu": m.direction == "to_reporter", "text": m.text, "sent_on": m.sent_on}
        for m in reporter_dialogue(line_report=line_report)
    ]
    return render(
        request,
        "my/ccu/dialogue.html",
        {
            "received_on": line_report.received_on,
            "account": line_report.account,
            "confidential": line_report.anonymity == Anonymity.CONFIDENTIAL,
            "messages_": messages,
            "code": code,
            "form": reply_form,
            "sent": sent,
        },
    )


@unidentified
@require_http_methods(["GET", "POST"])
def line_return(request: HttpRequest) -> HttpResponse:
    """The code is typed into a form and posted, never put in a URL: a URL is kept in the
    browser's history and in server logs."""
    require_person(request)
    form = ReturnForm(request.POST or None)
    if request.method != "POST":
        return render(request, "my/ccu/return.html", {"form": form})
    counts = _counts(request)
    over = counts["wrong"] >= WRONG_CODES_PER_BROWSER
    if _limited(request, group="ccu-line-return", rate=RETURNS_FORCE_WIDE, browser_over=over):
        return _busy(request)
    if not form.is_valid():
        return render(request, "my/ccu/return.html", {"form": form})
    code = form.cleaned_data["code"]
    replying = "reply" in request.POST
    reply_form = ReplyForm(request.POST if replying else None)
    line_report = services.line_report_for_code(code=code)
    if line_report is None:
        # A wrong code: the same lookup and slow hash check as a right one, then a clear error.
        form.add_error("code", "Enter the receipt code exactly as it was shown to you")
        counts["wrong"] += 1
        return _remember(render(request, "my/ccu/return.html", {"form": form}), counts)
    if replying and reply_form.is_valid():
        try:
            services.line_reply(
                code=code, text=reply_form.cleaned_data["reply"], today=timezone.localdate()
            )
        except ValidationError as error:
            apply_errors(reply_form, error)
        else:
            return _dialogue(request, line_report, code, ReplyForm(), sent=True)
    return _dialogue(request, line_report, code, reply_form)
