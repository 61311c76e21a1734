"""Portal forms of incoming documents. They only shape input: every rule is the services' to enforce."""
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import OrgUnit, User
from workflow.models import Assignment

from .models import Document, DocumentType, Issuer
from .services.incoming import REGISTER_FIELDS

# A hint for the file picker only: documents.ingestion decides from the content.
ACCEPT = ".pdf,.doc,.docx,.odt,.jpg,.jpeg,.png,.tif,.tiff"


class BootstrapMixin:
    """Bootstrap classes on every widget, and `is-invalid` on the ones with errors once bound."""

    def _style(self) -> None:
        for name, field in self.fields.items():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            if self.is_bound and name in self.errors:
                css += " is-invalid"
            widget.attrs["class"] = css

    def full_clean(self):
        super().full_clean()
        self._style()


class DateInput(forms.DateInput):
    """dd/mm/yyyy typed as text: a browser date picker follows the browser's language, so an English Chrome
    would show and expect mm/dd/yyyy to a Vietnamese clerk. The vi input formats also accept ISO dates."""

    def __init__(self, attrs=None):
        attrs = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs=attrs, format="%d/%m/%Y")


class DateTimeInput(forms.DateTimeInput):
    def __init__(self, attrs=None):
        attrs = {"placeholder": "dd/mm/yyyy hh:mm", "autocomplete": "off", **(attrs or {})}
        super().__init__(attrs=attrs, format="%d/%m/%Y %H:%M")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """`files` with several files; the service refuses an empty list with its own message (NoFiles)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("allow_empty_file", True)  # the service refuses an empty file with its own message
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class IncomingRegisterForm(BootstrapMixin, forms.Form):
    arrival_at = forms.DateTimeField(
        label=_("Arrival date and time"),
        widget=DateTimeInput(),
    )
    issuer = forms.ModelChoiceField(label=_("Issuer"), queryset=Issuer.objects.none(), required=False,
                                    empty_label=_("— not in the list: type the name below —"))
    issuer_name = forms.CharField(label=_("Issuing organisation (free text)"), max_length=255, required=False)
    symbol = forms.CharField(label=_("Number and symbol"), max_length=80, required=False,
                             widget=forms.TextInput(attrs={"placeholder": "123-CV/TU"}))
    issued_date = forms.DateField(label=_("Document date"), required=False, widget=DateInput())
    doc_type = forms.ModelChoiceField(label=_("Document type"), queryset=DocumentType.objects.none(), required=False)
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 3}))
    signer = forms.CharField(label=_("Signer"), max_length=200, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=Document.Urgency.choices, initial=Document.Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Secrecy"), choices=Document.Secrecy.choices, initial=Document.Secrecy.ORDINARY)
    page_count = forms.IntegerField(label=_("Pages"), min_value=1, max_value=100000, required=False)
    copies = forms.IntegerField(label=_("Copies"), min_value=1, max_value=1000, initial=1)
    reply_deadline = forms.DateField(label=_("Requested reply deadline"), required=False, widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(label=_("Files"), required=False)
    duplicate_reason = forms.CharField(label=_("Reason for registering a second copy"), max_length=2000, required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuer"].queryset = Issuer.objects.order_by("code", "-valid_from")
        self.fields["doc_type"].queryset = DocumentType.objects.filter(is_active=True)
        if not self.is_bound:
            self.initial.setdefault("arrival_at", timezone.localtime().replace(second=0, microsecond=0))
        self._style()

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("issuer") and not cleaned.get("issuer_name"):
            self.add_error("issuer_name", _("Choose an issuer from the list or type its name."))
        return cleaned

    def register_fields(self) -> dict:
        """The service's fields: only those given, so the model's defaults apply to the rest."""
        return {k: v for k, v in self.cleaned_data.items() if k in REGISTER_FIELDS and v not in (None, "")}


class ReasonForm(BootstrapMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, label=None, **kwargs):
        super().__init__(*args, **kwargs)
        if label:
            self.fields["reason"].label = label
        self._style()


class CommentForm(BootstrapMixin, forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


class NoteForm(BootstrapMixin, forms.Form):
    note = forms.CharField(label=_("Note"), max_length=5000, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()


def _person_label(user: User) -> str:
    return f"{user.get_full_name()} — {user.org_unit}" if user.org_unit_id else user.get_full_name()


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _person_label(obj)


class AssignmentRowForm(BootstrapMixin, forms.Form):
    """One row of a direction: a role for a unit or a person, with a date or a number of working days."""

    role = forms.ChoiceField(label=_("Role"), choices=Assignment.Role.choices, required=False)
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none(), required=False)
    user = PersonChoiceField(label=_("Person"), queryset=User.objects.none(), required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())
    deadline_days = forms.IntegerField(label=_("or working days"), min_value=0, max_value=365, required=False)

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["user"].queryset = people
        self._style()

    @property
    def is_blank(self) -> bool:
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return not data.get("unit") and not data.get("user")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("unit") and cleaned.get("user"):
            self.add_error("user", _("Choose either a unit or a person, not both."))
        if (cleaned.get("unit") or cleaned.get("user")) and not cleaned.get("role"):
            self.add_error("role", _("Choose a role."))
        if cleaned.get("deadline") and cleaned.get("deadline_days") is not None:
            self.add_error("deadline_days", _("Give either a deadline date or a number of working days, not both."))
        return cleaned

    def spec_kwargs(self) -> dict:
        data = self.cleaned_data
        return {"role": data["role"], "unit": data.get("unit"), "user": data.get("user"),
                "deadline": data.get("deadline"), "deadline_days": data.get("deadline_days")}


class DirectionForm(BootstrapMixin, forms.Form):
    """The direction text and a fixed number of assignment rows; rows with no unit and no person are skipped."""

    ROWS = 5

    text = forms.CharField(label=_("Direction"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, units, people, has_lead: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
        data = args[0] if args else kwargs.get("data")
        first_role = Assignment.Role.COORDINATE if has_lead else Assignment.Role.LEAD
        self.rows = [
            AssignmentRowForm(data, prefix=f"a{i}", units=units, people=people,
                              initial={"role": first_role if i == 0 else Assignment.Role.COORDINATE})
            for i in range(self.ROWS)
        ]

    def is_valid(self) -> bool:
        rows_valid = all([row.is_valid() for row in self.rows])  # a list: every row gets its errors
        return super().is_valid() and rows_valid

    def filled_rows(self) -> list[AssignmentRowForm]:
        return [row for row in self.rows if not row.is_blank]


class DelegateForm(BootstrapMixin, forms.Form):
    user = PersonChoiceField(label=_("Person"), queryset=User.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=[("", _("Same role")), *Assignment.Role.choices], required=False)
    deadline = forms.DateField(label=_("Deadline"), required=False, widget=DateInput())

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people
        self._style()


class RegisterYearForm(forms.Form):
    year = forms.IntegerField(min_value=1990, max_value=2200, required=False)


class FileUploadForm(BootstrapMixin, forms.Form):
    """One file with an optional note: a handling result, or a corrected version of a document file."""

    file = forms.FileField(label=_("File"), allow_empty_file=True)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._style()
