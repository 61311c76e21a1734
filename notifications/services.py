"""Every write of the notifications app: create (the outbox), mark read, deliver e-mail, remind about deadlines."""
import logging
from collections.abc import Iterable
from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from documents import policies as document_policies
from documents.models import Document
from iooffice.audit.services import audit_record
from iooffice.queue import enqueue_on_commit
from workflow.calendar import load_calendar_exceptions
from workflow.deadlines import RuleBook, assignment_item, open_assignments, open_step_runs, step_item, step_names

from . import messages, policies
from .models import Notification, NotificationPreference

log = logging.getLogger(__name__)
Kind = Notification.Kind
EmailState = Notification.EmailState
Delivery = NotificationPreference.Delivery
ALWAYS_IMMEDIATE = (Document.Urgency.FLASH, Document.Urgency.VERY_URGENT)  # Hỏa tốc, Thượng khẩn


def _email_state(user, kind: str, document: Document | None) -> str:
    if not user.email:
        return EmailState.NOT_NEEDED
    if document is not None and document.urgency in ALWAYS_IMMEDIATE:
        return EmailState.PENDING
    preference = NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)
    return {Delivery.IMMEDIATELY: EmailState.PENDING, Delivery.DIGEST: EmailState.DIGEST}.get(
        preference.delivery_for(kind), EmailState.NOT_NEEDED)


def notify(*, recipients: Iterable, kind: str, document: Document | None = None, data: dict | None = None,
           dedupe_key: str | None = None) -> list[Notification]:
    """Record `kind` for each recipient, inside the caller's transaction (the outbox), and queue e-mail after commit.

    Skips inactive users and anyone who may not view `document` (documents.policies.document_can_view). With a
    `dedupe_key`, a recipient who already has a notification with that key gets nothing new, so callers that may
    run twice (the reminder beat) stay quiet the second time. Returns the notifications created.
    """
    from .tasks import deliver_email

    created = []
    seen = set()
    for user in recipients:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        if document is not None and not document_policies.document_can_view(user, document):
            continue
        notification = Notification(recipient=user, kind=kind, document=document, data=data or {},
                                    dedupe_key=dedupe_key or "", email_state=_email_state(user, kind, document))
        if dedupe_key:
            if Notification.objects.filter(recipient=user, dedupe_key=dedupe_key).exists():
                continue
            try:
                with transaction.atomic():  # a concurrent run may have inserted it since: the constraint decides
                    notification.save()
            except IntegrityError:
                continue
        else:
            notification.save()
        if notification.email_state == EmailState.PENDING:
            enqueue_on_commit(deliver_email, notification.pk)
        created.append(notification)
    return created


def notification_mark_read(*, user, notification: Notification) -> Notification:
    """Mark one of `user`'s own notifications read (the caller found it through selectors, so it is theirs)."""
    if notification.recipient_id != user.pk:
        raise Notification.DoesNotExist
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=notification.read_at)
    return notification


