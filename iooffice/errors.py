"""Domain exceptions shared by every app. The API maps each to a stable error code."""
from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "domain_error"
    status = 400
    default_message = _("The request could not be carried out.")

    def __init__(self, message=None, *, details=None):
        self.message = message or self.default_message
        self.details = details or {}
        super().__init__(str(self.message))


class InvalidTransition(DomainError):
    """The object is in a state where this action is not allowed (API: 409)."""

    code = "invalid_transition"
    status = 409
    default_message = _("This action is not allowed in the current state.")


class BusinessRuleViolation(DomainError):
    code = "rule_violation"
    status = 400
