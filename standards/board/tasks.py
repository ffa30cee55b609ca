"""The board's background task: the figures of the periods its pages open on, counted ahead of
their readers every few minutes (``standards.board.selectors.summary.count_ahead``)."""

from __future__ import annotations

from celery import shared_task
from django.utils import timezone

from standards.board.selectors.summary import count_ahead


@shared_task(acks_late=True, ignore_result=False)
def count_board_figures() -> int:
    """Count and keep the standing periods' figures. Safe to run at any time and twice at once:
    each run replaces what is kept with what it counted."""
    return count_ahead(today=timezone.localdate())