def notification_mark_all_read(*, user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(read_at=timezone.now())


def notification_preference_get(*, user) -> NotificationPreference:
    """The user's choices, or the defaults (unsaved) when they never chose."""
    return NotificationPreference.objects.filter(user=user).first() or NotificationPreference(user=user)


@transaction.atomic
def notification_preference_update(*, actor, email: dict[str, str], digest_hour: int) -> NotificationPreference:
    """Save how `actor` wants each kind of event by e-mail and when their digest comes. Kinds left out keep their
    current choice. Raises ValidationError for an unknown kind or delivery, or an hour outside 0–23."""
    unknown = sorted(set(email) - set(Kind.values))
    if unknown:
        raise ValidationError({"email": _("Unknown kinds of event: %(kinds)s") % {"kinds": ", ".join(unknown)}})
    if any(choice not in Delivery.values for choice in email.values()):
        raise ValidationError({"email": _("Choose immediately, daily digest or never.")})
    if not isinstance(digest_hour, int) or not 0 <= digest_hour <= 23:
        raise ValidationError({"digest_hour": _("The digest hour must be between 0 and 23.")})
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(user=actor)
    before = {"email": dict(preference.email or {}), "digest_hour": preference.digest_hour}
    preference.email = {**(preference.email or {}), **email}
    preference.digest_hour = digest_hour
    preference.save(update_fields=["email", "digest_hour"])
    after = {"email": preference.email, "digest_hour": digest_hour}
    if after != before:
        audit_record(actor=actor, action="notifications.preferences_change", obj=actor, details={"before": before, "after": after})
    return preference


# E-mail -------------------------------------------------------------------------------------------------------


def _site_url(path: str) -> str:
    return settings.IOOFFICE_SITE_URL.rstrip("/") + path


def _render_email(template: str, context: dict) -> tuple[str, str]:
    with translation.override(settings.IOOFFICE_EMAIL_LANGUAGE):
        return (render_to_string(f"notifications/email/{template}.txt", context),
                render_to_string(f"notifications/email/{template}.html", context))


def _send(to: str, subject: str, text: str, html: str) -> None:
    message = EmailMultiAlternatives(subject=subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    message.send()


def _email_item(notification: Notification) -> dict:
    """What an e-mail says about one notification: the headline and a link, never the document's text or files."""
    with translation.override(settings.IOOFFICE_EMAIL_LANGUAGE):
        return {"headline": str(messages.headline(notification, for_email=True)),
                "url": _site_url(messages.target_path(notification))}


def notification_email_send(*, notification_id: int) -> bool:
    """Send the e-mail of one PENDING notification and mark it SENT, both under the notification's row lock.

    Safe to run twice or concurrently: the second run finds it SENT and returns False. A recipient who meanwhile
    lost access to the document, or has no address, gets nothing (NOT_NEEDED). An error while sending rolls the
    state back to PENDING and propagates, so the task retries it (or the sweep picks it up).
    """
    with transaction.atomic():
        notification = (Notification.objects.select_for_update(of=("self",))
                        .select_related("recipient", "document").filter(pk=notification_id).first())
        if notification is None or notification.email_state != EmailState.PENDING:
            return False
        user = notification.recipient
        document = notification.document
        if not user.email or not user.is_active or (document and not document_policies.document_can_view(user, document)):
            notification.email_state = EmailState.NOT_NEEDED
            notification.save(update_fields=["email_state"])
            return False
        item = _email_item(notification)
        text, html = _render_email("notification", {"user": user, "item": item,
                                                    "preferences_url": _site_url("/notifications/")})
        _send(user.email, f"[iooffice] {item['headline']}", text, html)
        notification.email_state = EmailState.SENT
        notification.email_sent_at = timezone.now()
        notification.save(update_fields=["email_state", "email_sent_at"])
        return True


def email_sweep(*, older_than: timedelta = timedelta(minutes=5)) -> list[int]:
    """Queue again the e-mails still PENDING after `older_than`: their message was lost (broker down at enqueue
    time, a crashed worker). Sending is idempotent, so a message that was merely slow costs nothing extra."""
    from .tasks import deliver_email

    stale = list(Notification.objects.filter(email_state=EmailState.PENDING, created_at__lt=timezone.now() - older_than)
                 .order_by("created_at").values_list("pk", flat=True)[:1000])
    for notification_id in stale:
        with transaction.atomic():
            enqueue_on_commit(deliver_email, notification_id)
    if stale:
        log.warning("re-queued %d undelivered notification e-mails", len(stale))
    return stale


def digest_send_due(*, now=None) -> list[int]:
    """Send each user whose digest hour has come today (and who has had no digest today) one e-mail listing their
    DIGEST notifications. Safe to run twice or late: the preference row is locked and stamped with the day.
    Returns the ids of the users e-mailed."""
    local = timezone.localtime(now or timezone.now())
    waiting = Notification.objects.filter(email_state=EmailState.DIGEST).values("recipient_id").distinct()
    sent_to = []
    for row in waiting:
        with transaction.atomic():
            preference, _created = NotificationPreference.objects.get_or_create(user_id=row["recipient_id"])
            preference = NotificationPreference.objects.select_for_update().select_related("user").get(pk=preference.pk)
            if local.hour < preference.digest_hour or preference.last_digest_on == local.date():
                continue
            user = preference.user
            items = list(Notification.objects.select_for_update(of=("self",)).select_related("document")
                         .filter(recipient=user, email_state=EmailState.DIGEST).order_by("created_at"))
            visible = [n for n in items if n.document is None or document_policies.document_can_view(user, n.document)]
            if visible and user.email and user.is_active:
                text, html = _render_email("digest", {"user": user, "items": [_email_item(n) for n in visible],
                                                      "day": local.date(), "preferences_url": _site_url("/notifications/")})
                with translation.override(settings.IOOFFICE_EMAIL_LANGUAGE):
                    subject = str(messages.digest_subject(local.date(), len(visible)))
                _send(user.email, f"[iooffice] {subject}", text, html)
                sent_to.append(user.pk)
            sent_at = timezone.now()
            for notification in items:
                visible_one = notification in visible and user.email and user.is_active
                notification.email_state = EmailState.SENT if visible_one else EmailState.NOT_NEEDED
                notification.email_sent_at = sent_at if visible_one else None
                notification.save(update_fields=["email_state", "email_sent_at"])
            preference.last_digest_on = local.date()
            preference.save(update_fields=["last_digest_on"])
    return sent_to


# Deadlines ----------------------------------------------------------------------------------------------------


def deadline_reminders_run(*, today: date | None = None) -> int:
    """Remind and escalate about the deadlines of open assignments and approval steps; safe to run twice, late or
    after downtime.

    In working days (workflow.calendar), with the thresholds of the document's agency and urgency
    (workflow.deadlines.RuleBook): a reminder to whoever must act from `remind_working_days` before the deadline
    until it; on the first working day after it, an escalation to them and their department head (for a step: to
    the drafter); `escalate_leader_working_days` later, to the agency leaders too. Each is keyed by item, deadline
    and level, so it goes out once even when the beat runs again or catches up after downtime.
    Returns the number of notifications created.
    """
    today = today or timezone.localdate()
    exceptions = load_calendar_exceptions(since=today - timedelta(days=400))
    rules = RuleBook()
    count = 0
    for assignment in open_assignments().iterator(chunk_size=500):
        item = assignment_item(assignment)
        holders = policies.assignment_holders(assignment)
        count += _remind_or_escalate(item, today, exceptions, rules, acting=holders,
                                     answerable=[*holders, *policies.department_heads(item.unit_id)])
    runs = list(open_step_runs())
    names = step_names(runs)
    for run in runs:
        actors = policies.step_actors(run)
        count += _remind_or_escalate(step_item(run, names.get((run.template_id, run.current_order), "")), today, exceptions,
                                     rules, acting=actors, answerable=[*actors, run.document.registered_by])
    return count


def _remind_or_escalate(item, today: date, exceptions, rules, *, acting: list, answerable: list) -> int:
    document = item.document
    thresholds = rules.for_document(document)
    with transaction.atomic():
        if today <= item.due:
            if item.working_days_left(today, exceptions) > thresholds.remind_working_days:
                return 0
            return len(notify(recipients=acting, kind=Kind.DEADLINE_APPROACHING, document=document, data=item.data,
                              dedupe_key=f"{item.dedupe_key}:reminder"))
        late = item.working_days_late(today, exceptions)
        if late < 1:
            return 0  # the deadline was the eve of days off: the first working day after it starts the count
        count = len(notify(recipients=answerable, kind=Kind.DEADLINE_PASSED, document=document,
                           data={**item.data, "level": 1, "days_late": late}, dedupe_key=f"{item.dedupe_key}:escalation1"))
        if late >= 1 + thresholds.escalate_leader_working_days:
            count += len(notify(recipients=policies.agency_leaders(document.agency_id), kind=Kind.DEADLINE_PASSED,
                                document=document, data={**item.data, "level": 2, "days_late": late},
                                dedupe_key=f"{item.dedupe_key}:escalation2"))
        return count
