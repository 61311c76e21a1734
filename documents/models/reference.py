"""Reference data the registers and numbering rely on. Documents themselves arrive with their own issue."""
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit


class DocumentType(models.Model):
    """Tên loại văn bản, e.g. Công văn (CV), Nghị quyết (NQ)."""

    # Not unique: Quyết định and Quy định are both "QĐ" in Party symbols and so share one number sequence.
    abbreviation = models.CharField(_("abbreviation"), max_length=10, db_index=True, help_text=_("e.g. CV, NQ, QĐ"))
    name = models.CharField(_("name"), max_length=100, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    sort_order = models.PositiveIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("document type")
        verbose_name_plural = _("document types")
        ordering = ["sort_order", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class Issuer(models.Model):
    """Cơ quan ban hành: the code used after the slash of a symbol (TU in 123-CV/TU), valid for a period."""

    code = models.CharField(_("code"), max_length=30, help_text=_("e.g. TU, VPTU, BTCTU"))
    name = models.CharField(_("name"), max_length=255)
    org_unit = models.ForeignKey(
        OrgUnit,
        verbose_name=_("organisation unit in the system"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issuers",
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"), null=True, blank=True)

    class Meta:
        verbose_name = _("issuer")
        verbose_name_plural = _("issuers")
        ordering = ["code", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["code", "valid_from"], name="issuer_code_valid_from_unique"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="issuer_validity_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.name}"

    def clean(self) -> None:
        super().clean()
        if self.valid_to and self.valid_from and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end of validity must not be before its start.")})
        overlapping = Issuer.objects.filter(code=self.code).exclude(pk=self.pk)
        overlapping = overlapping.filter(Q(valid_to__isnull=True) | Q(valid_to__gte=self.valid_from))
        if self.valid_to:
            overlapping = overlapping.filter(valid_from__lte=self.valid_to)
        if self.valid_from and overlapping.exists():
            raise ValidationError({"code": _("Another issuer with this code is valid in an overlapping period.")})


class CommitteeTerm(models.Model):
    """Nhiệm kỳ. Outgoing numbers restart per term; exactly one term is current."""

    name = models.CharField(_("name"), max_length=50, unique=True, help_text=_("e.g. 2025–2030"))
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"), null=True, blank=True)
    is_current = models.BooleanField(_("current term"), default=False)

    class Meta:
        verbose_name = _("committee term")
        verbose_name_plural = _("committee terms")
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["is_current"], condition=Q(is_current=True), name="one_current_term"),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gt=models.F("start_date")),
                name="term_dates_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.end_date and self.start_date and self.end_date <= self.start_date:
            raise ValidationError({"end_date": _("The end date must be after the start date.")})
