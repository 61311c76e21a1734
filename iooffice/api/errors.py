"""One error shape for the whole API: {"code": ..., "message": ..., "details": ...}."""
from django.core.exceptions import PermissionDenied, ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from iooffice.errors import DomainError

_CODE_BY_EXCEPTION = [
    (exceptions.ParseError, "malformed_request"),
    (exceptions.NotAuthenticated, "not_authenticated"),
    (exceptions.AuthenticationFailed, "authentication_failed"),
    (exceptions.PermissionDenied, "permission_denied"),
    (exceptions.NotFound, "not_found"),
    (exceptions.MethodNotAllowed, "method_not_allowed"),
    (exceptions.NotAcceptable, "not_acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported_media_type"),
    (exceptions.Throttled, "throttled"),
    (exceptions.ValidationError, "validation_error"),
]

_MESSAGES = {
    "malformed_request": lambda: _("The request body is not valid JSON or form data."),
    "not_authenticated": lambda: _("Authentication credentials were not provided."),
    "authentication_failed": lambda: _("Incorrect authentication credentials."),
    "permission_denied": lambda: _("You do not have permission to perform this action."),
    "not_found": lambda: _("Not found."),
    "method_not_allowed": lambda: _("This method is not allowed here."),
    "validation_error": lambda: _("The data sent is not valid."),
}


def error_response(code: str, message, details=None, http_status=400, headers=None) -> Response:
    return Response(
        {"code": code, "message": str(message), "details": details if details is not None else {}},
        status=http_status,
        headers=headers,
    )


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        return error_response(exc.code, exc.message, exc.details, exc.status)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_django_validation_details(exc))
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    code = next((c for klass, c in _CODE_BY_EXCEPTION if isinstance(exc, klass)), "error")
    code = getattr(exc, "iooffice_code", code)
    details = response.data if isinstance(exc, exceptions.ValidationError) else {}
    if code in _MESSAGES and not isinstance(exc, exceptions.Throttled):
        message = _MESSAGES[code]()
    else:
        message = response.data.get("detail", "") if isinstance(response.data, dict) else str(exc)
    headers = {k: v for k, v in response.items() if k in ("WWW-Authenticate", "Retry-After", "Allow")}
    return error_response(code, message, details, response.status_code, headers)


def _django_validation_details(exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
    return {"non_field_errors": [str(m) for m in exc.messages]}


__all__ = ["exception_handler", "error_response", "status"]
