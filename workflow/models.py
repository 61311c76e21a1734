"""Workflow data. Direction, assignments and approval chains arrive with the incoming and outgoing document issues."""
from django.db import models
from django.utils.translation import gettext_lazy as _


class CalendarException(models.Model):
    """A date on which the national calendar does not decide: an extra day off, or a make-up working day (ngày làm bù).

    Deadlines read these through workflow.calendar; see there for how they override weekends and public holidays.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Day off")
        WORKING_DAY = "working_day", _("Working day")

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    reason = models.CharField(_("reason"), max_length=255, help_text=_("e.g. the notice that declared it"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar exception")
        verbose_name_plural = _("calendar exceptions")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}"
