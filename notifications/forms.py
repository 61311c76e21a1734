from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Notification, NotificationPreference

HOURS = [(h, f"{h:02d}:00") for h in range(24)]


class PreferenceForm(forms.Form):
    """One choice per kind of event (named `email_<kind>`) and the hour of the daily digest."""

    digest_hour = forms.TypedChoiceField(label=_("Daily digest at"), choices=HOURS, coerce=int,
                                         widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto"}))

    def __init__(self, *args, preference: NotificationPreference, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_hour"].initial = preference.digest_hour
        for kind, label in Notification.Kind.choices:
            self.fields[f"email_{kind}"] = forms.ChoiceField(
                label=label, choices=NotificationPreference.Delivery.choices, initial=preference.delivery_for(kind),
                widget=forms.Select(attrs={"class": "form-select form-select-sm w-auto", "data-testid": f"email-{kind}"}))

    def kind_fields(self):
        return [self[f"email_{kind}"] for kind in Notification.Kind.values]

    def email_choices(self) -> dict[str, str]:
        return {kind: self.cleaned_data[f"email_{kind}"] for kind in Notification.Kind.values}
