from django.urls import reverse
from rest_framework import serializers

from accounts.models import OrgUnit, User
from iooffice.api.serializers import StrictSerializerMixin
from workflow.models import Assignment

from .models import Document, DocumentType, FileVersion, Issuer


class IncomingRegisterSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    """Register fields of an incoming document; the files come as multipart `files`."""

    issuer = serializers.PrimaryKeyRelatedField(queryset=Issuer.objects.all(), required=False, allow_null=True)
    doc_type = serializers.PrimaryKeyRelatedField(queryset=DocumentType.objects.filter(is_active=True), required=False, allow_null=True)
    issuer_name = serializers.CharField(max_length=255, required=False, allow_blank=True)
    files = serializers.ListField(child=serializers.FileField(allow_empty_file=True), write_only=True, required=False)
    duplicate_reason = serializers.CharField(required=False, allow_blank=True, write_only=True, max_length=2000)

    class Meta:
        model = Document
        fields = [
            "arrival_at", "issuer", "issuer_name", "symbol", "issued_date", "doc_type", "summary", "signer",
            "urgency", "secrecy", "page_count", "copies", "reply_deadline", "notes", "files", "duplicate_reason",
        ]

    def validate(self, attrs):
        if not attrs.get("issuer") and not attrs.get("issuer_name"):
            raise serializers.ValidationError({"issuer_name": [self.fields["issuer_name"].error_messages["required"]]})
        return attrs


class FileVersionSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()
    uploaded_by = serializers.CharField(source="uploaded_by.get_full_name")

    class Meta:
        model = FileVersion
        fields = [
            "id", "number", "mime_type", "size", "sha256", "page_count", "uploaded_by", "uploaded_at",
            "extraction_status", "extraction_page", "extraction_pages", "extraction_error", "text_method", "download_url",
        ]

    def get_download_url(self, version) -> str:
        return reverse("api:file-version-download", args=[version.pk]) if version.blob else ""


class DocumentFileSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    role = serializers.CharField()
    display_name = serializers.CharField()
    versions = FileVersionSerializer(many=True)


class AssignmentSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", default=None)
    user_name = serializers.CharField(source="user.get_full_name", default=None)

    class Meta:
        model = Assignment
        fields = ["id", "role", "unit", "unit_name", "user", "user_name", "parent", "deadline", "status", "done_at", "done_note"]


class IncomingListSerializer(serializers.ModelSerializer):
    doc_type = serializers.CharField(source="doc_type.name", default=None)

    class Meta:
        model = Document
        fields = [
            "id", "arrival_number", "arrival_year", "arrival_at", "issuer_name", "symbol", "issued_date", "doc_type",
            "summary", "urgency", "status", "reply_deadline",
        ]


class IncomingDetailSerializer(IncomingListSerializer):
    files = DocumentFileSerializer(many=True)
    assignments = AssignmentSerializer(many=True)
    directions = serializers.SerializerMethodField()
    comments = serializers.SerializerMethodField()
    registered_by = serializers.CharField(source="registered_by.get_full_name")

    class Meta(IncomingListSerializer.Meta):
        fields = IncomingListSerializer.Meta.fields + [
            "signer", "page_count", "copies", "notes", "registered_by", "duplicate_of", "duplicate_reason",
            "quarantine_mark", "return_reason", "completed_at", "reply_document", "files", "assignments",
            "directions", "comments",
        ]

    def get_directions(self, document) -> list[dict]:
        return [{"text": d.text, "by": d.directed_by.get_full_name(), "at": d.created_at} for d in document.directions.all()]

    def get_comments(self, document) -> list[dict]:
        return [{"text": c.text, "by": c.author.get_full_name(), "at": c.created_at} for c in document.comments.all()]


class AssignmentInputSerializer(StrictSerializerMixin, serializers.Serializer):
    role = serializers.ChoiceField(choices=Assignment.Role.choices)
    unit = serializers.PrimaryKeyRelatedField(queryset=OrgUnit.objects.filter(is_active=True), required=False, allow_null=True)
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True), required=False, allow_null=True)
    deadline = serializers.DateField(required=False, allow_null=True)
    deadline_days = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=365)

    def validate(self, attrs):
        if bool(attrs.get("unit")) == bool(attrs.get("user")):
            raise serializers.ValidationError({"unit": ["Choose either a unit or a person."]})
        return attrs


class DirectionInputSerializer(StrictSerializerMixin, serializers.Serializer):
    text = serializers.CharField(max_length=5000)
    assignments = AssignmentInputSerializer(many=True, allow_empty=True)


class ReasonSerializer(StrictSerializerMixin, serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class TextSerializer(StrictSerializerMixin, serializers.Serializer):
    text = serializers.CharField(max_length=5000)


class CompleteSerializer(StrictSerializerMixin, serializers.Serializer):
    note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    reply_document = serializers.PrimaryKeyRelatedField(queryset=Document.objects.all(), required=False, allow_null=True)


class DelegateSerializer(StrictSerializerMixin, serializers.Serializer):
    user = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))
    role = serializers.ChoiceField(choices=Assignment.Role.choices, required=False)
    deadline = serializers.DateField(required=False, allow_null=True)
