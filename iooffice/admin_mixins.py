from django.contrib import admin
from django.db import transaction

from iooffice.audit.services import audit_record
from iooffice.services import audited_delete, audited_save


class AuditedModelAdmin(admin.ModelAdmin):
    """Admin changes go through the audited save/delete helpers; many-to-many changes are audited too."""

    def save_model(self, request, obj, form, change):
        audited_save(actor=request.user, instance=obj, validate=False)  # the model form has validated

    def delete_model(self, request, obj):
        audited_delete(actor=request.user, instance=obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                audited_delete(actor=request.user, instance=obj)

    def save_related(self, request, form, formsets, change):
        names = [f.name for f in form.instance._meta.many_to_many if f.name in form.cleaned_data]
        before = {n: self._m2m_labels(form.instance, n) for n in names} if change else {n: set() for n in names}
        super().save_related(request, form, formsets, change)
        for name in names:
            after = self._m2m_labels(form.instance, name)
            if after != before[name]:
                audit_record(
                    actor=request.user,
                    action=f"{form.instance._meta.label_lower}.{name}_change",
                    obj=form.instance,
                    details={"added": sorted(after - before[name]), "removed": sorted(before[name] - after)},
                )

    @staticmethod
    def _m2m_labels(instance, name: str) -> set[str]:
        return {str(o) for o in getattr(instance, name).all()}
