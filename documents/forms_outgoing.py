"""Portal forms of outgoing documents. They only shape input: every rule is the services' to enforce."""
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from workflow.models import StepDecision

from .forms import BootstrapMixin, DateInput, MultipleFileField, PersonChoiceField
from .models import Document, DocumentType
from .services.outgoing import DRAFT_FIELDS

REPLY_CHOICES = 50  # the latest incoming documents offered as "in reply to"


class IncomingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        number = f"{obj.arrival_number}/{obj.arrival_year}" if obj.arrival_number else "—"
        symbol = f" · {obj.symbol}" if obj.symbol else ""
        return f"{number}{symbol} — {obj.summary[:90]}"


class DraftForm(BootstrapMixin, forms.Form):
    doc_type = forms.ModelChoiceField(label=_("Document type"), queryset=DocumentType.objects.none())
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Document.Urgency.choices, initial=Document.Urgency.NORMAL)
    signer = forms.CharField(label=_("Signer"), max_length=200, required=False)
    recipients = forms.ModelMultipleChoiceField(
        label=_("Recipients in the system"), queryset=OrgUnit.objects.none(), required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Agencies that receive it electronically; hold Ctrl to choose several."))
    external_recipients = forms.CharField(label=_("Recipients outside the system"), required=False,
                                          widget=forms.Textarea(attrs={"rows": 3}), help_text=_("One per line."))
    in_reply_to = IncomingChoiceField(label=_("In reply to incoming document"), queryset=Document.objects.none(),
                                      required=False, empty_label=_("— none —"))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(label=_("Files"), required=False)

    def __init__(self, *args, own_agency, incoming, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].queryset = DocumentType.objects.filter(is_active=True)
        agencies = OrgUnit.objects.filter(kind=OrgUnit.Kind.AGENCY, is_active=True).order_by("name")
        if own_agency is not None:
            agencies = agencies.exclude(pk=own_agency.pk)
        self.fields["recipients"].queryset = agencies
        self.fields["in_reply_to"].queryset = incoming
        self._style()

    def draft_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k in DRAFT_FIELDS and v not in (None, "")}


class VersionForm(BootstrapMixin, forms.Form):
    file = forms.FileField(label=_("File"), allow_empty_file=True)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class DecisionForm(BootstrapMixin, forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=StepDecision.Decision.choices,
                                 initial=StepDecision.Decision.APPROVE, widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}),
                              help_text=_("Required when returning or rejecting."))
    step_order = forms.IntegerField(min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()

    def _style(self) -> None:
        super()._style()
        self.fields["decision"].widget.attrs["class"] = "form-check-input"


class ReservationForm(BootstrapMixin, forms.Form):
    doc_type = forms.ModelChoiceField(label=_("Document type"), queryset=DocumentType.objects.none())
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("e.g. “Văn bản Mật handled off-system”. Never the content of the document."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["doc_type"].queryset = DocumentType.objects.filter(is_active=True)
        self._style()


class DelegationForm(BootstrapMixin, forms.Form):
    deputy = PersonChoiceField(label=_("Deputy"), queryset=User.objects.none())
    start_date = forms.DateField(label=_("From"), widget=DateInput())
    end_date = forms.DateField(label=_("To"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deputy"].queryset = people
        self._style()
