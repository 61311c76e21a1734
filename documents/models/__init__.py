from .document import (
    ArrivalCounter, Document, DocumentGroupObjectPermission, DocumentUserObjectPermission, NumberCounter,
    NumberReservation, OutgoingRecipient,
)
from .files import DocumentFile, FileVersion
from .reference import CommitteeTerm, DocumentType, Issuer

__all__ = [
    "ArrivalCounter", "CommitteeTerm", "Document", "DocumentFile", "DocumentGroupObjectPermission",
    "DocumentType", "DocumentUserObjectPermission", "FileVersion", "Issuer", "NumberCounter", "NumberReservation",
    "OutgoingRecipient",
]
