"""Writing the access log. Every view of a protected record calls ``record_access`` before it
renders; if the row cannot be written the exception propagates and the page is not served."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from standards.access.models import AccessAction, AccessLogEntry, Area


def opaque_ref(obj: models.Model) -> str:
    """A stable reference for a CCU record that names neither the record nor its subject.

    The same record always gets the same reference, so an auditor can see that one analyst opened
    one record forty times, without the log disclosing which record it was.
    """
    message = f"{obj._meta.label_lower}:{obj.pk}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"CCU-{digest[:16].upper()}"


def record_ref(obj: models.Model, area: Area) -> str:
    if area == Area.CCU:
        return opaque_ref(obj)
    return f"{obj._meta.label_lower}:{obj.pk}"


def record_access(
    *,
    request: HttpRequest,
    action: AccessAction,
    area: Area,
    obj: models.Model | None = None,
    label: str = "",
    justification: str = "",
    recipient: str = "",
    search_terms: str = "",
    result_count: int | None = None,
) -> AccessLogEntry:
    user = request.user if request.user.is_authenticated else None
    match = getattr(request, "resolver_match", None)
    entry = AccessLogEntry(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        area=area,
        view_name=match.view_name if match else "",
        justification=justification,
        recipient=recipient,
        result_count=result_count,
        request_id=getattr(request, "request_id", ""),
    )
    if obj is not None:
        entry.record_ref = record_ref(obj, area)
        if area != Area.CCU:
            # Inside the corridor the log keeps only the opaque reference: no id, no title.
            entry.content_type = ContentType.objects.get_for_model(obj)
            entry.object_id = str(obj.pk)
            entry.record_label = (label or str(obj))[:300]
    if area != Area.CCU:
        entry.search_terms = search_terms[:300]
    entry.save()
    return entry
