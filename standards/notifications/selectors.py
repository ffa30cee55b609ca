from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from standards.notifications.models import Notification


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user)


def notification_get_for_user(*, user, pk: int) -> Notification:
    notification = Notification.objects.filter(recipient=user, pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def unread_count(*, user) -> int:
    """The header's badge: notices the user has not opened and nobody has dealt with yet, the
    same ones the list tags "New"."""
    return Notification.objects.filter(recipient=user).waiting().count()
