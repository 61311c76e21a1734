from django.contrib import admin

from iooffice.admin_mixins import AuditedModelAdmin

from .models import CalendarException, ChainStep, ChainTemplate, DeadlineRule


@admin.register(CalendarException)
class CalendarExceptionAdmin(AuditedModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["reason"]


class ChainStepInline(admin.TabularInline):
    model = ChainStep
    extra = 1
    fields = ["order", "name", "actor_kind", "role", "person", "group", "due_working_days"]
    autocomplete_fields = ["person"]


@admin.register(ChainTemplate)
class ChainTemplateAdmin(AuditedModelAdmin):
    """Admins define, per agency and document type, the ordered steps of approval."""

    list_display = ["name", "agency", "doc_type", "restart_after_return", "is_active"]
    list_filter = ["is_active", "agency"]
    inlines = [ChainStepInline]


@admin.register(DeadlineRule)
class DeadlineRuleAdmin(AuditedModelAdmin):
    """When reminders and escalations go out, per agency and urgency; the most specific rule applies."""

    list_display = ["__str__", "remind_working_days", "escalate_leader_working_days"]
    list_filter = ["agency", "urgency"]
