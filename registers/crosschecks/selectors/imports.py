"""Reading the imports: PSD's alone (``rules``); everyone else gets a 404."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import QuerySet
from django.http import Http404

from registers.crosschecks.models import ImportBatch, ImportStatus
from registers.crosschecks.services.imports import progress_key
from standards.access import policy
from standards.access.roles import PSD_ROLES


def require_may_import(user) -> None:
    if not policy.holds(user, *PSD_ROLES):
        raise Http404


def import_list_for_user(*, user) -> QuerySet[ImportBatch]:
    require_may_import(user)
    return policy.visible(user, ImportBatch.objects.select_related("uploaded_by__person"))


def import_get_for_user(*, user, pk: int) -> ImportBatch:
    require_may_import(user)
    batch = policy.visible(user, ImportBatch.objects.select_related("uploaded_by__person")).filter(
        pk=pk
    )
    found = batch.first()
    if found is None:
        raise Http404
    return found


def import_progress(batch: ImportBatch) -> dict:
    """How far the import has gone: the importer's running count from the cache while its
    transaction is open, the batch's own figures once it has committed."""
    done = batch.rows_done
    if batch.status in (ImportStatus.QUEUED, ImportStatus.IMPORTING):
        done = max(done, int(cache.get(progress_key(batch.pk)) or 0))
    total = batch.rows_total
    finished = batch.status in (ImportStatus.IMPORTED, ImportStatus.FAILED)
    percent = (
        100
        if batch.status == ImportStatus.IMPORTED
        else (min(99, int(100 * done / total)) if total else 0)
    )
    return {
        "status": batch.status,
        "status_label": batch.get_status_display(),
        "rows_done": min(done, total),
        "rows_total": total,
        "percent": percent,
        "finished": finished,
    }
