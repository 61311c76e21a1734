from django.utils.translation import gettext as _
from rest_framework import serializers


class UnknownFieldError(serializers.ValidationError):
    iooffice_code = "unknown_field"


class StrictSerializerMixin:
    """Refuses fields the serializer does not know, instead of silently ignoring a typo."""

    def is_valid(self, *, raise_exception=False):
        data = getattr(self, "initial_data", None)
        if hasattr(data, "keys"):
            writable = {name for name, field in self.fields.items() if not field.read_only}
            unknown = sorted(set(data.keys()) - writable)
            if unknown:
                self._validated_data = {}
                self._errors = {name: [_("Unknown or read-only field.")] for name in unknown}
                if raise_exception:
                    raise UnknownFieldError(self._errors)
                return False
        return super().is_valid(raise_exception=raise_exception)
