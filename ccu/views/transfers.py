"""Transfer disclosures, for the head of the CCU only: the list, an outgoing pack (answers, a
preview, then the PDF), an incoming pack's upload, a disclosure's page and its pack."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from ccu.forms.transfers import IncomingForm, OutgoingForm
from ccu.models import TransferDisclosure
from ccu.selectors import transfers as selectors
from ccu.services import transfers as services
from standards.access.models import AccessAction, Area
from standards.access.pages import log_record, record_page, record_search
from standards.core.forms import apply_errors


@require_GET
def transfer_list(request: HttpRequest) -> HttpResponse:
    disclosures = selectors.transfer_list_for_user(user=request.user)
    page = Paginator(disclosures, 50).get_page(request.GET.get("page"))
    record_search(request, area=Area.CCU, result_count=page)
    return render(request, "ccu/transfers/list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def transfer_new(request: HttpRequest) -> HttpResponse:
    """The answers, then a preview of the pack, then the pack produced and recorded."""
    selectors.require_head(user=request.user)
    form = OutgoingForm(request.POST or None)
    if request.method == "POST" and "change" not in request.POST and form.is_valid():
        try:
            if "confirmed" not in request.POST:
                answers = services.clean_outgoing(**form.cleaned_data, acting_user=request.user)
                contents = selectors.pack_contents(
                    person=answers.person,
                    other_force=answers.other_force,
                    recipient=answers.recipient,
                    intelligence_summary=answers.intelligence_summary,
                    produced_on=timezone.localdate(),
                    produced_by=request.user.display_name,
                )
                return render(
                    request, "ccu/transfers/preview.html", {"form": form, "pack": contents}
                )
            disclosure = services.transfer_pack_produce(
                **form.cleaned_data, acting_user=request.user
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            # The pack is made to be sent: its disclosure, with the recipient, is in the log.
            log_record(
                request, disclosure, action=AccessAction.DISCLOSURE, recipient=disclosure.recipient
            )
            messages.success(
                request,
                f"The transfer pack for {disclosure.person.display_name} is ready. Download it "
                f"and send it to {disclosure.recipient} by a secure route.",
            )
            return redirect("ccu:transfer_detail", pk=disclosure.pk)
    return render(request, "ccu/transfers/new.html", {"form": form})


@require_http_methods(["GET", "POST"])
def transfer_incoming(request: HttpRequest) -> HttpResponse:
    selectors.require_head(user=request.user)
    form = IncomingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            disclosure = services.transfer_incoming_record(
                staff_number=form.cleaned_data["staff_number"],
                other_force=form.cleaned_data["other_force"],
                sender=form.cleaned_data["sender"],
                upload=form.cleaned_data["pack"],
                acting_user=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"The pack from {disclosure.other_force} is recorded against "
                f"{disclosure.person.display_name}. Read it, and record anything it raises as "
                "intelligence.",
            )
            return redirect("ccu:transfer_detail", pk=disclosure.pk)
    return render(request, "ccu/transfers/incoming.html", {"form": form})


@require_GET
@record_page(selectors.transfer_get_for_user)
def transfer_detail(request: HttpRequest, disclosure: TransferDisclosure) -> HttpResponse:
    return render(request, "ccu/transfers/detail.html", {"disclosure": disclosure})


# A download is a copy of the pack leaving the service: logged as a disclosure.
@require_GET
@record_page(selectors.transfer_pack_get_for_user, action=AccessAction.DISCLOSURE)
def transfer_pack(request: HttpRequest, disclosure: TransferDisclosure) -> HttpResponse:
    response = FileResponse(
        disclosure.pack.open("rb"),
        as_attachment=True,
        filename=f"transfer-pack-{disclosure.pk}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
