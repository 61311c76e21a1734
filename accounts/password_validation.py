from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterClassValidator:
    """At least one letter and one digit or symbol: Django's validators alone accept "aaaaaaaaaa"-like passwords."""

    def validate(self, password, user=None):
        has_letter = any(c.isalpha() for c in password)
        has_other = any(not c.isalpha() for c in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("The password must contain letters and at least one digit or symbol."),
                code="password_character_classes",
            )

    def get_help_text(self):
        return _("Your password must contain letters and at least one digit or symbol.")
