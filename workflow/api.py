"""/api/v1/deadlines/: the overdue overview of department heads and agency leaders (403 for anyone else)."""
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import policies, selectors


class DeadlineRowSerializer(serializers.Serializer):
    source = serializers.CharField(source="item.source", help_text="assignment | approval_step")
    item_id = serializers.IntegerField(source="item.pk", help_text="the assignment's or the approval run's id")
    document = serializers.IntegerField(source="document.pk")
    document_kind = serializers.CharField(source="document.kind")
    summary = serializers.CharField(source="document.summary")
    work = serializers.CharField(source="item.label")
    unit = serializers.IntegerField(source="unit.pk", allow_null=True, default=None)
    unit_name = serializers.CharField(source="unit.name", allow_null=True, default=None)
    holder = serializers.CharField()
    deadline = serializers.DateField(source="item.due")
    state = serializers.ChoiceField(choices=[selectors.OVERDUE, selectors.DUE_SOON])
    working_days_late = serializers.IntegerField()
    working_days_left = serializers.IntegerField()


class DeadlineQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=[selectors.OVERDUE, selectors.DUE_SOON], required=False)
    unit = serializers.IntegerField(required=False)


class DeadlineListView(APIView):
    @extend_schema(parameters=[OpenApiParameter("state", str, enum=[selectors.OVERDUE, selectors.DUE_SOON]),
                               OpenApiParameter("unit", int)],
                   responses=DeadlineRowSerializer(many=True))
    def get(self, request):
        """Overdue and due-soon work in the caller's units, most late first (working days)."""
        if policies.deadline_scope_units(request.user) is None:
            raise PermissionDenied
        query = DeadlineQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = selectors.deadline_rows_for(request.user, today=timezone.localdate(), state=query.validated_data.get("state"),
                                           unit_id=query.validated_data.get("unit"))
        return Response(DeadlineRowSerializer(rows, many=True).data)
