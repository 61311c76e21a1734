from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from iooffice.api.permissions import IsAdministrator

from .models import AuditEvent


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = [
            "id", "occurred_at", "actor", "actor_label", "action", "object_type", "object_id",
            "object_repr", "ip_address", "user_agent", "details",
        ]


class AuditEventFilter(filters.FilterSet):
    occurred_after = filters.IsoDateTimeFilter(field_name="occurred_at", lookup_expr="gte")
    occurred_before = filters.IsoDateTimeFilter(field_name="occurred_at", lookup_expr="lt")
    action_prefix = filters.CharFilter(field_name="action", lookup_expr="startswith")

    class Meta:
        model = AuditEvent
        fields = ["actor", "action", "object_type", "object_id", "ip_address"]


class AuditEventViewSet(viewsets.ReadOnlyModelViewSet):
    """Administrators browse and filter the audit trail; there is no way to change it."""

    queryset = AuditEvent.objects.all()
    serializer_class = AuditEventSerializer
    permission_classes = [IsAdministrator]
    filterset_class = AuditEventFilter
    search_fields = ["actor_label", "object_repr", "action"]
    ordering_fields = ["occurred_at", "id"]
