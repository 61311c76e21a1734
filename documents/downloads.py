"""Serving stored files: always as attachments, with the stored MIME type, never sniffed, always audited."""
from django.http import FileResponse, Http404

from iooffice.audit.services import audit_record

from .models import FileVersion


def file_version_response(request, version: FileVersion, *, derived: bool = False) -> FileResponse:
    blob = version.searchable_pdf if derived else version.blob
    if not blob:
        raise Http404
    name = version.file.display_name
    if derived:
        name = name.rsplit(".", 1)[0] + " (OCR).pdf"
    response = FileResponse(blob.open("rb"), as_attachment=True, filename=name,
                            content_type="application/pdf" if derived else version.mime_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    audit_record(actor=request.user, action="document.download", obj=version.file.document,
                 details={"version": version.pk, "derived": derived}, request=request)
    return response
