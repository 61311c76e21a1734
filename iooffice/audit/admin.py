from django.contrib import admin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Browse and filter only: no add, change or delete, for anyone (the database refuses too)."""

    list_display = ["occurred_at", "actor_label", "action", "object_type", "object_repr", "ip_address"]
    list_filter = ["action", "object_type", ("occurred_at", admin.DateFieldListFilter)]
    search_fields = ["actor_label", "action", "object_repr", "object_id", "ip_address"]
    date_hierarchy = "occurred_at"
    list_select_related = ["actor"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

