from django.contrib import admin

from iooffice.admin_mixins import AuditedModelAdmin

from .models import CalendarException


@admin.register(CalendarException)
class CalendarExceptionAdmin(AuditedModelAdmin):
    list_display = ["date", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["reason"]
