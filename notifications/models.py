"""Notifications: the in-app centre's rows, which are also the outbox of e-mail delivery, and each user's choices."""
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One event told to one person. Written in the same transaction as the event (see services.notify).

    `email_state` makes e-mail delivery durable and idempotent: PENDING rows are what the worker (and the sweep,
    after a lost message) still has to send; SENT is set under a row lock in the same transaction as the send.
    `dedupe_key` (unique per recipient when set) keeps reminders and escalations from being created twice.
    """

    class Kind(models.TextChoices):
        ASSIGNED = "assigned", _("Document assigned to me")
        DIRECTION_WRITTEN = "direction_written", _("Direction written on a document I registered")
        APPROVAL_AWAITING = "approval_awaiting", _("Draft awaiting my approval")
        DRAFT_RETURNED = "draft_returned", _("My draft returned for changes")
        DRAFT_APPROVED = "draft_approved", _("My draft approved")
        DRAFT_REJECTED = "draft_rejected", _("My draft rejected")
        ISSUED_TO_AGENCY = "issued_to_agency", _("Document issued to my agency")
        RECALLED = "recalled", _("Document recalled")
        DEADLINE_APPROACHING = "deadline_approaching", _("Deadline approaching")
        DEADLINE_PASSED = "deadline_passed", _("Deadline passed")
        EXTRACTION_FAILED = "extraction_failed", _("Text recognition failed")
        EXTRACTION_DONE = "extraction_done", _("Text recognition of my upload finished")
        DELEGATION_RECEIVED = "delegation_received", _("Delegation given to me")
        # Background jobs (jobs app): an export or import the user started has finished or failed.
        JOB_FINISHED = "job_finished", _("My background job finished")
        JOB_FAILED = "job_failed", _("My background job failed")

    class EmailState(models.TextChoices):
        NOT_NEEDED = "not_needed", _("No e-mail")
        PENDING = "pending", _("E-mail pending")
        DIGEST = "digest", _("In the next daily digest")
        SENT = "sent", _("E-mail sent")

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("event"), max_length=30, choices=Kind.choices)
    document = models.ForeignKey("documents.Document", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_state = models.CharField(max_length=12, choices=EmailState.choices, default=EmailState.NOT_NEEDED)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    dedupe_key = models.CharField(max_length=200, blank=True, default="")

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], condition=~Q(dedupe_key=""),
                                    name="notification_dedupe_once_per_recipient"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["email_state", "created_at"], condition=Q(email_state__in=["pending", "digest"]),
                         name="notification_email_outbox"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.recipient}"


class NotificationPreference(models.Model):
    """How one user wants each kind of event by e-mail: immediately, in a daily digest at `digest_hour`, or never.

    Kinds missing from `email` take DEFAULTS. Urgent documents (Hỏa tốc, Thượng khẩn) go immediately regardless.
    """

    class Delivery(models.TextChoices):
        IMMEDIATELY = "immediately", _("Immediately")
        DIGEST = "digest", _("Daily digest")
        NEVER = "never", _("Never")

    DEFAULTS = {
        Notification.Kind.ASSIGNED: Delivery.IMMEDIATELY,
        Notification.Kind.DIRECTION_WRITTEN: Delivery.DIGEST,
        Notification.Kind.APPROVAL_AWAITING: Delivery.IMMEDIATELY,
        Notification.Kind.DRAFT_RETURNED: Delivery.IMMEDIATELY,
        Notification.Kind.DRAFT_APPROVED: Delivery.DIGEST,
        Notification.Kind.DRAFT_REJECTED: Delivery.IMMEDIATELY,
        Notification.Kind.ISSUED_TO_AGENCY: Delivery.IMMEDIATELY,
        Notification.Kind.RECALLED: Delivery.IMMEDIATELY,
        Notification.Kind.DEADLINE_APPROACHING: Delivery.IMMEDIATELY,
        Notification.Kind.DEADLINE_PASSED: Delivery.IMMEDIATELY,
        Notification.Kind.EXTRACTION_FAILED: Delivery.DIGEST,
        Notification.Kind.EXTRACTION_DONE: Delivery.NEVER,
        Notification.Kind.DELEGATION_RECEIVED: Delivery.IMMEDIATELY,
        # The user is usually still on the job page; the bell is enough unless they choose e-mail.
        Notification.Kind.JOB_FINISHED: Delivery.NEVER,
        Notification.Kind.JOB_FAILED: Delivery.NEVER,
    }

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference")
    email = models.JSONField(_("e-mail per event"), default=dict, blank=True)
    digest_hour = models.PositiveSmallIntegerField(_("daily digest hour"), default=7)
    last_digest_on = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [models.CheckConstraint(condition=Q(digest_hour__lte=23), name="digest_hour_in_day")]

    def delivery_for(self, kind: str) -> str:
        chosen = (self.email or {}).get(kind)
        return chosen if chosen in self.Delivery.values else self.DEFAULTS.get(kind, self.Delivery.IMMEDIATELY)
