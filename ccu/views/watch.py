"""The CCU's watchlist pages: the list, adding someone, an entry with its alerts (review, take
off), and every alert the viewer may see. All of them are a 404 outside the CCU, and an entry
is a 404 to the person it is about."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.watch import WatchAddForm, WatchRemoveForm, WatchReviewForm
from ccu.selectors import watch as selectors
from ccu.services import watch as services
from standards.access.models import Area
from standards.access.pages import record_page, record_search
from standards.core.forms import apply_errors


@require_GET
def watchlist(request: HttpRequest) -> HttpResponse:
    entries = selectors.watchlist_for_user(user=request.user)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    rows = [(entry, selectors.review_due(entry)) for entry in page]
    return render(request, "ccu/watch/list.html", {"page": page, "rows": rows})


@require_http_methods(["GET", "POST"])
def watch_add(request: HttpRequest) -> HttpResponse:
    selectors.require_ccu(user=request.user)
    form = WatchAddForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        person = selectors.person_for_staff_number(
            user=request.user, staff_number=form.cleaned_data["staff_number"]
        )
        try:
            entry = services.watch_add(
                person=person,
                reason=form.cleaned_data["reason"],
                review_on=form.cleaned_data["review_on"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{entry.person.display_name} is on the watchlist. Anything new about them in "
                "any area now raises an alert here; they and everyone outside the CCU are "
                f"never told. Review the entry by {entry.review_on:%-d %B %Y}.",
            )
            return redirect("ccu:watch_detail", pk=entry.pk)
    return render(request, "ccu/watch/add.html", {"form": form})


@require_http_methods(["GET", "POST"])
@record_page(selectors.watch_entry_get_for_user)
def watch_detail(request: HttpRequest, entry) -> HttpResponse:
    action = request.POST.get("action") if request.method == "POST" else None
    review_form = WatchReviewForm(request.POST if action == "review" else None, prefix="review")
    remove_form = WatchRemoveForm(request.POST if action == "remove" else None, prefix="remove")
    if action == "review" and review_form.is_valid():
        try:
            services.watch_review(
                entry=entry,
                review_on=review_form.cleaned_data["review_on"],
                note=review_form.cleaned_data["note"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(review_form, error)
        else:
            messages.success(
                request,
                f"The entry is reviewed. {entry.person.display_name} stays on the watchlist "
                f"until the next review, on {review_form.cleaned_data['review_on']:%-d %B %Y}.",
            )
            return redirect("ccu:watch_detail", pk=entry.pk)
    elif action == "remove" and remove_form.is_valid():
        try:
            services.watch_remove(
                entry=entry, reason=remove_form.cleaned_data["reason"], acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(remove_form, error)
        else:
            messages.success(
                request,
                f"{entry.person.display_name} is off the watchlist. Nothing new about them "
                "raises an alert from now on; the entry and its alerts are kept.",
            )
            return redirect("ccu:watchlist")
    return render(
        request,
        "ccu/watch/detail.html",
        {
            "entry": entry,
            "review_due": selectors.review_due(entry),
            "alerts": selectors.entry_alerts_for_user(user=request.user, entry=entry),
            "review_form": review_form,
            "remove_form": remove_form,
            "history": selectors.entry_history(entry=entry),
        },
    )


@require_http_methods(["GET", "POST"])
def alert_list(request: HttpRequest) -> HttpResponse:
    alerts = selectors.alert_list_for_user(user=request.user)
    if request.method == "POST":
        alert = selectors.alert_get_for_user(user=request.user, pk=_int(request.POST.get("alert")))
        services.alert_mark_seen(alert=alert, acting_user=request.user)
        messages.success(request, "The alert is marked as seen. It moves below the unseen ones.")
        return redirect("ccu:alert_list")
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(
        request, "ccu/watch/alerts.html", {"page": page, "rows": selectors.alert_rows(page)}
    )


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
