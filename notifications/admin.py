from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """Read-only: notifications are written by services only."""

    list_display = ["created_at", "recipient", "kind", "document", "read_at", "email_state"]
    list_filter = ["kind", "email_state"]
    search_fields = ["recipient__username", "recipient__full_name"]
    raw_id_fields = ["recipient", "document"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "digest_hour", "last_digest_on"]
    raw_id_fields = ["user"]
