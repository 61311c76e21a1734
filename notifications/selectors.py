"""Reads of notifications: a user only ever sees their own, and only about documents they may still view."""
from django.db.models import Q, QuerySet

from documents.models import Document
from documents.policies import document_visibility_q

from .models import Notification


def notification_list_visible_to(user) -> QuerySet[Notification]:
    """The user's notifications, minus those about a document they can no longer see (access removed)."""
    if not getattr(user, "is_authenticated", False):
        return Notification.objects.none()
    visible_documents = Document.objects.filter(document_visibility_q(user)).values("pk")
    return (Notification.objects.filter(recipient=user)
            .filter(Q(document__isnull=True) | Q(document_id__in=visible_documents))
            .select_related("document"))


def notification_unread_count(user) -> int:
    return notification_list_visible_to(user).filter(read_at__isnull=True).count()


def notification_get_for_user(user, notification_id: int) -> Notification:
    """Raises Notification.DoesNotExist for another user's notification, as for one that does not exist."""
    return notification_list_visible_to(user).get(pk=notification_id)
