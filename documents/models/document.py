from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from accounts.models import OrgUnit

from .reference import CommitteeTerm, DocumentType, Issuer


class Document(models.Model):
    """A document of one agency: incoming (văn bản đến) now, outgoing (văn bản đi) with its own issue."""

    class Kind(models.TextChoices):
        INCOMING = "incoming", _("Incoming")
        OUTGOING = "outgoing", _("Outgoing")

    class Urgency(models.TextChoices):
        NORMAL = "normal", _("Normal")
        URGENT = "urgent", _("Urgent")
        VERY_URGENT = "very_urgent", _("Very urgent")
        FLASH = "flash", _("Flash")

    class Secrecy(models.TextChoices):
        ORDINARY = "ordinary", _("Ordinary (not secret)")
        SECRET = "secret", _("Secret")
        TOP_SECRET = "top_secret", _("Top secret")
        ABSOLUTE_SECRET = "absolute_secret", _("Absolutely secret")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Awaiting direction")
        QUARANTINED = "quarantined", _("Quarantined (possible secrecy mark)")
        IN_PROGRESS = "in_progress", _("Being handled")
        COMPLETED = "completed", _("Completed")
        RETURNED = "returned", _("Returned to sender")
        PURGED = "purged", _("Purged")
        RECALLED = "recalled", _("Recalled by the sender")
        # Outgoing documents
        DRAFT = "draft", _("Draft")
        IN_REVIEW = "in_review", _("In approval")
        CHANGES_REQUESTED = "changes_requested", _("Returned for changes")
        REJECTED = "rejected", _("Rejected")
        APPROVED = "approved", _("Approved, awaiting issue")
        ISSUED = "issued", _("Issued")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    agency = models.ForeignKey(OrgUnit, verbose_name=_("agency"), on_delete=models.PROTECT, related_name="documents")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, db_index=True)

    arrival_year = models.PositiveSmallIntegerField(_("arrival year"), null=True, blank=True)
    arrival_number = models.PositiveIntegerField(_("arrival number"), null=True, blank=True)
    arrival_at = models.DateTimeField(_("arrival date and time"), null=True, blank=True)

    issuer = models.ForeignKey(Issuer, verbose_name=_("issuer"), null=True, blank=True, on_delete=models.PROTECT)
    issuer_name = models.CharField(_("issuing organisation"), max_length=255)
    symbol = models.CharField(_("number and symbol"), max_length=80, blank=True)
    symbol_key = models.CharField(max_length=80, blank=True, db_index=True, editable=False)
    issued_date = models.DateField(_("document date"), null=True, blank=True)
    doc_type = models.ForeignKey(DocumentType, verbose_name=_("document type"), null=True, blank=True, on_delete=models.PROTECT)
    summary = models.TextField(_("summary"))
    signer = models.CharField(_("signer"), max_length=200, blank=True)
    urgency = models.CharField(_("urgency"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.CharField(_("secrecy"), max_length=20, choices=Secrecy.choices, default=Secrecy.ORDINARY)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    copies = models.PositiveSmallIntegerField(_("copies"), default=1)
    reply_deadline = models.DateField(_("requested reply deadline"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    duplicate_reason = models.TextField(_("reason for registering a second copy"), blank=True)

    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    quarantine_mark = models.CharField(_("secrecy mark found"), max_length=20, blank=True)
    secrecy_confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    secrecy_confirmation_reason = models.TextField(blank=True)
    purged_at = models.DateTimeField(null=True, blank=True)
    return_reason = models.TextField(_("reason for return"), blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    reply_document = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    # Outgoing documents: drafting unit, numbering under a committee term, exchange and recall.
    department = models.ForeignKey(OrgUnit, verbose_name=_("drafting unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    in_reply_to = models.ForeignKey("self", verbose_name=_("answers incoming document"), null=True, blank=True, on_delete=models.SET_NULL, related_name="replies")
    term = models.ForeignKey(CommitteeTerm, verbose_name=_("committee term"), null=True, blank=True, on_delete=models.PROTECT)
    number = models.PositiveIntegerField(_("number"), null=True, blank=True)
    external_recipients = models.TextField(_("recipients outside the system"), blank=True, help_text=_("One per line."))
    approved_version = models.ForeignKey("documents.FileVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField(null=True, blank=True)
    recalled_at = models.DateTimeField(null=True, blank=True)
    recall_reason = models.TextField(_("reason for recall"), blank=True)
    exchanged_from = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="exchange_copies")

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-created_at", "-id"]
        default_permissions = ("view", "change")
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "arrival_year", "arrival_number"],
                condition=Q(kind="incoming"),
                name="incoming_arrival_number_unique",
            ),
            models.CheckConstraint(
                condition=~Q(kind="incoming") | (Q(arrival_number__isnull=False) & Q(arrival_year__isnull=False)),
                name="incoming_has_arrival_number",
            ),
            models.UniqueConstraint(
                fields=["issuer", "term", "symbol_key"],
                condition=Q(kind="outgoing", number__isnull=False),
                name="outgoing_symbol_unique_per_issuer_and_term",
            ),
            # Secret documents never enter the system, whatever path the data takes.
            models.CheckConstraint(condition=Q(secrecy="ordinary"), name="document_never_secret"),
        ]
        indexes = [models.Index(fields=["agency", "kind", "status"]), models.Index(fields=["issued_date", "symbol_key"])]

    def __str__(self) -> str:
        if self.kind == self.Kind.INCOMING and self.arrival_number:
            return f"{self.arrival_number}/{self.arrival_year} — {self.symbol or self.summary[:60]}"
        return self.symbol or self.summary[:60]


class OutgoingRecipient(models.Model):
    """An agency inside the system that an outgoing document is issued to, with its receipt state."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting registration")
        REGISTERED = "registered", _("Registered")
        RECALLED = "recalled", _("Recalled")

    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="recipients")
    agency = models.ForeignKey(OrgUnit, verbose_name=_("recipient agency"), on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=12, choices=State.choices, default=State.PENDING, db_index=True)
    received_at = models.DateTimeField(null=True, blank=True)
    incoming = models.OneToOneField(Document, null=True, blank=True, on_delete=models.PROTECT, related_name="exchange_receipt")
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    registered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("recipient")
        verbose_name_plural = _("recipients")
        constraints = [models.UniqueConstraint(fields=["document", "agency"], name="recipient_once_per_document")]


class NumberCounter(models.Model):
    """Last outgoing number per issuer × document type abbreviation × committee term (locked when issuing).

    Keyed by abbreviation: Quyết định and Quy định are both QĐ and so share one sequence; secret documents of the
    same type take their numbers here too, through reservations."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="+")
    abbreviation = models.CharField(max_length=10)
    term = models.ForeignKey(CommitteeTerm, on_delete=models.PROTECT, related_name="+")
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "abbreviation", "term"], name="number_counter_unique")]


class NumberReservation(models.Model):
    """A number taken for a secret document handled off-system: who, when and why; never its content."""

    issuer = models.ForeignKey(Issuer, on_delete=models.PROTECT, related_name="+")
    abbreviation = models.CharField(max_length=10)
    term = models.ForeignKey(CommitteeTerm, on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    symbol = models.CharField(max_length=80)
    reason = models.TextField(_("reason"))
    reserved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reserved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("number reservation")
        verbose_name_plural = _("number reservations")
        constraints = [models.UniqueConstraint(fields=["issuer", "abbreviation", "term", "number"], name="reservation_number_unique")]


class ArrivalCounter(models.Model):
    """Last arrival number per receiving agency and calendar year; locked while registering."""

    agency = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year"], name="arrival_counter_unique")]


class DocumentUserObjectPermission(UserObjectPermissionBase):
    """django-guardian with a direct foreign key: a permission filter is a join on integer keys."""

    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)


class DocumentGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Document, on_delete=models.CASCADE)
