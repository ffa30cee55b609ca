"""Writing the access log. Every view of a protected record calls ``record_access`` before it
renders; if the row cannot be written the exception propagates and the page is not served.

Rows written by a member of the Counter Corruption Unit (CCU), or about CCU material, are opaque
to the auditor: area CCU, an opaque reference, a generic page name and nothing else that could
name a record or a person. A CCU analyst who reads an association and then the associate's
directory page would otherwise leave the person's name in the log in the same second as the
opaque row, and the auditor could join the two. Their full details go into the companion
``AccessLogDetail``, in the same transaction, for the CCU head's audit page.
"""

from __future__ import annotations

import hashlib
import hmac

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.http import HttpRequest
from django.utils.text import capfirst

from standards.access import policy
from standards.access.models import AccessAction, AccessLogDetail, AccessLogEntry, Area

# The page name every opaque row carries: which CCU page was open is itself CCU material.
OPAQUE_VIEW_NAME = "ccu"

# Pages by name, as the log shows them. Areas add theirs with ``register_page_names``; a page
# without one is named from its URL name ("interests:detail" -> "Business interests: detail").
_PAGE_NAMES: dict[str, str] = {
    OPAQUE_VIEW_NAME: "A Counter Corruption Unit page",
    "audit:access_log": "Access log",
    "audit:access_log_export": "Access log export",
    "audit:ccu_log": "CCU audit log",
    "audit:ccu_log_export": "CCU audit log export",
}


def register_page_names(names: dict[str, str]) -> None:
    """Name pages for the access log, by URL name: ``{"gifts:detail": "Gift declaration"}``."""
    _PAGE_NAMES.update(names)


def page_name(view_name: str) -> str:
    """The page a log row was written from, in words."""
    if not view_name:
        return ""
    if view_name in _PAGE_NAMES:
        return _PAGE_NAMES[view_name]
    namespace, _, url_name = view_name.rpartition(":")
    area = namespace.rpartition(":")[2]
    try:
        area_name = apps.get_app_config(area).verbose_name
    except LookupError:
        area_name = capfirst(area.replace("_", " "))
    page = url_name.replace("_", " ")
    return f"{area_name}: {page}" if area_name else capfirst(page)


def opaque_ref(obj: models.Model) -> str:
    """A stable reference for a CCU record that names neither the record nor its subject.

    The same record always gets the same reference, so an auditor can see that one analyst opened
    one record forty times, without the log disclosing which record it was.
    """
    message = f"{obj._meta.label_lower}:{obj.pk}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()
    return f"CCU-{digest[:16].upper()}"


def readable_ref(obj: models.Model) -> str:
    """How the log names a record: by its own reference where it has one (BI-00230 for a business
    interest, GH-000449 for a gift), otherwise by its kind and number ("Person 41")."""
    reference = getattr(obj, "reference", None)
    if isinstance(reference, str) and reference:
        return reference[:64]
    return f"{capfirst(obj._meta.verbose_name)} {obj.pk}"[:64]


def is_opaque(*, user, area: Area) -> bool:
    """Whether the auditor sees this row as opaque: CCU material, or read by a CCU member."""
    return area == Area.CCU or (user is not None and policy.in_ccu(user))


def record_ref(obj: models.Model, area: Area, user=None) -> str:
    """The reference the auditor's row holds for ``obj`` when ``user`` reads it in ``area``."""
    if is_opaque(user=user, area=area):
        return opaque_ref(obj)
    return readable_ref(obj)


def _reads_own_ccu_record(user, obj: models.Model) -> bool:
    if policy.in_ccu(user) or not getattr(user, "person_id", None):
        return False
    try:
        paths = policy.rule_for(type(obj)).subject_paths
    except LookupError:
        return False
    if not paths:
        return False
    about_user = ~policy.not_about(user, paths)
    return type(obj)._default_manager.filter(about_user, pk=obj.pk).exists()


@transaction.atomic(savepoint=False)
def record_access(
    *,
    request: HttpRequest | None,
    action: AccessAction,
    area: Area,
    obj: models.Model | None = None,
    label: str = "",
    justification: str = "",
    recipient: str = "",
    search_terms: str = "",
    result_count: int | None = None,
    user=None,
    source: str = "",
) -> AccessLogEntry:
    """One row. A service that runs outside any page (from a management command, a task or the
    admin) passes ``request=None``, the acting ``user`` and its own name as ``source``."""
    if request is not None:
        user = request.user if request.user.is_authenticated else None
        match = getattr(request, "resolver_match", None)
        source = match.view_name if match else ""
    details = AccessLogDetail(
        area=area,
        view_name=source,
        justification=justification,
        recipient=recipient[:300],
        search_terms=search_terms[:300],
        request_id=getattr(request, "request_id", "") if request is not None else "",
    )
    if obj is not None:
        details.content_type = ContentType.objects.get_for_model(obj)
        details.object_id = str(obj.pk)
        details.record_ref = readable_ref(obj)
        details.record_label = (label or str(obj))[:300]
    entry = AccessLogEntry(
        user=user,
        username=user.get_username() if user else "",
        action=action,
        result_count=result_count,
    )
    if is_opaque(user=user, area=area):
        if obj is not None and user is not None and _reads_own_ccu_record(user, obj):
            # A member reading a CCU record about themselves from outside the CCU (their own
            # notifiable association): their name beside a CCU reference would tell the auditor
            # they have one. The auditor's row keeps the time and the opaque reference; the CCU
            # head's details keep who.
            details.username = entry.username
            entry.user = None
            entry.username = ""
        entry.area = Area.CCU
        entry.record_ref = opaque_ref(obj) if obj is not None else ""
        entry.view_name = OPAQUE_VIEW_NAME
        entry.save()
        details.entry = entry
        details.save(force_insert=True)
        return entry
    entry.area = area
    for field in (
        "content_type",
        "object_id",
        "record_ref",
        "record_label",
        "view_name",
        "justification",
        "recipient",
        "search_terms",
        "request_id",
    ):
        setattr(entry, field, getattr(details, field))
    entry.save()
    return entry
