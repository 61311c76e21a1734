from rest_framework import serializers

from iooffice.api.serializers import StrictSerializerMixin

from .models import CommitteeTerm, DocumentType, Issuer


class DocumentTypeSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = DocumentType
        fields = ["id", "abbreviation", "name", "is_active", "sort_order"]


class IssuerSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = Issuer
        fields = ["id", "code", "name", "org_unit", "valid_from", "valid_to"]


class CommitteeTermSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    class Meta:
        model = CommitteeTerm
        fields = ["id", "name", "start_date", "end_date", "is_current"]
        read_only_fields = ["is_current"]
