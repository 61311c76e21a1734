from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Every app declares its kinds of job in <app>/job_kinds.py; importing them fills the registry.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("job_kinds")
