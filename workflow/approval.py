"""Approval chains of outgoing documents: start, decide, finish. Each transition under a row lock, audited."""
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from documents.models import Document, FileVersion
from iooffice.audit.services import audit_record
from iooffice.errors import BusinessRuleViolation, InvalidTransition
from notifications import hooks as notification_hooks
from search.hooks import document_changed

from . import policies
from .calendar import add_working_days
from .models import ChainRun, ChainStep, ChainTemplate, StepDecision


class NoChain(BusinessRuleViolation):
    code = "no_approval_chain"
    default_message = _("No approval chain is defined for this agency and document type; ask an administrator.")


class CommentRequired(BusinessRuleViolation):
    code = "comment_required"
    default_message = _("Returning or rejecting needs a comment saying why.")


def chain_for(document: Document) -> ChainTemplate:
    templates = ChainTemplate.objects.filter(agency_id=document.agency_id, is_active=True)
    template = templates.filter(doc_type_id=document.doc_type_id).first() or templates.filter(doc_type__isnull=True).first()
    if template is None or not template.steps.exists():
        raise NoChain()
    return template


def _due_on(step: ChainStep):
    """The day a decision at `step` is due, counted from today (the day the draft reaches it)."""
    if step.due_working_days is None:
        return None
    return add_working_days(timezone.localdate(), step.due_working_days)


def run_start(*, actor, document: Document, version: FileVersion) -> ChainRun:
    """Start a run pinned to `version`. After a return it resumes at the returning step unless the chain
    restarts. Caller holds the document's row lock; the database allows one active run per document."""
    template = chain_for(document)
    first = template.steps.order_by("order").first().order
    previous = document.chain_runs.filter(status=ChainRun.Status.RETURNED).order_by("-id").first()
    start = first
    if previous is not None and previous.template_id == template.pk and not template.restart_after_return:
        start = previous.current_order
    # The returning step may have been removed from the chain since: resume at the next one that exists.
    step = template.steps.filter(order__gte=start).order_by("order").first() or template.steps.order_by("order").first()
    return ChainRun.objects.create(document=document, template=template, version=version, current_order=step.order,
                                   step_due_on=_due_on(step), started_by=actor)


def _locked_run(run: ChainRun) -> ChainRun:
    return ChainRun.objects.select_for_update(of=("self",)).select_related("document", "template").get(pk=run.pk)


@transaction.atomic
def step_decide(*, actor, run: ChainRun, decision: str, comment: str = "", step_order: int | None = None) -> ChainRun:
    """Approve, return for changes or reject the current step of `run`.

    `step_order` is the step the actor saw (the page or API client sends it). Locks the run then the document,
    so two people acting at once serialise: the second finds the step decided and gets InvalidTransition.
    Raises PermissionDenied for someone who may not act at this step.
    """
    run = _locked_run(run)
    if run.status != ChainRun.Status.ACTIVE or (step_order is not None and step_order != run.current_order):
        raise InvalidTransition()
    may, on_behalf_of = policies.step_actor(actor, run)
    if not may:
        raise PermissionDenied
    comment = (comment or "").strip()
    if decision != StepDecision.Decision.APPROVE and not comment:
        raise CommentRequired()
    document = Document.objects.select_for_update().get(pk=run.document_id)
    step = policies.current_step(run)
    StepDecision.objects.create(run=run, step=step, order=step.order, decision=decision, comment=comment,
                                actor=actor, on_behalf_of=on_behalf_of)
    next_step = run.template.steps.filter(order__gt=step.order).order_by("order").first()
    if decision == StepDecision.Decision.APPROVE and next_step is not None:
        run.current_order = next_step.order
        run.step_due_on = _due_on(next_step)
    else:
        run.status = {
            StepDecision.Decision.APPROVE: ChainRun.Status.APPROVED,
            StepDecision.Decision.RETURN: ChainRun.Status.RETURNED,
            StepDecision.Decision.REJECT: ChainRun.Status.REJECTED,
        }[decision]
        run.finished_at = timezone.now()
        document.status = {
            ChainRun.Status.APPROVED: Document.Status.APPROVED,
            ChainRun.Status.RETURNED: Document.Status.CHANGES_REQUESTED,
            ChainRun.Status.REJECTED: Document.Status.REJECTED,
        }[run.status]
        if run.status == ChainRun.Status.APPROVED:
            document.approved_version = run.version
        document.save()
    run.save()
    audit_record(
        actor=actor, action=f"outgoing.step_{decision}", obj=document,
        details={"run": run.pk, "step": step.order, "step_name": step.name, "version": run.version.number,
                 "comment": comment, "on_behalf_of": on_behalf_of.pk if on_behalf_of else None},
    )
    notification_hooks.approval_moved(actor=actor, run=run)
    document_changed(document.pk)
    return run


def decisions_visible_q(user) -> Q:
    return Q(pk__in=StepDecision.objects.filter(Q(actor=user) | Q(on_behalf_of=user)).values("run__document_id"))
