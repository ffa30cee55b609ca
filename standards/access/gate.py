"""Break glass: a record the user may see but that is not allocated to them opens only after they
give a reason, which goes into the access log. Allocated records open directly."""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from standards.access import policy
from standards.access.audit import record_access
from standards.access.forms import JustificationForm
from standards.access.models import AccessAction


def justification_gate(request: HttpRequest, obj: models.Model) -> HttpResponse | None:
    """``None`` when the record may open now; otherwise the page asking for a reason (GET, or a
    POST with errors) or the redirect back to the record once a reason has been logged."""
    if not policy.needs_justification(request.user, obj):
        return None
    form = JustificationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        record_access(
            request=request,
            action=AccessAction.JUSTIFICATION,
            area=policy.rule_for(type(obj)).area,
            obj=obj,
            justification=form.cleaned_data["justification"],
        )
        return redirect(request.path)
    return render(request, "access/justify.html", {"form": form}, status=200)
