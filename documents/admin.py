from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from iooffice.admin_mixins import AuditedModelAdmin

from . import services
from .models import CommitteeTerm, DocumentType, Issuer


@admin.register(DocumentType)
class DocumentTypeAdmin(AuditedModelAdmin):
    list_display = ["name", "abbreviation", "sort_order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "abbreviation"]


@admin.register(Issuer)
class IssuerAdmin(AuditedModelAdmin):
    list_display = ["code", "name", "org_unit", "valid_from", "valid_to"]
    search_fields = ["code", "name"]
    list_select_related = ["org_unit"]
    autocomplete_fields = ["org_unit"]


@admin.register(CommitteeTerm)
class CommitteeTermAdmin(AuditedModelAdmin):
    list_display = ["name", "start_date", "end_date", "is_current"]
    actions = ["make_current"]

    @admin.action(description=_("Make the selected term the current term"))
    def make_current(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, _("Select exactly one term."), messages.ERROR)
            return
        services.term_set_current(actor=request.user, term=queryset.get())
        self.message_user(request, _("The current term was changed."), messages.SUCCESS)
