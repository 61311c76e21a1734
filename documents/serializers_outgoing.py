from rest_framework import serializers

from accounts.models import Delegation, OrgUnit, User
from iooffice.api.serializers import StrictSerializerMixin
from workflow.models import ChainRun, StepDecision

from .models import Document, DocumentType, NumberReservation, OutgoingRecipient
from .serializers_incoming import DocumentFileSerializer


class DraftCreateSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    doc_type = serializers.PrimaryKeyRelatedField(queryset=DocumentType.objects.filter(is_active=True))
    in_reply_to = serializers.PrimaryKeyRelatedField(queryset=Document.objects.filter(kind="incoming"), required=False, allow_null=True)
    recipients = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(kind=OrgUnit.Kind.AGENCY, is_active=True), many=True, required=False)
    files = serializers.ListField(child=serializers.FileField(allow_empty_file=True), write_only=True, required=False)

    class Meta:
        model = Document
        fields = ["doc_type", "summary", "urgency", "signer", "in_reply_to", "external_recipients", "notes", "recipients", "files"]


class DecisionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.get_full_name")
    on_behalf_of = serializers.CharField(source="on_behalf_of.get_full_name", default=None)
    step_name = serializers.CharField(source="step.name")

    class Meta:
        model = StepDecision
        fields = ["order", "step_name", "decision", "comment", "actor", "on_behalf_of", "decided_at"]


class RunSerializer(serializers.ModelSerializer):
    version = serializers.IntegerField(source="version.number")
    decisions = DecisionSerializer(many=True)

    class Meta:
        model = ChainRun
        fields = ["id", "status", "version", "current_order", "step_due_on", "started_at", "finished_at", "decisions"]


class RecipientSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name")
    registered_by = serializers.CharField(source="registered_by.get_full_name", default=None)
    arrival_number = serializers.IntegerField(source="incoming.arrival_number", default=None)

    class Meta:
        model = OutgoingRecipient
        fields = ["id", "agency", "agency_name", "state", "received_at", "registered_by", "registered_at", "arrival_number"]


class OutgoingListSerializer(serializers.ModelSerializer):
    doc_type = serializers.CharField(source="doc_type.abbreviation", default=None)
    drafter = serializers.CharField(source="registered_by.get_full_name")
    term = serializers.CharField(source="term.name", default=None)

    class Meta:
        model = Document
        fields = ["id", "status", "doc_type", "summary", "urgency", "symbol", "number", "term", "issued_date", "drafter", "updated_at"]


class OutgoingDetailSerializer(OutgoingListSerializer):
    files = DocumentFileSerializer(many=True)
    chain_runs = RunSerializer(many=True)
    recipients = RecipientSerializer(many=True)
    approved_version = serializers.IntegerField(source="approved_version.number", default=None)

    class Meta(OutgoingListSerializer.Meta):
        fields = OutgoingListSerializer.Meta.fields + [
            "signer", "external_recipients", "notes", "in_reply_to", "approved_version", "issued_at",
            "recalled_at", "recall_reason", "files", "chain_runs", "recipients",
        ]


class StepDecisionInputSerializer(StrictSerializerMixin, serializers.Serializer):
    decision = serializers.ChoiceField(choices=StepDecision.Decision.choices)
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    step_order = serializers.IntegerField(required=False, min_value=1, help_text="The step the client showed; a stale one gets 409.")


class ReservationSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    doc_type = serializers.PrimaryKeyRelatedField(queryset=DocumentType.objects.filter(is_active=True), write_only=True)

    class Meta:
        model = NumberReservation
        fields = ["id", "doc_type", "reason", "symbol", "number", "reserved_at"]
        read_only_fields = ["symbol", "number", "reserved_at"]


class PendingExchangeSerializer(serializers.ModelSerializer):
    symbol = serializers.CharField(source="document.symbol")
    summary = serializers.CharField(source="document.summary")
    sender = serializers.CharField(source="document.agency.name")
    issued_date = serializers.DateField(source="document.issued_date")

    class Meta:
        model = OutgoingRecipient
        fields = ["id", "symbol", "summary", "sender", "issued_date", "received_at"]


class DelegationSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    deputy = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))

    class Meta:
        model = Delegation
        fields = ["id", "delegator", "deputy", "start_date", "end_date", "reason", "revoked_at"]
        read_only_fields = ["delegator", "revoked_at"]
