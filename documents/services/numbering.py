"""Outgoing numbers: from 01 per issuer × document type × committee term, gap-free, never duplicated."""
from django.db import connection, transaction
from django.utils.translation import gettext_lazy as _

from iooffice.audit.services import audit_record
from iooffice.errors import BusinessRuleViolation

from .. import policies
from ..models import CommitteeTerm, DocumentType, Issuer, NumberReservation


class NoCurrentTerm(BusinessRuleViolation):
    code = "no_current_term"
    default_message = _("No committee term is marked current; an administrator must set it before numbering.")


class NoIssuerCode(BusinessRuleViolation):
    code = "no_issuer_code"
    default_message = _("The agency has no valid issuer code; an administrator must add one.")


def current_term() -> CommitteeTerm:
    term = CommitteeTerm.objects.filter(is_current=True).first()
    if term is None:
        raise NoCurrentTerm()
    return term


def issuer_of(agency_id: int, on) -> Issuer:
    from django.db.models import Q

    issuer = (
        Issuer.objects.filter(org_unit_id=agency_id, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on)).order_by("-valid_from").first()
    )
    if issuer is None:
        raise NoIssuerCode()
    return issuer


def format_symbol(number: int, abbreviation: str, issuer_code: str) -> str:
    """Party format: `{number}-{type}/{issuer}`, the number on at least two digits (01, 02 … 10, 123)."""
    return f"{number:02d}-{abbreviation}/{issuer_code}"


def next_number(*, issuer: Issuer, abbreviation: str, term: CommitteeTerm) -> int:
    """Increment the counter row under its lock; call inside the issuing transaction (see next_arrival_number)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO documents_numbercounter (issuer_id, abbreviation, term_id, last_number) VALUES (%s, %s, %s, 1) "
            "ON CONFLICT (issuer_id, abbreviation, term_id) DO UPDATE "
            "SET last_number = documents_numbercounter.last_number + 1 RETURNING last_number",
            [issuer.pk, abbreviation, term.pk],
        )
        return cursor.fetchone()[0]


@transaction.atomic
def number_reserve(*, actor, doc_type: DocumentType, reason: str) -> NumberReservation:
    """Take the next number of the clerk's agency for a secret document handled off-system, so the shared
    sequence stays continuous. Records who, when and why; never any content."""
    from django.core.exceptions import PermissionDenied
    from django.utils import timezone

    from .quarantine import ReasonRequired

    agency = policies.registering_agency(actor)
    if agency is None:
        raise PermissionDenied
    if not (reason or "").strip():
        raise ReasonRequired()
    term = current_term()
    issuer = issuer_of(agency.pk, timezone.localdate())
    number = next_number(issuer=issuer, abbreviation=doc_type.abbreviation, term=term)
    reservation = NumberReservation.objects.create(
        issuer=issuer, abbreviation=doc_type.abbreviation, term=term, number=number,
        symbol=format_symbol(number, doc_type.abbreviation, issuer.code), reason=reason.strip(), reserved_by=actor,
    )
    audit_record(actor=actor, action="outgoing.number_reserve", obj=reservation,
                 details={"symbol": reservation.symbol, "term": term.name, "reason": reservation.reason})
    return reservation
