from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Organisation and users")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (audit of logins; records only, drives no flow)
